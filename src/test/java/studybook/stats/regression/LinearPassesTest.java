package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The least-squares fit finished from passes ({@link LinearRegression#fit(LinearPasses, List)}): rows split into
 * partials (as a cluster's partitions hold them, in another order) give the fit of the rows in one array to the
 * last bit or within 1e-14, for classical and HC3 standard errors; the fit is accurate where the cross products are
 * ill-conditioned (a predictor near 1e6 with a spread of 1); and R's aliasing holds on the cross products.
 */
class LinearPassesTest {
  /** Rows given as partials, each summed by LinearSums and added in the order given. */
  static final class Partitioned implements LinearPasses {
    final List<double[][]> xs = new ArrayList<>();
    final List<double[]> ys = new ArrayList<>();
    final int p;

    Partitioned(double[][] x, double[] y, int parts, long seed) {
      p = x[0].length;
      // shuffle the rows, then cut them into parts of unequal size
      Integer[] order = new Integer[x.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Collections.shuffle(java.util.Arrays.asList(order), new Random(seed));
      int from = 0;
      for (int k = 0; k < parts; k++) {
        int to = k == parts - 1 ? x.length : from + (x.length / parts) + (k % 2 == 0 ? 7 : -7);
        double[][] px = new double[to - from][];
        double[] py = new double[to - from];
        for (int i = from; i < to; i++) {
          px[i - from] = x[order[i]];
          py[i - from] = y[order[i]];
        }
        xs.add(px);
        ys.add(py);
        from = to;
      }
    }

    @Override
    public int columns() {
      return p;
    }

    @Override
    public LinearSums.CrossProducts crossProducts() {
      LinearSums.CrossProducts total = new LinearSums.CrossProducts(p);
      for (int k = 0; k < xs.size(); k++) {
        LinearSums.CrossProducts part = new LinearSums.CrossProducts(p);
        for (int i = 0; i < xs.get(k).length; i++) {
          part.add(xs.get(k)[i], ys.get(k)[i], 1);
        }
        total.add(part);
      }
      return total;
    }

    @Override
    public double[][] hc3Meat(int[] kept, double[] beta, double[][] unscaled) {
      LinearSums.Hc3Meat total = new LinearSums.Hc3Meat(kept, beta, unscaled);
      for (int k = 0; k < xs.size(); k++) {
        LinearSums.Hc3Meat part = new LinearSums.Hc3Meat(kept, beta, unscaled);
        for (int i = 0; i < xs.get(k).length; i++) {
          part.add(xs.get(k)[i], ys.get(k)[i], 1);
        }
        total.add(part);
      }
      return total.meat();
    }
  }

  static double[][] design(int n, Random r, double offset) {
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      int level = r.nextInt(3);
      x[i] = new double[] {1, offset + r.nextGaussian(), level == 1 ? 1 : 0, level == 2 ? 1 : 0, r.nextInt(50) / 7.0};
    }
    return x;
  }

  static double[] outcome(double[][] x, Random r, double offset) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 3 + 2 * (x[i][1] - offset) - x[i][2] + 0.5 * x[i][3] + 0.1 * x[i][4] + r.nextGaussian() * (1 + x[i][2]);
    }
    return y;
  }

  static final List<String> NAMES = List.of("(Intercept)", "x", "g=b", "g=c", "z");

  @Test
  void partialsInAnyOrderGiveTheOneArraysFit() {
    Random r = new Random(26);
    double[][] x = design(5_000, r, 0);
    double[] y = outcome(x, r, 0);
    for (LinearRegression.StandardErrors se : List.of(LinearRegression.StandardErrors.CLASSICAL,
        LinearRegression.StandardErrors.HC3)) {
      LinearRegression regression = LinearRegression.withDefaults().with(se);
      LinearFit one = regression.fit(x, y, NAMES);
      for (int parts : new int[] {2, 3, 8}) {
        LinearFit split = regression.fit(new Partitioned(x, y, parts, parts), NAMES);
        close(one.rSquared(), split.rSquared(), "R²");
        close(one.sigma(), split.sigma(), "sigma");
        close(one.aic(), split.aic(), "AIC");
        close(one.f().get().statistic(), split.f().get().statistic(), "F");
        for (int j = 0; j < NAMES.size(); j++) {
          LinearCoefficient a = one.coefficients().get(j);
          LinearCoefficient b = split.coefficients().get(j);
          close(a.estimate(), b.estimate(), se + " estimate " + a.term());
          close(a.se(), b.se(), se + " se " + a.term());
          close(a.p(), b.p(), se + " p " + a.term());
        }
      }
    }
  }

  /**
   * A predictor near 1e6 with a spread of 1 squares the condition of X'X to about 1e24, beyond double precision:
   * finished in double-double, the fit equals the centred design's (an exact reparametrisation) to 1e-9.
   */
  @Test
  void anIllConditionedDesignIsFittedAccurately() {
    Random r = new Random(4);
    double offset = 1e6;
    double[][] x = design(2_000, r, offset);
    double[] y = outcome(x, r, offset);
    double[][] centred = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      centred[i] = x[i].clone();
      centred[i][1] -= offset; // exact: the offset and the values are representable at this scale
    }
    LinearFit far = LinearRegression.withDefaults().fit(x, y, NAMES);
    LinearFit near = LinearRegression.withDefaults().fit(centred, y, NAMES);
    assertTrue(far.aliased().isEmpty(), far.aliased().toString());
    for (int j = 1; j < NAMES.size(); j++) {
      LinearCoefficient a = near.coefficients().get(j);
      LinearCoefficient b = far.coefficients().get(j);
      assertEquals(a.estimate(), b.estimate(), 1e-9 * Math.abs(a.estimate()), a.term());
      assertEquals(a.se(), b.se(), 1e-9 * a.se(), a.term());
    }
    assertEquals(near.rSquared(), far.rSquared(), 1e-12);
    assertEquals(near.sigma(), far.sigma(), 1e-12 * near.sigma());
  }

  /** A column equal to a combination of earlier ones (to rounding) is aliased, R's way; one 1e-6 away is not. */
  @Test
  void aliasingIsRsRuleOnTheCrossProducts() {
    Random r = new Random(9);
    double[][] x = design(300, r, 0);
    double[] y = outcome(x, r, 0);
    double[][] withCopy = new double[x.length][];
    double[][] withNearCopy = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      withCopy[i] = java.util.Arrays.copyOf(x[i], 6);
      withCopy[i][5] = 0.1 * x[i][1] + 0.3 * x[i][4];
      withNearCopy[i] = withCopy[i].clone();
      withNearCopy[i][5] += 1e-5 * r.nextGaussian();
    }
    List<String> names = new ArrayList<>(NAMES);
    names.add("w");
    assertEquals(List.of("w"), LinearRegression.withDefaults().fit(withCopy, y, names).aliased());
    assertEquals(List.of(), LinearRegression.withDefaults().fit(withNearCopy, y, names).aliased());
  }

  private static void close(double a, double b, String what) {
    assertTrue(a == b || Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(a), Math.abs(b)), what + ": " + a + " vs " + b);
  }
}
