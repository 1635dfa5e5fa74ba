package studybook.stats.regression;

import java.util.stream.IntStream;

/**
 * The passes over a row-major design held in this JVM (aliased columns, Firth, profile limits, tests): every sum
 * over fixed chunks of rows (on both cores for a large fit) added in chunk order, so the sums never depend on
 * scheduling and a fit is the same bytes on every run. The one local implementation of {@link LogisticPasses}
 * for rows: {@link Newton#evaluate(LogisticPasses, double[], boolean)} finishes every point from it, maximum
 * likelihood or Firth, as it finishes the Spark engine's.
 */
final class RowPasses implements LogisticPasses {
  private final double[][] x;
  private final double[] y;
  private final double[] eta;
  private final double[] mu;

  RowPasses(double[][] x, double[] y) {
    this.x = x;
    this.y = y;
    this.eta = new double[y.length];
    this.mu = new double[y.length];
  }

  @Override
  public int columns() {
    return x[0].length;
  }

  @Override
  public int rows() {
    return y.length;
  }

  @Override
  public int events() {
    int events = 0;
    for (double v : y) {
      events += v == 1 ? 1 : 0;
    }
    return events;
  }

  @Override
  public double deviance(double[] beta) {
    double dev = 0;
    for (int i = 0; i < y.length; i++) {
      if (beta == null) {
        double start = (y[i] + 0.5) / 2;
        eta[i] = Math.log(start / (1 - start));
      } else {
        eta[i] = Newton.dot(x[i], beta);
      }
      mu[i] = LogisticRegression.rLinkInverse(eta[i]);
      dev += LogisticRegression.binomialDeviance(y[i], mu[i]);
    }
    return dev;
  }

  @Override
  public double[][] weightedCrossProducts() {
    int n = y.length;
    int chunks = chunks(n);
    double[][][] partial = new double[chunks][][];
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> partial[c] = weightedCrossProducts(c * Newton.CHUNK_ROWS,
        Math.min(n, (c + 1) * Newton.CHUNK_ROWS)));
    return LogisticRegression.addChunks(partial, x[0].length);
  }

  /**
   * The lower triangle of X'WX (rows 0..p-1) and X'Wz (row p) over rows [from, to), with R glm's IRLS weights and
   * working response at the current eta and mu.
   */
  private double[][] weightedCrossProducts(int from, int to) {
    int p = x[0].length;
    double[][] out = new double[p + 1][p];
    double[] xtwz = out[p];
    for (int i = from; i < to; i++) {
      double dmu = LogisticRegression.rMuEta(eta[i]);
      double w = dmu * dmu / (mu[i] * (1 - mu[i]));
      double z = eta[i] + (y[i] - mu[i]) / dmu;
      double[] row = x[i];
      for (int j = 0; j < p; j++) {
        double xw = row[j] * w;
        xtwz[j] += xw * z;
        double[] target = out[j];
        for (int k = 0; k <= j; k++) {
          target[k] += xw * row[k];
        }
      }
    }
    return out;
  }

  @Override
  public Likelihood likelihood(double[] beta) {
    int n = x.length;
    int p = beta.length;
    double[] fitted = new double[n];
    // Log-likelihood and the information's lower triangle over fixed chunks of rows, added in chunk order (one
    // chunk: the serial sum).
    int chunks = chunks(n);
    double[][][] partial = new double[chunks][][];
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c ->
        partial[c] = informationChunk(beta, fitted, c * Newton.CHUNK_ROWS, Math.min(n, (c + 1) * Newton.CHUNK_ROWS)));
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = y[i] - fitted[i];
    }
    return Newton.likelihood(partial, gradient(residual));
  }

  @Override
  public double[] firthScore(double[] beta, double[][] inverse) {
    int n = x.length;
    int p = beta.length;
    double[] residual = new double[n];
    int chunks = chunks(n);
    // one row at a time, so chunks on both cores give the same bits as one pass
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(c -> {
      for (int i = c * Newton.CHUNK_ROWS, end = Math.min(n, (c + 1) * Newton.CHUNK_ROWS); i < end; i++) {
        residual[i] = LogisticPasses.firthResidual(x[i], y[i], beta, inverse, p);
      }
    });
    return gradient(residual);
  }

  /** sum_i x_i r_i, each element summed over the rows in order. */
  private double[] gradient(double[] residual) {
    int p = x[0].length;
    double[] gradient = new double[p];
    for (int i = 0; i < residual.length; i++) {
      for (int j = 0; j < p; j++) {
        gradient[j] += x[i][j] * residual[i];
      }
    }
    return gradient;
  }

  @Override
  public boolean separated(boolean converged, double[] beta) {
    return Separation.detect(x, y, converged, beta);
  }

  private static int chunks(int n) {
    return (n + Newton.CHUNK_ROWS - 1) / Newton.CHUNK_ROWS;
  }

  /**
   * Rows [from, to): fills the fitted probabilities and returns the lower triangle of the information (rows
   * 0..p-1) with the log-likelihood in element [p][0].
   */
  private double[][] informationChunk(double[] beta, double[] fitted, int from, int to) {
    int p = beta.length;
    double[][] info = new double[p + 1][p];
    double logLik = 0;
    for (int i = from; i < to; i++) {
      double e = Newton.dot(x[i], beta);
      // y*eta - log(1+e^eta), written to stay finite for large |eta|
      logLik += y[i] * e - Newton.log1pExp(e);
      double m = Newton.expit(e);
      fitted[i] = m;
      double w = m * (1 - m);
      for (int j = 0; j < p; j++) {
        double xw = x[i][j] * w;
        for (int k = 0; k <= j; k++) {
          info[j][k] += xw * x[i][k];
        }
      }
    }
    info[p][0] = logLik;
    return info;
  }
}
