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
    // the times and the events of either kind checked as TimeCounts checks them; then the censorings
    new TimeCounts(groups, times, events, competing);
    if (censored.length != groups.size()) {
      throw new IllegalArgumentException("one row of censoring counts per group expected");
    }
    for (int[] row : censored) {
      if (row.length != times.length || Arrays.stream(row).anyMatch(c -> c < 0)) {
        throw new IllegalArgumentException("one censoring count per time expected, none negative");
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
    return java.util.stream.IntStream.range(0, groups.size()).map(this::n).reduce(0, Math::addExact);
  }

  /** All events of interest. */
  public long totalEvents() {
    return Arrays.stream(events).flatMapToInt(Arrays::stream).asLongStream().sum();
  }

  /**
   * Counts the rows, by {@link TimeCounts#of(double[], boolean[], int[], List)}'s rule: times equal under {@code ==}
   * are one time (0.0 and -0.0 included).
   *
   * @param status per row {@link CumulativeIncidence#CENSORED}, {@link CumulativeIncidence#EVENT}, or
   *     {@link CumulativeIncidence#COMPETING} and above
   * @param group the group of each row as an index into {@code groups}
   */
  public static CompetingCounts of(double[] time, int[] status, int[] group, List<String> groups) {
    int n = time.length;
    boolean[] interest = new boolean[n];
    boolean[] competing = new boolean[n];
    for (int r = 0; r < n; r++) {
      interest[r] = status[r] == CumulativeIncidence.EVENT;
      competing[r] = status[r] >= CumulativeIncidence.COMPETING;
    }
    return of(TimeCounts.of(time, interest, group, groups), TimeCounts.of(time, competing, group, groups));
  }

  /**
   * The counts from two counts of the same rows: one whose events are the events of interest, one whose events
   * are the competing events (both over the same distinct times; what is neither is a censoring).
   */
  public static CompetingCounts of(TimeCounts interest, TimeCounts competing) {
    if (!Arrays.equals(interest.times(), competing.times()) || !interest.groups().equals(competing.groups())) {
      throw new IllegalArgumentException("the two counts must be of the same rows");
    }
    int k = interest.groups().size();
    int m = interest.times().length;
    int[][] censored = new int[k][m];
    for (int g = 0; g < k; g++) {
      for (int i = 0; i < m; i++) {
        censored[g][i] = interest.censored()[g][i] - competing.events()[g][i];
        if (censored[g][i] != competing.censored()[g][i] - interest.events()[g][i]) {
          throw new IllegalArgumentException("the two counts must be of the same rows");
        }
      }
    }
    return new CompetingCounts(interest.groups(), interest.times(), interest.events(), competing.events(), censored);
  }
}
