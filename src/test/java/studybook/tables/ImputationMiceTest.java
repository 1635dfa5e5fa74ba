package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.stats.impute.ChainedEquations.Method;
import studybook.stats.regression.RubinPool;

/**
 * Our chained-equations imputation against mice's, in distribution (src/test/r/mice.R): on nhanes2, mice with its
 * defaults was run 40 times with m = 50; the fixture holds the mean and the standard deviation over those runs
 * of each pooled estimate, standard error and fmi of two analysis models. We impute M = 400 times from one seed
 * and pool. Our pooled number and mice's mean each carry Monte Carlo error: sd²/40 for mice's mean and about
 * sd² · 50/M for ours (the spread of a pooled number falls as 1/m). The tolerance is 4 of these combined
 * standard deviations, for each of the 21 numbers.
 */
class ImputationMiceTest {
  static final Path DIR = Path.of("src/test/resources/reference/mice");
  static final int M = 400;
  static final double Z = 4;
  static Imputation.Result imp;

  record Expected(String model, String term, String quantity, double mean, double sd, int runs, int m) {}

  @BeforeAll
  static void impute() {
    Frame nhanes = AdhocLoader.load(DIR.resolve("nhanes2.csv"), Set.of(), Map.of());
    imp = Imputation.of(nhanes).variables("age", "bmi", "hyp", "chl").m(M).seed(20251207L).run();
  }

  static List<Expected> expected() throws IOException {
    return expected("expected.csv");
  }

  static List<Expected> expected(String file) throws IOException {
    List<Expected> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(DIR.resolve(file));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.replace("\"", "").split(",");
      out.add(new Expected(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
          Integer.parseInt(f[5]), Integer.parseInt(f[6])));
    }
    return out;
  }

  @Test
  void usesMicesDefaultMethods() {
    assertEquals(Map.of("age", Method.NONE, "bmi", Method.PMM, "hyp", Method.LOGREG, "chl", Method.PMM),
        imp.methods());
    assertEquals(M, imp.m());
    assertEquals(5, imp.maxit());
  }

  @Test
  void pooledEstimatesAgreeWithMiceWithinMonteCarloError() throws IOException {
    PooledTable linear = imp.linear("lin", "chl", List.of("age", "bmi"));
    PooledTable logistic = imp.logistic("logit", "hyp", "yes", List.of("bmi", "chl"));
    List<Expected> expected = expected();
    assertEquals(21, expected.size());
    compare(expected, linear, logistic);
  }

  /**
   * The same with age also missing in five rows (src/test/r/mice_polyreg.R: 30 runs of m = 50), so that age is
   * imputed by polytomous regression.
   */
  @Test
  void polytomousImputationAgreesWithMiceWithinMonteCarloError() throws IOException {
    Frame nhanes = AdhocLoader.load(DIR.resolve("nhanes2_age.csv"), Set.of(), Map.of());
    Imputation.Result withAge = Imputation.of(nhanes).variables("age", "bmi", "hyp", "chl").m(M).seed(7L).run();
    assertEquals(Method.POLYREG, withAge.methods().get("age"));
    List<Expected> expected = expected("expected_polyreg.csv");
    assertEquals(12, expected.size());
    PooledTable linear = withAge.linear("lin", "chl", List.of("age", "bmi"));
    compare(expected, linear, null);
  }

  private static void compare(List<Expected> expected, PooledTable linear, PooledTable logistic) {
    List<String> report = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Expected e : expected) {
      PooledTable t = e.model().equals("linear") ? linear : logistic;
      RubinPool.Term term = t.terms().stream().filter(x -> x.term().equals(e.term())).findFirst().orElseThrow();
      double ours = switch (e.quantity()) {
        case "estimate" -> term.estimate();
        case "se" -> term.se();
        default -> term.fmi();
      };
      double mcsd = Math.sqrt(e.sd() * e.sd() / e.runs() + e.sd() * e.sd() * e.m() / M);
      double z = (ours - e.mean()) / mcsd;
      String line = String.format("%s %s %s: ours %.5g, mice %.5g, z %.2f", e.model(), e.term(), e.quantity(), ours,
          e.mean(), z);
      report.add(line);
      if (!(Math.abs(z) <= Z)) {
        failures.add(line);
      }
    }
    System.out.println(String.join("\n", report));
    assertTrue(failures.isEmpty(), "beyond " + Z + " Monte Carlo SDs of mice: " + failures);
  }

  @Test
  void theFootnoteGivesMTheMethodPerVariableAndTheFmi() {
    PooledTable t = imp.logistic("logit", "hyp", "yes", List.of("bmi", "chl"));
    TableModel shown = t.display().get(0);
    assertEquals(List.of("Characteristic", "OR", "95% CI", "P", "FMI"),
        shown.columns().stream().map(TableModel.Column::header).toList());
    String notes = String.join("\n", shown.notes());
    assertTrue(notes.contains("m = " + M), notes);
    assertTrue(notes.contains("bmi (9 missing) by predictive mean matching, 5 donors"), notes);
    assertTrue(notes.contains("hyp (8 missing) by logistic regression"), notes);
    assertTrue(notes.contains("chl (10 missing) by predictive mean matching"), notes);
    assertTrue(notes.contains("predictors without missing values: age"), notes);
    assertTrue(notes.contains("FMI, fraction of missing information"), notes);
    assertTrue(notes.contains("Barnard–Rubin"), notes);
    assertEquals(25, t.n());
    assertEquals(M, t.m());
  }

  @Test
  void thePooledTableRenders() {
    PooledTable t = imp.logistic("logit", "hyp", "yes", List.of("bmi", "chl"));
    studybook.report.TableRenderer renderer = studybook.report.TableRenderer.of(Map.of(), false);
    String md = renderer.markdown(renderer.render(t.display().get(0)));
    System.out.println(md);
    assertTrue(md.contains("| FMI"), md);
    assertTrue(md.contains("Missing values were imputed by chained equations (m = " + M), md);
    RubinPool.Term chl = t.entries().get(1);
    assertTrue(md.contains(String.format("%.2f", chl.fmi())), md);
  }

  @Test
  void aPooledTableIsACacheableResult() throws Exception {
    PooledTable t = imp.linear("lin", "chl", List.of("age", "bmi"));
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    PooledTable back = mapper.readValue(mapper.writeValueAsString(t), PooledTable.class);
    assertEquals(studybook.kernel.ResultJson.hash(t), studybook.kernel.ResultJson.hash(back));
    assertEquals(t.rows(), back.rows());
  }
}
