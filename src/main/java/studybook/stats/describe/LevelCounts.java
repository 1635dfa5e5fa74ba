package studybook.stats.describe;

import java.util.Arrays;

/**
 * Counts of each level of a categorical variable, in level order, and the number of missing values.
 * Percentages are of the non-missing values, as a Table 1 shows them.
 */
public record LevelCounts(long[] counts, long missing) {
  public LevelCounts {
    counts = counts.clone();
  }

  /** A copy of the count of each level. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  public int levelCount() {
    return counts.length;
  }

  public long count(int level) {
    return counts[level];
  }

  /** Non-missing values. */
  public long n() {
    return Arrays.stream(counts).sum();
  }

  /** Percentage of non-missing values at {@code level}; NaN when every value is missing. */
  public double pct(int level) {
    long n = n();
    return n == 0 ? Double.NaN : 100.0 * counts[level] / n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LevelCounts other && other.missing == missing && Arrays.equals(other.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(counts) + Long.hashCode(missing);
  }

  @Override
  public String toString() {
    return "LevelCounts" + Arrays.toString(counts) + " missing=" + missing;
  }
}
