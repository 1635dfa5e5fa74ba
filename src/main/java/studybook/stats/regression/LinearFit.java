package studybook.stats.regression;

import java.util.List;
import java.util.Optional;

/**
 * A fitted linear model; it never prints itself. As R's {@code summary(lm(y ~ ...))}, {@code confint(fit)}
 * and {@code AIC(fit)}.
 *
 * @param n the rows used
 * @param rank the number of estimable coefficients (the intercept included)
 * @param dfResidual n - rank
 * @param rSquared the multiple R² (the model sum of squares over the total about the mean)
 * @param adjRSquared 1 - (1 - R²)(n - 1) / dfResidual
 * @param sigma the residual standard error, sqrt(RSS / dfResidual)
 * @param logLik the Gaussian log-likelihood at the estimate with the ML variance RSS / n, as logLik(fit)
 * @param aic -2 logLik + 2 (rank + 1), as AIC(fit)
 * @param f the overall F test (classical, whatever the standard errors); empty when no term is estimable
 * @param standardErrors how the standard errors, t, p and limits were made
 * @param coefficients one per design column, in column order; aliased ones have NaN numbers
 * @param aliased the names of the aliased columns, in column order (empty when none)
 */
public record LinearFit(int n, int rank, int dfResidual, double rSquared, double adjRSquared, double sigma,
    double logLik, double aic, Optional<FTest> f, LinearRegression.StandardErrors standardErrors,
    List<LinearCoefficient> coefficients, List<String> aliased) {

  /** The overall F test of all terms: {@code summary(fit)$fstatistic} and its upper-tail p. */
  public record FTest(double statistic, int df, int df2, double p) {}

  public LinearFit {
    coefficients = List.copyOf(coefficients);
    aliased = List.copyOf(aliased);
  }

  /** The coefficient named {@code term}. */
  public LinearCoefficient coefficient(String term) {
    return coefficients.stream().filter(c -> c.term().equals(term)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "' in this fit"));
  }
}
