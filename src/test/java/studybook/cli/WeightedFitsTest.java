package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --weights} and {@code --cluster} on linear, logistic and cox against R (src/test/r/weighted.R: lm and
 * glm(quasibinomial) with weights, sandwich::vcovHC HC3/HC0 and vcovCL with its defaults, lmtest::coeftest;
 * coxph with weights and robust = TRUE or cluster, Efron and Breslow, with strata); lalonde with the propensity
 * fixtures' ATE weights and 1:2 matched sets as clusters, mtcars and lung with zero weights and a missing
 * cluster; every number 1e-6 relative. Then the bad weights the contract names.
 */
class WeightedFitsTest {
  @TempDir Path dir;

  static final Path REF = ReferenceJson.folder("weighted");

  static Stream<String[]> cases() throws IOException {
    return ReferenceJson.csv(REF.resolve("cases.csv")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyReferenceCaseMatchesR(String name, String command, String file, String args) throws IOException {
    List<String> cli = new ArrayList<>(List.of(command, "--data", REF.resolve(file).toString()));
    cli.addAll(Arrays.asList(args.split(";")));
    cli.add("--json");
    CliRun r = CliRun.of(cli.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    double worst = ReferenceJson.compare(root, ReferenceJson.expected(REF, name), name);
    System.err.println("weighted " + name + ": largest relative difference from R " + worst);
    String se = root.path("se_type").asText();
    boolean clustered = args.contains("--cluster");
    if (command.equals("cox")) {
      assertFalse(root.has("ph_test"));
      assertEquals(List.of("wald"), iterator(root.get("tests").fieldNames()));
    } else if (command.equals("logistic")) {
      assertEquals(clustered ? "cluster" : "HC0", se);
    } else {
      assertEquals(clustered ? "cluster" : args.contains("hc3") ? "hc3" : "classical", se);
    }
  }

  private static List<String> iterator(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aMissingOrNegativeWeightIsAnErrorAtItsRow() throws IOException {
    for (String bad : List.of("", "-0.5")) {
      Path f = write("w.csv", "y,x,w\n1,2,1\n0,3,2\n1,1," + bad + "\n0,5,1\n1,4,1\n0,2,1\n");
      for (String command : List.of("logistic", "linear")) {
        List<String> args = new ArrayList<>(List.of(command, "--data", f.toString(), "--outcome", "y", "--terms", "x",
            "--weights", "w", "--json"));
        if (command.equals("logistic")) {
          args.addAll(List.of("--event", "1"));
        }
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("w.csv:4") && r.err().contains("column 'w'")
            && r.err().contains(bad.isEmpty() ? "missing" : "at least 0"), r.err());
      }
    }
  }

  @Test
  void zeroWeightsLeaveRowsOutAndSaySo() throws IOException {
    Path f = write("z.csv", "y,x,w\n1,2,1\n0,3,2\n1,1,0\n0,5,1\n1,4,1\n0,2,1\n2,9,1\n");
    CliRun r = CliRun.of("linear", "--data", f.toString(), "--outcome", "y", "--terms", "x", "--weights", "w", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(6, r.json().get("n").asInt());
    assertTrue(r.err().contains("1 rows with weight 0 left out"), r.err());
  }

  @Test
  void firthAndProfileLimitsDoNotTakeWeights() throws IOException {
    Path f = write("f.csv", "y,x,w\n1,2,1\n0,3,2\n1,1,1\n0,5,1\n");
    CliRun r = CliRun.of("logistic", "--data", f.toString(), "--outcome", "y", "--event", "1", "--terms", "x",
        "--weights", "w", "--method", "firth", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--method ml and Wald limits"), r.err());
  }

  @Test
  void theReadableAnswersOfWeightedFitsCountTheRowsLeftOut() {
    // lung_w: 3 rows of weight 0, and inst is missing in one row of positive weight
    String lung = REF.resolve("lung_w.csv").toString();
    CliRun cox = CliRun.of("cox", "--data", lung, "--time", "time", "--event", "status", "--terms", "age,sex",
        "--weights", "w", "--cluster", "inst");
    assertEquals(0, cox.code(), cox.err());
    assertTrue(cox.out().contains("Robust (sandwich) standard errors clustered by inst")
        && cox.out().contains("(1 excluded for missing values)") && !cox.out().contains("cox.zph"), cox.out());
    CliRun linear = CliRun.of("linear", "--data", lung, "--outcome", "wt.loss", "--terms", "age", "--weights", "w",
        "--cluster", "inst");
    assertEquals(0, linear.code(), linear.err());
    assertTrue(linear.out().contains("excluded for missing values") && linear.out().contains("se (cluster)"),
        linear.out());
  }

  @Test
  void oneClusterIsAnError() throws IOException {
    Path f = write("c.csv", "y,x,g\n1,2,a\n0,3,a\n1,1,a\n0,5,a\n1,7,a\n");
    CliRun r = CliRun.of("linear", "--data", f.toString(), "--outcome", "y", "--terms", "x", "--cluster", "g", "--json");
    assertEquals(2, r.code());
    assertFalse(r.err().contains("Exception"), r.err());
    assertTrue(r.err().contains("column 'g'") && r.err().contains("two or more clusters"), r.err());
  }
}
