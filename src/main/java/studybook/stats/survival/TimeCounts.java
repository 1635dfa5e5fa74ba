package studybook.stats.survival;

import java.util.Arrays;
import java.util.List;

/**
 * The sufficient statistics of Kaplan-Meier curves, the log-rank test and median follow-up: the numbers of
 * events and of censorings at each distinct time, per group. An engine that cannot hold the rows (the Spark
 * engine counts them on a cluster) gives these to {@link KaplanMeier#fit(TimeCounts)},
 * {@link LogRank#test(TimeCounts)} and {@link FollowUp#of(TimeCounts)}; the row-taking methods count their
 * rows into the same form and call the same code, so both give the same numbers.
 *
 * @param groups the group names, in level order (one group, e.g. "all", for an ungrouped analysis)
 * @param times the distinct times, finite, not negative and strictly increasing
 * @param events {@code events[g][i]}: the events at {@code times[i]} in group g
 * @param censored {@code censored[g][i]}: the censorings at {@code times[i]} in group g
 */
public record TimeCounts(List<String> groups, double[] times, int[][] events, int[][] censored) {
  public TimeCounts {
    groups = List.copyOf(groups);
    int k = groups.size();
    if (events.length != k || censored.length != k) {
      throw new IllegalArgumentException("one row of event and of censoring counts per group expected");
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
      if (events[g].length != times.length || censored[g].length != times.length) {
        throw new IllegalArgumentException("one event and one censoring count per time expected");
      }
      for (int i = 0; i < times.length; i++) {
        if (events[g][i] < 0 || censored[g][i] < 0) {
          throw new IllegalArgumentException("counts cannot be negative");
        }
      }
    }
  }

  /** The patients of group g. */
  public int n(int g) {
    long s = 0;
    for (int i = 0; i < times.length; i++) {
      s += (long) events[g][i] + censored[g][i];
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

  /** The groups added together, as one group named {@code name}. */
  public TimeCounts pooled(String name) {
    int m = times.length;
    int[] e = new int[m];
    int[] c = new int[m];
    for (int g = 0; g < groups.size(); g++) {
      for (int i = 0; i < m; i++) {
        e[i] = Math.addExact(e[i], events[g][i]);
        c[i] = Math.addExact(c[i], censored[g][i]);
      }
    }
    return new TimeCounts(List.of(name), times, new int[][] {e}, new int[][] {c});
  }

  /**
   * Group g alone, over the same distinct times (those where it has neither events nor censorings count 0, and
   * the estimators pass them over): a caller that counted several groups once reads each group from one count.
   */
  public TimeCounts group(int g) {
    return new TimeCounts(List.of(groups.get(g)), times, new int[][] {events[g]}, new int[][] {censored[g]});
  }

  /**
   * Every counted time (all groups), ascending, each as often as it was counted: the array that
   * {@link Arrays#sort(double[])} of the rows' times gives, without sorting again (each distinct time is
   * written as kept, so a -0.0 and a 0.0 both come back as the one kept).
   */
  public double[] sortedTimes() {
    double[] out = new double[n()];
    int o = 0;
    for (int i = 0; i < times.length; i++) {
      int c = 0;
      for (int g = 0; g < groups.size(); g++) {
        c += events[g][i] + censored[g][i];
      }
      Arrays.fill(out, o, o + c, times[i]);
      o += c;
    }
    return out;
  }

  /**
   * Counts the rows. Times equal under {@code ==} are one time (0.0 and -0.0 included); each distinct time is
   * kept as the smallest of its values by {@link Double#compare}, as a merge of the sorted times meets it first.
   *
   * @param group the group of each row as an index into {@code groups}
   */
  public static TimeCounts of(double[] time, boolean[] event, int[] group, List<String> groups) {
    SurvivalInput.check(time, event, group, groups.size());
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
    int[][] censored = new int[k][m];
    for (int r = 0; r < n; r++) {
      int i = index(times, time[r]);
      if (event[r]) {
        events[group[r]][i]++;
      } else {
        censored[group[r]][i]++;
      }
    }
    return new TimeCounts(groups, times, events, censored);
  }

  /** {@link #of(double[], boolean[], int[], List)} for one group. */
  public static TimeCounts of(String name, double[] time, boolean[] event) {
    return of(time, event, new int[time.length], List.of(name));
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
