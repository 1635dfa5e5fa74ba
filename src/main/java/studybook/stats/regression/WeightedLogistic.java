package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Logistic regression with prior weights and robust standard errors: estimates as
 * {@code glm(y ~ ..., family = quasibinomial, weights = w)} (glm.fit's IRLS step for step: mu starts at
 * (w y + 0.5)/(w + 1), the weighted deviance criterion 1e-8, at most 25 iterations) and the covariance
 * {@code sandwich::vcovHC(fit, type = "HC0")}, or with clusters {@code sandwich::vcovCL(fit, cluster = ~g)}
 * with its defaults (for a glm: type HC0 with the G/(G − 1) adjustment); z, p and Wald limits from it. The
 * log-likelihood and AIC are NaN with weights (a quasi-likelihood has none), the binomial glm's without.
 */
public final class WeightedLogistic {
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

  private WeightedLogistic() {}

  /**
   * Fits the model.
   *
   * @param design the design (column 0 the intercept), y in {0, 1}
   * @param weights one positive weight per row, or null for all 1
   * @param cluster one cluster index per row, or null for HC0
   * @throws IllegalArgumentException when a column is a linear combination of others (named), or a weight
   *     is not positive
   */
  public static LogisticFit fit(Design design, double[] weights, int[] cluster) {
    double[][] x = design.x();
    double[] y = design.y();
    int n = x.length;
    int p = x[0].length;
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = weights == null ? 1 : weights[i];
      if (!(w[i] > 0) || !Double.isFinite(w[i])) {
        throw new IllegalArgumentException("weights must be positive and finite, not " + w[i]);
      }
    }
    RankRevealingQr qr = RankRevealingQr.aliasing(x, RankRevealingQr.GLM_TOLERANCE);
    if (qr.rank() < p) {
      throw new IllegalArgumentException("aliased (collinear) terms " + qr.aliasedNames(design.columns())
          + " cannot be estimated in a weighted or clustered fit; leave them out");
    }
    double[] eta = new double[n];
    double[] mu = new double[n];
    double devOld = 0;
    for (int i = 0; i < n; i++) {
      double start = (w[i] * y[i] + 0.5) / (w[i] + 1);
      eta[i] = Math.log(start / (1 - start));
      mu[i] = LogisticRegression.rLinkInverse(eta[i]);
      devOld += deviance(y[i], mu[i], w[i]);
    }
    double[] beta = new double[p];
    double[][] bread = new double[p][p];
    double[] working = new double[n];
    boolean converged = false;
    int iterations = 0;
    for (int iteration = 1; iteration <= LogisticRegression.GLM_MAXIT; iteration++) {
      iterations = iteration;
      double[][] xtwx = new double[p][p];
      double[] xtwz = new double[p];
      for (int i = 0; i < n; i++) {
        double dmu = LogisticRegression.rMuEta(eta[i]);
        working[i] = w[i] * dmu * dmu / (mu[i] * (1 - mu[i]));
        double z = eta[i] + (y[i] - mu[i]) / dmu;
        for (int j = 0; j < p; j++) {
          double xw = x[i][j] * working[i];
          xtwz[j] += xw * z;
          for (int k = 0; k < p; k++) {
            xtwx[j][k] += xw * x[i][k];
          }
        }
      }
      DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(xtwx, false), 1e-300).getSolver();
      if (!solver.isNonSingular()) {
        throw new IllegalArgumentException("the weighted information matrix is singular");
      }
      beta = solver.solve(new ArrayRealVector(xtwz, false)).toArray();
      bread = solver.getInverse().getData();
      double dev = 0;
      for (int i = 0; i < n; i++) {
        eta[i] = Newton.dot(x[i], beta);
        mu[i] = LogisticRegression.rLinkInverse(eta[i]);
        dev += deviance(y[i], mu[i], w[i]);
      }
      if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < LogisticRegression.GLM_EPSILON) {
        converged = true;
        break;
      }
      devOld = dev;
    }
    // sandwich's estfun.glm: working residual (at the final eta) times working weight (of the last IRLS
    // step, as glm stores it) times x; its bread is that step's (X'WX)^-1, as summary.glm's cov.unscaled
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = (y[i] - mu[i]) / LogisticRegression.rMuEta(eta[i]) * working[i];
    }
    int[] all = new int[p];
    for (int j = 0; j < p; j++) {
      all[j] = j;
    }
    double[][] u = Sandwich.scores(x, all, residual);
    double[][] v = cluster == null ? Sandwich.hc0(u, bread) : Sandwich.cluster(u, bread, cluster, false);
    double z975 = NORMAL.inverseCumulativeProbability(0.975);
    List<Coefficient> coefficients = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      double se = Math.sqrt(v[j][j]);
      double z = beta[j] / se;
      coefficients.add(new Coefficient(design.columns().get(j), beta[j], se, z, 2 * NORMAL.survivalProbability(Math.abs(z)),
          Math.exp(beta[j]), Math.exp(beta[j] - z975 * se), Math.exp(beta[j] + z975 * se)));
    }
    double logLik = Double.NaN;
    if (weights == null) {
      logLik = 0;
      for (int i = 0; i < n; i++) {
        logLik -= deviance(y[i], mu[i], 1) / 2;
      }
    }
    boolean separation = Separation.detect(x, y, converged, beta);
    return new LogisticFit(n, design.events(), LogisticRegression.Method.ML, converged, iterations, logLik, -2 * logLik,
        -2 * logLik + 2 * p, separation, LogisticRegression.Limits.WALD, coefficients, v, List.of());
  }

  private static double deviance(double y, double mu, double w) {
    return y == 1 ? -2 * w * Math.log(mu) : -2 * w * Math.log1p(-mu);
  }
}
