package studybook.stats.regression;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sandwich covariance estimators B M B from per-row score contributions u_i (B the model's unscaled
 * inverse information, so that the {@code n} of sandwich's {@code bread}/{@code meat} cancels), as the R
 * package sandwich computes them: {@code vcovHC(type = "HC0")} with M = Σ u_i u_i', and {@code vcovCL}
 * with M = Σ_g U_g U_g' (U_g the sum over cluster g) times its defaults' adjustments G/(G − 1) and, for
 * an lm fit only (type HC1; a glm gets HC0), (n − 1)/(n − k). Hand-written: commons-math has no sandwich estimator.
 */
public final class Sandwich {
  private Sandwich() {}

  /** u_i = residual_i · x_i over the estimable columns {@code kept}. */
  static double[][] scores(double[][] x, int[] kept, double[] residual) {
    double[][] u = new double[x.length][kept.length];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < kept.length; k++) {
        u[i][k] = residual[i] * x[i][kept[k]];
      }
    }
    return u;
  }

  /** B (Σ u_i u_i') B; as vcovHC(type = "HC0") (and coxph's robust variance with dfbeta scores, B = I). */
  public static double[][] hc0(double[][] u, double[][] bread) {
    int r = bread.length;
    double[][] meat = new double[r][r];
    for (double[] ui : u) {
      addOuter(meat, ui);
    }
    return sandwich(bread, meat);
  }

  /**
   * B (Σ_g U_g U_g') B · G/(G − 1), times (n − 1)/(n − k) when {@code hc1}; as vcovCL(fit, cluster = ~g).
   *
   * @param cluster one cluster index per row (any integers; equal means the same cluster)
   */
  public static double[][] cluster(double[][] u, double[][] bread, int[] cluster, boolean hc1) {
    int r = bread.length;
    int n = u.length;
    Map<Integer, double[]> sums = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      double[] s = sums.computeIfAbsent(cluster[i], k -> new double[r]);
      for (int k = 0; k < r; k++) {
        s[k] += u[i][k];
      }
    }
    double[][] meat = new double[r][r];
    for (double[] s : sums.values()) {
      addOuter(meat, s);
    }
    int g = sums.size();
    if (g < 2) {
      throw new IllegalArgumentException("cluster-robust standard errors need two or more clusters, not " + g);
    }
    double factor = (double) g / (g - 1);
    if (hc1) {
      factor *= (n - 1.0) / (n - r);
    }
    double[][] v = sandwich(bread, meat);
    for (double[] row : v) {
      for (int k = 0; k < r; k++) {
        row[k] *= factor;
      }
    }
    return v;
  }

  private static void addOuter(double[][] m, double[] v) {
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < v.length; b++) {
        m[a][b] += v[a] * v[b];
      }
    }
  }

  /** bread · meat · bread. */
  static double[][] sandwich(double[][] bread, double[][] meat) {
    int r = bread.length;
    double[][] left = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        double s = 0;
        for (int k = 0; k < r; k++) {
          s += bread[i][k] * meat[k][j];
        }
        left[i][j] = s;
      }
    }
    double[][] out = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        double s = 0;
        for (int k = 0; k < r; k++) {
          s += left[i][k] * bread[k][j];
        }
        out[i][j] = s;
      }
    }
    return out;
  }
}
