package studybook.claims;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a published number is; decides the default comparison and the lower end of a "below" window. */
public enum ClaimKind {
  COUNT,
  PERCENTAGE,
  P,
  ODDS_RATIO,
  HAZARD_RATIO,
  MEAN,
  MEDIAN,
  STATISTIC,
  CONSISTENCY;

  /** The token in the claims file, e.g. {@code odds_ratio}. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a value of this kind cannot be negative (p, counts, ratios, percentages). */
  public boolean nonNegative() {
    return this != MEAN && this != MEDIAN && this != STATISTIC;
  }

  public static Optional<ClaimKind> fromToken(String token) {
    return Arrays.stream(values()).filter(k -> k.token().equals(token)).findFirst();
  }

  public static List<String> tokens() {
    return Arrays.stream(values()).map(ClaimKind::token).toList();
  }
}
