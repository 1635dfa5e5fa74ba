package studybook.stats.impute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import studybook.stats.impute.ChainedEquations.Method;
import studybook.stats.impute.ChainedEquations.Variable;

/** Awkward data the chained equations must survive: collinear predictors, separation, a lone observed value. */
class ChainedEquationsTest {
  @Test
  void collinearPredictorsSeparatedFactorsAndUnseenLevelsStillImpute() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 60;
    double[] x = new double[n];
    double[] twin = new double[n];
    double[] sep = new double[n];
    double[] three = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      twin[i] = 2 * x[i] + 1;
      sep[i] = x[i] > 0 ? 1 : 0;
      three[i] = x[i] > 0.5 ? 2 : 0; // level 1 never observed
      if (i % 5 == 0) {
        x[i] = Double.NaN;
      }
      if (i % 7 == 0) {
        sep[i] = Double.NaN;
      }
      if (i % 6 == 1) {
        three[i] = Double.NaN;
      }
    }
    ChainedEquations ce = new ChainedEquations(List.of(new Variable("x", x, 0), new Variable("twin", twin, 0),
        new Variable("sep", sep, 2), new Variable("three", three, 3)));
    assertEquals(List.of(Method.PMM, Method.NONE, Method.LOGREG, Method.POLYREG), ce.methods());
    for (double[][] done : ce.impute(3, 5, 7)) {
      for (int i = 0; i < n; i++) {
        assertTrue(Double.isFinite(done[0][i]));
        assertTrue(done[2][i] == 0 || done[2][i] == 1);
        assertTrue(done[3][i] == 0 || done[3][i] == 1 || done[3][i] == 2);
      }
    }
  }

  @Test
  void oneObservedValueIsCopied() {
    double[] y = {Double.NaN, 3, Double.NaN, Double.NaN};
    double[] x = {1, 2, 3, 4};
    double[][] done = new ChainedEquations(List.of(new Variable("y", y, 0), new Variable("x", x, 0)))
        .impute(2, 5, 1).get(0);
    assertEquals(List.of(3.0, 3.0, 3.0, 3.0), java.util.Arrays.stream(done[0]).boxed().toList());
  }

  @Test
  void anEntirelyMissingVariableIsNamed() {
    double[] y = {Double.NaN, Double.NaN};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ChainedEquations(List.of(new Variable("albumin", y, 0), new Variable("x", new double[] {1, 2}, 0))));
    assertTrue(e.getMessage().contains("'albumin' is missing in every row"), e.getMessage());
  }
}
