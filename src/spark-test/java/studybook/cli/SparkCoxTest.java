package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cox command on Spark (local[2]) against the local engine: the JSON of CONTRACT.md (coefficients, hazard
 * ratios, limits, the three tests, concordance, cox.zph, n, events and rows left out) equal to 1e-12 relative with
 * integers and strings exact, on the twin, a generated registry and the small registry of {@link SparkEngineTest}
 * (tied times, missing values, categorical and continuous terms, strata, Breslow ties), CSV and Parquet; two runs
 * give the same bytes; the text output is the local engine's; bad input is the local engine's error, and the
 * options that do not run on Spark are refused, exit 2, nothing on stdout.
 */
@Tag("spark")
class SparkCoxTest {
  @TempDir static Path dir;
  static Path small;
  static Path smallParquet;
  static Path registry;
  static Path registryParquet;
  static final Path TWIN = Path.of("data/rectal_net_twin.csv");

  @BeforeAll
  static void data() throws IOException {
    small = dir.resolve("small.csv");
    SparkEngineTest.writeRegistry(small, 1500);
    registry = dir.resolve("registry.csv");
    studybook.bench.RegistryGenerator.write(registry, 20_000, 1);
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    smallParquet = dir.resolve("small.parquet");
    registryParquet = dir.resolve("registry.parquet");
    spark.read().option("header", "true").option("inferSchema", "true").csv(small.toString()).write()
        .parquet(smallParquet.toString());
    spark.read().option("header", "true").option("inferSchema", "true").csv(registry.toString()).write()
        .parquet(registryParquet.toString());
  }

  static final String[] SMALL_MODEL = {"cox", "--time", "months", "--event", "status", "--terms",
      "age,sex,size_mm,grade,stage", "--categorical", "stage"};
  static final String[] REGISTRY_MODEL = {"cox", "--time", "followup_months", "--event", "recurrence", "--event-value",
      "yes", "--terms", "age,tumor_size_mm,lvi,grade,resection_margin"};

  static List<String[]> commands() {
    return List.of(
        SMALL_MODEL,
        SparkEngineTest.with(SMALL_MODEL, "--ties", "breslow"),
        new String[] {"cox", "--time", "months", "--event", "status", "--terms", "age,grade", "--strata", "sex"},
        new String[] {"cox", "--time", "months", "--event", "status", "--terms", "site", "--strata", "stage"},
        REGISTRY_MODEL,
        SparkEngineTest.with(REGISTRY_MODEL, "--strata", "er_method"));
  }

  private static JsonNode json(String[] command, Path data, String... more) {
    return SparkEngineTest.run(command, data, more).json();
  }

  @Test
  void everyModelEqualsTheLocalEngineOnCsvAndParquet() {
    for (String[] command : commands()) {
      boolean onRegistry = command[2].equals("followup_months");
      Path csv = onRegistry ? registry : small;
      Path parquet = onRegistry ? registryParquet : smallParquet;
      String name = String.join(" ", command);
      JsonNode local = json(command, csv);
      assertTrue(local.get("ph_test").isObject() && local.get("concordance").isNumber(), name + ": " + local);
      CliRun spark = SparkEngineTest.run(command, csv, "--engine", "spark", "--master", "local[2]");
      SparkEngineTest.same(name, local, spark.json());
      assertEquals(spark.out(), SparkEngineTest.run(command, csv, "--engine", "spark", "--master", "local[2]").out(),
          "two runs, same bytes: " + name);
      SparkEngineTest.same("parquet: " + name, local, json(command, parquet, "--engine", "spark", "--master",
          "local[2]"));
    }
  }

  /**
   * The twin has no recurrence, so its one event column, lymphovascular invasion, stands in (the fit's mechanics,
   * not a clinical model); the fit without events is the local engine's too.
   */
  @Test
  void theTwinEqualsTheLocalEngine() {
    String[] none = {"cox", "--time", "followup_months", "--event", "recurrence", "--event-value", "yes", "--terms",
        "age,sex,tumor_size_mm,lvi,grade"};
    SparkEngineTest.same("twin, no events", json(none, TWIN), json(none, TWIN, "--engine", "spark"));
    String[] command = {"cox", "--time", "followup_months", "--event", "lvi", "--event-value", "positive", "--terms",
        "age,sex,tumor_size_mm,grade,er_method"};
    JsonNode local = json(command, TWIN);
    assertTrue(local.get("events").asInt() > 0, local.toString());
    SparkEngineTest.same("twin", local, json(command, TWIN, "--engine", "spark", "--master", "local[2]"));
  }

  /** The text report too: the same lines as the local engine's (numbers at their printed precision). */
  @Test
  void theTextReportIsTheLocalEngines() {
    String[] args = SparkEngineTest.with(SMALL_MODEL, "--data", small.toString());
    CliRun local = CliRun.of(args);
    CliRun spark = CliRun.of(SparkEngineTest.with(args, "--engine", "spark", "--master", "local[2]"));
    assertEquals(0, spark.code(), spark.err());
    assertEquals(local.out(), spark.out());
    assertTrue(spark.out().contains("Proportional hazards (cox.zph"), spark.out());
  }

  /** A typo in a term, the time or the status, and a constant term: the local engine's error, exit 2. */
  @Test
  void badInputIsTheLocalEnginesError() throws IOException {
    Path constant = dir.resolve("constant.csv");
    Files.writeString(constant, "t,e,x,k\n1,1,0.5,3\n2,0,1.5,3\n3,1,0.25,3\n4,1,2.5,3\n5,0,1,3\n6,1,3,\n");
    List<String[]> bad = List.of(
        new String[] {"cox", "--data", small.toString(), "--time", "months", "--event", "status", "--terms", "age,sexx"},
        new String[] {"cox", "--data", small.toString(), "--time", "month", "--event", "status", "--terms", "age"},
        new String[] {"cox", "--data", small.toString(), "--time", "months", "--event", "statu", "--terms", "age"},
        new String[] {"cox", "--data", constant.toString(), "--time", "t", "--event", "e", "--terms", "x,k"},
        new String[] {"cox", "--data", small.toString(), "--time", "months", "--event", "status", "--terms",
            "age,age_copy"});
    for (String[] args : bad) {
      CliRun local = CliRun.of(SparkEngineTest.with(args, "--json"));
      CliRun spark = CliRun.of(SparkEngineTest.with(args, "--json", "--engine", "spark", "--master", "local[2]"));
      assertEquals(2, local.code(), local.err());
      assertEquals(2, spark.code(), spark.err());
      assertEquals("", spark.out());
      assertEquals(local.err(), spark.err(), String.join(" ", args));
    }
  }

  /**
   * Times that differ by rounding error only are one time (coxph's timefix), and a group without events gives a
   * diverged coefficient (monotone likelihood): both as the local engine has them.
   */
  @Test
  void timefixAndMonotoneLikelihoodAreTheLocalEngines() throws IOException {
    Path file = dir.resolve("edge.csv");
    StringBuilder s = new StringBuilder("t,e,g,x\n");
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 300; i++) {
      String g = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "z";
      double t = 0.1 * (1 + random.nextInt(40));
      // the same time, and the same plus 1e-10 (within coxph's sqrt(machine epsilon))
      String time = Double.toString(random.nextBoolean() ? t : t + 1e-10);
      int e = g.equals("z") ? 0 : random.nextInt(3) == 0 ? 0 : 1;
      s.append(time).append(',').append(e).append(',').append(g).append(',').append(random.nextInt(50)).append('\n');
    }
    Files.writeString(file, s);
    String[] command = {"cox", "--time", "t", "--event", "e", "--terms", "g,x"};
    JsonNode local = json(command, file);
    assertEquals("g=z", local.get("diverged").get(0).asText(), local.toString());
    SparkEngineTest.same("edge", local, json(command, file, "--engine", "spark", "--master", "local[2]"));
  }

  /** Each option the Spark engine does not run is refused before any work, naming itself. */
  @Test
  void optionsThatNeedEachRowAreRefused() {
    String[] base = {"cox", "--data", small.toString(), "--time", "months", "--event", "status", "--terms", "age",
        "--json", "--engine", "spark", "--master", "local[2]"};
    String[][] options = {{"--start", "age"}, {"--landmark", "12"}, {"--weights", "stage"}, {"--cluster", "site"},
        {"--imputations", dir.resolve("imp-*.csv").toString()}};
    for (String[] option : options) {
      CliRun r = CliRun.of(SparkEngineTest.with(base, option));
      assertEquals(2, r.code(), r.err());
      assertEquals("", r.out());
      assertTrue(r.err().contains("cox does not run on Spark with " + option[0]), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  /**
   * Only aggregates reach the driver: with ten times the rows (20,000 and 200,000, the same distinct times and
   * covariate patterns), the bytes each task sends back stay about the same (the larger file has more partitions,
   * each returning its own sums).
   */
  @Test
  void coxDoesNotBringTheRowsToTheDriver() throws Exception {
    Path a = dir.resolve("rows-20000.csv");
    Path b = dir.resolve("rows-200000.csv");
    SparkEngineTest.writeRegistry(a, 20_000);
    SparkEngineTest.writeRegistry(b, 200_000);
    String[] command = {"cox", "--time", "months", "--event", "status", "--terms", "sex,grade,stage", "--categorical",
        "stage"};
    long[] resultBytes = new long[2];
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          synchronized (resultBytes) {
            resultBytes[0] += end.taskMetrics().resultSize();
            resultBytes[1]++;
          }
        }
      }
    };
    SparkSession.active().sparkContext().addSparkListener(listener);
    try {
      double[] used = new double[2];
      Path[] files = {a, b};
      for (int k = 0; k < 2; k++) {
        long before;
        long tasks;
        synchronized (resultBytes) {
          before = resultBytes[0];
          tasks = resultBytes[1];
        }
        SparkEngineTest.run(command, files[k], "--engine", "spark", "--master", "local[2]");
        SparkSession.active().sparkContext().listenerBus().waitUntilEmpty();
        synchronized (resultBytes) {
          used[k] = (resultBytes[0] - before) / (double) (resultBytes[1] - tasks);
        }
      }
      assertTrue(used[0] > 0 && used[1] < 2 * used[0], used[0] + " bytes per task result for 20,000 rows, " + used[1]
          + " for 200,000");
    } finally {
      SparkSession.active().sparkContext().removeSparkListener(listener);
    }
  }
}
