package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine (local[2]) against the local engine on a small registry: every ad-hoc command's JSON
 * has the same keys, strings, integers and booleans, and numbers equal to 1e-12 relative (absolute below 1,
 * where a coefficient near 0 carries the rounding of its sums; odds ratios and their limits on the log scale,
 * where a separated model's huge estimate would otherwise be amplified by exp); CSV and Parquet give the same answers; two
 * runs give the same bytes; bad input is one clear error, exit 2, nothing on stdout.
 */
@Tag("spark")
class SparkEngineTest {
  static final double TOLERANCE = 1e-12;

  @TempDir static Path dir;
  static Path csv;
  static Path parquet;

  /**
   * A registry of 1,500 patients: ages, sex, a tumour size with missing values and ties, a grade with a
   * missing level, a numeric stage, follow-up with tied times, an event status, a binary outcome, a duplicated
   * age column (aliased in a model) and a site whose rare level C never relapses (quasi-complete separation).
   */
  @BeforeAll
  static void registry() throws IOException {
    csv = dir.resolve("registry.csv");
    writeRegistry(csv, 1500);
    parquet = dir.resolve("registry.parquet");
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).write()
        .parquet(parquet.toString());
  }

  static void writeRegistry(Path file, int rows) throws IOException {
    Random random = new Random(26);
    StringBuilder s = new StringBuilder("id,age,sex,size_mm,grade,stage,months,status,lvi,age_copy,site,relapse\n");
    String[] grades = {"G1", "G2", "G3", ""};
    for (int i = 0; i < rows; i++) {
      int age = 30 + random.nextInt(55);
      String sex = random.nextBoolean() ? "F" : "M";
      String size = random.nextInt(10) == 0 ? "" : String.format(Locale.ROOT, "%.1f", 2 + random.nextDouble() * 18);
      String grade = grades[random.nextInt(10) < 5 ? 0 : random.nextInt(4)];
      int stage = 1 + random.nextInt(3);
      double months = Math.round(random.nextDouble() * 120 * 4) / 4.0;
      double risk = 1 / (1 + Math.exp(-(-3 + 0.03 * age + ("G3".equals(grade) ? 0.8 : 0))));
      int status = random.nextDouble() < risk ? 1 : 0;
      String lvi = random.nextDouble() < 1 / (1 + Math.exp(-(-4 + 0.05 * age + 0.4 * stage))) ? "yes" : "no";
      String site = random.nextInt(21) == 0 ? "C" : random.nextBoolean() ? "A" : "B";
      String relapse = !site.equals("C") && random.nextDouble() < 0.4 ? "yes" : "no";
      s.append("P").append(i).append(',').append(age).append(',').append(sex).append(',').append(size).append(',')
          .append(grade).append(',').append(stage).append(',').append(months).append(',').append(status).append(',')
          .append(lvi).append(',').append(age).append(',').append(site)
          .append(',').append(relapse).append('\n');
    }
    Files.writeString(file, s);
  }

  static List<String[]> commands() {
    return List.of(
        new String[] {"describe", "--by", "sex", "--vars", "age,size_mm,grade,stage,months", "--categorical", "stage"},
        new String[] {"describe", "--by", "grade", "--vars", "age,size_mm,sex", "--test", "size_mm=kruskal"},
        new String[] {"describe", "--by", "sex", "--vars", "age,size_mm,lvi", "--test", "age=mann-whitney,size_mm=t,lvi=fisher"},
        new String[] {"logistic", "--outcome", "lvi", "--event", "yes", "--terms", "age,sex,size_mm,grade,stage",
            "--categorical", "stage"},
        new String[] {"logistic", "--outcome", "status", "--event", "1", "--terms", "age,age_copy,grade"},
        new String[] {"logistic", "--outcome", "relapse", "--event", "yes", "--terms", "site,sex"},
        new String[] {"survival", "--time", "months", "--event", "status", "--by", "grade"},
        new String[] {"survival", "--time", "months", "--event", "status"},
        new String[] {"linear", "--outcome", "size_mm", "--terms", "age,sex,grade,stage", "--categorical", "stage",
            "--se", "hc3"},
        new String[] {"cuminc", "--time", "months", "--status", "grade", "--event", "G3", "--censor", "G1", "--by",
            "sex"});
  }

  static String[] with(String[] command, String... more) {
    return Stream.concat(Stream.of(command), Stream.of(more)).toArray(String[]::new);
  }

  static CliRun run(String[] command, Path data, String... more) {
    CliRun r = CliRun.of(with(with(command, "--data", data.toString(), "--json"), more));
    assertEquals(0, r.code(), String.join(" ", command) + ": " + r.err());
    return r;
  }

  /** Each command: Spark on the CSV equals the local engine, a second run gives the same bytes, Parquet the same answer. */
  @Test
  void everyCommandEqualsTheLocalEngineOnCsvAndParquet() {
    for (String[] command : commands()) {
      String name = String.join(" ", command);
      JsonNode local = run(command, csv).json();
      CliRun spark = run(command, csv, "--engine", "spark", "--master", "local[2]");
      same(name, local, spark.json());
      assertEquals(spark.out(), run(command, csv, "--engine", "spark", "--master", "local[2]").out(),
          "two runs, same bytes: " + name);
      same("parquet: " + name, local, run(command, parquet, "--engine", "spark", "--master", "local[2]").json());
    }
  }

  /**
   * Only aggregates reach the driver: with ten times the rows (3,000 and 30,000, the same distinct values and
   * times), the bytes the tasks send back (Spark's resultSize: partials, tallies, order statistics, and each
   * task's fixed metrics) stay about the same; rows brought back would grow them tenfold.
   */
  @Test
  void noCommandBringsTheRowsToTheDriver() throws Exception {
    Path small = dir.resolve("registry-3000.csv");
    Path big = dir.resolve("registry-30000.csv");
    writeRegistry(small, 3_000);
    writeRegistry(big, 30_000);
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
    SparkSession.active().sparkContext().addSparkListener(listener);
    try {
      for (String[] command : commands()) {
        long[] used = new long[2];
        Path[] files = {small, big};
        for (int k = 0; k < 2; k++) {
          long before;
          synchronized (resultBytes) {
            before = resultBytes[0];
          }
          run(command, files[k], "--engine", "spark", "--master", "local[2]");
          SparkSession.active().sparkContext().listenerBus().waitUntilEmpty();
          synchronized (resultBytes) {
            used[k] = resultBytes[0] - before;
          }
        }
        assertTrue(used[0] > 0 && used[1] < 2 * used[0], String.join(" ", command) + ": " + used[0]
            + " bytes of task results for 3,000 rows, " + used[1] + " for 30,000");
      }
    } finally {
      SparkSession.active().sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  void theSeparatedAndAliasedModelsSaySo() {
    JsonNode separated = run(commands().get(5), csv, "--engine", "spark").json();
    assertTrue(separated.get("separation").asBoolean(), separated.toString());
    JsonNode aliased = run(commands().get(4), csv, "--engine", "spark").json();
    assertEquals("age_copy", aliased.get("aliased").get(0).asText(), aliased.toString());
  }

  @Test
  void aMissingParquetColumnIsOneErrorNamingFileAndColumn() {
    CliRun r = CliRun.of("survival", "--data", parquet.toString(), "--time", "month", "--event", "status",
        "--engine", "spark", "--json");
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(parquet.toString()) && r.err().contains("'month': no such column")
        && r.err().contains("did you mean 'months'"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void aParquetColumnOfTheWrongKindIsOneError() {
    CliRun r = CliRun.of("survival", "--data", parquet.toString(), "--time", "sex", "--event", "status",
        "--engine", "spark", "--json");
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(parquet.toString()) && r.err().contains("column 'sex'"), r.err());
  }

  @Test
  void anUnreadablePathIsOneErrorNamingIt() {
    Path missing = dir.resolve("no-such-registry.parquet");
    CliRun r = CliRun.of("describe", "--data", missing.toString(), "--by", "sex", "--engine", "spark", "--json");
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("studybook: cannot read " + missing), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void anUnreachableMasterIsOneErrorNamingIt() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String master = "spark://127.0.0.1:" + port;
    CliRun r = CliRun.of("describe", "--data", csv.toString(), "--by", "sex", "--engine", "spark", "--master", master,
        "--json");
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("Spark master '" + master + "' cannot be reached"), r.err());
  }

  /** Same keys in the same order, same strings, integers and booleans; numbers to {@link #TOLERANCE}. */
  static void same(String where, JsonNode expected, JsonNode actual) {
    List<String> problems = new ArrayList<>();
    compare("", expected, actual, problems);
    if (!problems.isEmpty()) {
      fail(where + ": " + problems.size() + " differences, e.g. " + problems.subList(0, Math.min(5, problems.size())));
    }
  }

  /** Keys whose numbers are exp(estimate or limit): compared on the log scale. */
  static final List<String> EXPONENTIATED = List.of(".or", ".ci_low", ".ci_high");

  private static void compare(String path, JsonNode e, JsonNode a, List<String> problems) {
    if (e.isObject()) {
      List<String> ek = new ArrayList<>();
      List<String> ak = new ArrayList<>();
      e.fieldNames().forEachRemaining(ek::add);
      a.fieldNames().forEachRemaining(ak::add);
      if (!ek.equals(ak)) {
        problems.add(path + " keys " + ek + " vs " + ak);
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        compare(path + "." + f.getKey(), f.getValue(), a.get(f.getKey()), problems);
      }
    } else if (e.isArray()) {
      if (!a.isArray() || a.size() != e.size()) {
        problems.add(path + " array of " + e.size() + " vs " + a);
        return;
      }
      for (int i = 0; i < e.size(); i++) {
        compare(path + "[" + i + "]", e.get(i), a.get(i), problems);
      }
    } else if (e.isFloatingPointNumber() || a.isFloatingPointNumber()) {
      double x = e.asDouble();
      double y = a.asDouble();
      if (EXPONENTIATED.stream().anyMatch(path::endsWith) && x > 0 && y > 0) {
        // an odds ratio and its limits are exp of the linear scale, where the tolerance applies
        x = Math.log(x);
        y = Math.log(y);
      }
      if (!(x == y || Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y))))) {
        problems.add(path + " " + x + " vs " + y);
      }
    } else if (!e.equals(a)) {
      problems.add(path + " " + e + " vs " + a);
    }
  }
}
