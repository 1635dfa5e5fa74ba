package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;
import studybook.data.Frame;
import studybook.stats.impute.ChainedEquations.Method;
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.LinearCoefficient;
import studybook.stats.regression.LinearRegression;
import studybook.stats.regression.LogisticRegression;
import studybook.stats.regression.RubinPool;

/**
 * The imputation facility: a simulation with data missing at random recovers the complete-data coefficients;
 * the same seed gives the same completed frames; bad input is one error naming the variable.
 */
class ImputationTest {
  static final int N = 1000;
  /**
   * The pooled estimate minus the complete-data one varies by about the variance the missing data add,
   * T − U_full (T the pooled variance, U_full the complete-data fit's); the tolerance is 3 of its SDs.
   */
  static final double TOLERANCE = 3;

  static double extraSd(RubinPool.Term pooled, double fullSe) {
    return Math.sqrt(Math.max(pooled.se() * pooled.se() - fullSe * fullSe, 1e-12));
  }

  /**
   * Complete data: x1 ~ N(0, 1); g (a, b, c) and x2 (no, yes) depend on x1; y linear in all three, z logistic in
   * x1 and x2. Then x1, x2 and g go missing with probabilities that depend on the observed y and z (MAR; about a
   * quarter each), so complete-case analysis is biased. Returns {complete, incomplete}.
   */
  static Frame[] simulate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x1 = new double[N];
    int[] x2 = new int[N];
    int[] g = new int[N];
    double[] y = new double[N];
    int[] z = new int[N];
    for (int i = 0; i < N; i++) {
      x1[i] = r.nextGaussian();
      double eb = Math.exp(0.5 * x1[i]);
      double ec = Math.exp(-0.5 + x1[i]);
      double u = r.nextDouble() * (1 + eb + ec);
      g[i] = u < 1 ? 0 : u < 1 + eb ? 1 : 2;
      x2[i] = r.nextDouble() < logistic(-0.3 + 0.7 * x1[i]) ? 1 : 0;
      y[i] = 1 + 0.5 * x1[i] + 0.8 * x2[i] + (g[i] == 1 ? 0.6 : g[i] == 2 ? -0.4 : 0) + r.nextGaussian();
      z[i] = r.nextDouble() < logistic(-0.5 + 0.8 * x1[i] + 0.5 * x2[i]) ? 1 : 0;
    }
    Frame complete = frame(x1, x2, g, y, z);
    double[] m1 = x1.clone();
    int[] m2 = x2.clone();
    int[] mg = g.clone();
    for (int i = 0; i < N; i++) {
      if (r.nextDouble() < logistic(-3 + 1.2 * y[i] + 0.5 * z[i])) {
        m1[i] = Double.NaN;
      }
      if (r.nextDouble() < logistic(-1.5 + 0.3 * y[i] - 0.5 * z[i])) {
        m2[i] = -1;
      }
      if (r.nextDouble() < logistic(-1.0 - 0.3 * y[i])) {
        mg[i] = -1;
      }
    }
    return new Frame[] {complete, frame(m1, m2, mg, y, z)};
  }

  static double logistic(double eta) {
    return 1 / (1 + Math.exp(-eta));
  }

  static Frame frame(double[] x1, int[] x2, int[] g, double[] y, int[] z) {
    Map<String, List<String>> levels = Map.of("x2", List.of("no", "yes"), "g", List.of("a", "b", "c"),
        "z", List.of("0", "1"));
    Map<String, int[]> codes = new HashMap<>(Map.of("x2", x2.clone(), "g", g.clone(), "z", z.clone()));
    Map<String, double[]> values = new HashMap<>(Map.of("x1", x1.clone(), "y", y.clone()));
    int[] lines = new int[x1.length];
    Arrays.setAll(lines, i -> i + 2);
    return Frame.ofColumns(Path.of("simulated.csv"), List.of("x1", "x2", "g", "y", "z"), levels, codes, values, lines);
  }

  @Test
  void missingAtRandomRecoversTheCompleteDataCoefficients() {
    Frame[] data = simulate(11);
    Imputation.Result imp = Imputation.of(data[1]).variables("x1", "x2", "g", "y", "z").m(20).seed(5).run();
    assertEquals(List.of(Method.PMM, Method.LOGREG, Method.POLYREG, Method.NONE, Method.NONE),
        List.copyOf(imp.methods().values()));
    // linear y ~ x1 + x2 + g
    List<String> terms = List.of("x1", "x2", "g");
    List<LinearCoefficient> full = LinearRegression.withDefaults()
        .fit(DesignMatrix.ofNumericOutcome(data[0], "y", terms).design()).coefficients();
    List<LinearCoefficient> cc = LinearRegression.withDefaults()
        .fit(DesignMatrix.ofNumericOutcome(data[1], "y", terms).design()).coefficients();
    PooledTable linear = imp.linear("lin", "y", terms);
    List<String> seen = new ArrayList<>();
    double worstCc = 0;
    for (int j = 0; j < full.size(); j++) {
      RubinPool.Term t = linear.terms().get(j);
      assertEquals(full.get(j).term(), t.term());
      double z = (t.estimate() - full.get(j).estimate()) / extraSd(t, full.get(j).se());
      worstCc = Math.max(worstCc, Math.abs(cc.get(j).estimate() - full.get(j).estimate()) / t.se());
      seen.add(t.term() + " " + t.estimate() + " vs " + full.get(j).estimate() + " (z " + z + ", cc "
          + cc.get(j).estimate() + ", fmi " + t.fmi() + ")");
      System.out.println(seen.get(seen.size() - 1));
      assertTrue(Math.abs(z) < TOLERANCE, "MI far from the complete-data fit: " + seen);
      assertTrue(t.fmi() > 0 && t.fmi() < 0.6, t.term() + " fmi " + t.fmi());
    }
    // the check has teeth: complete cases miss by more than 2 pooled SEs somewhere
    assertTrue(worstCc > 2, "complete-case analysis is not biased here, so the check proves little: " + worstCc);
    // logistic z ~ x1 + x2
    List<Coefficient> fullLogit = LogisticRegression.withDefaults()
        .fit(DesignMatrix.of(data[0], "z", "1", List.of("x1", "x2")).design()).coefficients();
    PooledTable logit = imp.logistic("logit", "z", "1", List.of("x1", "x2"));
    for (int j = 0; j < fullLogit.size(); j++) {
      RubinPool.Term t = logit.terms().get(j);
      double z = (t.estimate() - fullLogit.get(j).estimate()) / extraSd(t, fullLogit.get(j).se());
      System.out.println(t.term() + " " + t.estimate() + " vs " + fullLogit.get(j).estimate() + " z " + z + " fmi " + t.fmi());
      assertTrue(Math.abs(z) < TOLERANCE, t.term() + ": " + t.estimate() + " vs " + fullLogit.get(j).estimate());
    }
  }

  @Test
  void imputedValuesAreObservedValuesOrLevelsAndObservedOnesStay() {
    Frame[] data = simulate(3);
    Imputation.Result imp = Imputation.of(data[1]).variables("x1", "x2", "g", "y", "z").m(3).seed(1).run();
    double[] observed = data[1].values("x1");
    java.util.Set<Double> pool = new java.util.HashSet<>();
    for (double v : observed) {
      if (!Double.isNaN(v)) {
        pool.add(v);
      }
    }
    for (Frame f : imp.completed()) {
      assertEquals(data[1].columnNames(), f.columnNames());
      double[] x1 = f.values("x1");
      int[] g = f.codes("g");
      int[] og = data[1].codes("g");
      for (int i = 0; i < N; i++) {
        assertTrue(pool.contains(x1[i]), "pmm gives an observed value");
        if (!Double.isNaN(observed[i])) {
          assertEquals(observed[i], x1[i]);
        }
        assertTrue(g[i] >= 0 && g[i] < 3);
        if (og[i] >= 0) {
          assertEquals(og[i], g[i]);
        }
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameCompletedFramesAndAnotherSeedOthers() {
    Frame data = simulate(4)[1];
    Imputation spec = Imputation.of(data).variables("x1", "x2", "g", "y").m(2).maxit(2);
    Imputation.Result a = spec.seed(9).run();
    Imputation.Result b = spec.seed(9).run();
    Imputation.Result c = spec.seed(10).run();
    for (int k = 0; k < 2; k++) {
      assertTrue(Arrays.equals(a.completed().get(k).values("x1"), b.completed().get(k).values("x1")));
      assertTrue(Arrays.equals(a.completed().get(k).codes("g"), b.completed().get(k).codes("g")));
      assertTrue(Arrays.equals(a.completed().get(k).codes("x2"), b.completed().get(k).codes("x2")));
    }
    assertNotEquals(Arrays.toString(a.completed().get(0).values("x1")),
        Arrays.toString(c.completed().get(0).values("x1")));
    assertNotEquals(Arrays.toString(a.completed().get(0).values("x1")),
        Arrays.toString(a.completed().get(1).values("x1")));
  }

  @Test
  void aVariableMissingInEveryRowIsAnErrorNamingIt() {
    Frame data = simulate(4)[1];
    double[] none = new double[N];
    Arrays.fill(none, Double.NaN);
    Frame withEmpty = data.withContinuous("albumin", none);
    StudybookException e = assertThrows(StudybookException.class,
        () -> Imputation.of(withEmpty).variables("x1", "albumin", "y").m(5).seed(1).run());
    assertTrue(e.getMessage().contains("albumin") && e.getMessage().contains("missing in every row"), e.getMessage());
  }

  @Test
  void anUnknownNameIsAnErrorNamingIt() {
    Frame data = simulate(4)[1];
    StudybookException e = assertThrows(StudybookException.class,
        () -> Imputation.of(data).variables("x1", "x3", "y").m(5).seed(1).run());
    assertTrue(e.getMessage().contains("x3"), e.getMessage());
  }

  @Test
  void fewerThanTwoImputationsAreAnError() {
    Frame data = simulate(4)[1];
    StudybookException e = assertThrows(StudybookException.class,
        () -> Imputation.of(data).variables("x1", "y").m(1).seed(1).run());
    assertTrue(e.getMessage().contains("m(1)") && e.getMessage().contains("two or more"), e.getMessage());
    StudybookException noSeed = assertThrows(StudybookException.class,
        () -> Imputation.of(data).variables("x1", "y").m(5).run());
    assertTrue(noSeed.getMessage().contains("seed"), noSeed.getMessage());
  }
}
