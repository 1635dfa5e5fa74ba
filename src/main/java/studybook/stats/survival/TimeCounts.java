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
   * The time of rank {@code r} (0 the smallest) among every counted time, events and censorings of all groups
   * alike: {@code sortedTimes()[r]} without making that array, so a quantile of the follow-up
   * ({@code Descriptives.quantile(n(), counts::timeOfRank, p)}) costs the distinct times, not the rows.
   */
  public double timeOfRank(long r) {
    long seen = 0;
    for (int i = 0; i < times.length; i++) {
      for (int g = 0; g < groups.size(); g++) {
        seen += events[g][i] + censored[g][i];
      }
      if (r < seen) {
        return times[i];
      }
    }
    throw new IllegalArgumentException("rank " + r + " beyond the " + seen + " counted times");
  }

  /**
   * Counts the rows. Times equal under {@code ==} are one time (0.0 and -0.0 included); each distinct time is
   * kept as the smallest of its values by {@link Double#compare}, as a merge of the sorted times meets it first.
   *
   * @param group the group of each row as an index into {@code groups}
   */
  public static TimeCounts of(double[] time, boolean[] event, int[] group, List<String> groups) {
    SurvivalInput.check(time, event, group, groups.size());
    TimeCounts hashed = ofFewDistinct(time, event, group, groups);
    return hashed != null ? hashed : ofSorted(time, event, group, groups);
  }

  /** Above this many distinct times, {@link #ofFewDistinct} gives way to sorting all the times. */
  private static final int HASHED_DISTINCT_MAX = 1 << 16;

  /**
   * Counting without sorting the rows: each row's time is looked up in an open-addressing table of the distinct
   * times (keyed by the bits of {@code t + 0.0}, so -0.0 and 0.0 are one), only the distinct times are sorted, and
   * a second pass looks each row up again and counts into their order. Follow-up in a registry is recorded to a day or a tenth of a month, so
   * ten million rows have a few thousand distinct times; null when there are more than
   * {@link #HASHED_DISTINCT_MAX}, for {@link #ofSorted} (the same counts).
   */
  private static TimeCounts ofFewDistinct(double[] time, boolean[] event, int[] group, List<String> groups) {
    int n = time.length;
    int cap = 1024;
    long[] keys = new long[cap];
    int[] ids = new int[cap];
    Arrays.fill(ids, -1);
    double[] distinct = new double[cap];
    int m = 0;
    boolean negativeZero = false;
    for (int r = 0; r < n; r++) {
      double t = time[r];
      if (t == 0 && Double.doubleToRawLongBits(t) != 0) {
        negativeZero = true;
      }
      long key = Double.doubleToLongBits(t + 0.0);
      int slot = slot(key, cap);
      while (ids[slot] >= 0 && keys[slot] != key) {
        slot = (slot + 1) & (cap - 1);
      }
      if (ids[slot] < 0) {
        if (m == HASHED_DISTINCT_MAX) {
          return null;
        }
        keys[slot] = key;
        ids[slot] = m;
        distinct[m++] = t + 0.0;
        if (2 * m > cap) {
          long[] oldKeys = keys;
          int[] oldIds = ids;
          cap *= 2;
          keys = new long[cap];
          ids = new int[cap];
          Arrays.fill(ids, -1);
          for (int o = 0; o < oldIds.length; o++) {
            if (oldIds[o] >= 0) {
              int sl = slot(oldKeys[o], cap);
              while (ids[sl] >= 0) {
                sl = (sl + 1) & (cap - 1);
              }
              keys[sl] = oldKeys[o];
              ids[sl] = oldIds[o];
            }
          }
          distinct = Arrays.copyOf(distinct, cap);
        }
      }
    }
    double[] times = Arrays.copyOf(distinct, m);
    Arrays.sort(times);
    if (negativeZero && m > 0 && times[0] == 0) {
      times[0] = -0.0; // the smallest of the values equal to 0 by Double.compare, as the sorting path keeps
    }
    int[] rank = new int[m];
    for (int id = 0; id < m; id++) {
      rank[id] = Arrays.binarySearch(times, distinct[id]);
      if (rank[id] < 0) {
        rank[id] = 0; // 0.0 looked up where -0.0 is kept
      }
    }
    int k = groups.size();
    int[][] events = new int[k][m];
    int[][] censored = new int[k][m];
    for (int r = 0; r < n; r++) {
      // the distinct time looked up again: no array of a row's index held between the passes
      long key = Double.doubleToLongBits(time[r] + 0.0);
      int slot = slot(key, cap);
      while (keys[slot] != key || ids[slot] < 0) {
        slot = (slot + 1) & (cap - 1);
      }
      int i = rank[ids[slot]];
      if (event[r]) {
        events[group[r]][i]++;
      } else {
        censored[group[r]][i]++;
      }
    }
    return new TimeCounts(groups, times, events, censored);
  }

  private static int slot(long key, int cap) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & (cap - 1);
  }

  /** Counting by sorting a copy of the times and finding each row's time among the distinct ones. */
  private static TimeCounts ofSorted(double[] time, boolean[] event, int[] group, List<String> groups) {
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
