package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code studybook survival} end to end through {@link Main#execute}: the JSON of every R reference case
 * (src/test/r/survival_reference.R) to 1e-6, the contract's keys and order, and errors with their lines.
 */
class SurvivalCommandTest {
  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }



  static Path reference() {
    try {
      return Path.of(SurvivalCommandTest.class.getResource("/reference/survival/cases.csv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** expected.csv as case|group|quantity → values (NaN for NA). */
  static Map<String, List<Double>> expected() throws IOException {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(reference().resolve("expected.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      m.computeIfAbsent(f[0] + "|" + f[1] + "|" + f[2], k -> new ArrayList<>())
          .add(f[4].equals("NA") ? Double.NaN : f[4].equals("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(f[4]));
    }
    return m;
  }

  static Stream<String[]> cases() throws IOException {
    List<String> lines = Files.readAllLines(reference().resolve("cases.csv"));
    return lines.subList(1, lines.size()).stream()
        .map(l -> l.replace("\"", "").split(",", -1))
        .filter(f -> f[7].equals("log") && f[8].equals("0.95"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jsonOfEveryReferenceCaseMatchesR(String name, String file, String time, String event, String value,
      String by, String levels) throws IOException {
    List<String> args = new ArrayList<>(List.of("survival", "--data", reference().resolve(file).toString(),
        "--time", time, "--event", event, "--event-value", value, "--json"));
    if (!by.isEmpty()) {
      args.addAll(List.of("--by", by));
    }
    if (!levels.isEmpty()) {
      args.addAll(List.of("--levels", by + "=" + levels.replace(';', ',')));
    }
    CliRun r = run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    Map<String, List<Double>> x = expected();
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    double excluded = x.get(name + "||excluded").get(0);
    List<String> expectedKeys = new ArrayList<>(List.of("n", "events"));
    expectedKeys.addAll(by.isEmpty() ? List.of("groups", "followup") : List.of("groups", "logrank", "followup"));
    if (excluded > 0) {
      expectedKeys.add("excluded"); // after every contract key
    }
    assertEquals(expectedKeys, keys);
    assertEquals(x.get(name + "||n").get(0), root.get("n").asDouble());
    assertEquals(x.get(name + "||events").get(0), root.get("events").asDouble());
    assertEquals(excluded, root.path("excluded").asDouble(0));
    for (JsonNode g : root.get("groups")) {
      String group = g.get("group").asText();
      String at = name + "/" + group + ": ";
      List<String> groupKeys = new ArrayList<>();
      g.fieldNames().forEachRemaining(groupKeys::add);
      assertEquals(List.of("group", "n", "events", "median", "median_low", "median_high", "times", "surv", "lower",
          "upper"), groupKeys);
      assertEquals(x.get(name + "|" + group + "|group_n").get(0), g.get("n").asDouble(), at + "n");
      assertEquals(x.get(name + "|" + group + "|group_events").get(0), g.get("events").asDouble(), at + "events");
      for (String[] pair : new String[][] {{"times", "time"}, {"surv", "surv"}, {"lower", "lower"}, {"upper", "upper"},
          {"median", "median"}, {"median_low", "median_low"}, {"median_high", "median_high"}}) {
        // R fits no curve for an empty group: its lists are empty and its median is null.
        List<Double> want = x.getOrDefault(name + "|" + group + "|" + pair[1],
            pair[0].startsWith("median") ? List.of(Double.NaN) : List.of());
        assertClose(want, values(g.get(pair[0])), at + pair[0]);
      }
    }
    if (!by.isEmpty()) {
      JsonNode lr = root.get("logrank");
      List<String> lrKeys = new ArrayList<>();
      lr.fieldNames().forEachRemaining(lrKeys::add);
      assertEquals(List.of("chisq", "df", "p"), lrKeys);
      double df = x.get(name + "||logrank_df").get(0);
      if (df >= 1) {
        assertEquals(df, lr.get("df").asDouble(), name + ": df");
        assertClose(x.get(name + "||logrank_chisq"), values(lr.get("chisq")), name + ": chisq");
        assertClose(x.get(name + "||logrank_p"), values(lr.get("p")), name + ": p");
      } else {
        assertTrue(lr.get("chisq").isNull() && lr.get("df").isNull() && lr.get("p").isNull(), name + ": " + lr);
        assertTrue(r.err().contains("not computable"), r.err());
      }
    }
    JsonNode fu = root.get("followup");
    assertClose(x.get(name + "||median_reverse_km"), values(fu.get("median_reverse_km")), name + ": reverse KM");
    assertClose(x.get(name + "||median_observed"), values(fu.get("median_observed")), name + ": median observed");
    assertTrue(!r.out().contains("NaN") && !r.out().contains("Infinity"), r.out());
  }

  @Test
  void withoutJsonPrintsAReadableSummary() {
    CliRun r = run("survival", "--data", reference().resolve("lung.csv").toString(), "--time", "time", "--event", "status",
        "--event-value", "2", "--by", "sex");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("228 patients, 165 events"), r.out());
    assertTrue(r.out().contains("Log-rank test: chi-square 10.3267 on 1 df"), r.out());
    assertTrue(r.out().contains("270") && r.out().contains("212 to 310"), r.out());
  }

  /** issue 11: lung codes 1 = censored, 2 = dead; without --event-value the rule of R's Surv makes 2 the event. */
  @Test
  void lungWithoutAnEventValueReadsItsOneTwoCodingAsR() {
    CliRun r = run("survival", "--data", reference().resolve("lung.csv").toString(), "--time", "time", "--event", "status",
        "--by", "sex", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode groups = r.json().get("groups");
    assertEquals(165, r.json().get("events").asInt());
    assertEquals(270.0, groups.get(0).get("median").asDouble());
    assertEquals(426.0, groups.get(1).get("median").asDouble());
    CliRun text = run("survival", "--data", reference().resolve("lung.csv").toString(), "--time", "time", "--event",
        "status", "--by", "sex");
    assertTrue(text.out().contains("event: status = 2 (1/2 coding: 2 = event, as R's Surv)"), text.out());
  }

  /** src/test/r/event_coding.R: what R's own Surv(time, status) takes as the event, status as stored. */
  @Test
  void withoutAnEventValueEveryCodingMatchesRsSurv() throws IOException {
    List<String> lines = Files.readAllLines(reference().resolve("event_coding.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.replace("\"", "").split(",", -1);
      CliRun r = run("survival", "--data", reference().resolve(f[1]).toString(), "--time", f[2], "--event", f[3],
          "--by", f[4], "--json");
      assertEquals(0, r.code(), r.err());
      JsonNode group = null;
      for (JsonNode g : r.json().get("groups")) {
        if (g.get("group").asText().equals(f[5])) {
          group = g;
        }
      }
      assertEquals(Integer.parseInt(f[6]), group.get("events").asInt(), line);
      assertEquals(Double.parseDouble(f[7]), group.get("median").asDouble(), 1e-9, line);
    }
  }

  @Test
  void logicalStatusMakesTrueTheEvent() throws IOException {
    Path f = write("t,e\n1,TRUE\n2,FALSE\n3,TRUE\n4,NA\n");
    CliRun r = run("survival", "--data", f.toString(), "--time", "t", "--event", "e", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.json().get("events").asInt());
    assertEquals(3, r.json().get("n").asInt());
  }

  @Test
  void theReadableSummarySaysWhenTheTestCannotBeComputed() {
    CliRun r = run("survival", "--data", reference().resolve("noevents.csv").toString(), "--time", "t", "--event", "e",
        "--by", "g");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("not computable (no events"), r.out());
    assertTrue(r.out().contains("not reached"), r.out());
  }

  private Path write(String content) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "|", value = {
    "negative time|t,e\\n1,1\\n-2,0\\n3,1\\n|--event|e|d.csv:3: column 't': negative survival time (value '-2')",
    "three status values|t,e\\n1,1\\n2,0\\n3,2\\n|--event|e|d.csv:1: column 'e': status values 1, 0, 2 are not a coding R's Surv reads",
    "event value absent of three|t,e\\n1,1\\n2,0\\n3,2\\n|--event-value|3|d.csv:1: column 'e': none of its values (1, 0, 2) is the event value '3'",
    "text status|t,e\\n1,yes\\n2,no\\n|--event|e|d.csv:1: column 'e': status values yes, no are not a coding R's Surv reads (0/1 with 1 = event, 1/2 with 2 = event, TRUE/FALSE); give the value that marks an event with --event-value",
    "event value absent|t,e\\n1,yes\\n2,no\\n|--event-value|dead|d.csv:1: column 'e': none of its values (yes, no)",
    "unknown time column|t,e\\n1,1\\n|--event|e|did you mean 't'?",
    "word in time column|t,e\\n1,1\\nsoon,1\\n|--event|e|d.csv:3: column 't': survival time is not a number",
    "text event value for numbers|t,e\\n1,1\\n|--event-value|yes|holds numbers but the event value is 'yes'",
  })
  void badInputIsOneLineNamingFileLineAndColumn(String label, String csv, String option, String optionValue,
      String message) throws IOException {
    Path f = write(csv.replace("\\n", "\n"));
    List<String> args = new ArrayList<>(List.of("survival", "--data", f.toString(), "--json",
        "--time", label.startsWith("unknown") ? "tt" : "t"));
    if (option.equals("--event")) {
      args.addAll(List.of("--event", optionValue));
    } else {
      args.addAll(List.of("--event", "e", option, optionValue));
    }
    CliRun r = run(args.toArray(new String[0]));
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(message), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void missingTimeEventOrGroupLeavesTheRowOutAndCountsIt() throws IOException {
    Path f = write("t,e,g\n5,1,a\n,1,a\n8,NA,a\n12,1,a\n3,1,\n4,0,b\n");
    CliRun r = run("survival", "--data", f.toString(), "--time", "t", "--event", "e", "--by", "g", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    assertEquals(3, root.get("n").asInt());
    assertEquals(3, root.get("excluded").asInt());
    assertEquals(2, root.get("events").asInt());
  }

  @Test
  void textEventColumnsAndNumericGroupsWork() throws IOException {
    Path f = write("t,status,arm\n1,dead,2\n2,alive,10\n3,dead,10\n4,dead,2\n");
    CliRun r = run("survival", "--data", f.toString(), "--time", "t", "--event", "status", "--event-value", "dead",
        "--by", "arm", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode groups = r.json().get("groups");
    // A numeric group column sorts numerically: 2 before 10.
    assertEquals("2", groups.get(0).get("group").asText());
    assertEquals(2, groups.get(0).get("events").asInt());
    assertEquals(1, groups.get(1).get("events").asInt());
  }

  private static List<Double> values(JsonNode node) {
    List<Double> out = new ArrayList<>();
    Iterator<JsonNode> it = node.isArray() ? node.elements() : List.of(node).iterator();
    it.forEachRemaining(n -> out.add(n.isNull() ? Double.NaN : n.asDouble()));
    return out;
  }

  /** JSON has no NA or Inf: R's NA is null, and so is a limit R gives as NA. */
  private static void assertClose(List<Double> want, List<Double> got, String what) {
    assertEquals(want.size(), got.size(), what + ": length");
    for (int i = 0; i < want.size(); i++) {
      double w = want.get(i);
      double g = got.get(i);
      if (!Double.isFinite(w)) {
        assertTrue(Double.isNaN(g), what + "[" + i + "]: expected null, was " + g);
      } else {
        assertTrue(Math.abs(w - g) <= 1e-6 * Math.max(1, Math.abs(w)), what + "[" + i + "]: " + w + " vs " + g);
      }
    }
  }
}
