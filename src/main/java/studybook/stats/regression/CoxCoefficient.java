package studybook.stats.regression;

/**
 * One coefficient of a fitted Cox model, as a row of {@code summary(coxph(...))}. A coefficient whose
 * estimate diverges (monotone likelihood, e.g. a level with no events) has a NaN estimate, hazard ratio
 * and limits (se, z and p as coxph gives them) and {@link #estimability()} {@code DIVERGED}: it is reported, never shown as a finite hazard ratio.
 *
 * @param term the column name, e.g. "age" or "sex=2"
 * @param estimate the log hazard ratio
 * @param se its standard error (square root of the diagonal of the inverse information)
 * @param z estimate / se
 * @param p two-sided Wald p
 * @param hazardRatio exp(estimate)
 * @param ciLow lower Wald limit of the hazard ratio, exp(estimate - 1.96 se), as exp(confint(fit))
 * @param ciHigh upper Wald limit of the hazard ratio
 * @param estimability whether the estimate exists
 */
public record CoxCoefficient(String term, double estimate, double se, double z, double p, double hazardRatio,
    double ciLow, double ciHigh, Estimability estimability) {

  /** Whether a coefficient's maximum-likelihood estimate exists. */
  public enum Estimability {
    /** A finite estimate. */
    ESTIMATED,
    /** The partial likelihood keeps rising as the coefficient goes to plus or minus infinity. */
    DIVERGED,
    /** Nothing is estimable: the data hold no event. */
    NO_EVENTS
  }

  /**
   * A diverged coefficient: estimate, hazard ratio and limits NaN (never a finite hazard ratio); se, z and
   * p as coxph reports them at its stopping point (they say the estimate is meaningless, not missing).
   */
  static CoxCoefficient diverged(String term, double se, double z, double p) {
    return new CoxCoefficient(term, Double.NaN, se, z, p, Double.NaN, Double.NaN, Double.NaN, Estimability.DIVERGED);
  }

  /** A coefficient of a model without events: every number NaN. */
  static CoxCoefficient noEvents(String term) {
    return new CoxCoefficient(term, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Estimability.NO_EVENTS);
  }

  /** Whether the estimate diverged. */
  public boolean diverged() {
    return estimability == Estimability.DIVERGED;
  }
}
