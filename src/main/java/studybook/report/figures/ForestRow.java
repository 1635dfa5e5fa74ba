package studybook.report.figures;

import java.util.Objects;
import java.util.Optional;

/**
 * One term of a forest plot: its first estimate (e.g. maximum likelihood) and an optional second
 * (e.g. Firth) drawn just below it.
 */
public record ForestRow(String term, OddsRatioEstimate primary, Optional<OddsRatioEstimate> secondary) {
  public ForestRow {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(secondary, "secondary");
  }

  public static ForestRow of(String term, OddsRatioEstimate primary, OddsRatioEstimate secondary) {
    return new ForestRow(term, primary, Optional.of(secondary));
  }

  public static ForestRow of(String term, OddsRatioEstimate primary) {
    return new ForestRow(term, primary, Optional.empty());
  }
}
