package studybook.stats.survival;

import java.util.OptionalDouble;

/**
 * Median survival with its confidence limits, each absent when the curve (or the limit curve) never
 * reaches one half; as print.survfit.
 *
 * @param estimate the median survival time
 * @param lower the lower confidence limit (where the lower limit curve reaches one half)
 * @param upper the upper confidence limit (where the upper limit curve reaches one half)
 * @param confidenceType the transform of the pointwise limits the median limits come from
 * @param level the confidence level
 */
public record SurvivalMedian(
    OptionalDouble estimate, OptionalDouble lower, OptionalDouble upper, ConfidenceType confidenceType, double level) {

  /** Whether the curve reaches one half. */
  public boolean reached() {
    return estimate.isPresent();
  }
}
