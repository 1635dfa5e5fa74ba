package studybook.stats.regression;

/**
 * The passes over a logistic design that a fit needs, wherever the rows are: the local engine's rows and
 * column-major design and the Spark engine's partitions each implement them, and
 * {@link LogisticRegression#fit(LogisticPasses, java.util.List)} does the rest (glm's IRLS loop and
 * deviance criterion, the solves, the covariance, the polish by Newton steps, the Wald table; Firth's penalized
 * likelihood, its likelihood-ratio tests and profile limits, each constrained fit a sequence of points), so the
 * convergence, separation and reporting rules are the same for both. Each method returns sums over all rows;
 * how they are added (in row order, in fixed chunks, or compensated over partitions) is the implementation's.
 * The design must be of full rank (aliasing is decided before, as glm's QR decides it).
 */
public interface LogisticPasses {
  /** The number of design columns (column 0 the intercept). */
  int columns();

  /** The number of rows. */
  int rows();

  /** The rows with y = 1. */
  int events();

  /**
   * Moves the IRLS loop to {@code beta} and returns the binomial deviance there: the sum over the rows of
   * -2 log mu (y = 1) or -2 log(1 - mu) (y = 0), with eta = x'beta and R's clamped logit link
   * ({@link LogisticRegression#rLinkInverse}). With {@code beta} null: glm's start, eta = logit((y + 0.5) / 2).
   */
  double deviance(double[] beta);

  /**
   * At the point of the last {@link #deviance} call: the lower triangle of X'WX in rows 0..p-1 (element [j][k],
   * k at most j) and X'Wz in row p, with glm's weights w = mu_eta^2 / (mu (1 - mu)) and working response
   * z = eta + (y - mu) / mu_eta (R's clamped mu_eta, {@link LogisticRegression#rMuEta}).
   */
  double[][] weightedCrossProducts();

  /**
   * The log-likelihood, the score X'(y - mu) and the information X'WX with w = mu (1 - mu), at {@code beta}, with
   * the exact (unclamped) link; the information as a full symmetric p x p matrix.
   */
  Likelihood likelihood(double[] beta);

  /**
   * Whether the data are separated, given the polished maximum-likelihood fit: {@code converged} whether its
   * Newton steps met their criterion and {@code beta} where they stopped (a converged fit whose fitted
   * probabilities all lie inside (1e-8, 1 - 1e-8) certifies that the estimate exists).
   */
  boolean separated(boolean converged, double[] beta);

  /**
   * Firth's modified score at {@code beta}: the sum over the rows of x_i {@link #firthResidual}, with
   * {@code inverse} the inverse of the information {@link #likelihood} gave at {@code beta} (one more pass, the
   * inverse sent to the rows). The penalized log-likelihood, l(beta) + 0.5 log det I(beta), is finished from
   * {@link #likelihood} alone.
   */
  double[] firthScore(double[] beta, double[][] inverse);

  /**
   * One row's term of Firth's modified score (Firth 1993; as logistf): y - mu + h (1/2 - mu), with
   * mu = expit(x'beta) (the exact link), w = mu (1 - mu) and the hat diagonal h = w x' inverse x. Every
   * implementation calls this, so the row arithmetic is one.
   *
   * @param p the number of columns of {@code x} read
   */
  static double firthResidual(double[] x, double y, double[] beta, double[][] inverse, int p) {
    double eta = Newton.dot(x, beta);
    double mu = Newton.expit(eta);
    double w = mu * (1 - mu);
    double q = 0;
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (int k = 0; k < p; k++) {
        s += inverse[j][k] * x[k];
      }
      q += x[j] * s;
    }
    double r = y - mu;
    r += w * q * (0.5 - mu);
    return r;
  }

  /** What {@link #likelihood} returns. */
  record Likelihood(double logLik, double[] score, double[][] information) {}
}
