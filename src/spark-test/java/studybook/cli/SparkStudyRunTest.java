package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.bench.RegistryGenerator;

/**
 * Study runs on Spark ({@code run --engine spark --master local[2]}) against the local engine on a registry
 * with the default study's codebook: the cohort cells of the rectal NET study (its Cohort.java, unchanged:
 * derived factors, filters, counts, the rule described, 2x2 Pearson contrasts) give the same results.json, tables
 * and report; the whole default study is refused before any work with every cell that cannot run on Spark named,
 * exit 2 and nothing written.
 */
@Tag("spark")
class SparkStudyRunTest {
  @TempDir static Path dir;
  static Path registry;
  static final Path REPO = Path.of("").toAbsolutePath();

  @BeforeAll
  static void registry() {
    registry = dir.resolve("registry.csv");
    RegistryGenerator.write(registry, 4000, 7);
  }

  /**
   * The default study's cohort and survival cells: bench/spark-study (its Subsets.java, template and settings) with
   * the study's own analysis/Cohort.java and codebook, unchanged.
   */
  static synchronized Path cohortStudy() throws IOException {
    Path s = dir.resolve("cohort-study");
    if (Files.exists(s.resolve("study.properties"))) {
      return s;
    }
    copy(REPO.resolve("bench/spark-study"), s);
    Files.createDirectories(s.resolve("data"));
    Files.copy(REPO.resolve("analysis/Cohort.java"), s.resolve("analysis/Cohort.java"));
    Files.copy(REPO.resolve("data/codebook.csv"), s.resolve("data/codebook.csv"));
    return s;
  }

  static CliRun run(Path study, String out, String... engine) {
    String[] args = Stream.concat(Stream.of("run", "--study", study.toString(), "--data", registry.toString(),
        "--out", out, "--no-cache", "--quiet"), Stream.of(engine)).toArray(String[]::new);
    return CliRun.of(args);
  }

  @Test
  void theCohortCellsGiveTheLocalEnginesResultsTablesAndReport() throws IOException {
    Path s = cohortStudy();
    CliRun local = run(s, "local");
    assertEquals(0, local.code(), local.err());
    CliRun spark = run(s, "spark", "--engine", "spark", "--master", "local[2]");
    assertEquals(0, spark.code(), spark.err());
    ObjectMapper m = new ObjectMapper();
    JsonNode a = m.readTree(s.resolve("local/results.json").toFile());
    JsonNode b = m.readTree(s.resolve("spark/results.json").toFile());
    assertTrue(a.get("cohort").get("total").asInt() == 4000 && a.get("curativeContrasts").size() > 0, a.toString());
    assertTrue(a.get("recurrenceFreeSurvival").toString().contains("logRank"), a.get("recurrenceFreeSurvival").toString());
    // A frame's "hash" names its content: the SHA-256 of every row in order, which cannot be made without bringing
    // the rows to the driver; a Spark frame's hash is that of its plan (the data's hash and every step), so it is
    // the one entry that differs by design. Every number and count beside it must be the same.
    for (String frame : List.of("studyData", "nonCurative")) {
      assertTrue(a.get(frame).has("hash") && b.get(frame).has("hash"), frame);
      ((com.fasterxml.jackson.databind.node.ObjectNode) a.get(frame)).remove("hash");
      ((com.fasterxml.jackson.databind.node.ObjectNode) b.get(frame)).remove("hash");
    }
    same("results.json", a, b);
    // the Table 1 cells (Table1 and GroupTable.of; numbers and levels, two and three groups) ran on both engines
    assertTrue(a.has("characteristics") && a.has("lesions"), a.toString());
    String report = Files.readString(s.resolve("local/report.md"));
    assertTrue(report.contains("mean ± SD") && report.contains("median (IQR)") && report.contains("n (%)"), report);
    assertEquals(report, Files.readString(s.resolve("spark/report.md")));
    assertEquals(Files.exists(s.resolve("local/tables")), Files.exists(s.resolve("spark/tables")));
    if (!Files.exists(s.resolve("local/tables"))) {
      return;
    }
    try (Stream<Path> tables = Files.list(s.resolve("local/tables"))) {
      for (Path t : tables.toList()) {
        sameCsv(t.toString(), Files.readString(t), Files.readString(s.resolve("spark/tables").resolve(t.getFileName())));
      }
    }
  }

  /**
   * The default study's Tables 1 and 2 (its analysis/Characteristics.java, unchanged: GroupTable.of over numbers and
   * levels with the codebook's summaries) run on Spark and give the local engine's results and table CSVs.
   */
  @Test
  void theDefaultStudysTables1And2GiveTheLocalEnginesNumbers() throws IOException {
    Path s = dir.resolve("tables-study");
    copy(REPO.resolve("bench/spark-study"), s);
    Files.createDirectories(s.resolve("data"));
    for (String f : List.of("analysis/Cohort.java", "analysis/Characteristics.java", "data/codebook.csv")) {
      Files.copy(REPO.resolve(f), s.resolve(f));
    }
    CliRun local = run(s, "local");
    assertEquals(0, local.code(), local.err());
    CliRun spark = run(s, "spark", "--engine", "spark", "--master", "local[2]");
    assertEquals(0, spark.code(), spark.err());
    ObjectMapper m = new ObjectMapper();
    JsonNode a = m.readTree(s.resolve("local/results.json").toFile());
    JsonNode b = m.readTree(s.resolve("spark/results.json").toFile());
    assertTrue(a.has("table1") && a.has("table2"), a.toString());
    same("table1", a.get("table1"), b.get("table1"));
    same("table2", a.get("table2"), b.get("table2"));
    for (String t : List.of("table1.csv", "table2.csv")) {
      sameCsv(t, Files.readString(s.resolve("local/tables").resolve(t)), Files.readString(s.resolve("spark/tables")
          .resolve(t)));
    }
  }

  /** The same registry as one Parquet file (as Spark writes it, columns typed by inference) gives the CSV's results. */
  @Test
  void parquetGivesTheSameResultsAsTheCsv() throws IOException {
    Path s = cohortStudy();
    Path parts = dir.resolve("registry-parquet");
    org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.read().option("header", "true").option("inferSchema", "true").csv(registry.toString()).coalesce(1).write()
        .parquet(parts.toString());
    Path parquet;
    try (Stream<Path> files = Files.list(parts)) {
      parquet = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    CliRun local = run(s, "csv-local");
    assertEquals(0, local.code(), local.err());
    CliRun r = CliRun.of("run", "--study", s.toString(), "--data", parquet.toString(), "--out", "parquet-spark",
        "--no-cache", "--quiet", "--engine", "spark", "--master", "local[2]");
    assertEquals(0, r.code(), r.err());
    ObjectMapper m = new ObjectMapper();
    JsonNode a = m.readTree(s.resolve("csv-local/results.json").toFile());
    JsonNode b = m.readTree(s.resolve("parquet-spark/results.json").toFile());
    for (String frame : List.of("studyData", "nonCurative")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) a.get(frame)).remove("hash");
      ((com.fasterxml.jackson.databind.node.ObjectNode) b.get(frame)).remove("hash");
    }
    same("parquet", a, b);
  }

  @Test
  void theWholeDefaultStudyIsRefusedBeforeAnyWorkWithEachCellAndWhy() throws IOException {
    Path s = dir.resolve("default-study");
    for (String sub : List.of("analysis", "templates", "data")) {
      copy(REPO.resolve(sub), s.resolve(sub));
    }
    Files.copy(REPO.resolve("study.properties"), s.resolve("study.properties"));
    CliRun r = run(s, "reports", "--engine", "spark", "--master", "local[2]");
    assertEquals(2, r.code(), r.err());
    for (String cell : List.of("Outcomes.table4", "Figures.recurrenceCurve")) {
      assertTrue(r.err().contains(cell + ":"), cell + " named: " + r.err());
    }
    assertTrue(r.err().contains("SurvivalData.time() asks for the rows as Java arrays"), r.err());
    for (String runs : List.of("Cohort.studyData", "Cohort.cohort", "Cohort.curativeContrasts", "Outcomes.nonCurative",
        "Outcomes.recurrenceFreeSurvival", "Figures.flow", "Outcomes.table3", "Figures.oddsRatios")) {
      assertFalse(r.err().contains(runs + ":"), runs + " runs on Spark: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(s.resolve("reports")), "nothing written");
  }

  /**
   * Only counts reach the driver: with ten times the patients (10,000 and 100,000; the same levels and, nearly,
   * the same distinct follow-up times), the bytes the study run's tasks send back (Spark's resultSize) stay about
   * the same; rows brought back would grow them tenfold.
   */
  @Test
  void noCellBringsTheRowsToTheDriver() throws Exception {
    Path s = cohortStudy();
    Path small = dir.resolve("registry-10000.csv");
    Path big = dir.resolve("registry-100000.csv");
    RegistryGenerator.write(small, 10_000, 3);
    RegistryGenerator.write(big, 100_000, 3);
    org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    long[] resultBytes = new long[1];
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          synchronized (resultBytes) {
            resultBytes[0] += end.taskMetrics().resultSize();
          }
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      long[] used = new long[2];
      Path[] files = {small, big};
      for (int k = 0; k < 2; k++) {
        long before;
        synchronized (resultBytes) {
          before = resultBytes[0];
        }
        CliRun r = CliRun.of("run", "--study", s.toString(), "--data", files[k].toString(), "--out", "size" + k,
            "--no-cache", "--quiet", "--engine", "spark", "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        spark.sparkContext().listenerBus().waitUntilEmpty();
        synchronized (resultBytes) {
          used[k] = resultBytes[0] - before;
        }
      }
      assertTrue(used[0] > 0 && used[1] < 2 * used[0], used[0] + " bytes of task results for 10,000 rows, " + used[1]
          + " for 100,000");
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  /** A registry value the codebook does not allow is one error naming the file, column and value; nothing written. */
  @Test
  void aValueTheCodebookRefusesIsOneClearError() throws IOException {
    Path s = cohortStudy();
    Path bad = dir.resolve("bad.csv");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(registry));
    lines.set(5, lines.get(5).replace(",G1,", ",G3,").replace(",G2,", ",G3,"));
    Files.write(bad, lines);
    CliRun r = CliRun.of("run", "--study", s.toString(), "--data", bad.toString(), "--out", "bad", "--no-cache",
        "--quiet", "--engine", "spark", "--master", "local[2]");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("bad.csv") && r.err().contains("grade") && r.err().contains("G3")
        && r.err().contains("unknown level"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(s.resolve("bad")), "nothing written");
  }

  @Test
  void aCellWithARowLambdaIsNamed() throws IOException {
    Path s = dir.resolve("lambda-study");
    copy(cohortStudy(), s);
    Files.writeString(s.resolve("analysis/Score.java"), """
        import studybook.data.Frame;
        import studybook.kernel.Cell;

        public class Score {
          @Cell("Age in decades")
          public Frame decades(Frame data) {
            return data.withNumber("age10", row -> row.number("age") / 10);
          }
        }
        """);
    CliRun r = run(s, "reports", "--engine", "spark", "--master", "local[2]");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("Score.decades: Frame.withNumber() computes a number per row with a Java lambda"),
        r.err());
    assertFalse(Files.exists(s.resolve("reports")), "nothing written");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!Files.exists(target)) {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Same keys, strings, booleans and integers; numbers to 1e-12 relative. */
  /**
   * Two tables' CSVs hold the same cells, a number equal to 1e-12 relative (a sum over distinct values on Spark and
   * over rows locally may differ in the last bits), any other cell (counts included) byte for byte.
   */
  static void sameCsv(String where, String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    assertEquals(x.length, y.length, where);
    for (int i = 0; i < x.length; i++) {
      String[] p = x[i].split(",", -1);
      String[] q = y[i].split(",", -1);
      assertEquals(p.length, q.length, where + " line " + (i + 1));
      for (int j = 0; j < p.length; j++) {
        if (p[j].equals(q[j])) {
          continue;
        }
        double u = Double.parseDouble(p[j]);
        double v = Double.parseDouble(q[j]);
        assertTrue(Math.abs(u - v) <= 1e-12 * Math.max(Math.abs(u), Math.abs(v)),
            where + " line " + (i + 1) + ": " + p[j] + " vs " + q[j]);
      }
    }
  }

  static void same(String where, JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber() && !(a.isIntegralNumber() && b.isIntegralNumber())) {
      double x = a.asDouble();
      double y = b.asDouble();
      assertTrue(x == y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)), where + ": " + x + " vs " + y);
      return;
    }
    assertEquals(a.getNodeType(), b.getNodeType(), where);
    if (a.isObject()) {
      assertEquals(iterable(a.fieldNames()), iterable(b.fieldNames()), where);
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        same(where + "." + e.getKey(), e.getValue(), b.get(e.getKey()));
      }
    } else if (a.isArray()) {
      assertEquals(a.size(), b.size(), where);
      for (int i = 0; i < a.size(); i++) {
        same(where + "[" + i + "]", a.get(i), b.get(i));
      }
    } else {
      assertEquals(a, b, where);
    }
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
