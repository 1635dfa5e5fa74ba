package studybook.manuscript;

import java.util.Locale;
import studybook.claims.ClaimKind;

/** What a number in the text, or a result, is, as far as its words or its name tell. */
enum NumberKind {
  P, ODDS_RATIO, HAZARD_RATIO, INTERVAL_END, PERCENTAGE, OTHER;

  /** The kind whose rounding window the claims machinery uses. */
  ClaimKind claimKind() {
    return switch (this) {
      case P -> ClaimKind.P;
      case ODDS_RATIO -> ClaimKind.ODDS_RATIO;
      case HAZARD_RATIO -> ClaimKind.HAZARD_RATIO;
      case PERCENTAGE -> ClaimKind.PERCENTAGE;
      case INTERVAL_END, OTHER -> ClaimKind.STATISTIC;
    };
  }

  /** The kind of a result by the name of its field, e.g. {@code p}, {@code oddsRatio}, {@code ciLow}, {@code percentWith}. */
  static NumberKind ofField(String field) {
    String f = field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    if (f.equals("p") || f.equals("pval") || f.endsWith("pvalue")) {
      return P;
    }
    if (f.equals("or") || f.endsWith("oddsratio")) {
      return ODDS_RATIO;
    }
    if (f.equals("hr") || f.endsWith("hazardratio")) {
      return HAZARD_RATIO;
    }
    if (f.startsWith("ci") || f.startsWith("conf") || f.equals("lower") || f.equals("upper") || f.equals("lcl")
        || f.equals("ucl") || f.endsWith("lower") || f.endsWith("upper")) {
      return INTERVAL_END;
    }
    if (f.contains("percent") || f.contains("pct")) {
      return PERCENTAGE;
    }
    return OTHER;
  }
}
