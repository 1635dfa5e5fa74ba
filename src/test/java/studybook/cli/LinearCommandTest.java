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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code studybook linear} end to end against R (src/test/r/linear.R: summary(lm), confint, AIC, and
 * sandwich::vcovHC(type = "HC3") with lmtest::coeftest/coefci) on mtcars, airquality (missing values),
 * birthwt (categorical race), collinear designs and a high-leverage point; 1e-6 relative.
 */
class LinearCommandTest {
  @TempDir Path dir;

  static Path reference() {
    try {
      return Path.of(LinearCommandTest.class.getResource("/reference/linear/cases.csv").toURI()).getParent();
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
    List<String[]> out = new ArrayList<>();
    for (String[] c : csv("cases.csv")) {
      for (String se : List.of("classical", "hc3")) {
        String[] withSe = java.util.Arrays.copyOf(c, c.length + 1);
        withSe[c.length] = se;
        out.add(withSe);
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {6}")
  @MethodSource("cases")
  void everyReferenceCaseMatchesR(String name, String file, String outcome, String terms, String categorical,
      String aliased, String se) throws IOException {
    List<String> args = new ArrayList<>(List.of("linear", "--data", reference().resolve(file).toString(), "--outcome",
        outcome, "--terms", terms.replace(';', ','), "--se", se, "--json"));
    if (!categorical.isEmpty()) {
      args.addAll(List.of("--categorical", categorical.replace(';', ',')));
    }
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    Map<String, String> want = new HashMap<>();
    for (String[] row : csv("expected.csv")) {
      if (row[0].equals(name) && row[1].equals(se)) {
        want.put(row[2] + "|" + row[3], row[4]);
      }
    }
    close(want.get("(model)|n"), root.get("n"), name);
    close(want.get("(model)|df_residual"), root.get("df_residual"), name);
    for (String q : List.of("r_squared", "adj_r_squared", "sigma", "aic")) {
      close(want.get("(model)|" + q), root.get(q), name + " " + q);
    }
    close(want.get("(model)|f"), root.get("f").get("statistic"), name + " F");
    close(want.get("(model)|f_df"), root.get("f").get("df"), name + " F df");
    close(want.get("(model)|f_df2"), root.get("f").get("df2"), name + " F df2");
    close(want.get("(model)|f_p"), root.get("f").get("p"), name + " F p");
    assertEquals(se, root.get("se_type").asText());
    int terms0 = 0;
    for (JsonNode t : root.get("terms")) {
      String term = t.get("term").asText();
      for (String q : List.of("estimate", "se", "t", "p", "ci_low", "ci_high")) {
        assertTrue(want.containsKey(term + "|" + q), name + ": R has no term " + term);
        close(want.get(term + "|" + q), t.get(q), name + " " + se + " " + term + " " + q);
      }
      terms0++;
    }
    assertEquals(want.keySet().stream().filter(k -> k.endsWith("|estimate")).count(), terms0, name + ": term count");
    List<String> gotAliased = new ArrayList<>();
    root.get("aliased").forEach(a -> gotAliased.add(a.asText()));
    assertEquals(aliased.isEmpty() ? List.of() : List.of(aliased.split(";")), gotAliased, name);
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    keys.remove("excluded");
    assertEquals(List.of("n", "df_residual", "r_squared", "adj_r_squared", "sigma", "aic", "f", "se_type", "terms",
        "aliased"), keys);
  }

  @Test
  void airqualityCountsTheRowsLeftOutForMissingValues() {
    CliRun r = CliRun.of("linear", "--data", reference().resolve("airquality.csv").toString(), "--outcome", "Ozone",
        "--terms", "Solar.R,Wind", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(111, r.json().get("n").asInt());
    assertEquals(153 - 111, r.json().get("excluded").asInt());
  }

  @Test
  void withoutJsonPrintsAReadableTableAndSaysWhatIsAliased() {
    CliRun r = CliRun.of("linear", "--data", reference().resolve("collinear.csv").toString(), "--outcome", "y",
        "--terms", "a,b,c,wt");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("c ") && r.out().contains("aliased"), r.out());
    assertTrue(r.err().contains("aliased (collinear) terms, not estimable and reported as NA: c"), r.err());
  }

  /** R and JSON: NA is null; others to 1e-6 relative (p-values also 1e-12 absolute). */
  private static void close(String want, JsonNode got, String what) {
    if (want.equals("NA")) {
      assertTrue(got.isNull(), what + ": expected null, got " + got);
      return;
    }
    double w = Double.parseDouble(want);
    double g = got.asDouble();
    boolean ok = Math.abs(g - w) <= 1e-6 * Math.abs(w) || (what.endsWith(" p") && Math.abs(g - w) <= 1e-12);
    assertTrue(ok, what + ": R " + w + ", studybook " + g);
  }

  private Path write(String content) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "|", value = {
    "text outcome|y,x\\na,1\\nb,2\\nc,3\\n|y|x||d.csv:2: column 'y': the outcome of a linear model must be numeric",
    "categorical outcome|y,x\\n1,1\\n2,2\\n3,3\\n|y|x|y|d.csv:1: column 'y': the outcome of a linear model must be numeric",
    "constant term|y,x,c\\n1,1,5\\n2,2,5\\n4,3,5\\n|y|x,c||d.csv:1: column 'c': the term is constant among the complete cases",
    "one observed level|y,x,g\\n1,1,a\\n2,2,a\\n4,3,a\\n|y|x,g||d.csv:1: column 'g': a categorical term needs two or more levels",
    "unknown term|y,x\\n1,1\\n2,2\\n|y|xx||did you mean 'x'?",
    "no residual df|y,x\\n1,1\\n2,2\\n|y|x||no residual degrees of freedom",
    "bad se|y,x\\n1,1\\n2,2\\n3,3\\n|y|x|--se=hc9|--se must be classical or hc3",
  })
  void badInputIsOneLineOnStderrAndNothingOnStdout(String label, String csv, String outcome, String terms,
      String extra, String message) throws IOException {
    Path f = write(csv.replace("\\n", "\n"));
    List<String> args = new ArrayList<>(List.of("linear", "--data", f.toString(), "--outcome", outcome, "--terms", terms,
        "--json"));
    if (extra != null && extra.startsWith("--")) {
      args.add(extra);
    } else if (extra != null) {
      args.addAll(List.of("--categorical", extra));
    }
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(message), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
