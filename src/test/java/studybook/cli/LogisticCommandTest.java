package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logistic command end to end through Main.execute, against the R fixtures of reference/logistic. */
class LogisticCommandTest {
  static final String DIR = "src/test/resources/reference/logistic/";
  static final String[] INFERT = {"logistic", "--data", DIR + "infert.csv", "--outcome", "case", "--event", "1",
      "--terms", "spontaneous,induced", "--terms", "education", "--levels", "education=0-5yrs,6-11yrs,12+ yrs"};

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private int run(String[] base, String... more) {
    List<String> args = new ArrayList<>(List.of(base));
    args.addAll(List.of(more));
    return Main.execute(args.toArray(new String[0]));
  }

  private JsonNode json() throws IOException {
    return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  /** Rows of a fixture as term -> [estimate, se, z, p, or, ci_low, ci_high]. */
  private static List<String[]> fixture(String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(DIR + name))) {
      if (!line.startsWith("#") && !line.startsWith("\"term\"")) {
        rows.add(line.substring(1, line.length() - 1).split("\",\""));
      }
    }
    return rows;
  }

  private static void assertMatches(String fixture, JsonNode terms) throws IOException {
    List<String[]> rows = fixture(fixture);
    assertEquals(rows.size(), terms.size());
    String[] keys = {"estimate", "se", "z", "p", "or", "ci_low", "ci_high"};
    for (int j = 0; j < rows.size(); j++) {
      assertEquals(rows.get(j)[0], terms.get(j).get("term").asText());
      for (int k = 0; k < keys.length; k++) {
        double expected = Double.parseDouble(rows.get(j)[k + 1]);
        double actual = terms.get(j).get(keys[k]).asDouble();
        assertTrue(Math.abs(actual - expected) <= 1e-6 * Math.abs(expected),
            fixture + " " + rows.get(j)[0] + " " + keys[k] + ": " + expected + " vs " + actual);
      }
    }
  }

  @Test
  void mlWaldJsonFollowsTheContract() throws IOException {
    assertEquals(0, run(INFERT, "--json"));
    JsonNode j = json();
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("n", "events", "method", "converged", "iterations", "loglik", "aic", "separation", "terms"), keys);
    List<String> termKeys = new ArrayList<>();
    j.get("terms").get(0).fieldNames().forEachRemaining(termKeys::add);
    assertEquals(List.of("term", "estimate", "se", "z", "p", "or", "ci_low", "ci_high"), termKeys);
    assertEquals(248, j.get("n").asInt());
    assertEquals(83, j.get("events").asInt());
    assertEquals("ml", j.get("method").asText());
    assertEquals(4, j.get("iterations").asInt(), "as glm's fit$iter");
    assertEquals(-139.70416339264, j.get("loglik").asDouble(), 1e-9);
    assertTrue(!j.get("separation").asBoolean());
    assertMatches("infert-ml-wald.csv", j.get("terms"));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void firthDefaultsToProfileLimits() throws IOException {
    assertEquals(0, run(INFERT, "--method", "firth", "--json"));
    assertEquals("firth", json().get("method").asText());
    assertMatches("infert-firth-profile.csv", json().get("terms"));
  }

  @Test
  void mlProfileLimitsOnRequest() throws IOException {
    assertEquals(0, run(new String[] {"logistic", "--data", DIR + "mtcars.csv", "--outcome", "am", "--event", "1",
        "--terms", "wt,hp"}, "--ci", "profile", "--json"));
    assertMatches("mtcars-ml-profile.csv", json().get("terms"));
  }

  @Test
  void separatedDataStillAnswerAndSaySo() throws IOException {
    assertEquals(0, run(new String[] {"logistic", "--data", DIR + "separated.csv", "--outcome", "y", "--event", "yes",
        "--terms", "x", "--method", "firth", "--json"}));
    JsonNode j = json();
    assertTrue(j.get("separation").asBoolean());
    assertMatches("separated-firth-profile.csv", j.get("terms"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("separated"));
  }

  @Test
  void readableTableWithoutJson() {
    assertEquals(0, run(INFERT));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("n = 248 complete cases (0 excluded"), text);
    assertTrue(text.contains("education=12+ yrs"), text);
  }

  @Test
  void anOutcomeWithThreeLevelsExitsTwoWithNothingOnStdout() {
    assertEquals(2, run(new String[] {"logistic", "--data", DIR + "infert.csv", "--outcome", "education", "--event",
        "6-11yrs", "--terms", "induced", "--json"}));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("infert.csv:46") && message.contains("'education'"), message);
  }

  @Test
  void badOptionsExitTwo() throws IOException {
    assertEquals(2, run(INFERT, "--method", "bayes", "--json"));
    assertEquals(2, run(INFERT, "--ci", "exact", "--json"));
    Path f = dir.resolve("x.csv");
    Files.writeString(f, "y,x\n1,2\n0,3\n1,4\n");
    assertEquals(2, run(new String[] {"logistic", "--data", f.toString(), "--outcome", "y", "--event", "1",
        "--terms", "z", "--json"}));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("'z'"));
  }
}
