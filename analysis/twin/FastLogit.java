/**
 * A lean maximum-likelihood logistic fit, warm-started, for the thousands of trial fits the twin's
 * search makes. The twin's final numbers are always re-computed by the study's own
 * {@link studybook.stats.regression.LogisticRegression}; this is only the search's instrument.
 */
final class FastLogit {
  /** Estimates, inverse information and whether Newton's method converged to a finite estimate. */
  record Fit(double[] beta, double[][] covariance, boolean ok) {
    double se(int j) {
      return Math.sqrt(covariance[j][j]);
    }

    double z(int j) {
      return beta[j] / se(j);
    }
  }

  private FastLogit() {}

  /** Newton-Raphson on the log-likelihood (Agresti 2013, sec. 5.4), from {@code start} when given. */
  static Fit fit(double[][] x, double[] y, double[] start) {
    int n = x.length;
    int p = x[0].length;
    double[] beta = start == null ? new double[p] : start.clone();
    double[][] info = new double[p][p];
    double[] score = new double[p];
    double lastLoglik = Double.NEGATIVE_INFINITY;
    for (int iter = 0; iter < 60; iter++) {
      for (double[] row : info) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(score, 0);
      double loglik = 0;
      for (int i = 0; i < n; i++) {
        double[] xi = x[i];
        double eta = 0;
        for (int j = 0; j < p; j++) {
          eta += xi[j] * beta[j];
        }
        double mu = 1 / (1 + Math.exp(-eta));
        double w = mu * (1 - mu);
        loglik += y[i] == 1 ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
        double r = y[i] - mu;
        for (int j = 0; j < p; j++) {
          score[j] += xi[j] * r;
          double wj = w * xi[j];
          for (int k = 0; k <= j; k++) {
            info[j][k] += wj * xi[k];
          }
        }
      }
      for (int j = 0; j < p; j++) {
        for (int k = j + 1; k < p; k++) {
          info[j][k] = info[k][j];
        }
      }
      double[][] inv = invert(info);
      if (inv == null) {
        return new Fit(beta, info, false);
      }
      double[] step = new double[p];
      double size = 0;
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          step[j] += inv[j][k] * score[k];
        }
        size = Math.max(size, Math.abs(step[j]));
      }
      if (size < 1e-11 && Math.abs(loglik - lastLoglik) < 1e-9) {
        boolean finite = true;
        for (double b : beta) {
          finite &= Math.abs(b) < 20;
        }
        return new Fit(beta, inv, finite);
      }
      lastLoglik = loglik;
      double scale = size > 5 ? 5 / size : 1;
      for (int j = 0; j < p; j++) {
        beta[j] += scale * step[j];
      }
    }
    return new Fit(beta, info, false);
  }

  /** Inverse of a symmetric positive definite matrix by Cholesky; null when it is not. */
  static double[][] invert(double[][] a) {
    int p = a.length;
    double[][] l = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 1e-12 * Math.max(1, a[i][i]))) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[][] linv = new double[p][p];
    for (int i = 0; i < p; i++) {
      linv[i][i] = 1 / l[i][i];
      for (int j = 0; j < i; j++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= l[i][k] * linv[k][j];
        }
        linv[i][j] = s / l[i][i];
      }
    }
    double[][] inv = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < p; k++) {
          s += linv[k][i] * linv[k][j];
        }
        inv[i][j] = s;
        inv[j][i] = s;
      }
    }
    return inv;
  }
}
