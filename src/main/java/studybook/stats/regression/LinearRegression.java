package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.numbers.core.DD;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Ordinary least squares, configured with enums and withers; as R's {@code lm(y ~ ...)} with
 * {@code summary}, {@code confint} and {@code AIC}.
 *
 * <p>Defaults ({@link #withDefaults()}): {@link StandardErrors#CLASSICAL}, 95% t-based limits. The fit is
 * finished from the cross products of the design and the outcome ({@link LinearPasses}, one pass over the rows
 * wherever they are; {@link #fit(LinearPasses, List)}) in double-double arithmetic, with R's limited pivoting at
 * lm's tolerance 1e-7 (as {@link RankRevealingQr} decides it on X): a column that is a linear combination of
 * earlier ones is aliased, reported with NaN numbers and named in {@link LinearFit#aliased()}, never dropped
 * silently. The first column of x is the intercept.
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
    if (n == 0 || n != y0.length) {
      throw new IllegalArgumentException("x and y need the same, positive number of rows");
    }
    int p = columnNames.size();
    for (double[] row : x0) {
      if (row.length != p) {
        throw new IllegalArgumentException("every row of x needs one value per column name");
      }
    }
    return fit(new RowPasses(x0, y0, w, cluster, p), columnNames);
  }

  /**
   * Fits the model from its passes over the rows, wherever they are (the local engine's arrays, or a cluster's
   * partitions): one pass for the cross products [X y]'W[X y], a second for HC3's meat.
   *
   * <p>Everything is finished from the cross products in double-double arithmetic ({@link DD}), so nothing is lost
   * to the squared condition of X'X: the aliasing is R's rule (dqrdc2's limited pivoting at lm's tolerance 1e-7: a
   * column whose norm, after projecting out the estimable columns before it, falls below 1e-7 of its own norm is
   * aliased), decided on those residual norms, which a Cholesky factor of the cross products holds; the coefficients
   * solve the factor's triangles; the residual sum of squares is the outcome's residual norm in the same factor (no
   * subtraction of rounded sums), the model sum of squares the fitted values' norm beside the intercept.
   *
   * @param columnNames one name per design column (column 0 the intercept of ones)
   * @throws IllegalArgumentException when n does not exceed the rank (no residual degrees of freedom)
   */
  public LinearFit fit(LinearPasses passes, List<String> columnNames) {
    int p = columnNames.size();
    if (passes.columns() != p) {
      throw new IllegalArgumentException("one name per design column expected");
    }
    LinearSums.CrossProducts cp = passes.crossProducts();
    if (cp.rows() == 0) {
      throw new IllegalArgumentException("x and y need the same, positive number of rows");
    }
    int n = Math.toIntExact(cp.rows());
    // l[i][m]: the Cholesky factor's element of column i (p: y) and the m-th estimable column
    DD[][] l = new DD[p + 1][p];
    int[] keptIndex = new int[p];
    int rank = 0;
    for (int j = 0; j < p; j++) {
      DD r = cp.at(j, j);
      for (int m = 0; m < rank; m++) {
        r = r.subtract(l[j][m].square());
      }
      double original = Math.sqrt(cp.at(j, j).doubleValue());
      double norm = r.doubleValue() > 0 ? Math.sqrt(r.doubleValue()) : 0;
      if (norm < (original == 0 ? 1 : original) * RankRevealingQr.LM_TOLERANCE) {
        continue; // aliased: a linear combination of the estimable columns before it
      }
      DD d = r.sqrt();
      int m = rank;
      keptIndex[rank++] = j;
      l[j][m] = d;
      for (int i = j + 1; i <= p; i++) {
        DD s = cp.at(i, j);
        for (int q = 0; q < m; q++) {
          s = s.subtract(l[i][q].multiply(l[j][q]));
        }
        l[i][m] = s.divide(d);
      }
    }
    int[] kept = java.util.Arrays.copyOf(keptIndex, rank);
    int df = n - rank;
    if (df <= 0) {
      throw new IllegalArgumentException("no residual degrees of freedom: " + n + " rows for " + rank
          + " estimable coefficients");
    }
    if (kept[0] != 0) {
      throw new IllegalArgumentException("column 0 must be the intercept of ones");
    }
    DD rssSum = cp.at(p, p);
    DD mssSum = DD.ZERO;
    for (int m = 0; m < rank; m++) {
      DD z2 = l[p][m].square();
      rssSum = rssSum.subtract(z2);
      if (m > 0) {
        mssSum = mssSum.add(z2);
      }
    }
    DD[] bd = new DD[rank];
    for (int m = rank - 1; m >= 0; m--) {
      DD s = l[p][m];
      for (int a = m + 1; a < rank; a++) {
        s = s.subtract(l[kept[a]][m].multiply(bd[a]));
      }
      bd[m] = s.divide(l[kept[m]][m]);
    }
    double[] b = new double[rank];
    for (int m = 0; m < rank; m++) {
      b[m] = bd[m].doubleValue();
    }
    double[][] unscaled = inverse(l, kept);
    double rss = Math.max(0, rssSum.doubleValue());
    double mss = mssSum.doubleValue();
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
    double logLik = 0.5 * (cp.sumLogWeights() - n * (Math.log(2 * Math.PI) + 1 - Math.log(n) + Math.log(rss)));
    double aic = -2 * logLik + 2 * (rank + 1);
    StandardErrors type = passes.clustered() ? StandardErrors.CLUSTER : standardErrors;
    if (type == StandardErrors.CLUSTER && !passes.clustered()) {
      throw new IllegalArgumentException("cluster-robust standard errors need the clusters");
    }
    double[][] covariance = switch (type) {
      case HC3 -> Sandwich.sandwich(unscaled, passes.hc3Meat(kept, b, unscaled));
      case CLUSTER -> passes.clusterCovariance(kept, b, unscaled);
      case CLASSICAL -> scale(unscaled, resvar);
    };
    TDistribution t = TDistribution.of(df);
    double q = t.inverseCumulativeProbability(0.5 + LEVEL / 2);
    List<LinearCoefficient> coefficients = new ArrayList<>(p);
    List<String> aliased = new ArrayList<>();
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
        aliased.add(columnNames.get(j));
      }
    }
    return new LinearFit(n, rank, df, rSquared, adj, sigma, logLik, aic, f, type, coefficients, aliased);
  }

  /** (X'WX)^-1 over the estimable columns from its Cholesky factor (L L')^-1 = L^-T L^-1, in double-double. */
  private static double[][] inverse(DD[][] l, int[] kept) {
    int r = kept.length;
    DD[][] inv = new DD[r][r];
    for (int c = 0; c < r; c++) {
      inv[c][c] = l[kept[c]][c].reciprocal();
      for (int a = c + 1; a < r; a++) {
        DD s = DD.ZERO;
        for (int m = c; m < a; m++) {
          s = s.add(l[kept[a]][m].multiply(inv[m][c]));
        }
        inv[a][c] = s.negate().divide(l[kept[a]][a]);
      }
    }
    double[][] out = new double[r][r];
    for (int c = 0; c < r; c++) {
      for (int d = 0; d <= c; d++) {
        DD s = DD.ZERO;
        for (int a = c; a < r; a++) {
          s = s.add(inv[a][c].multiply(inv[a][d]));
        }
        out[c][d] = s.doubleValue();
        out[d][c] = out[c][d];
      }
    }
    return out;
  }

  /** The passes over rows held in arrays: in row order, as one partial. */
  private static final class RowPasses implements LinearPasses {
    private final double[][] x;
    private final double[] y;
    private final double[] w;
    private final int[] cluster;
    private final int p;

    RowPasses(double[][] x, double[] y, double[] w, int[] cluster, int p) {
      this.x = x;
      this.y = y;
      this.w = w;
      this.cluster = cluster;
      this.p = p;
    }

    @Override
    public int columns() {
      return p;
    }

    @Override
    public LinearSums.CrossProducts crossProducts() {
      LinearSums.CrossProducts cp = new LinearSums.CrossProducts(p);
      for (int i = 0; i < x.length; i++) {
        cp.add(x[i], y[i], w == null ? 1 : w[i]);
      }
      return cp;
    }

    @Override
    public double[][] hc3Meat(int[] kept, double[] beta, double[][] unscaled) {
      LinearSums.Hc3Meat meat = new LinearSums.Hc3Meat(kept, beta, unscaled);
      for (int i = 0; i < x.length; i++) {
        meat.add(x[i], y[i], w == null ? 1 : w[i]);
      }
      return meat.meat();
    }

    @Override
    public boolean clustered() {
      return cluster != null;
    }

    @Override
    public double[][] clusterCovariance(int[] kept, double[] beta, double[][] unscaled) {
      // the scores of the scaled rows, sqrt(w) e_i sqrt(w) x_i, as lm.wfit's residuals and design give them
      int n = x.length;
      double[][] scaled = new double[n][];
      double[] residual = new double[n];
      for (int i = 0; i < n; i++) {
        double root = w == null ? 1 : Math.sqrt(w[i]);
        double f = 0;
        for (int k = 0; k < kept.length; k++) {
          f += x[i][kept[k]] * beta[k];
        }
        residual[i] = (y[i] - f) * root;
        scaled[i] = x[i].clone();
        for (int j = 0; j < scaled[i].length; j++) {
          scaled[i][j] *= root;
        }
      }
      return Sandwich.cluster(Sandwich.scores(scaled, kept, residual), unscaled, cluster, true);
    }
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
