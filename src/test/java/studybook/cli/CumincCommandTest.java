package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code studybook cuminc} end to end against R (src/test/r/cuminc.R): the Aalen-Johansen incidence of
 * survfit(Surv(T, factor(S)) ~ G) and Gray's test of cmprsk::cuminc on mgus2 (pcm vs death, by sex) and
 * constructed cases (tied times, all censored, a single group, a group with no events, two competing
 * causes and missing values); 1e-6 relative (p also 1e-12 absolute).
 */
class CumincCommandTest {
  @TempDir Path dir;

  static Path reference() {
    try {
      return Path.of(CumincCommandTest.class.getResource("/reference/cuminc/cases.csv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String[]> csv(String name) throws IOException {
    List<String> lines = Files.readAllLines(reference().resolve(name));
    List<String[]> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      out.add(l.replace("\"", "").split(",", -1));
    }
    return out;
  }

  static Stream<String[]> cases() throws IOException {
    return csv("cases.csv").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyReferenceCaseMatchesR(String name, String file, String time, String status, String event, String censor,
      String by, String levels) throws IOException {
    List<String> args = new ArrayList<>(List.of("cuminc", "--data", reference().resolve(file).toString(), "--time", time,
        "--status", status, "--event", event, "--json"));
    if (!censor.isEmpty()) {
      args.addAll(List.of("--censor", censor));
    }
    if (!by.isEmpty()) {
      args.addAll(List.of("--by", by));
    }
    if (!levels.isEmpty()) {
      args.addAll(List.of("--levels", status + "=" + levels.replace(';', ',')));
    }
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    Map<String, List<String>> want = new LinkedHashMap<>();
    for (String[] row : csv("expected.csv")) {
      if (row[0].equals(name)) {
        want.computeIfAbsent(row[1] + "|" + row[2], k -> new ArrayList<>()).add(row[4]);
      }
    }
    close(want.get("|n"), List.of(root.get("n")), name + " n");
    assertEquals(event, root.get("event").asText());
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    keys.remove("excluded");
    assertEquals(by.isEmpty() ? List.of("n", "event", "competing", "groups") : List.of("n", "event", "competing", "groups",
        "gray"), keys);
    int groups = 0;
    for (JsonNode g : root.get("groups")) {
      String group = g.get("group").asText();
      String at = name + " " + group + " ";
      assertEquals(List.of("group", "n", "events", "competing_events", "times", "cif", "cif_competing"),
          names(g));
      close(want.get(group + "|n"), List.of(g.get("n")), at + "n");
      close(want.get(group + "|events"), List.of(g.get("events")), at + "events");
      close(want.get(group + "|competing_events"), List.of(g.get("competing_events")), at + "competing events");
      close(want.get(group + "|times"), list(g.get("times")), at + "times");
      close(want.get(group + "|cif"), list(g.get("cif")), at + "cif");
      close(want.get(group + "|cif_competing"), list(g.get("cif_competing")), at + "cif_competing");
      groups++;
    }
    assertEquals(want.keySet().stream().filter(k -> k.endsWith("|events")).count(), groups, name + ": groups");
    if (!by.isEmpty()) {
      JsonNode gray = root.get("gray");
      close(want.get("|gray_chisq"), List.of(gray.get("chisq")), name + " gray chisq");
      close(want.get("|gray_df"), List.of(gray.get("df")), name + " gray df");
      close(want.get("|gray_p"), List.of(gray.get("p")), name + " gray p");
    }
  }

  @Test
  void mgus2NamesTheCompetingEventAndCountsTheGroups() {
    CliRun r = CliRun.of("cuminc", "--data", reference().resolve("mgus2.csv").toString(), "--time", "etime", "--status",
        "status", "--event", "pcm", "--by", "sex", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("death"), texts(r.json().get("competing")));
    assertEquals("F", r.json().get("groups").get(0).get("group").asText());
    CliRun text = CliRun.of("cuminc", "--data", reference().resolve("mgus2.csv").toString(), "--time", "etime",
        "--status", "status", "--event", "pcm", "--by", "sex");
    assertTrue(text.out().contains("Gray's test: chi-square 1.1945 on 1 df"), text.out());
  }

  @Test
  void twoCompetingCausesAreSummedAndNamed() {
    CliRun r = CliRun.of("cuminc", "--data", reference().resolve("three.csv").toString(), "--time", "t", "--status",
        "s", "--event", "1", "--by", "g", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("2", "3"), texts(r.json().get("competing")));
    assertEquals(4, r.json().get("excluded").asInt());
  }

  @Test
  void allCensoredSaysGraysTestIsNotComputable() {
    CliRun r = CliRun.of("cuminc", "--data", reference().resolve("allcensored.csv").toString(), "--time", "t",
        "--status", "s", "--event", "relapse", "--censor", "censored", "--levels", "s=censored,relapse", "--by", "g",
        "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.json().get("gray").get("chisq").isNull());
    assertTrue(r.err().contains("Gray's test not computable"), r.err());
  }

  private Path write(String content) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "|", value = {
    "event typo|t,s\\n1,censored\\n2,relapse\\n3,death\\n|relapce||d.csv:1: column 's': the event of interest is not a value of the status column [censored, death, relapse] (value 'relapce'); did you mean 'relapse'?",
    "no default censor|t,s\\n1,alive\\n2,relapse\\n3,death\\n|relapse||d.csv:1: column 's': has no value 'censored' (the default censoring value)",
    "event is censor|t,s\\n1,0\\n2,1\\n3,2\\n|0||the event of interest and the censoring value are the same",
    "text event for numbers|t,s\\n1,0\\n2,1\\n3,2\\n|relapse||holds numbers but --event is 'relapse'",
    "negative time|t,s\\n1,0\\n-2,1\\n3,2\\n|1||d.csv:3: column 't': negative time (value '-2')",
    "word in time|t,s\\n1,0\\nsoon,1\\n3,2\\n4,1\\n|1||d.csv:3: column 't'",
  })
  void badInputIsOneLineOnStderrAndNothingOnStdout(String label, String csv, String event, String censor,
      String message) throws IOException {
    Path f = write(csv.replace("\\n", "\n"));
    List<String> args = new ArrayList<>(List.of("cuminc", "--data", f.toString(), "--time", "t", "--status", "s",
        "--event", event, "--json"));
    if (censor != null) {
      args.addAll(List.of("--censor", censor));
    }
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(message), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  private static List<String> names(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static void close(List<String> want, List<JsonNode> got, String what) {
    assertTrue(want != null, what + ": no R value");
    assertEquals(want.size(), got.size(), what + ": length");
    for (int i = 0; i < want.size(); i++) {
      if (want.get(i).equals("NA")) {
        assertTrue(got.get(i).isNull(), what + "[" + i + "]: expected null, got " + got.get(i));
        continue;
      }
      double w = Double.parseDouble(want.get(i));
      double g = got.get(i).asDouble();
      boolean ok = Math.abs(g - w) <= 1e-6 * Math.abs(w) || Math.abs(g - w) <= 1e-12;
      assertTrue(ok, what + "[" + i + "]: R " + w + ", studybook " + g);
    }
  }
}
