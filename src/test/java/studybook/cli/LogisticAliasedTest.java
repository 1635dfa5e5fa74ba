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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * issue 16: {@code logistic} on a rank-deficient design. Before, a constant term beside another gave every
 * SE 0, every p 0; now an aliased column is reported as glm reports it (NA, here null, and named in
 * "aliased") with the rest fitted as R fits it (src/test/r/logistic_aliased.R), and a constant term or a
 * categorical term with one observed level is a located error (R: "contrasts can be applied only to
 * factors with 2 or more levels").
 */
class LogisticAliasedTest {
  @TempDir Path dir;

  static Path reference() {
    try {
      return Path.of(LogisticAliasedTest.class.getResource("/reference/logistic_aliased/expected.csv").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sum", "units", "factor"})
  void aliasedColumnsAreNullAndNamedAndTheRestMatchesGlm(String name) throws IOException {
    Map<String, String> want = new LinkedHashMap<>();
    String terms = null;
    List<String> lines = Files.readAllLines(reference().resolve("expected.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.replace("\"", "").split(",", -1);
      if (f[0].equals(name)) {
        terms = f[1];
        want.put(f[2] + "|" + f[3], f[4]);
      }
    }
    CliRun r = CliRun.of("logistic", "--data", reference().resolve("collinear.csv").toString(), "--outcome", "yb",
        "--event", "yes", "--terms", terms.replace(';', ','), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    close(want.get("(model)|aic"), root.get("aic"), "aic");
    close(want.get("(model)|loglik"), root.get("loglik"), "loglik");
    List<String> aliased = new ArrayList<>();
    for (JsonNode t : root.get("terms")) {
      String term = t.get("term").asText();
      for (String q : List.of("estimate", "se", "z", "p", "ci_low", "ci_high")) {
        close(want.get(term + "|" + q), t.get(q), term + " " + q);
      }
      if (want.get(term + "|estimate").equals("NA")) {
        aliased.add(term);
      }
    }
    assertFalse(aliased.isEmpty());
    List<String> got = new ArrayList<>();
    root.get("aliased").forEach(a -> got.add(a.asText()));
    assertEquals(aliased, got);
    assertTrue(root.get("converged").asBoolean());
    assertTrue(r.err().contains("aliased (collinear) terms"), r.err());
  }

  @Test
  void theReadableTableSaysNaForEveryNumberOfAnAliasedTerm_asTheCoxAndLinearTablesDo() {
    CliRun r = CliRun.of("logistic", "--data", reference().resolve("collinear.csv").toString(), "--outcome", "yb",
        "--event", "yes", "--terms", "wt,lbs,a");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("NaN"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("lbs ") && l.trim().endsWith("NA")), r.out());
  }

  @Test
  void aFullRankFitKeepsExactlyTheContractsKeys() {
    CliRun r = CliRun.of("logistic", "--data", reference().resolve("collinear.csv").toString(), "--outcome", "yb",
        "--event", "yes", "--terms", "a,b", "--json");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.json().has("aliased"));
  }

  @Test
  void aConstantTermBesideAnotherIsALocatedErrorNotZeroStandardErrors() throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, "y,x,c,g\n1,1,5,a\n0,2,5,a\n1,3,5,a\n0,4,5,a\n1,5,5,a\n1,2,5,a\n0,1,5,a\n",
        StandardCharsets.UTF_8);
    CliRun constant = CliRun.of("logistic", "--data", f.toString(), "--outcome", "y", "--event", "1", "--terms", "x,c",
        "--json");
    assertEquals(2, constant.code(), constant.err());
    assertEquals("", constant.out());
    assertTrue(constant.err().contains("d.csv:1: column 'c': the term is constant among the complete cases"),
        constant.err());
    CliRun oneLevel = CliRun.of("logistic", "--data", f.toString(), "--outcome", "y", "--event", "1", "--terms", "x,g",
        "--json");
    assertEquals(2, oneLevel.code(), oneLevel.err());
    assertEquals("", oneLevel.out());
    assertTrue(oneLevel.err().contains("column 'g': a categorical term needs two or more levels"), oneLevel.err());
  }

  /** R's NA is null; others 1e-6 relative or 1e-9 absolute (the factor case's estimates are ~1e-16). */
  private static void close(String want, JsonNode got, String what) {
    if (want.equals("NA")) {
      assertTrue(got.isNull(), what + ": expected null, got " + got);
      return;
    }
    double w = Double.parseDouble(want);
    double g = got.asDouble();
    assertTrue(Math.abs(g - w) <= 1e-6 * Math.abs(w) || Math.abs(g - w) <= 1e-9, what + ": R " + w + ", studybook " + g);
  }
}
