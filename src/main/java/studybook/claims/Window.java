package studybook.claims;

/**
 * An interval of recomputed values that reproduce a printed one.
 *
 * @param low lower end (may be -infinity)
 * @param high upper end
 * @param lowInclusive whether {@code low} itself belongs to the window
 * @param highInclusive whether {@code high} itself belongs to the window
 */
public record Window(double low, double high, boolean lowInclusive, boolean highInclusive) {

  public boolean contains(double x) {
    if (Double.isNaN(x)) {
      return false;
    }
    boolean aboveLow = lowInclusive ? x >= low : x > low;
    boolean belowHigh = highInclusive ? x <= high : x < high;
    return aboveLow && belowHigh;
  }

  /** The closed inner half of a bounded window: values within a quarter of its width of its centre. */
  public Window innerHalf() {
    if (low == high || Double.isInfinite(low) || Double.isInfinite(high)) {
      return this;
    }
    double centre = (low + high) / 2;
    double quarter = (high - low) / 4;
    return new Window(centre - quarter, centre + quarter, true, true);
  }

  /** Mathematical notation with plain decimals, e.g. {@code [0.0405, 0.0415)} (never 1.0E-4). */
  public String describe() {
    return describe(false);
  }

  /**
   * Mathematical notation, the ends written as the published number is: plain decimals, or R's
   * scientific notation when the paper printed {@code 4.0225e-06}.
   */
  public String describe(boolean scientific) {
    return (lowInclusive ? "[" : "(") + end(low, scientific) + ", " + end(high, scientific)
        + (highInclusive ? "]" : ")");
  }

  private static String end(double x, boolean scientific) {
    if (!Double.isFinite(x)) {
      return Double.toString(x);
    }
    java.math.BigDecimal b = java.math.BigDecimal.valueOf(x);
    if (!scientific || x == 0) {
      // as the published number prints: 322 (not 322.0), 0.0405, 0.00005 (not 5.0E-5)
      return b.stripTrailingZeros().toPlainString();
    }
    int e = b.precision() - b.scale() - 1; // the power of ten of the first digit
    String mantissa = b.movePointLeft(e).stripTrailingZeros().toPlainString();
    return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
  }
}
