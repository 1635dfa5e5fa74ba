package studybook.report.figures;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * One term of a forest plot: its first estimate (e.g. maximum likelihood) and an optional second
 * (e.g. Firth) drawn just below it.
 */
public record ForestRow(String term, OddsRatioEstimate primary, @JsonIgnore Optional<OddsRatioEstimate> secondary) {
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

  /**
   * The JSON form keeps the second estimate as a plain value or null: Jackson core has no codec for
   * Optional, and without one a forest plot returned by a cell could not be cached.
   */
  @JsonCreator
  static ForestRow fromJson(@JsonProperty("term") String term, @JsonProperty("primary") OddsRatioEstimate primary,
      @JsonProperty("secondaryOrNull") OddsRatioEstimate secondary) {
    return new ForestRow(term, primary, Optional.ofNullable(secondary));
  }

  @JsonProperty("secondaryOrNull")
  OddsRatioEstimate secondaryOrNull() {
    return secondary.orElse(null);
  }
}
