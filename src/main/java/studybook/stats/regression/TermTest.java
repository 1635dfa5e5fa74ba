package studybook.stats.regression;

/**
 * A likelihood-ratio test that every coefficient of one term is zero (a factor's levels jointly).
 *
 * @param method ML (likelihood ratio, as anova(test = "LRT") / drop1) or FIRTH (penalized likelihood ratio)
 * @param df the number of coefficients tested
 * @param chisq twice the drop in the (penalized) log-likelihood
 */
public record TermTest(String term, LogisticRegression.Method method, int df, double chisq, double p) {}
