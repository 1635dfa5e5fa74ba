package studybook.report.figures;

/**
 * An odds ratio (or, in a plot of hazard ratios, a hazard ratio) and its 95% confidence limits, as the regression reported them. NaN means not
 * estimable; an infinite upper limit (separation) is drawn as an arrow.
 */
public record OddsRatioEstimate(double oddsRatio, double lower, double upper) {
  public OddsRatioEstimate {
    if (oddsRatio < 0 || lower < 0 || upper < 0) {
      throw new IllegalArgumentException("odds ratios are not negative: " + oddsRatio + " (" + lower + ", " + upper + ")");
    }
  }

  /** True when the estimate can be drawn as a point. */
  public boolean estimable() {
    return Double.isFinite(oddsRatio) && oddsRatio > 0;
  }
}
