package studybook.stats.regression;

import java.util.List;

/**
 * A fitted Cox proportional-hazards model, as {@code summary(coxph(...))}; it never prints itself.
 *
 * @param n the rows used
 * @param events rows that end in an event
 * @param ties how tied event times were handled
 * @param converged whether coxph's criterion (relative change in log-likelihood at most 1e-9) was met
 *     within 20 iterations
 * @param iterations Newton-Raphson iterations, as {@code fit$iter}
 * @param logLik the log partial likelihood at the estimate, {@code fit$loglik[2]}
 * @param logLikNull the log partial likelihood with every coefficient zero, {@code fit$loglik[1]}
 * @param aic -2 logLik + 2 p, as {@code AIC(fit)}
 * @param likelihoodRatio the likelihood-ratio test of all coefficients
 * @param wald the Wald test of all coefficients
 * @param score the score (log-rank) test of all coefficients at zero
 * @param concordance Harrell's C with its standard error
 * @param coefficients one per design column, in column order
 * @param covariance the inverse information at the estimate (p x p)
 * @param diverged the coefficients whose estimate does not exist (monotone likelihood), in column order
 * @param phTest the proportional-hazards test of every term and the global one; null when not estimable
 */
public record CoxFit(int n, int events, CoxRegression.Ties ties, boolean converged, int iterations,
    double logLik, double logLikNull, double aic, ModelTest likelihoodRatio, ModelTest wald, ModelTest score,
    CoxConcordance concordance, List<CoxCoefficient> coefficients, double[][] covariance, List<String> diverged,
    CoxPhTest phTest) {

  /**
   * A chi-square test of all coefficients of a model.
   *
   * @param chisq the statistic
   * @param df its degrees of freedom
   * @param p upper tail of chi-square(df)
   */
  public record ModelTest(double chisq, int df, double p) {}

  public CoxFit {
    coefficients = List.copyOf(coefficients);
    diverged = List.copyOf(diverged);
    covariance = copy(covariance);
  }

  @Override
  public double[][] covariance() {
    return copy(covariance);
  }

  /**
   * The fit of data without any event: nothing is estimable ("not estimable (no events)"); every
   * number but n is NaN, and the proportional-hazards test is absent.
   */
  static CoxFit noEvents(int n, CoxRegression.Ties ties, List<String> columns) {
    ModelTest none = new ModelTest(Double.NaN, columns.size(), Double.NaN);
    return new CoxFit(n, 0, ties, false, 0, Double.NaN, Double.NaN, Double.NaN, none, none, none,
        new CoxConcordance(Double.NaN, Double.NaN, 0, 0, 0),
        columns.stream().map(CoxCoefficient::noEvents).toList(), new double[columns.size()][columns.size()], List.of(),
        null);
  }

  /** Whether anything could be estimated (false when the data hold no event). */
  public boolean estimable() {
    return events > 0;
  }

  /** The coefficient named {@code term}. */
  public CoxCoefficient coefficient(String term) {
    return coefficients.stream().filter(c -> c.term().equals(term)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "' in this fit"));
  }

  /** Events per estimated coefficient (Peduzzi et al. 1995). */
  public double eventsPerVariable() {
    return coefficients.isEmpty() ? Double.NaN : events / (double) coefficients.size();
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
