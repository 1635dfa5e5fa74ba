package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "excluded" is no key of CONTRACT.md's cox, linear, survival, cuminc or logistic shapes: when rows with
 * a missing value are left out it comes after every contract key, and stderr says so in one note line.
 */
class ExcludedKeyTest {
  static final String LUNG = "src/test/resources/reference/cox/lung.csv";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "cox|--time time --event status --terms age,ph.ecog|1",
      "linear|--outcome wt.loss --terms age|14",
      "survival|--time time --event status --by ph.ecog|1",
      "logistic|--outcome sex --event 2 --terms ph.ecog,wt.loss|15"})
  void excludedComesLastAndIsSaidOnStderr(String command, String args, int excluded) {
    List<String> argv = new ArrayList<>(List.of(command, "--data", LUNG));
    argv.addAll(List.of(args.split(" ")));
    argv.add("--json");
    CliRun run = CliRun.of(argv.toArray(new String[0]));
    assertEquals(0, run.code(), run.err());
    JsonNode json = run.json();
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals("excluded", keys.get(keys.size() - 1), keys.toString());
    assertEquals(excluded, json.get("excluded").asInt());
    assertTrue(run.err().contains("studybook: " + excluded + " rows with a missing value left out"), run.err());
  }
}
