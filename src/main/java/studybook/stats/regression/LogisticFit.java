package studybook.stats.regression;

import java.util.List;

/**
 * A fitted binary logistic model; it never prints itself.
 *
 * @param n the rows used
 * @param events rows with y = 1
 * @param method how the coefficients were estimated
 * @param converged whether the iterations met the convergence criterion (as glm's {@code converged})
 * @param iterations Newton/IRLS iterations until glm's criterion (ML) or the penalized-score criterion (Firth)
 * @param logLik the log-likelihood at the estimate; the penalized one for Firth
 * @param deviance -2 logLik (binary data: the saturated model has log-likelihood 0)
 * @param aic -2 logLik + 2 p
 * @param separation true when the data are completely or quasi-completely separated, so the ML estimate
 *     does not exist (describes the data whatever the method)
 * @param limits how the confidence limits of the odds ratios were made
 * @param coefficients one per design column, in column order
 * @param covariance inverse Fisher information at the estimate (p x p; NaN rows and columns for aliased terms)
 * @param aliased the design columns that are linear combinations of earlier ones, in column order: their
 *     coefficients are NaN (R's NA) and the model is fitted without them, as glm does (empty when none)
 */
public record LogisticFit(int n, int events, LogisticRegression.Method method, boolean converged, int iterations,
    double logLik, double deviance, double aic, boolean separation, LogisticRegression.Limits limits,
    List<Coefficient> coefficients, double[][] covariance, List<String> aliased) {

  public LogisticFit {
    coefficients = List.copyOf(coefficients);
    aliased = List.copyOf(aliased);
    covariance = copy(covariance);
  }

  @Override
  public double[][] covariance() {
    return copy(covariance);
  }

  /** The estimates in column order. */
  public double[] estimates() {
    // an aliased coefficient contributes nothing to a prediction (R's predict treats NA as 0)
    return coefficients.stream().mapToDouble(c -> Double.isNaN(c.estimate()) ? 0 : c.estimate()).toArray();
  }

  /** The coefficient named {@code term}. */
  public Coefficient coefficient(String term) {
    return coefficients.stream().filter(c -> c.term().equals(term)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "' in this fit"));
  }

  /** Fitted probabilities for the rows of {@code x} (same columns as the fit). */
  public double[] fitted(double[][] x) {
    double[] b = estimates();
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = Newton.expit(Newton.dot(x[i], b));
    }
    return p;
  }

  /** Events per estimated coefficient other than the intercept (Peduzzi et al. 1996). */
  public double eventsPerVariable() {
    int k = coefficients.size() - 1 - aliased.size();
    return k <= 0 ? Double.NaN : Math.min(events, n - events) / (double) k;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  /**
   * This fit of the columns {@code qr} kept, spread over every one of {@code termNames}: an aliased term gets NaN
   * numbers and NaN covariances, as glm reports NA (the local and the Spark engine alike).
   */
  public LogisticFit withAliased(List<String> termNames, RankRevealingQr qr) {
    int p = termNames.size();
    int[] kept = qr.kept();
    List<Coefficient> expanded = new java.util.ArrayList<>(p);
    double[][] cov = new double[p][p];
    for (double[] row : cov) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    for (int a = 0; a < kept.length; a++) {
      for (int b = 0; b < kept.length; b++) {
        cov[kept[a]][kept[b]] = covariance[a][b];
      }
    }
    for (int j = 0; j < p; j++) {
      String name = termNames.get(j);
      expanded.add(qr.isAliased(j)
          ? new Coefficient(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
          : coefficient(name));
    }
    return new LogisticFit(n, events, method, converged, iterations, logLik, deviance, aic, separation, limits,
        expanded, cov, qr.aliasedNames(termNames));
  }
}
