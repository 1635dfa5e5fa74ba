package studybook.tables;

/**
 * What one cell of a displayed table holds, typed and unformatted: the report's one renderer
 * ({@code studybook.report.TableRenderer}) turns it into text in the study's number style. A
 * {@code decimals} of {@link #STYLE} means the style's default ({@code style.decimals}).
 */
public sealed interface TableValue {
  /** "Use the number style's default decimals". */
  int STYLE = -1;

  /** Free text, e.g. a verdict or a printed claim. */
  record Text(String text) implements TableValue {}

  /** Nothing (a blank cell). */
  record Empty() implements TableValue {}

  /**
   * A count, with its percentage when {@code percent} is finite: "12 (34.5%)" or "12".
   *
   * @param n the count
   * @param percent percent of its denominator (already times 100), or NaN for a bare count
   */
  record Count(long n, double percent) implements TableValue {
    public static Count of(long n) {
      return new Count(n, Double.NaN);
    }
  }

  /** "mean ± SD". */
  record MeanSd(double mean, double sd, int decimals) implements TableValue {}

  /** "median (Q1–Q3)". */
  record MedianIqr(double median, double q1, double q3, int decimals) implements TableValue {}

  /** A number with {@code decimals} decimals (or the style's). */
  record Decimal(double value, int decimals) implements TableValue {}

  /** A percentage already in percent: "31.0%". */
  record Percent(double percent) implements TableValue {}

  /** A ratio (odds or hazard ratio) in {@code decimals} decimals, or the style's ratio decimals ({@link #STYLE}). */
  record Ratio(double value, int decimals) implements TableValue {
    /** In the style's ratio decimals. */
    public Ratio(double value) {
      this(value, STYLE);
    }
  }

  /** Confidence limits of a ratio: "0.96–1.03", in {@code decimals} decimals or the style's ratio decimals. */
  record Limits(double low, double high, int decimals) implements TableValue {
    /** In the style's ratio decimals. */
    public Limits(double low, double high) {
      this(low, high, STYLE);
    }
  }

  /** Confidence limits of a number that is not a ratio (a coefficient): "-0.42–1.37" in {@code decimals} (or the style's). */
  record Interval(double low, double high, int decimals) implements TableValue {}

  /** An estimate with its limits in one cell: "1.25 (1.01–1.55)". */
  record Estimate(double value, double low, double high) implements TableValue {}

  /**
   * A p-value and the test that made it: the renderer marks it with the letter of the test's
   * footnote ({@link TableModel.Test}); {@code test} empty for none.
   *
   * @param p the p-value (NaN when not computable)
   * @param test the test's name among the table's tests
   * @param statistic its statistic (NaN when none)
   * @param df its degrees of freedom (NaN when none)
   */
  record PValue(double p, String test, double statistic, double df) implements TableValue {
    public static PValue of(double p) {
      return new PValue(p, "", Double.NaN, Double.NaN);
    }
  }

  /**
   * A count inside a sentence the tool writes (a note "44 events among 142 patients", a row's
   * detail "(3 missing)"): marked so that the report's one table renderer prints it in the number
   * style and small-cell suppression knows it as a count (a typed count inside plain text, until
   * notes are typed themselves). {@link #plainText} gives the sentence with the bare number.
   */
  static String countInText(long n) {
    return COUNT_OPEN + Long.toString(n) + COUNT_CLOSE;
  }

  /**
   * As {@link #countInText}, for the number of missing values of the row's variable among the
   * patients of the table ("(3 missing; % of known values)"): suppression knows that it and the
   * levels' counts add up to the table's size.
   */
  static String missingInText(long n) {
    return MISSING_OPEN + Long.toString(n) + COUNT_CLOSE;
  }

  /** Opens a count marked by {@link #countInText} (a private-use character, never in a study's text). */
  char COUNT_OPEN = '\uE000';
  /** Opens a count marked by {@link #missingInText}. */
  char MISSING_OPEN = '\uE002';
  /** Closes a marked count. */
  char COUNT_CLOSE = '\uE001';
  /** A marked count: group 1 its opening mark, group 2 its digits. */
  java.util.regex.Pattern COUNT_IN_TEXT = java.util.regex.Pattern.compile("([\uE000\uE002])(\\d+)\uE001");

  /** {@code text} with each marked count as its bare number. */
  static String plainText(String text) {
    return text.indexOf(COUNT_CLOSE) < 0 ? text : COUNT_IN_TEXT.matcher(text).replaceAll("$2");
  }

  static TableValue text(String s) {
    return new Text(s);
  }

  static TableValue empty() {
    return new Empty();
  }
}
