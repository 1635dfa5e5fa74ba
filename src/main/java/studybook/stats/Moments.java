package studybook.stats;

/**
 * A number's size, mean, standard deviation (n - 1) and range, from its values or from its distinct values and
 * their counts, the two ways giving the same bits: both sums (of the values, then of their squared deviations
 * from the mean) are {@link AccurateSum}s of exact terms (a count times a value split into its rounded product
 * and the product's error), so whatever the order of the rows or of the distinct values they are the same real
 * number, each rounded to within about one unit in the last place of it (equal bits but for a sum within about
 * n^2 eps^3 of a rounding boundary). The local engine summarises rows; the Spark engine, which brings back only distinct
 * values and counts, summarises those; a Table 1 mean, SD, t or ANOVA is then equal on both to the last bit
 * (R's mean.default, with its long-double sum and correction pass, is within about one rounding of it).
 *
 * @param n values
 * @param mean their mean (NaN when none)
 * @param sd their standard deviation with n - 1 (NaN when fewer than two)
 * @param min the smallest (NaN when none)
 * @param max the largest (NaN when none)
 */
public record Moments(long n, double mean, double sd, double min, double max) {
  /** The moments of {@code x}, which holds no NaN. */
  public static Moments of(double[] x) {
    int n = x.length;
    if (n == 0) {
      return new Moments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    AccurateSum sum = new AccurateSum();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      sum.add(v);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum.value() / n;
    if (n < 2) {
      return new Moments(n, mean, Double.NaN, min, max);
    }
    AccurateSum squares = new AccurateSum();
    for (double v : x) {
      double d = v - mean;
      squares.add(d * d);
    }
    return new Moments(n, mean, Math.sqrt(squares.value() / (n - 1)), min, max);
  }

  /**
   * The moments of the values {@code values[i]} each held {@code counts[i]} times ({@code values} distinct, without
   * NaN, in any order; a count of zero adds nothing): the same bits as {@link #of(double[])} on the values written
   * out.
   */
  public static Moments of(double[] values, long[] counts) {
    if (values.length != counts.length) {
      throw new IllegalArgumentException("one count per value is needed");
    }
    long n = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    AccurateSum sum = new AccurateSum();
    for (int i = 0; i < values.length; i++) {
      if (counts[i] > 0) {
        n += counts[i];
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
        addProduct(sum, counts[i], values[i]);
      }
    }
    if (n == 0) {
      return new Moments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = sum.value() / n;
    if (n < 2) {
      return new Moments(n, mean, Double.NaN, min, max);
    }
    AccurateSum squares = new AccurateSum();
    for (int i = 0; i < values.length; i++) {
      if (counts[i] > 0) {
        double d = values[i] - mean;
        addProduct(squares, counts[i], d * d);
      }
    }
    return new Moments(n, mean, Math.sqrt(squares.value() / (n - 1)), min, max);
  }

  /**
   * Adds count * v exactly (but for overflow): the count, below 2^53, is a double exactly, and the rounded product
   * plus its error from a fused multiply-add is the exact product.
   */
  private static void addProduct(AccurateSum sum, long count, double v) {
    if (count == 1) {
      sum.add(v);
      return;
    }
    double c = count;
    double p = c * v;
    sum.add(p);
    if (Double.isFinite(p)) {
      sum.add(Math.fma(c, v, -p));
    }
  }
}
