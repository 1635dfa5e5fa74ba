package studybook.stats.survival;

import java.util.Arrays;
import java.util.List;

/**
 * The sufficient statistics of cumulative incidence with competing risks and of Gray's test: at each distinct
 * time, per group, the events of interest, the competing events (of any kind) and the censorings. An engine that
 * cannot hold the rows (the Spark engine counts them on a cluster) gives these to
 * {@link CumulativeIncidence#fit(CompetingCounts)}; the row-taking {@link CumulativeIncidence#fit(double[], int[],
 * int[], List)} counts its rows into this form and calls the same code, so both give the same numbers.
 *
 * @param groups the group names, in level order (one group, e.g. "all", for an ungrouped analysis)
 * @param times the distinct times, finite, not negative and strictly increasing
 * @param events {@code events[g][i]}: events of interest at {@code times[i]} in group g
 * @param competing {@code competing[g][i]}: competing events at {@code times[i]} in group g
 * @param censored {@code censored[g][i]}: censorings at {@code times[i]} in group g
 */
public record CompetingCounts(List<String> groups, double[] times, int[][] events, int[][] competing,
    int[][] censored) {
  public CompetingCounts {
    groups = List.copyOf(groups);
    int k = groups.size();
    if (events.length != k || competing.length != k || censored.length != k) {
      throw new IllegalArgumentException("one row of event, competing and censoring counts per group expected");
    }
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i]) || times[i] < 0) {
        throw new IllegalArgumentException("survival times must be finite and not negative, not " + times[i]);
      }
      if (i > 0 && !(times[i] > times[i - 1])) {
        throw new IllegalArgumentException("times must be distinct and increasing: " + times[i - 1] + ", "
            + times[i]);
      }
    }
    for (int g = 0; g < k; g++) {
      if (events[g].length != times.length || competing[g].length != times.length
          || censored[g].length != times.length) {
        throw new IllegalArgumentException("one count of each kind per time expected");
      }
      for (int i = 0; i < times.length; i++) {
        if (events[g][i] < 0 || competing[g][i] < 0 || censored[g][i] < 0) {
          throw new IllegalArgumentException("counts cannot be negative");
        }
      }
    }
  }

  /** The patients of group g. */
  public int n(int g) {
    long s = 0;
    for (int i = 0; i < times.length; i++) {
      s += (long) events[g][i] + competing[g][i] + censored[g][i];
    }
    return Math.toIntExact(s);
  }

  /** All patients. */
  public int n() {
    int s = 0;
    for (int g = 0; g < groups.size(); g++) {
      s = Math.addExact(s, n(g));
    }
    return s;
  }

  /** All events of interest. */
  public long totalEvents() {
    long s = 0;
    for (int[] row : events) {
      for (int v : row) {
        s += v;
      }
    }
    return s;
  }

  /**
   * Counts the rows. Times equal under {@code ==} are one time (0.0 and -0.0 included), kept as the smallest of
   * its values by {@link Double#compare}, as a sort of the rows meets it first.
   *
   * @param status per row {@link CumulativeIncidence#CENSORED}, {@link CumulativeIncidence#EVENT}, or
   *     {@link CumulativeIncidence#COMPETING} and above
   * @param group the group of each row as an index into {@code groups}
   */
  public static CompetingCounts of(double[] time, int[] status, int[] group, List<String> groups) {
    int n = time.length;
    double[] sorted = time.clone();
    Arrays.sort(sorted);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m == 0 || sorted[i] != sorted[m - 1]) {
        sorted[m++] = sorted[i];
      }
    }
    double[] times = Arrays.copyOf(sorted, m);
    int k = groups.size();
    int[][] events = new int[k][m];
    int[][] competing = new int[k][m];
    int[][] censored = new int[k][m];
    for (int r = 0; r < n; r++) {
      int i = index(times, time[r]);
      int s = status[r];
      if (s == CumulativeIncidence.CENSORED) {
        censored[group[r]][i]++;
      } else if (s == CumulativeIncidence.EVENT) {
        events[group[r]][i]++;
      } else {
        competing[group[r]][i]++;
      }
    }
    return new CompetingCounts(groups, times, events, competing, censored);
  }

  /** The index of the distinct time equal (under ==) to {@code t}. */
  private static int index(double[] times, double t) {
    int i = Arrays.binarySearch(times, t + 0.0);
    if (i < 0) {
      // -0.0 kept as the distinct time and 0.0 asked (or the reverse): the neighbour equal under ==
      i = -i - 1;
      return i < times.length && times[i] == t ? i : i - 1;
    }
    return i;
  }
}
