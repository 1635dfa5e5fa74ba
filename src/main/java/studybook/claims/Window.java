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

  /** Mathematical notation, e.g. {@code [0.0405, 0.0415)}. */
  public String describe() {
    return (lowInclusive ? "[" : "(") + low + ", " + high + (highInclusive ? "]" : ")");
  }
}
