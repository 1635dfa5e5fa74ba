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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code studybook propensity} end to end against R (src/test/r/propensity.R: glm scores, the contract's
 * weights and balance formulas, MatchIt 4.5.1 for 1:2 matching and the matching rule for 1:1 and the
 * calipers) on lalonde and a copy with missing values; every JSON number and every row of --out, 1e-6
 * relative. Then the bad input of issue 25.
 */
class PropensityCommandTest {
  @TempDir Path dir;

  static final Path REF = ReferenceJson.folder("propensity");

  static Stream<String[]> cases() throws IOException {
    return ReferenceJson.csv(REF.resolve("cases.csv")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyReferenceCaseMatchesR(String name, String file, String args) throws IOException {
    Path out = dir.resolve("w.csv");
    List<String> cli = new ArrayList<>(List.of("propensity", "--data", REF.resolve(file).toString()));
    cli.addAll(Arrays.asList(args.split(";")));
    cli.addAll(List.of("--out", out.toString(), "--json"));
    CliRun r = CliRun.of(cli.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    double worst = ReferenceJson.compare(root, ReferenceJson.expected(REF, name), name);
    System.err.println("propensity " + name + ": largest relative difference from R " + worst);
    assertEquals(args.contains("match"), root.has("matched"), "matched only when matching");
    // --out: the rows used, in file order, with ps, weight and (matching) subclass as R has them
    List<String> lines = Files.readAllLines(out);
    List<String> header = Arrays.asList(ReferenceJson.cells(lines.get(0)));
    List<String[]> want = ReferenceJson.csv(REF.resolve("rows-" + name + ".csv"));
    assertEquals(want.size() + 1, lines.size(), "one line per row used");
    int ps = header.indexOf("ps");
    int weight = header.indexOf("weight");
    int subclass = header.indexOf("subclass");
    assertEquals(args.contains("match"), subclass >= 0);
    List<String> source = Files.readAllLines(REF.resolve(file));
    for (int i = 0; i < want.size(); i++) {
      String[] got = ReferenceJson.cells(lines.get(i + 1));
      String[] w = want.get(i);
      int line = Integer.parseInt(w[0]);
      // the data columns are the file's own cells
      String[] original = ReferenceJson.cells(source.get(line - 1));
      for (int c = 0; c < original.length; c++) {
        assertEquals(original[c], cell(got[c], original[c]), name + " line " + line + " column " + header.get(c));
      }
      ReferenceJson.close(Double.parseDouble(w[1]), Double.parseDouble(got[ps]), name + " ps at line " + line);
      ReferenceJson.close(Double.parseDouble(w[2]), Double.parseDouble(got[weight]), name + " weight at line " + line);
      if (subclass >= 0) {
        assertEquals(w[3], got[subclass], name + " subclass at line " + line);
      }
    }
  }

  /** A numeric cell may be written in another form of the same number (1.0 for 1): compare it as a number. */
  private static String cell(String got, String original) {
    if (got.equals(original)) {
      return got;
    }
    try {
      return Double.parseDouble(got) == Double.parseDouble(original) ? original : got;
    } catch (NumberFormatException e) {
      return got;
    }
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String SMALL = """
      t,x,g
      a,1,u
      b,2,v
      a,3,u
      b,1,v
      a,5,v
      b,2,u
      a,2,u
      b,7,v
      """;

  @Test
  void aThirdTreatmentValueIsAnErrorAtItsRow() throws IOException {
    Path f = write("three.csv", SMALL + "c,4,u\n");
    Path out = dir.resolve("never.csv");
    CliRun r = CliRun.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated", "a", "--covariates", "x",
        "--out", out.toString(), "--json");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("three.csv:10") && r.err().contains("column 't'") && r.err().contains("exactly two"),
        r.err());
    assertFalse(Files.exists(out), "nothing written on error");
  }

  @Test
  void aSingleTreatmentValueIsAnError() throws IOException {
    Path f = write("one.csv", "t,x\na,1\na,2\na,3\n");
    CliRun r = CliRun.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated", "a", "--covariates", "x",
        "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("column 't'") && r.err().contains("single value"), r.err());
  }

  @Test
  void aCovariateWithoutVariationInOneGroupIsNamed() throws IOException {
    Path f = write("flat.csv", "t,x,z\na,1,5\nb,2,5\na,3,5\nb,1,6\na,5,5\nb,2,7\n");
    CliRun r = CliRun.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated", "a", "--covariates",
        "x,z", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("column 'z'") && r.err().contains("treated") && r.err().contains("'5'"), r.err());
  }

  @Test
  void separationIsSaidWithTheOffendingCovariate() throws IOException {
    // s separates the groups completely (every treated row has s above every control); x does not
    Path f = write("sep.csv", "t,x,s\na,1,10\nb,2,1\na,3,11\nb,1,2\na,5,12\nb,2,3\na,2,13\nb,7,4\n");
    CliRun r = CliRun.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated", "a", "--covariates",
        "x,s", "--json");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("separated") && r.err().contains("'s'") && !r.err().contains("'x'"), r.err());
  }

  /** --trim is Propensity.trimmed: WeightIt::trim(w, at) against src/test/r/propensity_trim.R, 1e-6 relative. */
  @Test
  void trimmedWeightsAreWeightItsTrim() throws Exception {
    for (String c : List.of("ate_95", "att_90")) {
      CliRun r = CliRun.of("propensity", "--data", REF.resolve("lalonde.csv").toString(), "--treatment", "treat",
          "--treated", "1", "--covariates", "age,educ,race,married,nodegree,re74,re75", "--estimand",
          c.substring(0, 3), "--trim", c.startsWith("att") ? "0.90" : "0.95", "--json");
      assertEquals(0, r.code(), r.err());
      Map<String, Double> want = studybook.report.figures.PropensityTrimTest.expected(c);
      assertEquals(want.get("trimmed").intValue(), r.json().at("/trim/trimmed").asInt(), c);
      assertEquals(c.startsWith("att") ? 0.9 : 0.95, r.json().at("/trim/at").asDouble(), c);
      for (String g : List.of("treated", "control")) {
        double ess = r.json().at("/weights/" + g + "/ess").asDouble();
        assertEquals(want.get("ess_" + g), ess, 1e-6 * Math.abs(ess), c + " ess " + g);
      }
      double cut = want.get("cut");
      assertEquals(cut, r.json().at("/weights/control/max").asDouble(), 1e-6 * cut, c + " the largest control weight is the cut");
      for (JsonNode b : r.json().get("balance")) {
        double smd = b.get("smd_after").asDouble();
        assertEquals(want.get("balance[" + b.get("term").asText() + "].smd_after"), smd, 1e-6 * Math.max(1e-3, Math.abs(smd)),
            c + " " + b.get("term").asText());
      }
    }
    CliRun untrimmed = CliRun.of("propensity", "--data", REF.resolve("lalonde.csv").toString(), "--treatment", "treat",
        "--treated", "1", "--covariates", "age", "--json");
    assertTrue(untrimmed.json().path("trim").isMissingNode(), "no trim key without --trim");
  }

  @Test
  void trimOutsideWeightingOrOneHalfToOneIsAnError() {
    for (List<String> bad : List.of(List.of("--trim", "0.4"), List.of("--trim", "1"),
        List.of("--method", "match", "--trim", "0.99"))) {
      List<String> args = new ArrayList<>(List.of("propensity", "--data", REF.resolve("lalonde.csv").toString(),
          "--treatment", "treat", "--treated", "1", "--covariates", "age", "--json"));
      args.addAll(bad);
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, r.code(), bad.toString());
      assertEquals("", r.out());
      assertTrue(r.err().contains("--trim"), r.err());
    }
  }

  @Test
  void extremeWeightsAreReportedWithTheirShareAndKept() throws IOException {
    CliRun r = CliRun.of("propensity", "--data", REF.resolve("lalonde.csv").toString(), "--treatment", "treat",
        "--treated", "1", "--covariates", "age,educ,race,married,nodegree,re74,re75", "--json");
    assertEquals(0, r.code(), r.err());
    // one treated row has weight 40.08, over 10 times the treated mean 553.63/185: its share is 40.08/553.63
    double share = 100 * r.json().at("/weights/treated/max").asDouble() / r.json().at("/weights/treated/sum").asDouble();
    assertTrue(r.err().contains("extreme weights: 1 treated weight above 10 times")
        && r.err().contains(String.format(java.util.Locale.ROOT, "%.1f%%", share)) && r.err().contains("nothing is trimmed"),
        r.err());
  }

  @Test
  void impossibleCombinationsAreErrors() throws IOException {
    Path f = write("small.csv", SMALL);
    Map<String[], String> bad = new HashMap<>();
    bad.put(new String[] {"--method", "match", "--estimand", "ate"}, "matching estimates the ATT");
    bad.put(new String[] {"--estimand", "att", "--stabilize"}, "ATE weights only");
    bad.put(new String[] {"--ratio", "2"}, "--ratio applies to --method match");
    bad.put(new String[] {"--method", "match", "--caliper", "-1"}, "--caliper must be a positive");
    bad.put(new String[] {"--method", "match", "--ratio", "0"}, "--ratio must be 1 or more");
    for (Map.Entry<String[], String> e : bad.entrySet()) {
      List<String> args = new ArrayList<>(List.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated",
          "a", "--covariates", "x", "--json"));
      args.addAll(Arrays.asList(e.getKey()));
      CliRun r = CliRun.of(args.toArray(new String[0]));
      assertEquals(2, r.code(), String.join(" ", e.getKey()));
      assertTrue(r.err().contains(e.getValue()), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void outOverTheDataFileIsRefusedAndTheDataStay() throws IOException {
    Path f = write("small.csv", SMALL);
    CliRun r = CliRun.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated", "a", "--covariates", "x",
        "--out", f.toString(), "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is the data file itself"), r.err());
    assertEquals(SMALL, Files.readString(f));
  }

  @Test
  void anUnknownTreatedValueAndAnUnknownCovariateAreNamed() throws IOException {
    Path f = write("small.csv", SMALL);
    CliRun r = CliRun.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated", "A", "--covariates", "x",
        "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--treated is not one of"), r.err());
    r = CliRun.of("propensity", "--data", f.toString(), "--treatment", "t", "--treated", "a", "--covariates", "xx",
        "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("column 'xx'") && r.err().contains("did you mean 'x'"), r.err());
  }
}
