package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The screened separation check (ML certificate, then the linear program over distinct rows) gives
 * the verdict of Konis' program over every row, and answers on data far too large for that program.
 */
class SeparationTest {
  /** n rows: intercept, a standard-normal covariate and a 3-level factor; y from a logistic model. */
  private static double[][] design(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      int level = r.nextInt(3);
      x[i] = new double[] {1, r.nextGaussian(), level == 1 ? 1 : 0, level == 2 ? 1 : 0};
    }
    return x;
  }

  private static double[] outcome(double[][] x, double[] beta, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double eta = 0;
      for (int k = 0; k < beta.length; k++) {
        eta += x[i][k] * beta[k];
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    return y;
  }

  private static boolean screened(double[][] x, double[] y) {
    return LogisticRegression.withDefaults().fit(x, y, List.of("(Intercept)", "z", "f=b", "f=c")).separation();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void agreesWithTheProgramOverEveryRowOnSmallData(long seed) {
    double[][] x = design(40, seed);
    double[] y = outcome(x, new double[] {-0.5, 1.5, 0.8, -0.8}, seed + 100);
    assertEquals(Separation.detect(x, y), screened(x, y));
    // the same rows made separated by the covariate: y = 1 exactly when z > 0
    double[] separated = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      separated[i] = x[i][1] > 0 ? 1 : 0;
    }
    assertTrue(Separation.detect(x, separated));
    assertTrue(screened(x, separated));
  }

  @Test
  void largeOverlappingDataAreCertifiedWithoutTheProgram() {
    double[][] x = design(50_000, 11);
    double[] y = outcome(x, new double[] {-1, 1, 0.5, -0.5}, 12);
    assertFalse(screened(x, y));
  }

  @Test
  void largeSeparatedDataAreStillFound() {
    double[][] x = design(50_000, 13);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][1] > 0 ? 1 : 0;
    }
    assertTrue(screened(x, y), "continuous separation: too many distinct rows, the ML iteration does not converge");
  }

  @Test
  void quasiSeparationByAFactorLevelIsFoundOnTheDistinctRows() {
    // level c never has the event: quasi-complete separation; three distinct covariate rows only
    SplittableRandom r = new SplittableRandom(21);
    List<double[]> rows = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      int level = r.nextInt(3);
      rows.add(new double[] {1, level == 1 ? 1 : 0, level == 2 ? 1 : 0});
      ys.add(level == 2 ? 0.0 : (r.nextDouble() < 0.4 ? 1.0 : 0.0));
    }
    double[][] x = rows.toArray(new double[0][]);
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    assertTrue(LogisticRegression.withDefaults().fit(x, y, List.of("(Intercept)", "f=b", "f=c")).separation());
  }

  @Test
  void aLevelOfOneRowWithoutTheEventIsQuasiSeparation() {
    // MASS::birthwt's low ~ factor(ptl): level 3 holds one birth and no low birth weight. glm stops with
    // a coefficient near -15 and a fitted probability near 1e-7, inside a fixed (0, 1) tolerance, but
    // the MLE does not exist (brglm2::detect_separation says separation, beta_ptl3 = -Inf).
    int[][] cells = {{0, 118, 41}, {1, 8, 16}, {2, 3, 2}, {3, 1, 0}}; // level, non-events, events
    List<double[]> rows = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int[] c : cells) {
      for (int k = 0; k < c[1] + c[2]; k++) {
        rows.add(new double[] {1, c[0] == 1 ? 1 : 0, c[0] == 2 ? 1 : 0, c[0] == 3 ? 1 : 0});
        ys.add(k < c[2] ? 1.0 : 0.0);
      }
    }
    double[][] x = rows.toArray(new double[0][]);
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    assertTrue(Separation.detect(x, y), "the program over every row");
    assertTrue(LogisticRegression.withDefaults().fit(x, y, List.of("(Intercept)", "ptl=1", "ptl=2", "ptl=3"))
        .separation(), "the screened check");
  }

  @Test
  void aFitOverSeveralParallelChunksIsTheSameBitsEveryTime() {
    double[][] x = design(200_000, 31);
    double[] y = outcome(x, new double[] {-1, 0.7, 0.3, -0.4}, 32);
    List<String> names = List.of("(Intercept)", "z", "f=b", "f=c");
    LogisticFit first = LogisticRegression.withDefaults().fit(x, y, names);
    for (int repeat = 0; repeat < 3; repeat++) {
      LogisticFit again = LogisticRegression.withDefaults().fit(x, y, names);
      org.junit.jupiter.api.Assertions.assertArrayEquals(first.estimates(), again.estimates(), 0.0);
      assertEquals(first.logLik(), again.logLik(), 0.0);
    }
  }

  /**
   * A continuous covariate that separates the outcome (y = x > 5) among 1,500 distinct rows: the simplex over
   * 1,500 constraints lost its way numerically here (said "not separated", or threw NoFeasibleSolution on
   * other draws); the diverging ML iterate itself separates every row, a certificate the fit now reads first.
   */
  @Test
  void aContinuousCovariateThatSeparatesIsFoundAmongManyDistinctRows() {
    java.util.Random r = new java.util.Random(1);
    int n = 1500;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double marker = Math.round(r.nextDouble() * 10 * 1e4) / 1e4;
      x[i] = new double[] {1, marker, r.nextBoolean() ? 1 : 0};
      y[i] = marker > 5 ? 1 : 0;
    }
    LogisticFit fit = LogisticRegression.withDefaults().fit(x, y, List.of("(Intercept)", "marker", "sex=m"));
    assertTrue(fit.separation(), "complete separation by a continuous covariate");
    assertTrue(Separation.certifiedPresent(x, y, fit.estimates()));
    // and an overlapping outcome is never certified separated by its iterate
    for (int i = 0; i < n; i += 7) {
      y[i] = 1 - y[i];
    }
    LogisticFit overlap = LogisticRegression.withDefaults().fit(x, y, List.of("(Intercept)", "marker", "sex=m"));
    assertFalse(overlap.separation());
    assertFalse(Separation.certifiedPresent(x, y, overlap.estimates()));
  }
}
