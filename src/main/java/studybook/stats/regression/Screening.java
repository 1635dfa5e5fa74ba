package studybook.stats.regression;

import java.util.List;

/**
 * Univariable screening of candidate terms beside one multivariable model (the layout of a paper's
 * "univariable and multivariable analysis" table). Each univariable model uses its own complete cases,
 * as a separate glm per term does in R.
 *
 * @param univariable one model per candidate term, in the order given
 * @param multivariable the model with all its terms together
 * @param multivariableTests one likelihood-ratio test per term of the multivariable model
 */
public record Screening(List<Univariable> univariable, LogisticFit multivariable, List<TermTest> multivariableTests) {
  public Screening {
    univariable = List.copyOf(univariable);
    multivariableTests = List.copyOf(multivariableTests);
  }

  /**
   * One candidate term fitted alone.
   *
   * @param test the likelihood-ratio test of the term (joint over a factor's levels)
   * @param excluded rows left out of this model for a missing outcome or term value
   */
  public record Univariable(String term, LogisticFit fit, TermTest test, int excluded) {}
}
