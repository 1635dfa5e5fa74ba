package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code cox} command against R: every {@code src/test/resources/reference/cox/<case>.json} written by
 * {@code src/test/r/cox.R} (or, for counting-process data with a "start", {@code src/test/r/cox_counting.R}) holds the command's options and the JSON document R's coxph, summary, AIC,
 * exp(confint), concordance and cox.zph give (survival 3.5). Numbers agree at 1e-6 relative; p-values at
 * 1e-6 relative or 1e-12 absolute; R's nulls (diverged terms) must be nulls.
 */
class CoxCommandTest {
  static final Path DIR = Path.of("src/test/resources/reference/cox");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
          .map(f -> f.substring(0, f.length() - 5)).sorted().toList().stream();
    }
  }

  static List<String> arguments(JsonNode args) {
    List<String> a = new ArrayList<>(List.of("cox", "--data", DIR.resolve(args.get("data").asText()).toString(),
        "--time", args.get("time").asText(), "--event", args.get("event").asText(), "--json"));
    List<String> terms = new ArrayList<>();
    args.get("terms").forEach(t -> terms.add(t.asText()));
    a.add("--terms");
    a.add(String.join(",", terms));
    args.get("categorical").forEach(c -> {
      a.add("--categorical");
      a.add(c.asText());
    });
    if (args.get("levels").isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = args.get("levels").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> lv = new ArrayList<>();
        e.getValue().forEach(l -> lv.add(l.asText()));
        a.add("--levels");
        a.add(e.getKey() + "=" + String.join(",", lv));
      }
    }
    if (!args.path("strata").isNull() && args.has("strata")) {
      a.add("--strata");
      a.add(args.get("strata").asText());
    }
    if (args.has("landmark") && !args.get("landmark").isNull()) {
      a.add("--landmark");
      a.add(args.get("landmark").asText());
    }
    if (args.has("start") && !args.get("start").isNull()) {
      a.add("--start");
      a.add(args.get("start").asText());
    }
    a.add("--ties");
    a.add(args.get("ties").asText());
    if (args.has("event_value") && !args.get("event_value").isNull()) {
      a.add("--event-value");
      a.add(args.get("event_value").asText());
    }
    return a;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesR(String name) throws IOException {
    JsonNode reference = Json.mapper().readTree(DIR.resolve(name + ".json").toFile());
    CliRun run = CliRun.of(arguments(reference.get("args")).toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    JsonNode actual = run.json();
    compare(name, "", reference.get("expected"), actual);
  }

  /** Every key R wrote must be there with the same value; "excluded" is studybook's addition. */
  static void compare(String name, String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      assertTrue(actual != null && actual.isObject(), name + path + ": not an object: " + actual);
      expected.fields().forEachRemaining(e -> compare(name, path + "." + e.getKey(), e.getValue(), actual.get(e.getKey())));
      return;
    }
    if (expected.isArray()) {
      assertTrue(actual != null && actual.isArray(), name + path + ": not an array: " + actual);
      assertEquals(expected.size(), actual.size(), name + path + ": length");
      for (int i = 0; i < expected.size(); i++) {
        compare(name, path + "[" + i + "]", expected.get(i), actual.get(i));
      }
      return;
    }
    assertTrue(actual != null, name + path + ": missing");
    if (expected.isNull() || expected.isTextual() || expected.isBoolean() || expected.isIntegralNumber() && !path.endsWith(".p")) {
      assertEquals(expected, actual, name + path);
      return;
    }
    assertTrue(actual.isNumber(), name + path + ": not a number: " + actual);
    double e = expected.asDouble();
    double a = actual.asDouble();
    double tolerance = 1e-6 * Math.abs(e);
    if (path.endsWith(".p")) {
      tolerance = Math.max(tolerance, 1e-12);
    }
    assertEquals(e, a, tolerance, name + path);
  }

  @Test
  void lungNeedsNoEventValueAndCountsTheRowLeftOut() {
    CliRun run = CliRun.of("cox", "--data", DIR.resolve("lung.csv").toString(), "--time", "time", "--event", "status",
        "--terms", "age,sex,ph.ecog", "--categorical", "sex", "--json");
    assertEquals(0, run.code(), run.err());
    assertEquals(1, run.json().get("excluded").asInt());
    assertEquals(227, run.json().get("n").asInt());
    // summary(coxph(Surv(time, status) ~ age + factor(sex) + ph.ecog, lung)): exp(coef) for sex 0.5754
    assertEquals(0.575445, run.json().get("terms").get(1).get("hr").asDouble(), 1e-6);
  }

  @Test
  void allCensoredIsNotEstimableAndSaysSo() {
    CliRun run = CliRun.of("cox", "--data", DIR.resolve("allcensored.csv").toString(), "--time", "time", "--event",
        "status", "--terms", "x", "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode json = run.json();
    assertEquals(0, json.get("events").asInt());
    assertTrue(json.get("terms").get(0).get("hr").isNull());
    assertTrue(json.get("terms").get(0).get("estimate").isNull());
    assertTrue(json.get("ph_test").isNull());
    assertTrue(run.err().contains("not estimable"), run.err());
  }

  @Test
  void divergedLevelHasNoNumbersAndIsListed() {
    CliRun run = CliRun.of("cox", "--data", DIR.resolve("noevents.csv").toString(), "--time", "time", "--event",
        "status", "--terms", "group,age", "--json");
    assertEquals(0, run.code(), run.err());
    assertEquals("group=c", run.json().get("diverged").get(0).asText());
    JsonNode c = run.json().get("terms").get(1);
    assertTrue(c.get("hr").isNull());
    assertTrue(c.get("estimate").isNull());
    assertTrue(c.get("ci_low").isNull() && c.get("ci_high").isNull());
    // se, z and p stay as coxph gives them at its stopping point (src/test/r/cox.R, "diverged" block):
    // summary(coxph(Surv(time, status) ~ group + age, noevents))$coefficients["groupc", ]
    assertEquals(4955.5141259324901, c.get("se").asDouble(), 1e-6 * 4955.5141259324901);
    assertEquals(-3.9481101752446559e-03, c.get("z").asDouble(), 1e-6 * 3.9481101752446559e-03);
    assertEquals(0.99684987203063458, c.get("p").asDouble(), 1e-6 * 0.99684987203063458);
    assertTrue(run.err().contains("monotone likelihood"), run.err());
  }

  static Path write(Path dir, String csv) throws IOException {
    Path f = dir.resolve("data.csv");
    Files.writeString(f, csv);
    return f;
  }

  static void assertBadInput(CliRun run, String... fragments) {
    assertEquals(2, run.code(), run.err());
    assertEquals("", run.out());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    for (String f : fragments) {
      assertTrue(run.err().contains(f), "'" + f + "' not in: " + run.err());
    }
  }

  @Test
  void ambiguousStatusNeedsAnEventValue(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path f = write(dir, "t,s,x\n1,0,1\n2,1,2\n3,2,3\n4,1,4\n");
    assertBadInput(CliRun.of("cox", "--data", f.toString(), "--time", "t", "--event", "s", "--terms", "x", "--json"),
        f.toString(), "column 's'", "--event-value");
  }

  @Test
  void negativeTimeIsAnErrorAtItsLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path f = write(dir, "t,s,x\n1,0,1\n2,1,2\n-3,1,3\n4,1,4\n");
    assertBadInput(CliRun.of("cox", "--data", f.toString(), "--time", "t", "--event", "s", "--terms", "x", "--json"),
        f + ":4", "column 't'", "negative");
  }

  @Test
  void constantTermIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path f = write(dir, "t,s,x,k\n1,0,1,5\n2,1,2,5\n3,1,3,5\n4,1,4,5\n");
    assertBadInput(CliRun.of("cox", "--data", f.toString(), "--time", "t", "--event", "s", "--terms", "x,k", "--json"),
        f + ":1", "column 'k'", "constant");
  }

  @Test
  void unknownTiesIsAnError() {
    CliRun run = CliRun.of("cox", "--data", DIR.resolve("lung.csv").toString(), "--time", "time", "--event", "status",
        "--terms", "age", "--ties", "exact", "--json");
    assertEquals(2, run.code(), run.err());
    assertEquals("", run.out());
  }
}
