package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small designs whose answers are known in closed form. */
class LogisticHandTest {
  static final List<String> NAMES = List.of("(Intercept)", "exposed");

  /** A 2x2 table as rows: a exposed events, b exposed non-events, c unexposed events, d unexposed non-events. */
  static double[][][] table(int a, int b, int c, int d) {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    int[][] cells = {{1, 1, a}, {1, 0, b}, {0, 1, c}, {0, 0, d}};
    for (int[] cell : cells) {
      for (int k = 0; k < cell[2]; k++) {
        x.add(new double[] {1, cell[0]});
        y.add((double) cell[1]);
      }
    }
    return new double[][][] {x.toArray(new double[0][]), {y.stream().mapToDouble(Double::doubleValue).toArray()}};
  }

  @ParameterizedTest(name = "a={0} b={1} c={2} d={3}")
  @CsvSource({"10, 20, 5, 40", "3, 7, 9, 2", "1, 1, 1, 1", "50, 3, 4, 60"})
  void binaryExposureGivesTheCrossProductOddsRatio(int a, int b, int c, int d) {
    double[][][] t = table(a, b, c, d);
    LogisticFit fit = LogisticRegression.withDefaults().fit(t[0], t[1][0], NAMES);
    Coefficient e = fit.coefficient("exposed");
    // ML stops where glm's default deviance criterion (1e-8) stops and takes the covariance from the
    // weights of its last iteration, as summary(glm) reports (R: a=10 b=20 c=5 d=40 gives se 0.612363523679667,
    // the closed form 0.6123724): the closed forms hold to 1e-6 (estimate) and 1e-4 (se) relative there
    assertEquals((double) a * d / (b * c), e.oddsRatio(), 1e-6 * e.oddsRatio());
    assertEquals(Math.sqrt(1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d), e.se(), 1e-4 * e.se());
    if (a == 10 && b == 20 && c == 5 && d == 40) {
      assertEquals(0.612363523679667, e.se(), 1e-12, "R's summary(glm(y ~ x, binomial)) se");
    }
    assertEquals(Math.log((double) c / d), fit.coefficient("(Intercept)").estimate(), 1e-6);
    assertFalse(fit.separation());
    assertTrue(fit.converged());
    assertEquals(a + c, fit.events());
    double z = 1.959963984540054;
    assertEquals(Math.exp(e.estimate() - z * e.se()), e.ciLow(), 1e-12 * e.ciLow());
  }

  /** For a saturated 2x2 model Firth's estimate is the odds ratio with 1/2 added to every cell. */
  @ParameterizedTest(name = "a={0} b={1} c={2} d={3}")
  @CsvSource({"10, 20, 5, 40", "3, 7, 9, 2", "0, 12, 6, 6", "5, 0, 0, 5"})
  void firthOnATwoByTwoTableAddsOneHalfToEachCell(int a, int b, int c, int d) {
    double[][][] t = table(a, b, c, d);
    LogisticFit fit = LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH).fit(t[0], t[1][0], NAMES);
    double expected = (a + 0.5) * (d + 0.5) / ((b + 0.5) * (c + 0.5));
    assertEquals(expected, fit.coefficient("exposed").oddsRatio(), 1e-9 * expected);
    // the information is evaluated at the penalized fit, whose fitted risks are (a + 1/2) / (a + b + 1)
    double p1 = (a + 0.5) / (a + b + 1);
    double p0 = (c + 0.5) / (c + d + 1);
    double se = Math.sqrt(1 / ((a + b) * p1 * (1 - p1)) + 1 / ((c + d) * p0 * (1 - p0)));
    assertEquals(se, fit.coefficient("exposed").se(), 1e-9 * se);
    assertEquals(a == 0 || b == 0 || c == 0 || d == 0, fit.separation(), "a zero cell separates the data");
    assertTrue(fit.converged());
  }

  @Test
  void separationIsReportedNotHidden() {
    double[][] x = new double[8][];
    double[] y = new double[8];
    for (int i = 0; i < 8; i++) {
      x[i] = new double[] {1, i};
      y[i] = i >= 4 ? 1 : 0;
    }
    LogisticFit ml = LogisticRegression.withDefaults().fit(x, y, List.of("(Intercept)", "x"));
    assertTrue(ml.separation());
    LogisticFit mlProfile = LogisticRegression.withDefaults().with(LogisticRegression.Limits.PROFILE)
        .fit(x, y, List.of("(Intercept)", "x"));
    assertTrue(Double.isNaN(mlProfile.coefficient("x").ciLow()) && Double.isNaN(mlProfile.coefficient("x").ciHigh()),
        "no likelihood maximum, no profile limits");
    LogisticFit firth = LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH)
        .with(LogisticRegression.Limits.PROFILE).fit(x, y, List.of("(Intercept)", "x"));
    assertTrue(firth.separation(), "separation describes the data, whatever the method");
    Coefficient b = firth.coefficient("x");
    assertTrue(Double.isFinite(b.estimate()) && Double.isFinite(b.ciHigh()) && b.ciLow() > 1, b.toString());
    // overlapping outcomes at one x value: no separation
    y[3] = 1;
    y[4] = 0;
    assertFalse(LogisticRegression.withDefaults().fit(x, y, List.of("(Intercept)", "x")).separation());
  }

  @Test
  void cStatisticCountsPairsWithTiesAsHalf() {
    assertEquals(0.75, Discrimination.cStatistic(new double[] {0.1, 0.4, 0.35, 0.8}, new double[] {0, 0, 1, 1}), 1e-15);
    assertEquals(0.5, Discrimination.cStatistic(new double[] {0.3, 0.3, 0.3}, new double[] {0, 1, 1}), 1e-15);
    assertEquals(1.0, Discrimination.cStatistic(new double[] {0.1, 0.2, 0.9}, new double[] {0, 0, 1}), 1e-15);
    assertTrue(Double.isNaN(Discrimination.cStatistic(new double[] {0.1, 0.2}, new double[] {1, 1})));
  }

  @Test
  void eventsPerVariableUsesTheRarerOutcome() {
    double[][][] t = table(10, 20, 5, 40);
    LogisticFit fit = LogisticRegression.withDefaults().fit(t[0], t[1][0], NAMES);
    assertEquals(15.0, fit.eventsPerVariable());
  }

  @Test
  void rejectsOutcomesThatAreNotZeroOrOne() {
    assertThrows(IllegalArgumentException.class,
        () -> LogisticRegression.withDefaults().fit(new double[][] {{1, 0}, {1, 1}}, new double[] {0, 2}, NAMES));
  }
}
