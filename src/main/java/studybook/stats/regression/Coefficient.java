package studybook.stats.regression;

/**
 * One row of a fitted logistic model. {@code ciLow}/{@code ciHigh} are limits for the odds ratio
 * ({@code exp(estimate)}), made as the fit's {@link LogisticRegression.Limits} says; an unbounded
 * limit is {@code 0} or {@code +Infinity}.
 *
 * @param term the column name, e.g. "(Intercept)", "age" or "education=6-11yrs"
 * @param estimate the log odds ratio
 * @param se its standard error (square root of the diagonal of the inverse Fisher information)
 * @param z estimate / se
 * @param p Wald p for maximum likelihood; penalized likelihood-ratio p for Firth
 * @param oddsRatio exp(estimate)
 */
public record Coefficient(String term, double estimate, double se, double z, double p, double oddsRatio,
    double ciLow, double ciHigh) {}
