package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Ordinary least squares, configured with enums and withers; as R's {@code lm(y ~ ...)} with
 * {@code summary}, {@code confint} and {@code AIC}.
 *
 * <p>Defaults ({@link #withDefaults()}): {@link StandardErrors#CLASSICAL}, 95% t-based limits. The fit
 * is a Householder QR with R's limited pivoting at lm's tolerance 1e-7 ({@link RankRevealingQr}): a
 * column that is a linear combination of earlier ones is aliased, reported with NaN numbers and named
 * in {@link LinearFit#aliased()}, never dropped silently. The first column of x is the intercept.
 */
public final class LinearRegression {
  /** How the standard errors (and so t, p and the limits) are made. */
  public enum StandardErrors {
    /** sigma² (X'X)^-1; as summary.lm. */
    CLASSICAL,
    /**
     * Heteroskedasticity-consistent HC3, (X'X)^-1 X' diag(e²/(1-h)²) X (X'X)^-1, with t on the residual
     * df; as lmtest::coeftest(fit, vcov = sandwich::vcovHC(fit, type = "HC3")).
     */
    HC3,
    /**
     * Cluster-robust, G/(G − 1) · (n − 1)/(n − k) · (X'WX)^-1 [Σ_g U_g U_g'] (X'WX)^-1 with U_g the summed
     * score w_i e_i x_i of cluster g, t on the residual df; as lmtest::coeftest(fit, vcov =
     * sandwich::vcovCL(fit, cluster = ~g)) with vcovCL's defaults (type HC1, cadjust). Set by giving clusters.
     */
    CLUSTER
  }

  private static final double LEVEL = 0.95;

  private final StandardErrors standardErrors;

  private LinearRegression(StandardErrors standardErrors) {
    this.standardErrors = standardErrors;
  }

  /** Classical standard errors. */
  public static LinearRegression withDefaults() {
    return new LinearRegression(StandardErrors.CLASSICAL);
  }

  public LinearRegression with(StandardErrors s) {
    return new LinearRegression(Objects.requireNonNull(s));
  }

  public StandardErrors standardErrors() {
    return standardErrors;
  }

  /** {@link #fit(double[][], double[], List)} on a design. */
  public LinearFit fit(Design design) {
    return fit(design.x(), design.y(), design.columns());
  }

  /**
   * Fits the model.
   *
   * @param x n rows by p columns, column 0 the intercept of ones
   * @param y the outcome, finite
   * @param columnNames one name per column
   * @throws IllegalArgumentException when n does not exceed the rank (no residual degrees of freedom)
   */
  public LinearFit fit(double[][] x, double[] y, List<String> columnNames) {
    return fit(x, y, null, null, columnNames);
  }

  /**
   * Weighted least squares with cluster-robust standard errors on request; as {@code lm(y ~ ..., weights = w)}
   * with summary, confint and AIC (the weighted R², F and log-likelihood), and the standard errors of
   * {@link #standardErrors()} or, with clusters, {@link StandardErrors#CLUSTER}.
   *
   * @param weights one positive weight per row, or null for none (rows of weight 0 must be left out first)
   * @param cluster one cluster index per row, or null for none
   */
  public LinearFit fit(Design design, double[] weights, int[] cluster) {
    return fit(design.x(), design.y(), weights, cluster, design.columns());
  }

  private LinearFit fit(double[][] x0, double[] y0, double[] w, int[] cluster, List<String> columnNames) {
    int n = x0.length;
    if (w != null) {
      for (double v : w) {
        if (!(v > 0) || !Double.isFinite(v)) {
          throw new IllegalArgumentException("weights must be positive and finite, not " + v);
        }
      }
    }
    // weighted least squares as lm.wfit: the rows scaled by sqrt(w); residuals and fitted values unscaled
    double[] root = new double[n];
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      root[i] = w == null ? 1 : Math.sqrt(w[i]);
      x[i] = x0[i].clone();
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] *= root[i];
      }
      y[i] = y0[i] * root[i];
    }
    if (n == 0 || n != y.length) {
      throw new IllegalArgumentException("x and y need the same, positive number of rows");
    }
    int p = columnNames.size();
    for (double[] row : x) {
      if (row.length != p) {
        throw new IllegalArgumentException("every row of x needs one value per column name");
      }
    }
    RankRevealingQr qr = RankRevealingQr.of(x, RankRevealingQr.LM_TOLERANCE);
    int rank = qr.rank();
    int[] kept = qr.kept();
    int df = n - rank;
    if (df <= 0) {
      throw new IllegalArgumentException("no residual degrees of freedom: " + n + " rows for " + rank
          + " estimable coefficients");
    }
    double[] b = qr.solve(y);
    double[][] unscaled = qr.unscaledCovariance();
    double[] fitted = new double[n];
    double rss = 0;
    // the residuals of the scaled rows, sqrt(w) e, which the sandwich estimators use with the scaled x
    double[] residual = new double[n];
    double sumW = 0;
    double meanFitted = 0;
    for (int i = 0; i < n; i++) {
      double f = 0;
      for (int k = 0; k < rank; k++) {
        f += x0[i][kept[k]] * b[k];
      }
      fitted[i] = f;
      double wi = root[i] * root[i];
      residual[i] = (y0[i] - f) * root[i];
      rss += residual[i] * residual[i];
      sumW += wi;
      meanFitted += wi * f;
    }
    meanFitted /= sumW;
    double mss = 0;
    for (int i = 0; i < n; i++) {
      mss += root[i] * root[i] * (fitted[i] - meanFitted) * (fitted[i] - meanFitted);
    }
    double resvar = rss / df;
    double sigma = Math.sqrt(resvar);
    double rSquared = mss / (mss + rss);
    double adj = 1 - (1 - rSquared) * ((n - 1.0) / df);
    Optional<LinearFit.FTest> f = Optional.empty();
    if (rank > 1) {
      double statistic = (mss / (rank - 1)) / resvar;
      f = Optional.of(new LinearFit.FTest(statistic, rank - 1, df,
          FDistribution.of(rank - 1, df).survivalProbability(statistic)));
    }
    double sumLogW = 0;
    for (double r : root) {
      sumLogW += 2 * Math.log(r);
    }
    double logLik = 0.5 * (sumLogW - n * (Math.log(2 * Math.PI) + 1 - Math.log(n) + Math.log(rss)));
    double aic = -2 * logLik + 2 * (rank + 1);
    StandardErrors type = cluster != null ? StandardErrors.CLUSTER : standardErrors;
    if (type == StandardErrors.CLUSTER && cluster == null) {
      throw new IllegalArgumentException("cluster-robust standard errors need the clusters");
    }
    double[][] covariance = switch (type) {
      case HC3 -> hc3(x, kept, unscaled, residual);
      case CLUSTER -> Sandwich.cluster(Sandwich.scores(x, kept, residual), unscaled, cluster, true);
      case CLASSICAL -> scale(unscaled, resvar);
    };
    TDistribution t = TDistribution.of(df);
    double q = t.inverseCumulativeProbability(0.5 + LEVEL / 2);
    List<LinearCoefficient> coefficients = new ArrayList<>(p);
    int k = 0;
    for (int j = 0; j < p; j++) {
      if (k < rank && kept[k] == j) {
        double se = Math.sqrt(covariance[k][k]);
        double tv = b[k] / se;
        double pValue = 2 * t.survivalProbability(Math.abs(tv));
        coefficients.add(new LinearCoefficient(columnNames.get(j), b[k], se, tv, pValue, b[k] - q * se, b[k] + q * se,
            false));
        k++;
      } else {
        coefficients.add(LinearCoefficient.aliased(columnNames.get(j)));
      }
    }
    return new LinearFit(n, rank, df, rSquared, adj, sigma, logLik, aic, f, type, coefficients,
        qr.aliasedNames(columnNames));
  }

  /** (X'X)^-1 X' diag(e_i² / (1 - h_i)²) X (X'X)^-1 over the estimable columns; as sandwich::vcovHC(type = "HC3"). */
  private static double[][] hc3(double[][] x, int[] kept, double[][] unscaled, double[] residual) {
    int r = kept.length;
    double[][] meat = new double[r][r];
    double[] row = new double[r];
    double[] a = new double[r];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < r; k++) {
        row[k] = x[i][kept[k]];
      }
      double h = 0;
      for (int k = 0; k < r; k++) {
        double s = 0;
        for (int l = 0; l < r; l++) {
          s += unscaled[k][l] * row[l];
        }
        a[k] = s;
        h += row[k] * s;
      }
      double w = residual[i] / (1 - h);
      w *= w;
      for (int k = 0; k < r; k++) {
        for (int l = 0; l < r; l++) {
          meat[k][l] += w * row[k] * row[l];
        }
      }
    }
    return Sandwich.sandwich(unscaled, meat);
  }

  private static double[][] scale(double[][] m, double s) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] *= s;
      }
    }
    return out;
  }
}
