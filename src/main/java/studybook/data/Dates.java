package studybook.data;

/**
 * Intervals between two date columns of a frame (dates are held as days since 1970-01-01), for
 * follow-up times computed from the dates a study records. A row with either date missing gives NaN.
 * The day-count conventions are stated, because they differ between tools:
 * <ul>
 *   <li>{@link #daysBetween}: calendar days, {@code to - from};</li>
 *   <li>{@link #monthsBetween}: days / (365.25 / 12) = days / 30.4375, the mean Julian month (as
 *       {@code as.numeric(to - from) / (365.25 / 12)} in R, and lubridate's {@code time_length(..., "month")}
 *       for whole-year spans);</li>
 *   <li>{@link #yearsBetween}: days / 365.25.</li>
 * </ul>
 */
public final class Dates {
  private Dates() {}

  /** Days in a mean Julian year. */
  public static final double DAYS_PER_YEAR = 365.25;
  /** Days in a mean Julian month: 365.25 / 12 = 30.4375. */
  public static final double DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

  /** {@code to - from} in days, per row. */
  public static double[] daysBetween(Frame data, String from, String to) {
    double[] a = data.values(from);
    double[] b = data.values(to);
    double[] out = new double[a.length];
    for (int r = 0; r < out.length; r++) {
      out[r] = b[r] - a[r];
    }
    return out;
  }

  /** {@code (to - from) / (365.25 / 12)}, per row: months with the mean Julian month. */
  public static double[] monthsBetween(Frame data, String from, String to) {
    double[] d = daysBetween(data, from, to);
    for (int r = 0; r < d.length; r++) {
      d[r] /= DAYS_PER_MONTH;
    }
    return d;
  }

  /** {@code (to - from) / 365.25}, per row. */
  public static double[] yearsBetween(Frame data, String from, String to) {
    double[] d = daysBetween(data, from, to);
    for (int r = 0; r < d.length; r++) {
      d[r] /= DAYS_PER_YEAR;
    }
    return d;
  }

  /** The frame with a continuous column {@code name} = months from {@code from} to {@code to} (see {@link #monthsBetween}). */
  public static Frame withMonthsBetween(Frame data, String name, String from, String to) {
    return data.withContinuous(name, monthsBetween(data, from, to));
  }

  /** An epoch day as ISO text, for display ("" for NaN). */
  public static String iso(double epochDay) {
    return Double.isNaN(epochDay) ? "" : java.time.LocalDate.ofEpochDay((long) epochDay).toString();
  }
}
