package studybook.stats.regression;

import java.util.stream.IntStream;

/**
 * The logistic fit's row loops over a column-major design: one {@code double[]} of n values per column,
 * instead of n small row arrays (no per-row objects, the columns read in order). Each sum runs over the rows
 * in the same order and in the same fixed chunks as the row-major code in {@link Newton} and
 * {@link LogisticRegression}, with the same operations per row, so the results are the same bits: only the
 * memory layout differs.
 */
final class ColumnMajor {
  private ColumnMajor() {}

  static int rows(double[][] columns) {
    return columns.length == 0 ? 0 : columns[0].length;
  }

  /** The design as one array per row (for the rarer paths that work on rows: aliasing, separation, Firth, profiles). */
  static double[][] toRows(double[][] columns) {
    int n = rows(columns);
    int p = columns.length;
    double[][] x = new double[n][p];
    for (int k = 0; k < p; k++) {
      double[] c = columns[k];
      for (int i = 0; i < n; i++) {
        x[i][k] = c[i];
      }
    }
    return x;
  }

  /** eta[i - from] = x_i'beta for rows [from, to), summed over columns in order as {@link Newton#dot} sums. */
  static double[] linearPredictor(double[][] columns, double[] beta, int from, int to) {
    double[] eta = new double[to - from];
    for (int k = 0; k < beta.length; k++) {
      double[] c = columns[k];
      double b = beta[k];
      for (int i = from; i < to; i++) {
        eta[i - from] += c[i] * b;
      }
    }
    return eta;
  }

  /**
   * The lower triangle of sum_i w_i x_i x_i' (rows 0..p-1 of the result) and, when {@code z} is given, sum_i w_i z_i x_i
   * (row p), over rows [from, to) with w and z indexed from {@code from}; each element summed over the rows in order.
   */
  static double[][] weightedCrossProducts(double[][] columns, double[] w, double[] z, int from, int to) {
    int p = columns.length;
    double[][] out = new double[p + 1][p];
    double[] xtwz = out[p];
    // Row by row (the row gathered from the columns into a small array): all p(p+1)/2 products of a row are
    // made while it is in the cache, with p independent sums in flight; column by column the same sums were
    // one long dependency chain each and re-read the chunk p(p+1)/2 times (measured slower).
    double[] row = new double[p];
    for (int i = from; i < to; i++) {
      for (int k = 0; k < p; k++) {
        row[k] = columns[k][i];
      }
      double wi = w[i - from];
      for (int j = 0; j < p; j++) {
        double xw = row[j] * wi;
        if (z != null) {
          xtwz[j] += xw * z[i - from];
        }
        double[] target = out[j];
        for (int k = 0; k <= j; k++) {
          target[k] += xw * row[k];
        }
      }
    }
    return out;
  }

  /** The log-likelihood, score and information at {@code beta} (as {@link RowPasses#likelihood}: the same bits). */
  static LogisticPasses.Likelihood likelihood(double[][] columns, double[] y, double[] beta) {
    int n = rows(columns);
    int p = beta.length;
    double[] mu = new double[n];
    int chunks = (n + Newton.CHUNK_ROWS - 1) / Newton.CHUNK_ROWS;
    double[][][] partial = new double[chunks][][];
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> {
      int from = c * Newton.CHUNK_ROWS;
      int to = Math.min(n, from + Newton.CHUNK_ROWS);
      double[] eta = linearPredictor(columns, beta, from, to);
      double[] w = new double[to - from];
      double logLik = 0;
      for (int i = from; i < to; i++) {
        double e = eta[i - from];
        logLik += y[i] * e - Newton.log1pExp(e);
        mu[i] = Newton.expit(e);
        w[i - from] = mu[i] * (1 - mu[i]);
      }
      double[][] part = weightedCrossProducts(columns, w, null, from, to);
      part[p] = new double[p];
      part[p][0] = logLik;
      partial[c] = part;
    });
    double[] gradient = new double[p];
    for (int j = 0; j < p; j++) {
      double[] c = columns[j];
      double g = 0;
      for (int i = 0; i < n; i++) {
        g += c[i] * (y[i] - mu[i]);
      }
      gradient[j] = g;
    }
    return Newton.likelihood(partial, gradient);
  }

  /**
   * The passes of a maximum-likelihood fit over a column-major design: each sum over fixed chunks of rows (on both
   * cores for a large fit) added in chunk order, the deviance's terms kept per row and added in row order, so the
   * fit is the same bits on every run; the cross products are made only when the IRLS loop asks for them.
   */
  static final class Passes implements LogisticPasses {
    private final double[][] columns;
    private final double[] y;
    private final double[] eta;
    private final double[] mu;
    private final int events;

    Passes(double[][] columns, double[] y) {
      this.columns = columns;
      this.y = y;
      this.eta = new double[y.length];
      this.mu = new double[y.length];
      int e = 0;
      for (double v : y) {
        e += v == 1 ? 1 : 0;
      }
      this.events = e;
    }

    @Override
    public int columns() {
      return columns.length;
    }

    @Override
    public int rows() {
      return y.length;
    }

    @Override
    public int events() {
      return events;
    }

    @Override
    public double deviance(double[] beta) {
      int n = y.length;
      double dev = 0;
      if (beta == null) {
        for (int i = 0; i < n; i++) {
          double start = (y[i] + 0.5) / 2;
          eta[i] = Math.log(start / (1 - start));
          mu[i] = LogisticRegression.rLinkInverse(eta[i]);
          dev += LogisticRegression.binomialDeviance(y[i], mu[i]);
        }
        return dev;
      }
      double[] deviance = new double[n];
      int chunks = (n + Newton.CHUNK_ROWS - 1) / Newton.CHUNK_ROWS;
      IntStream range = IntStream.range(0, chunks);
      (chunks > 1 ? range.parallel() : range).forEach(c -> {
        int from = c * Newton.CHUNK_ROWS;
        int to = Math.min(n, from + Newton.CHUNK_ROWS);
        double[] e = linearPredictor(columns, beta, from, to);
        for (int i = from; i < to; i++) {
          eta[i] = e[i - from];
          mu[i] = LogisticRegression.rLinkInverse(eta[i]);
          deviance[i] = LogisticRegression.binomialDeviance(y[i], mu[i]);
        }
      });
      for (int i = 0; i < n; i++) {
        dev += deviance[i];
      }
      return dev;
    }

    @Override
    public double[][] weightedCrossProducts() {
      int n = y.length;
      int p = columns.length;
      int chunks = (n + Newton.CHUNK_ROWS - 1) / Newton.CHUNK_ROWS;
      double[][][] partial = new double[chunks][][];
      IntStream range = IntStream.range(0, chunks);
      (chunks > 1 ? range.parallel() : range).forEach(c -> {
        int from = c * Newton.CHUNK_ROWS;
        int to = Math.min(n, from + Newton.CHUNK_ROWS);
        double[] w = new double[to - from];
        double[] z = new double[to - from];
        for (int i = from; i < to; i++) {
          double dmu = LogisticRegression.rMuEta(eta[i]);
          w[i - from] = dmu * dmu / (mu[i] * (1 - mu[i]));
          z[i - from] = eta[i] + (y[i] - mu[i]) / dmu;
        }
        partial[c] = ColumnMajor.weightedCrossProducts(columns, w, z, from, to);
      });
      return LogisticRegression.addChunks(partial, p);
    }

    @Override
    public Likelihood likelihood(double[] beta) {
      return ColumnMajor.likelihood(columns, y, beta);
    }

    @Override
    public boolean separated(boolean converged, double[] beta) {
      return !certifiedAbsent(columns, converged, beta) && Separation.detect(toRows(columns), y, converged, beta);
    }

    @Override
    public double[] firthScore(double[] beta, double[][] inverse) {
      int n = y.length;
      int p = columns.length;
      double[] residual = new double[n];
      double[] row = new double[p];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < p; k++) {
          row[k] = columns[k][i];
        }
        residual[i] = LogisticPasses.firthResidual(row, y[i], beta, inverse, p);
      }
      double[] gradient = new double[p];
      for (int j = 0; j < p; j++) {
        double[] c = columns[j];
        double g = 0;
        for (int i = 0; i < n; i++) {
          g += c[i] * residual[i];
        }
        gradient[j] = g;
      }
      return gradient;
    }
  }

  /** {@link Separation#certifiedAbsent} on a column-major design. */
  static boolean certifiedAbsent(double[][] columns, boolean mlConverged, double[] beta) {
    if (!mlConverged) {
      return false;
    }
    for (double b : beta) {
      if (!Double.isFinite(b)) {
        return false;
      }
    }
    int n = rows(columns);
    for (int from = 0; from < n; from += Newton.CHUNK_ROWS) {
      double[] eta = linearPredictor(columns, beta, from, Math.min(n, from + Newton.CHUNK_ROWS));
      for (double e : eta) {
        double mu = 1 / (1 + Math.exp(-e));
        if (!(mu > Separation.BOUNDARY && mu < 1 - Separation.BOUNDARY)) {
          return false;
        }
      }
    }
    return true;
  }
}
