package studybook.tables;

import studybook.stats.regression.CoxCoefficient;

/**
 * One term of a fitted Cox model as a table holds it, with the keys of the cox command's JSON. A
 * diverged term (monotone likelihood) and a term of a model without events hold NaN numbers and say why.
 *
 * @param term {@code variable=level} or a continuous variable's name
 * @param estimate log hazard ratio
 * @param se its standard error
 * @param z Wald z
 * @param p Wald p
 * @param hazardRatio exp(estimate)
 * @param ciLow lower Wald 95% limit of the hazard ratio
 * @param ciHigh upper limit
 * @param estimability estimated, diverged, or no events
 */
public record CoxTermRow(String term, double estimate, double se, double z, double p, double hazardRatio,
    double ciLow, double ciHigh, CoxCoefficient.Estimability estimability) {

  public static CoxTermRow of(CoxCoefficient c) {
    return new CoxTermRow(c.term(), c.estimate(), c.se(), c.z(), c.p(), c.hazardRatio(), c.ciLow(), c.ciHigh(),
        c.estimability());
  }

  /** Whether the term has numbers to show. */
  public boolean estimated() {
    return estimability == CoxCoefficient.Estimability.ESTIMATED;
  }

  /** Whether the estimate diverged (monotone likelihood). */
  public boolean diverged() {
    return estimability == CoxCoefficient.Estimability.DIVERGED;
  }
}
