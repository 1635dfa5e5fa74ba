package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import studybook.data.CodebookVariable;
import studybook.data.DataException;
import studybook.data.Frame;
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;
import tech.tablesaw.api.Table;

/** A rescaled term against R's glm(case ~ I(age / 10) + induced, binomial, infert) (src/test/r/rescaled.R). */
class TermTest {
  static Frame infert() {
    return Frame.fromTable(Table.read().csv("src/test/resources/reference/compare/infert.csv"))
        .withVariable(CodebookVariable.continuous("age").withLabel("Age").withUnit("years"));
  }

  @Test
  void aTermPerTenYearsMatchesRsI() throws IOException {
    DesignMatrix d = DesignMatrix.ofTerms(infert(), "case", "1", List.of(Term.of("age").per(10), Term.of("induced")));
    LogisticFit fit = LogisticRegression.withDefaults().fit(d.design());
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/reference/rescaled/infert_age10.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",");
      Coefficient k = fit.coefficients().stream().filter(x -> x.term().equals(c[0])).findFirst().orElseThrow();
      assertEquals(Double.parseDouble(c[1]), k.estimate(), 1e-6 * Math.abs(Double.parseDouble(c[1])), c[0]);
      assertEquals(Double.parseDouble(c[2]), k.se(), 1e-6 * Double.parseDouble(c[2]), c[0]);
      assertEquals(Double.parseDouble(c[3]), k.p(), 1e-6 * Double.parseDouble(c[3]), c[0]);
      assertEquals(Double.parseDouble(c[4]), k.oddsRatio(), 1e-6 * Double.parseDouble(c[4]), c[0]);
      assertEquals(Double.parseDouble(c[5]), k.ciLow(), 1e-6 * Double.parseDouble(c[5]), c[0]);
      assertEquals(Double.parseDouble(c[6]), k.ciHigh(), 1e-6 * Double.parseDouble(c[6]), c[0]);
    }
  }

  @Test
  void theTableLabelsTheScale() {
    Frame f = infert();
    RegressionTable t = RegressionTable.ofTerms("t", f, f.codebook(), "case", "1",
        List.of(Term.of("age").per(10), Term.of("induced")), List.of(Term.of("age").per(10), Term.of("induced")));
    assertEquals("Age, per 10 years", t.entries().get(0).label());
    // a column the codebook says nothing about keeps its name (it read "induced, per unit")
    assertEquals("induced", t.entries().get(1).label());
    assertEquals("Age, per year", Term.of("age").label(f.variable("age")));
    assertEquals("x, per 2.5 units", Term.of("x").per(2.5).label(null));
  }

  @Test
  void aCategoricalTermCannotBeRescaled() {
    assertThrows(DataException.class,
        () -> DesignMatrix.ofTerms(infert(), "case", "1", List.of(Term.of("education").per(10))));
    assertThrows(studybook.StudybookException.class, () -> Term.of("age").per(0));
  }
}
