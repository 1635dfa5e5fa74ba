package studybook.tables;

import studybook.stats.regression.Coefficient;

/**
 * One term of a fitted logistic model, with the keys of the logistic command's JSON.
 *
 * @param term {@code variable=level} or a continuous variable's name
 * @param estimate log odds ratio
 * @param se its standard error
 * @param z Wald z
 * @param p the p-value (Wald for ML, penalized likelihood ratio for Firth)
 * @param oddsRatio exp(estimate)
 * @param ciLow lower 95% limit of the odds ratio
 * @param ciHigh upper 95% limit
 */
public record TermRow(String term, double estimate, double se, double z, double p, double oddsRatio,
    double ciLow, double ciHigh) {

  public static TermRow of(Coefficient c) {
    return new TermRow(c.term(), c.estimate(), c.se(), c.z(), c.p(), c.oddsRatio(), c.ciLow(), c.ciHigh());
  }
}
