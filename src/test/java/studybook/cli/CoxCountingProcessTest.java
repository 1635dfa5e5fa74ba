package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.cli.CoxCommandTest.assertBadInput;
import static studybook.cli.CoxCommandTest.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cox --start}: counting-process data. Agreement with R is in CoxCommandTest (the heart-* and pbcseq-*
 * cases of src/test/r/cox_counting.R); here the bad input, each one error at its line and column, exit 2.
 */
class CoxCountingProcessTest {
  private static final String HEADER = "t0,t,s,x\n";

  @Test
  void startNotBeforeStopIsAnErrorAtItsLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, HEADER + "0,1,0,1\n0,2,1,2\n5,5,1,3\n0,4,1,4\n");
    assertBadInput(run(f, "t0"), f + ":4", "column 't0'", "not before the stop time");
  }

  @Test
  void startAfterStopIsAnError(@TempDir Path dir) throws IOException {
    Path f = write(dir, HEADER + "0,1,0,1\n3,2,1,2\n0,3,1,3\n0,4,1,4\n");
    assertBadInput(run(f, "t0"), f + ":3", "column 't0'", "not before the stop time");
  }

  @Test
  void missingStartIsAnErrorAtItsLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, HEADER + "0,1,0,1\n0,2,1,2\nNA,3,1,3\n0,4,1,4\n");
    assertBadInput(run(f, "t0"), f + ":4", "column 't0'", "missing start time");
  }

  /** As survival's aeqSurv ("an interval has effective length 0"): times equal but for rounding error. */
  @Test
  void intervalOfRoundingErrorLengthIsAnError(@TempDir Path dir) throws IOException {
    Path f = write(dir, HEADER + "0,1,0,1\n0,2,1,2\n3,3.000000000001,1,3\n0,4,1,4\n0,5,1,2\n");
    assertBadInput(run(f, "t0"), "rounding error");
  }

  @Test
  void unknownStartColumnIsAnError(@TempDir Path dir) throws IOException {
    Path f = write(dir, HEADER + "0,1,0,1\n0,2,1,2\n0,3,1,3\n0,4,1,4\n");
    assertBadInput(run(f, "tstart"), "tstart");
  }

  @Test
  void startWithWeightsIsRefused(@TempDir Path dir) throws IOException {
    Path f = write(dir, "t0,t,s,x,w\n0,1,0,1,1\n0,2,1,2,1\n0,3,1,3,2\n0,4,1,4,1\n");
    assertBadInput(CliRun.of("cox", "--data", f.toString(), "--start", "t0", "--time", "t", "--event", "s", "--terms", "x",
        "--weights", "w", "--json"), "--start");
  }

  /** Intervals that all start at 0 are right-censored data: the fit is the one without --start. */
  @Test
  void intervalsFromZeroGiveTheRightCensoredFit(@TempDir Path dir) throws IOException {
    Path f = write(dir, HEADER + "0,1,1,0.5\n0,2,1,1.2\n0,2,0,-0.3\n0,3,1,0.8\n0,4,1,0.1\n0,5,0,2.0\n0,5,1,-1.0\n"
        + "0,6,1,0.4\n0,7,0,1.5\n0,8,1,0.2\n");
    CliRun with = run(f, "t0");
    CliRun without = CliRun.of("cox", "--data", f.toString(), "--time", "t", "--event", "s", "--terms", "x", "--json");
    assertEquals(0, with.code(), with.err());
    // the same numbers up to summation order (every risk set is summed afresh with --start)
    assertEquals(CliRunFields.all(without.json().toString()), CliRunFields.all(with.json().toString()));
  }

  /** Splitting a row at a time with no event changes nothing (the same risk sets). */
  @Test
  void splittingAnIntervalChangesNothing(@TempDir Path dir) throws IOException {
    String rows = "0,1,1,0.5\n0,2,1,1.2\n0,2,0,-0.3\n0,3,1,0.8\n0,4,1,0.1\n0,5,0,2.0\n0,5,1,-1.0\n0,6,1,0.4\n0,8,1,0.2\n";
    Path whole = write(dir, HEADER + rows + "0,7,0,1.5\n");
    String a = run(whole, "t0").json().toString();
    Path split = dir.resolve("split.csv");
    java.nio.file.Files.writeString(split, HEADER + rows + "0,3.5,0,1.5\n3.5,7,0,1.5\n");
    CliRun b = run(split, "t0");
    assertEquals(0, b.code(), b.err());
    // n counts rows, so it differs; every coefficient and test agrees
    assertEquals(CliRunFields.terms(a), CliRunFields.terms(b.json().toString()));
    assertTrue(b.json().get("n").asInt() == 11);
  }

  private static CliRun run(Path f, String start) {
    return CliRun.of("cox", "--data", f.toString(), "--start", start, "--time", "t", "--event", "s", "--terms", "x",
        "--json");
  }

  /** Numbers of a cox document, to 10 significant digits so that summation order does not matter. */
  private static final class CliRunFields {
    static String all(String json) throws IOException {
      StringBuilder b = new StringBuilder();
      walk(Json.mapper().readTree(json), "", b);
      return b.toString();
    }

    private static void walk(com.fasterxml.jackson.databind.JsonNode n, String path, StringBuilder b) {
      if (n.isContainerNode()) {
        if (n.isArray()) {
          for (int i = 0; i < n.size(); i++) {
            walk(n.get(i), path + "[" + i + "]", b);
          }
        } else {
          n.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), b));
        }
      } else if (n.isFloatingPointNumber()) {
        b.append(path).append('=').append(String.format(java.util.Locale.ROOT, "%.10g", n.asDouble())).append('\n');
      } else {
        b.append(path).append('=').append(n.asText()).append('\n');
      }
    }

    static String terms(String json) throws IOException {
      var node = Json.mapper().readTree(json).get("terms").get(0);
      return String.format(java.util.Locale.ROOT, "%.9f %.9f %.9f", node.get("estimate").asDouble(),
          node.get("se").asDouble(), node.get("p").asDouble());
    }
  }
}
