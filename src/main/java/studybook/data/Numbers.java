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
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * The value of a string for which {@link #looksNumeric} holds; infinite when it overflows the
   * double range. Negative zero becomes zero so that "-0" and "0" give identical output.
   */
  public static double parse(String s) {
    double v = Double.parseDouble(s);
    return v == 0.0 ? 0.0 : v;
  }

  /** A bound or value for an error message: whole numbers without ".0", others as Java prints them. */
  static String show(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
