package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linear --engine spark} against the local engine: the R reference cases (categorical terms, missing values,
 * exactly collinear and aliased designs, a high-leverage point; classical and HC3), the twin, a generated registry
 * and SparkEngineTest's registry as CSV and Parquet: the same JSON (integers and strings exactly, numbers to 1e-12
 * relative), the same notes, the same bytes on a second run, the same readable table. A typo is the local engine's
 * error; weighted fits run too; the options that do not run on Spark are refused, exit 2. (SparkEngineTest runs linear and cuminc among its
 * commands: no rows reach the driver.)
 */
@Tag("spark")
class SparkLinearTest {
  @TempDir static Path dir;
  static Path csv;
  static Path parquet;
  static Path registry;

  @BeforeAll
  static void data() throws IOException {
    csv = dir.resolve("registry.csv");
    SparkEngineTest.writeRegistry(csv, 1500);
    parquet = dir.resolve("registry.parquet");
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).write()
        .parquet(parquet.toString());
    registry = dir.resolve("generated.csv");
    studybook.bench.RegistryGenerator.write(registry, 20_000, 1);
  }

  /** Models of SparkEngineTest's registry (without --data and --json). */
  static List<String[]> commands() {
    return List.of(
        new String[] {"linear", "--outcome", "size_mm", "--terms", "age,sex,grade,stage", "--categorical", "stage"},
        new String[] {"linear", "--outcome", "size_mm", "--terms", "age,sex,grade,stage", "--categorical", "stage",
            "--se", "hc3"},
        new String[] {"linear", "--outcome", "months", "--terms", "age,age_copy,grade", "--se", "hc3"},
        new String[] {"linear", "--outcome", "age", "--terms", "size_mm,lvi,site", "--levels", "site=C,B,A"});
  }

  static CliRun run(String[] command, String... more) {
    return SparkCumincTest.run(command, more);
  }

  static void sameOnSpark(String[] command) {
    SparkCumincTest.sameOnSpark(command);
  }

  @Test
  void everyCommandEqualsTheLocalEngineOnCsvAndParquet() {
    for (String[] command : commands()) {
      String[] onCsv = SparkEngineTest.with(command, "--data", csv.toString());
      sameOnSpark(onCsv);
      SparkEngineTest.same("parquet: " + String.join(" ", command), run(onCsv, "--json").json(),
          run(SparkEngineTest.with(command, "--data", parquet.toString()), "--json", "--engine", "spark").json());
    }
    JsonNode aliased = run(SparkEngineTest.with(commands().get(2), "--data", csv.toString()), "--json", "--engine",
        "spark").json();
    assertEquals("age_copy", aliased.get("aliased").get(0).asText(), aliased.toString());
    assertEquals("hc3", aliased.get("se_type").asText());
    assertTrue(aliased.get("excluded").asInt() > 0, aliased.toString());
  }

  @Test
  void everyReferenceCaseEqualsTheLocalEngine() throws IOException {
    for (String[] c : LinearCommandTest.csv("cases.csv")) {
      for (String se : List.of("classical", "hc3")) {
        List<String> args = new ArrayList<>(List.of("linear", "--data", LinearCommandTest.reference().resolve(c[1])
            .toString(), "--outcome", c[2], "--terms", c[3].replace(';', ','), "--se", se));
        if (!c[4].isEmpty()) {
          args.addAll(List.of("--categorical", c[4].replace(';', ',')));
        }
        sameOnSpark(args.toArray(new String[0]));
      }
    }
  }

  @Test
  void theTwinAndAGeneratedRegistryEqualTheLocalEngine() {
    sameOnSpark(new String[] {"linear", "--data", "data/rectal_net_twin.csv", "--outcome", "tumor_size_mm", "--terms",
        "age,sex,grade,lvi,er_method"});
    sameOnSpark(new String[] {"linear", "--data", "data/rectal_net_twin.csv", "--outcome", "ki67_percent", "--terms",
        "age,tumor_size_mm,grade", "--se", "hc3"});
    sameOnSpark(new String[] {"linear", "--data", registry.toString(), "--outcome", "ki67_percent", "--terms",
        "age,tumor_size_mm,distance_av_cm,grade,er_method,sex", "--se", "hc3"});
  }

  /** The readable table (not --json) is the local engine's, line for line. */
  @Test
  void theTableIsTheLocalEngines() {
    String[] command = SparkEngineTest.with(commands().get(2), "--data", csv.toString());
    CliRun local = run(command);
    CliRun spark = run(command, "--engine", "spark", "--master", "local[2]");
    assertEquals(local.out(), spark.out());
    assertEquals(local.err(), spark.err());
  }

  /** A mistyped column, a term given twice or as the outcome, a level that does not exist: the local engine's error. */
  @Test
  void aTypoIsTheLocalEnginesError() {
    for (String[] command : new String[][] {
        {"linear", "--data", csv.toString(), "--outcome", "size_mm", "--terms", "agee,sex"},
        {"linear", "--data", csv.toString(), "--outcome", "size_m", "--terms", "age"},
        {"linear", "--data", csv.toString(), "--outcome", "size_mm", "--terms", "age,sex,age"},
        {"linear", "--data", csv.toString(), "--outcome", "size_mm", "--terms", "size_mm,sex"},
        {"linear", "--data", csv.toString(), "--outcome", "size_mm", "--terms", "age,site", "--levels", "site=A,B,C,D"},
        {"linear", "--data", csv.toString(), "--outcome", "size_mm", "--terms", "age", "--se", "hc4"}}) {
      CliRun local = CliRun.of(SparkEngineTest.with(command, "--json"));
      CliRun spark = CliRun.of(SparkEngineTest.with(command, "--json", "--engine", "spark", "--master", "local[2]"));
      assertEquals(2, local.code(), local.err());
      assertEquals(2, spark.code(), spark.err());
      assertEquals("", spark.out());
      assertEquals(local.err(), spark.err(), String.join(" ", command));
      assertEquals(1, spark.err().strip().lines().count(), spark.err());
    }
  }

  /**
   * Weighted least squares ([X y]'W[X y] over the rows of positive weight): the local engine's fit, classical and
   * HC3, with the rows of weight 0 left out and said on stderr.
   */
  @Test
  void weightedFitsEqualTheLocalEngine() {
    sameOnSpark(new String[] {"linear", "--data", csv.toString(), "--outcome", "size_mm", "--terms", "age,sex,grade",
        "--weights", "stage"});
    String[] zeros = {"linear", "--data", csv.toString(), "--outcome", "size_mm", "--terms", "age,sex,grade",
        "--weights", "status", "--se", "hc3"};
    sameOnSpark(zeros);
    assertTrue(run(zeros, "--json", "--engine", "spark").err().contains("rows with weight 0 left out"));
    for (String[] bad : new String[][] {{"--weights", "sex"}, {"--weights", "age"}, {"--weights", "stag"}}) {
      CliRun r = CliRun.of(SparkEngineTest.with(new String[] {"linear", "--data", csv.toString(), "--outcome", "size_mm",
          "--terms", "age,grade", "--json", "--engine", "spark"}, bad));
      assertEquals(2, r.code(), r.err());
      assertEquals("", r.out());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  /** --cluster and --imputations do not run on Spark: each is refused before any work, exit 2. */
  @Test
  void optionsThatDoNotRunOnSparkAreRefused() {
    for (String[] more : new String[][] {{"--cluster", "grade"}, {"--imputations", dir.resolve("imp-*.csv").toString()}}) {
      List<String> args = new ArrayList<>(List.of("linear", "--outcome", "size_mm", "--terms", "age,sex", "--json",
          "--engine", "spark", "--master", "local[2]"));
      if (!more[0].equals("--imputations")) {
        args.addAll(List.of("--data", csv.toString()));
      }
      args.addAll(List.of(more));
      CliRun r = CliRun.of(args.toArray(new String[0]));
      assertEquals(2, r.code(), r.err());
      assertEquals("", r.out());
      assertTrue(r.err().contains("--engine spark fits linear models without --cluster and --imputations"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }
}
