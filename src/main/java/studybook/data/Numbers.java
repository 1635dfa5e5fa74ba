package studybook.data;

/**
 * The one number syntax studybook accepts in data files: an optional sign, digits with an optional
 * decimal point, an optional exponent ({@code 12}, {@code -0.5}, {@code 1.2e-3}). Rejected on
 * purpose, because each hides a data problem: thousands separators ({@code 1,234}), decimal
 * commas, {@code NaN}, {@code Inf}, hexadecimal, and values beyond the double range ({@code 1e400}).
 */
public final class Numbers {
  private Numbers() {}

  /** Whether {@code s} (already trimmed) has the accepted number syntax. */
  public static boolean looksNumeric(String s) {
    byte[] b = latin1(s);
    return looksNumeric(b, 0, b.length);
  }

  /**
   * The string as one byte per char, for the byte grammar below (the one copy of it): every char
   * outside ASCII becomes a byte that is no digit, sign, point or exponent, so it fails as it should.
   */
  private static byte[] latin1(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * The value of a string for which {@link #looksNumeric} holds; infinite when it overflows the
   * double range. Negative zero becomes zero so that "-0" and "0" give identical output.
   */
  public static double parse(String s) {
    double v = Double.parseDouble(s);
    return v == 0.0 ? 0.0 : v;
  }

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22};

  /**
   * The value of a plain decimal such as {@code 54}, {@code -3.25} or {@code 0.5}, or NaN when
   * {@code s} is anything else (an exponent, too many digits, not a number): then use
   * {@link #looksNumeric} and {@link #parse}. Identical to {@link #parse} where it answers, because a
   * mantissa below 2^53 and a power of ten up to 10^22 are both exact doubles, so one division is
   * correctly rounded (Clinger 1990); it exists because loading a large registry parses millions of cells.
   */
  public static double parseSimple(String s) {
    byte[] b = latin1(s);
    return parseSimple(b, 0, b.length);
  }

  /** As {@link #looksNumeric(String)} for the ASCII bytes {@code [from, to)}, already trimmed. */
  static boolean looksNumeric(byte[] s, int from, int to) {
    int i = from;
    if (i < to && (s[i] == '+' || s[i] == '-')) {
      i++;
    }
    int digits = 0;
    while (i < to && isDigit((char) s[i])) {
      i++;
      digits++;
    }
    if (i < to && s[i] == '.') {
      i++;
      while (i < to && isDigit((char) s[i])) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < to && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      if (i < to && (s[i] == '+' || s[i] == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < to && isDigit((char) s[i])) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == to;
  }

  /** As {@link #parseSimple(String)} for the ASCII bytes {@code [from, to)}: the same value or NaN. */
  static double parseSimple(byte[] s, int from, int to) {
    int i = from;
    boolean negative = false;
    if (to > from && (s[from] == '-' || s[from] == '+')) {
      negative = s[from] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int decimals = -1;
    for (; i < to; i++) {
      byte c = s[i];
      if (c >= '0' && c <= '9') {
        if (++digits > 15) {
          return Double.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (decimals >= 0) {
          decimals++;
        }
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    double v = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
    return negative && v != 0 ? -v : v;
  }

  /** A bound or value for an error message: whole numbers without ".0", others as Java prints them. */
  static String show(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
