package studybook.stats.regression;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distinct times of a Cox design, per stratum: the groups of rows that share a stratum and a follow-up time,
 * in stratum order and then time ascending, with their rows and events. Times that differ by rounding error only
 * are one time, as coxph's {@code timefix} makes them ({@link CoxRegression#timefixCuts}): a row's group is found
 * from its raw time by {@link #group}. Every pass of a fit ({@link CoxTimeSums}) sums the rows of each group.
 *
 * @param stratum the stratum code of each group
 * @param time the (fixed) time of each group
 * @param rows the rows of each group
 * @param events the rows of each group that end in an event
 * @param cuts the distinct times after timefix, sorted (a raw time belongs to the largest cut not above it); null
 *     when no two times differ by rounding error only
 */
public record CoxGroups(int[] stratum, double[] time, long[] rows, long[] events, double[] cuts) implements Serializable {
  private static final long serialVersionUID = 1L;

  public CoxGroups {
    stratum = stratum.clone();
    time = time.clone();
    rows = rows.clone();
    events = events.clone();
    cuts = cuts == null ? null : cuts.clone();
  }

  /**
   * The groups of per-stratum counts at raw times: {@code byStratum.get(s)} maps each raw time of stratum s to
   * {rows, events}. Times are fixed by coxph's timefix over the raw times of all strata, and groups merged.
   */
  public static CoxGroups of(List<? extends Map<Double, long[]>> byStratum) {
    return of(byStratum, true);
  }

  /** The same, with the times fixed only when {@code timefix} (the local engine fixes them in the design). */
  static CoxGroups of(List<? extends Map<Double, long[]>> byStratum, boolean timefix) {
    double[] distinct = byStratum.stream().flatMap(m -> m.keySet().stream()).mapToDouble(Double::doubleValue)
        .sorted().distinct().toArray();
    double[] cuts = timefix ? CoxRegression.timefixCuts(distinct) : null;
    List<Integer> s = new ArrayList<>();
    List<Double> t = new ArrayList<>();
    List<long[]> counts = new ArrayList<>();
    for (int k = 0; k < byStratum.size(); k++) {
      TreeMap<Double, long[]> fixed = new TreeMap<>();
      for (Map.Entry<Double, long[]> e : new TreeMap<>(byStratum.get(k)).entrySet()) {
        long[] c = fixed.computeIfAbsent(snap(cuts, e.getKey()), x -> new long[2]);
        c[0] += e.getValue()[0];
        c[1] += e.getValue()[1];
      }
      for (Map.Entry<Double, long[]> e : fixed.entrySet()) {
        s.add(k);
        t.add(e.getKey());
        counts.add(e.getValue());
      }
    }
    int g = s.size();
    int[] st = new int[g];
    double[] tm = new double[g];
    long[] r = new long[g];
    long[] ev = new long[g];
    for (int i = 0; i < g; i++) {
      st[i] = s.get(i);
      tm[i] = t.get(i);
      r[i] = counts.get(i)[0];
      ev[i] = counts.get(i)[1];
    }
    return new CoxGroups(st, tm, r, ev, cuts);
  }

  /** The time a raw time is fixed to. */
  static double snap(double[] cuts, double time) {
    if (cuts == null) {
      return time;
    }
    int k = Arrays.binarySearch(cuts, time);
    return k >= 0 ? cuts[k] : cuts[-k - 2];
  }

  /** The number of groups. */
  public int size() {
    return time.length;
  }

  /** All rows. */
  public long n() {
    long n = 0;
    for (long r : rows) {
      n += r;
    }
    return n;
  }

  /** All events. */
  public long totalEvents() {
    long n = 0;
    for (long r : events) {
      n += r;
    }
    return n;
  }

  /** The group of a row of stratum {@code s} at raw time {@code rawTime}; -1 when there is none. */
  public int group(int s, double rawTime) {
    double t = snap(cuts, rawTime) + 0.0;
    int lo = 0;
    int hi = time.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = stratum[mid] != s ? Integer.compare(stratum[mid], s) : Double.compare(time[mid], t);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Whether group g is the last of its stratum. */
  boolean lastOfStratum(int g) {
    return g == time.length - 1 || stratum[g + 1] != stratum[g];
  }

  /**
   * cox.zph's time transform at each group: 1 - KM(t-) of all rows pooled over strata, centred by its mean over
   * the events ({@code survfitKM(factor(rep(1, n)), y)}, {@code findInterval(left.open = TRUE)}).
   */
  double[] kmTransform() {
    double[] distinct = Arrays.stream(time).sorted().distinct().toArray();
    long[] atRisk = new long[distinct.length];
    long[] deaths = new long[distinct.length];
    for (int g = 0; g < time.length; g++) {
      int k = Arrays.binarySearch(distinct, time[g]);
      atRisk[k] += rows[g];
      deaths[k] += events[g];
    }
    double[] survBefore = new double[distinct.length];
    long risk = n();
    double s = 1;
    for (int k = 0; k < distinct.length; k++) {
      survBefore[k] = s;
      if (deaths[k] > 0) {
        s *= (risk - deaths[k]) / (double) risk;
      }
      risk -= atRisk[k];
    }
    double[] gt = new double[time.length];
    double mean = 0;
    long all = 0;
    for (int g = 0; g < time.length; g++) {
      gt[g] = 1 - survBefore[Arrays.binarySearch(distinct, time[g])];
      mean += events[g] * gt[g];
      all += events[g];
    }
    mean /= all;
    for (int g = 0; g < time.length; g++) {
      gt[g] -= mean;
    }
    return gt;
  }
}
