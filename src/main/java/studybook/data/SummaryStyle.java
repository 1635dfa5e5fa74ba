package studybook.data;

import java.util.Locale;
import java.util.Optional;

/** How tables summarise a continuous or integer variable, as the codebook's {@code summary} column says. */
public enum SummaryStyle {
  /** Mean and standard deviation. */
  MEAN_SD,
  /** Median and interquartile range (quantile type 7); the default, as skewed clinical measures are common. */
  MEDIAN_IQR;

  /** The word used in the codebook. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SummaryStyle> fromToken(String token) {
    String t = token.trim().toLowerCase(Locale.ROOT);
    for (SummaryStyle s : values()) {
      if (s.token().equals(t)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
