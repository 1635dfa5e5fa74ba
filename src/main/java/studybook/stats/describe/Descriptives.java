package studybook.stats.describe;

import java.util.Arrays;

/** Summaries of one variable: continuous values (NaN = missing) or level codes (-1 = missing). */
public final class Descriptives {
  private Descriptives() {}

  /** n, missing, mean, SD (n - 1), median, quartiles (type 7) and range; as R's mean, sd and quantile. */
  public static Summary summarize(double[] values) {
    double[] x = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    int n = x.length;
    int missing = values.length - n;
    if (n == 0) {
      return new Summary(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    Arrays.sort(x);
    return summarizeSorted(x, missing);
  }

  /**
   * As {@link #summarize}, from the non-missing values already in ascending order ({@link Arrays#sort(double[])})
   * and the number of missing ones: a caller that summarises the same values several ways (by group and
   * overall, and ranks them for a test) sorts them once.
   */
  public static Summary summarizeSorted(double[] x, int missing) {
    int n = x.length;
    if (n == 0) {
      return new Summary(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    studybook.stats.Moments m = studybook.stats.Moments.of(x);
    return new Summary(n, missing, m.mean(), m.sd(), quantileOfSorted(x, 0.5), quantileOfSorted(x, 0.25),
        quantileOfSorted(x, 0.75), x[0], x[n - 1]);
  }

  /**
   * The ascending merge of arrays each in ascending order ({@link Double#compare}): the array that sorting
   * their concatenation gives, in one pass.
   */
  public static double[] mergeSorted(java.util.List<double[]> sorted) {
    int n = 0;
    for (double[] a : sorted) {
      n += a.length;
    }
    double[] out = new double[n];
    int k = sorted.size();
    int[] at = new int[k];
    for (int o = 0; o < n; o++) {
      int first = -1;
      for (int i = 0; i < k; i++) {
        double[] a = sorted.get(i);
        if (at[i] < a.length && (first < 0 || Double.compare(a[at[i]], sorted.get(first)[at[first]]) < 0)) {
          first = i;
        }
      }
      out[o] = sorted.get(first)[at[first]++];
    }
    return out;
  }

  /** Counts of each level code in {@code [0, levelCount)}; any negative code is missing. */
  public static LevelCounts count(int[] codes, int levelCount) {
    long[] counts = new long[levelCount];
    long missing = 0;
    for (int c : codes) {
      if (c < 0) {
        missing++;
      } else {
        counts[c]++;
      }
    }
    return new LevelCounts(counts, missing);
  }

  /** Sample quantile of sorted, non-missing values; Hyndman and Fan type 7, R's default. */
  public static double quantileOfSorted(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return quantile(sorted.length, r -> sorted[(int) r], p);
  }

  /**
   * {@link #quantileOfSorted} from the order statistics of n values (rank 0 the smallest), for an engine that
   * finds only the ones it needs (the Spark engine, from counts by distinct value); n must be positive.
   */
  public static double quantile(long n, java.util.function.LongToDoubleFunction orderStatistic, double p) {
    double h = (n - 1) * p;
    long lo = (long) Math.floor(h);
    long hi = Math.min(lo + 1, n - 1);
    double low = orderStatistic.applyAsDouble(lo);
    return low + (h - lo) * (orderStatistic.applyAsDouble(hi) - low);
  }
}
