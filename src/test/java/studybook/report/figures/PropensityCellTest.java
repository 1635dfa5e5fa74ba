package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import studybook.StudybookException;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.stats.propensity.BalanceRow;
import studybook.tables.BalanceTable;
import studybook.tables.Propensity;
import studybook.tables.TableModel;

/**
 * The propensity cells of a study: {@code Propensity.of(frame)...} gives the command's numbers (checked
 * against R's through the propensity fixtures, src/test/r/propensity.R), a weighted or matched frame for the
 * outcome models, the balance table with its methods sentence, and a Love plot that is well-formed SVG with
 * one before and one after marker per covariate row.
 */
class PropensityCellTest {
  static final List<String> COVARIATES = List.of("age", "educ", "race", "married", "nodegree", "re74", "re75");

  static Path reference(String name) {
    try {
      return Path.of(PropensityCellTest.class.getResource("/reference/propensity/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Frame lalonde() {
    return AdhocLoader.load(reference("lalonde.csv"), Set.of(), Map.of());
  }

  /** path to value of one case of the propensity fixtures. */
  static Map<String, Double> expected(String caseName) throws Exception {
    Map<String, Double> out = new HashMap<>();
    List<String> lines = Files.readAllLines(reference("expected.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",", -1);
      if (c[0].equals(caseName) && !c[2].equals("NA")) {
        out.put(c[1], Double.parseDouble(c[2]));
      }
    }
    return out;
  }

  static void close(double want, double got, String label) {
    assertTrue(Math.abs(got - want) <= 1e-6 * Math.abs(want) + 1e-12, label + ": want " + want + ", got " + got);
  }

  @Test
  void theCellGivesTheCommandsNumbersAndAWeightedFrame() throws Exception {
    Propensity.Fit fit = Propensity.of(lalonde()).treatment("treat", "1").covariates(COVARIATES).fit();
    Map<String, Double> want = expected("ate");
    BalanceTable table = fit.balance("balance");
    assertEquals(9, table.entries().size());
    for (BalanceRow b : table.entries()) {
      close(want.get("balance[" + b.term() + "].smd_before"), b.smdBefore(), b.term());
      close(want.get("balance[" + b.term() + "].smd_after"), b.smdAfter(), b.term());
    }
    Frame weighted = fit.weighted();
    assertEquals(614, weighted.rowCount());
    List<String> rows = Files.readAllLines(reference("rows-ate.csv"));
    double[] w = weighted.values("weight");
    for (int i = 0; i < w.length; i++) {
      close(Double.parseDouble(rows.get(i + 1).split(",")[2].replace("\"", "")), w[i], "weight of row " + i);
    }
  }

  @Test
  void matchingGivesTheMatchedFrameWithItsSets() throws Exception {
    Propensity.Fit fit = Propensity.of(lalonde()).treatment("treat", "1").covariates(COVARIATES).matching(2).fit();
    Frame matched = fit.matched();
    assertEquals(555, matched.rowCount());
    double[] subclass = matched.values("subclass");
    assertEquals(185, java.util.Arrays.stream(subclass).distinct().count());
    Map<String, Double> want = expected("match2");
    for (BalanceRow b : fit.balance("b").entries()) {
      close(want.get("balance[" + b.term() + "].smd_after"), b.smdAfter(), b.term());
    }
    assertThrows(StudybookException.class, () -> Propensity.of(lalonde()).treatment("treat", "1")
        .covariates(COVARIATES).fit().matched());
  }

  @Test
  void theBalanceTableSaysWhatWasDone() {
    BalanceTable table = Propensity.of(lalonde()).treatment("treat", "1").covariates("age", "race").stabilized().fit()
        .balance("balance");
    List<TableModel> shown = table.display();
    assertEquals(1, shown.size());
    TableModel t = shown.get(0);
    assertEquals(List.of("age", "race: black", "race: hispan", "race: white"), t.rows().stream().map(r -> r.label()).toList());
    String notes = String.join(" ", t.notes());
    assertTrue(notes.contains("stabilized inverse-probability weights") && notes.contains(
        "glm(treat == \"1\" ~ age + race, family = binomial)") && notes.contains("Effective sample sizes"), notes);
    String matching = Propensity.of(lalonde()).treatment("treat", "1").covariates("age", "race").matching(1)
        .caliper(0.1).fit().balance("b").methods();
    assertTrue(matching.contains("the nearest control") && matching.contains("caliper of 0.1 standard deviations"),
        matching);
  }

  @Test
  void theLovePlotIsWellFormedWithTwoMarkersPerRow() throws Exception {
    BalanceTable table = Propensity.of(lalonde()).treatment("treat", "1").covariates(COVARIATES).fit()
        .balance("balance");
    String svg = LovePlotFigure.svg(LovePlot.of("Covariate balance", table), Formats.NUMBERS);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals(9, countClass(doc, "love-before"));
    assertEquals(9, countClass(doc, "love-after"));
    assertEquals(9, countClass(doc, "love-term"));
    assertTrue(svg.contains("After weighting") && svg.contains("Absolute standardized mean difference"));
  }

  private static int countClass(Document doc, String cls) {
    int n = 0;
    org.w3c.dom.NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      if (cls.equals(((org.w3c.dom.Element) all.item(i)).getAttribute("class"))) {
        n++;
      }
    }
    return n;
  }
}
