package studybook.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import studybook.StudybookException;

/**
 * The one number style of a report; templates reach it as {@code fmt}. Rounding is half-up on the
 * number's shortest decimal form (so 2.675 shows as 2.68, as a reader expects), in
 * {@link Locale#ROOT} with no grouping; a missing or non-finite value shows as {@code NA}
 * (infinities as {@code Inf}). Defaults, each overridable in study.properties: p-values
 * ({@code style.p_decimals=3}, below the smallest shown value as {@code <0.001}), percentages
 * ({@code style.pct_decimals=1}), odds ratios and their limits ({@code style.or_decimals=2}),
 * other numbers ({@code style.decimals=1}), the limit separator ({@code style.ci_separator=–}), and a
 * journal's conventions ({@code style.journal}: p-value form, decimal mark, limit separator; see
 * {@link JournalStyle}).
 */
public final class NumberStyle {
  private final int pDecimals;
  private final int pctDecimals;
  private final int orDecimals;
  private final int decimals;
  private final String ciSeparator;
  private final JournalStyle journal;
  /** Counts that print as {@link #maskText} (small-cell suppression); null: none. */
  private java.util.function.LongPredicate masked;
  private String maskText;

  public NumberStyle(int pDecimals, int pctDecimals, int orDecimals, int decimals, String ciSeparator) {
    this(pDecimals, pctDecimals, orDecimals, decimals, ciSeparator, JournalStyle.VANCOUVER_DEFAULT);
  }

  public NumberStyle(int pDecimals, int pctDecimals, int orDecimals, int decimals, String ciSeparator, JournalStyle journal) {
    this.pDecimals = pDecimals;
    this.pctDecimals = pctDecimals;
    this.orDecimals = orDecimals;
    this.decimals = decimals;
    this.ciSeparator = ciSeparator;
    this.journal = journal;
  }

  /** The journal whose conventions this style follows. */
  public JournalStyle journal() {
    return journal;
  }

  /** The style a study's settings ask for (keys {@code style.*}). */
  public static NumberStyle of(Map<String, String> settings) {
    JournalStyle journal = JournalStyle.of(settings.get("style.journal"));
    return new NumberStyle(digits(settings, "style.p_decimals", 3), digits(settings, "style.pct_decimals", 1),
        digits(settings, "style.or_decimals", 2), digits(settings, "style.decimals", 1),
        settings.getOrDefault("style.ci_separator", journal.ciSeparator()), journal);
  }

  private static int digits(Map<String, String> s, String key, int fallback) {
    String v = s.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int d = Integer.parseInt(v.trim());
      if (d < 0 || d > 15) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new StudybookException("study.properties: " + key + " must be a whole number from 0 to 15, not '" + v + "'");
    }
  }

  /** A p-value: "<0.001" below the smallest shown value, else {@code style.p_decimals} decimals. */
  public String p(Number p) {
    if (!finite(p)) {
      return missing(p);
    }
    BigDecimal smallest = BigDecimal.ONE.movePointLeft(pDecimals);
    if (BigDecimal.valueOf(p.doubleValue()).compareTo(smallest) < 0) {
      return "<" + journal.p(smallest.toPlainString());
    }
    return journal.p(fixed(p.doubleValue(), pDecimals));
  }

  /** A percentage that is already in percent (12.34 → "12.3"). */
  public String pct(Number percent) {
    return finite(percent) ? journal.mark(fixed(percent.doubleValue(), pctDecimals)) : missing(percent);
  }

  /**
   * The same style, except that every count {@code masked} accepts prints as {@code shownAs}, with
   * its percentage in {@link #countPct}: how small-cell suppression reaches the counts a template
   * prints in its text and hand-laid tables and those drawn in figures (flow boxes, numbers at risk).
   */
  NumberStyle maskingCounts(java.util.function.LongPredicate masked, String shownAs) {
    NumberStyle s = new NumberStyle(pDecimals, pctDecimals, orDecimals, decimals, ciSeparator, journal);
    s.masked = masked;
    s.maskText = shownAs;
    return s;
  }

  private boolean isMasked(Number n) {
    if (masked == null || n == null) {
      return false;
    }
    double d = n.doubleValue();
    return Double.isFinite(d) && d == Math.rint(d) && masked.test((long) d);
  }

  /** A count: a whole number without grouping. */
  public String count(Number n) {
    if (isMasked(n)) {
      return maskText;
    }
    if (n == null) {
      return "NA";
    }
    if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        return missing(n);
      }
      if (d != Math.rint(d)) {
        throw new StudybookException("fmt.count was given " + d + ", which is not a whole number");
      }
      return BigDecimal.valueOf(d).setScale(0, RoundingMode.UNNECESSARY).toPlainString();
    }
    return n.toString();
  }

  /** "n (pct%)", the usual Table-1 cell. */
  public String countPct(Number n, Number percent) {
    if (isMasked(n)) {
      return maskText;
    }
    return count(n) + " (" + pct(percent) + "%)";
  }

  /** An odds ratio (or any ratio) with {@code style.or_decimals} decimals. */
  public String or(Number ratio) {
    return finite(ratio) ? journal.mark(fixed(ratio.doubleValue(), visiblePlaces(ratio.doubleValue(), orDecimals)))
        : missing(ratio);
  }

  /** A ratio with {@code places} decimals (more where a nonzero ratio would show as 0). */
  public String or(Number ratio, int places) {
    return finite(ratio) ? journal.mark(fixed(ratio.doubleValue(), visiblePlaces(ratio.doubleValue(), places)))
        : missing(ratio);
  }

  /** Confidence limits of a ratio: "low–high" with {@code style.or_decimals} decimals (more where a limit would show as 0). */
  public String ci(Number low, Number high) {
    return ci(low, high, orDecimals);
  }

  /** Confidence limits of a ratio with {@code orPlaces} decimals (more where a limit would show as 0). */
  public String ci(Number low, Number high, int orPlaces) {
    int places = Math.max(finite(low) ? visiblePlaces(low.doubleValue(), orPlaces) : orPlaces,
        finite(high) ? visiblePlaces(high.doubleValue(), orPlaces) : orPlaces);
    return (finite(low) ? journal.mark(fixed(low.doubleValue(), places)) : missing(low)) + separator(low, high)
        + (finite(high) ? journal.mark(fixed(high.doubleValue(), places)) : missing(high));
  }

  /** Confidence limits of a number that is not a ratio: "low–high" with {@code places} decimals. */
  public String interval(Number low, Number high, int places) {
    return num(low, places) + separator(low, high) + num(high, places);
  }

  /** What joins two limits: the separator, or " to " when either limit is negative ({@code −13.7 to 5.2}). */
  private String separator(Number low, Number high) {
    boolean negative = low != null && low.doubleValue() < 0 || high != null && high.doubleValue() < 0;
    return journal.toForNegatives() && negative ? " to " : ciSeparator;
  }

  /**
   * As {@link #interval(Number, Number, int)} with {@code style.decimals} decimals, or as many more as
   * it takes for neither nonzero limit to print as 0 ({@link #visiblePlaces}).
   */
  public String interval(Number low, Number high) {
    int places = Math.max(finite(low) ? visiblePlaces(low.doubleValue(), decimals) : decimals,
        finite(high) ? visiblePlaces(high.doubleValue(), decimals) : decimals);
    return interval(low, high, places);
  }

  /**
   * Any other number with {@code style.decimals} decimals; a nonzero number those would print as 0
   * gets two significant figures instead (-0.0251 is "-0.025", never "0.0").
   */
  public String num(Number x) {
    return finite(x) ? journal.mark(fixed(x.doubleValue(), visiblePlaces(x.doubleValue(), decimals))) : missing(x);
  }

  /** {@code places}, or the decimals of two significant figures when {@code places} would show a nonzero x as 0. */
  static int visiblePlaces(double x, int places) {
    if (x == 0 || BigDecimal.valueOf(x).setScale(places, RoundingMode.HALF_UP).signum() != 0) {
      return places;
    }
    return Math.max(places, 1 - (int) Math.floor(Math.log10(Math.abs(x))));
  }

  /** Any number with the given decimals. */
  public String num(Number x, int places) {
    return finite(x) ? journal.mark(fixed(x.doubleValue(), places)) : missing(x);
  }

  /** An axis tick: the shortest plain decimal of the value (0.5, 1, 20), since ticks are chosen round. */
  public String tick(Number x) {
    return finite(x) ? journal.mark(BigDecimal.valueOf(x.doubleValue()).stripTrailingZeros().toPlainString()) : missing(x);
  }

  /** The figures' number formats, all taken from this style: ticks, ratios ({@link #or}) and counts. */
  public studybook.report.figures.FigureNumbers figureNumbers() {
    return new studybook.report.figures.FigureNumbers(x -> tick(x), x -> or(x), x -> count(x));
  }

  /**
   * Text made safe for Markdown: characters with a meaning are backslash-escaped, line breaks become
   * spaces, characters no output may carry become U+FFFD ({@link XmlChars}).
   */
  public String md(Object text) {
    if (text == null) {
      return "";
    }
    String s = XmlChars.legal(text.toString());
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n') {
        b.append(' ');
      } else {
        if ("\\`*_[]<>|#~!&{}".indexOf(c) >= 0) {
          b.append('\\');
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Rounds half-up on the shortest decimal form; a result of zero loses its sign. */
  static String fixed(double x, int places) {
    BigDecimal r = BigDecimal.valueOf(x).setScale(places, RoundingMode.HALF_UP);
    if (r.signum() == 0) {
      r = r.abs();
    }
    return r.toPlainString();
  }

  private static boolean finite(Number x) {
    return x != null && Double.isFinite(x.doubleValue());
  }

  private static String missing(Number x) {
    if (x == null || Double.isNaN(x.doubleValue())) {
      return "NA";
    }
    return x.doubleValue() > 0 ? "Inf" : JournalStyle.MINUS + "Inf";
  }

  /**
   * The plain style of the commands' readable (non-JSON) output, the report's one formatter's second
   * style: what R's {@code summary()} and {@code print()} show in a terminal, so a user can put the two
   * side by side. ASCII hyphen-minus, a dot, fixed decimals rounded as {@link java.util.Formatter} rounds
   * ({@link Locale#ROOT}), "NA" and "Inf"/"-Inf" for what is not a number. It does not follow a study's
   * decimals settings or its journal's typography (the true minus, the decimal mark, the italic P): the
   * commands have no study. The JSON documents print every double in full and never come here.
   *
   * <p>Every number a command or a report prints goes through {@link NumberStyle} (a study's style) or
   * this one; {@code OneNumberFormatterTest} fails on a format string for a number anywhere else in
   * {@code cli/} and {@code report/}.
   */
  public static final class Plain {
    private Plain() {}

    /** An estimate, standard error or limit: 4 decimals, 3 significant digits below 0.001 or from 100,000 (as summary.glm). */
    public static String estimate(double v) {
      if (!Double.isFinite(v)) {
        return notANumber(v);
      }
      double a = Math.abs(v);
      return a != 0 && (a < 1e-3 || a >= 1e5) ? significant(v, 3) : fixed(v, 4);
    }

    /** A p-value of a model's term: 4 decimals, "<0.0001" below; "NA" when not computed. */
    public static String modelP(double p) {
      return Double.isNaN(p) ? "NA" : p < 1e-4 ? "<0.0001" : fixed(p, 4);
    }

    /** A p-value of a descriptive comparison: 3 decimals, "<0.001" below; {@code missing} when not computed. */
    public static String describeP(double p, String missing) {
      return Double.isNaN(p) ? missing : p < 0.001 ? "<0.001" : fixed(p, 3);
    }

    /** {@code places} decimals, or {@code missing} for NaN. */
    public static String fixed(double v, int places, String missing) {
      return Double.isNaN(v) ? missing : fixed(v, places);
    }

    /** {@code places} decimals ({@code %.Nf}: Locale.ROOT, half-up, "NaN" and "Infinity" as Java writes them). */
    public static String fixed(double v, int places) {
      return String.format(Locale.ROOT, "%." + places + "f", v);
    }

    /** {@code digits} significant digits ({@code %.Ng}: trailing zeros kept, an exponent outside 1e-4 to 1e{@code digits}). */
    public static String significant(double v, int digits) {
      return String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    /** As {@link #significant(double, int)} with a sign always ({@code %+.Ng}): a change. */
    public static String signed(double v, int digits) {
      return String.format(Locale.ROOT, "%+." + digits + "g", v);
    }

    /** Six significant digits without trailing zeros (a median, a follow-up time); {@code absent} when there is none. */
    public static String significant(java.util.OptionalDouble v, String absent) {
      return v.isPresent() ? significant(v.getAsDouble(), 6).replaceFirst("\\.?0+$", "")
          .replaceFirst("\\.?0+e", "e") : absent;
    }

    /** "NA" for NaN, "Inf" or "-Inf" for an infinity, as R prints them. */
    public static String notANumber(double v) {
      return Double.isNaN(v) ? "NA" : v > 0 ? "Inf" : "-Inf";
    }
  }
}
