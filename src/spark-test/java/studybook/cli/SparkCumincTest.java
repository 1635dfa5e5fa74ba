package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cuminc --engine spark} against the local engine: the R reference cases (mgus2 with its ties and two
 * groups, tied times, three causes, all censored, a group without events, --levels), the twin, a generated
 * registry and a file with missing values, tied times, four groups and a numeric status of three causes, as CSV and
 * Parquet: the same JSON (integers and strings exactly, numbers to 1e-12 relative), the same bytes on a second
 * run, the same readable table, and a mistyped event or censoring value is the local engine's error.
 */
@Tag("spark")
class SparkCumincTest {
  @TempDir static Path dir;
  static Path causes;
  static Path causesParquet;
  static Path registry;

  @BeforeAll
  static void data() throws IOException {
    causes = dir.resolve("causes.csv");
    Random random = new Random(7);
    StringBuilder s = new StringBuilder("id,months,cause,arm,label\n");
    String[] arms = {"A", "B", "C", "D", ""};
    String[] labels = {"censored", "relapse", "death", "other"};
    for (int i = 0; i < 2_000; i++) {
      String months = random.nextInt(40) == 0 ? "" : Double.toString(Math.round(random.nextDouble() * 60 * 2) / 2.0);
      int cause = random.nextInt(10) < 5 ? 0 : 1 + random.nextInt(3);
      String status = random.nextInt(60) == 0 ? "NA" : Integer.toString(cause);
      String arm = arms[random.nextInt(100) < 98 ? random.nextInt(4) : 4];
      s.append("P").append(i).append(',').append(months).append(',').append(status).append(',').append(arm)
          .append(',').append(labels[cause]).append('\n');
    }
    Files.writeString(causes, s);
    causesParquet = dir.resolve("causes.parquet");
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.read().option("header", "true").option("inferSchema", "true").csv(causes.toString()).write()
        .parquet(causesParquet.toString());
    registry = dir.resolve("registry.csv");
    studybook.bench.RegistryGenerator.write(registry, 20_000, 1);
  }

  static Path reference(String file) {
    return CumincCommandTest.reference().resolve(file);
  }

  /** The R reference cases of CumincCommandTest, each as its arguments (without --data's file and --json). */
  static List<String[]> referenceCases() throws IOException {
    List<String[]> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(CumincCommandTest.reference().resolve("cases.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",", -1);
      List<String> args = new ArrayList<>(List.of("cuminc", "--data", reference(c[1]).toString(), "--time", c[2],
          "--status", c[3], "--event", c[4]));
      if (!c[5].isEmpty()) {
        args.addAll(List.of("--censor", c[5]));
      }
      if (!c[6].isEmpty()) {
        args.addAll(List.of("--by", c[6]));
      }
      if (!c[7].isEmpty()) {
        args.addAll(List.of("--levels", c[3] + "=" + c[7].replace(';', ',')));
      }
      out.add(args.toArray(new String[0]));
    }
    return out;
  }

  /** A command run in-process, which must succeed. */
  static CliRun run(String[] command, String... more) {
    String[] args = SparkEngineTest.with(command, more);
    CliRun r = CliRun.of(args);
    assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  /** Local and Spark (local[2]) give the same JSON and notes, and a second Spark run the same bytes. */
  static void sameOnSpark(String[] command) {
    String name = String.join(" ", command);
    CliRun local = run(command, "--json");
    CliRun spark = run(command, "--json", "--engine", "spark", "--master", "local[2]");
    SparkEngineTest.same(name, local.json(), spark.json());
    assertEquals(local.err(), spark.err(), "the same notes: " + name);
    assertEquals(spark.out(), run(command, "--json", "--engine", "spark", "--master", "local[2]").out(),
        "two runs, same bytes: " + name);
  }

  @Test
  void everyReferenceCaseEqualsTheLocalEngine() throws IOException {
    for (String[] command : referenceCases()) {
      sameOnSpark(command);
    }
  }

  @Test
  void theTwinAndAGeneratedRegistryEqualTheLocalEngine() {
    Path twin = Path.of("data/rectal_net_twin.csv");
    sameOnSpark(new String[] {"cuminc", "--data", twin.toString(), "--time", "followup_months", "--status",
        "additional_treatment", "--event", "surgical", "--censor", "none", "--by", "sex"});
    sameOnSpark(new String[] {"cuminc", "--data", twin.toString(), "--time", "followup_months", "--status",
        "resection_margin", "--event", "positive", "--censor", "negative", "--by", "er_method"});
    sameOnSpark(new String[] {"cuminc", "--data", registry.toString(), "--time", "followup_months", "--status",
        "additional_treatment", "--event", "surgical", "--censor", "none", "--by", "er_method"});
  }

  /** Missing times, statuses and groups (counted in "excluded"), tied times, four groups, two competing causes. */
  @Test
  void missingValuesTiesAndSeveralGroupsOnCsvAndParquet() {
    String[] numeric = {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "cause", "--event", "1",
        "--by", "arm"};
    sameOnSpark(numeric);
    JsonNode local = run(numeric, "--json").json();
    assertTrue(local.get("excluded").asInt() > 0 && local.get("groups").size() == 4, local.toString());
    assertEquals(List.of("2", "3"), List.of(local.get("competing").get(0).asText(), local.get("competing").get(1).asText()));
    String[] parquet = numeric.clone();
    parquet[2] = causesParquet.toString();
    SparkEngineTest.same("parquet", local, run(parquet, "--json", "--engine", "spark", "--master", "local[2]").json());
    sameOnSpark(new String[] {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "label", "--event",
        "death"});
    sameOnSpark(new String[] {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "label", "--event",
        "relapse", "--censor", "other", "--by", "arm", "--levels", "arm=D,C,B,A"});
  }

  /** The readable table (not --json) is the local engine's, line for line. */
  @Test
  void theTableIsTheLocalEngines() {
    String[] command = {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "label", "--event",
        "relapse", "--by", "arm"};
    assertEquals(run(command).out(), run(command, "--engine", "spark", "--master", "local[2]").out());
  }

  /** A mistyped event or censoring value, or a missing default censoring, is the local engine's error: exit 2. */
  @Test
  void aTypoIsTheLocalEnginesError() {
    for (String[] command : new String[][] {
        {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "label", "--event", "relapce"},
        {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "label", "--event", "relapse",
            "--censor", "censord"},
        {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "cause", "--event", "relapse"},
        {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "cause", "--event", "0"},
        {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "caus", "--event", "1"},
        {"cuminc", "--data", causes.toString(), "--time", "months", "--status", "cause", "--event", "1", "--by", "armm"}}) {
      CliRun local = CliRun.of(SparkEngineTest.with(command, "--json"));
      CliRun spark = CliRun.of(SparkEngineTest.with(command, "--json", "--engine", "spark", "--master", "local[2]"));
      assertEquals(2, local.code(), local.err());
      assertEquals(2, spark.code(), spark.err());
      assertEquals("", spark.out());
      assertEquals(local.err(), spark.err(), String.join(" ", command));
    }
    String[] words = {"cuminc", "--data", registry.toString(), "--time", "followup_months", "--status", "recurrence",
        "--event", "yes"};
    CliRun spark = CliRun.of(SparkEngineTest.with(words, "--json", "--engine", "spark"));
    assertEquals(2, spark.code(), spark.err());
    assertEquals(CliRun.of(SparkEngineTest.with(words, "--json")).err(), spark.err());
    assertTrue(spark.err().contains("has no value 'censored'"), spark.err());
    assertEquals(1, spark.err().strip().lines().count(), spark.err());
    assertTrue(!spark.err().contains("Exception"), spark.err());
  }
}
