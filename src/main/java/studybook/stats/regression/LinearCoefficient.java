package studybook.stats.regression;

/**
 * One row of a fitted linear model; an aliased (collinear) column has every number NaN, as R's NA.
 *
 * @param term the column name, e.g. "(Intercept)", "wt" or "race=2"
 * @param estimate the least-squares coefficient
 * @param se its standard error (classical, or HC3 when the fit says so)
 * @param t estimate / se
 * @param p two-sided p from Student's t on the residual degrees of freedom
 * @param ciLow lower 95% limit, estimate - qt(0.975, df) se
 * @param ciHigh upper 95% limit
 * @param aliased whether the column is a linear combination of earlier columns (not estimable)
 */
public record LinearCoefficient(String term, double estimate, double se, double t, double p, double ciLow,
    double ciHigh, boolean aliased) {

  static LinearCoefficient aliased(String term) {
    return new LinearCoefficient(term, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, true);
  }
}
