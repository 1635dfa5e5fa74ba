package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cox --start} with {@code --weights} and {@code --cluster} against R (src/test/r/weighted_counting.R:
 * {@code coxph(Surv(start, stop, event) ~ ..., weights = w, cluster = id)} on survival's heart with per-patient
 * weights, Efron and Breslow, with strata); every number 1e-6 relative. Without a cluster the command refuses,
 * as survival does.
 */
class WeightedCountingTest {
  static final Path REF = ReferenceJson.folder("weighted_counting");

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
    System.err.println("weighted counting " + name + ": largest relative difference from R " + worst);
    assertFalse(root.has("ph_test"));
    assertTrue(root.get("terms").get(0).has("se_naive"));
  }

  @Test
  void weightsWithoutAClusterAreRefusedAsSurvivalRefusesThem() {
    CliRun r = CliRun.of("cox", "--data", REF.resolve("heart_w.csv").toString(), "--start", "start", "--time", "stop",
        "--event", "event", "--terms", "age,transplant", "--weights", "w", "--json");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--start with --weights needs --cluster ID"), r.err());
    assertEquals("", r.out());
  }
}
