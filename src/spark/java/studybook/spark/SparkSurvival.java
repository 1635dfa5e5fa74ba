package studybook.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.spark.sql.Row;
import studybook.cli.SparkBridge;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.stats.survival.ConfidenceType;
import studybook.stats.survival.EventCoding;
import studybook.stats.survival.FollowUp;
import studybook.stats.survival.KaplanMeierCurve;
import studybook.stats.survival.LogRankTest;

/**
 * Kaplan-Meier, log-rank and follow-up on Spark. The sufficient statistics are the numbers of events and
 * censorings at each distinct time in each group, counted per partition and added on the driver (integers:
 * exact in any order); every risk set, curve, variance and test is then made here by the local engine's own
 * arithmetic (KaplanMeier, LogRank, FollowUp), step for step, so the numbers are the local engine's bytes.
 */
final class SparkSurvival {
  private SparkSurvival() {}

  /** Events and censorings at one time in one group. */
  static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    long events;
    long censored;
  }

  /** One partition's tallies keyed by group, then time; and its rows left out or negative. */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<Integer, Map<Double, Tally>> byGroup = new HashMap<>();
    long excluded;
    long negative;
    String negativeValue;
  }

  static SparkBridge.Survival run(SparkData d, String time, String event, String eventValue, String by,
      java.util.Set<String> categorical, Map<String, List<String>> levels) {
    d.index(time);
    d.index(event);
    java.util.Set<String> cat = new java.util.LinkedHashSet<>(categorical);
    cat.add(event);
    if (by != null) {
      cat.add(by);
    }
    cat.remove(time);
    List<String> names = new ArrayList<>(List.of(time, event));
    if (by != null) {
      names.add(by);
    }
    Map<String, SparkData.Column> typed = d.type(names, cat, levels);
    SparkData.Column t = typed.get(time);
    if (t.categorical()) {
      throw new DataException(new DataProblem(d.file, 0, time, null, "survival times must be numbers",
          "fix the values or mark them missing (empty or NA)"));
    }
    SparkData.Column status = typed.get(event);
    EventCoding coding;
    try {
      coding = EventCoding.of(status.levels(), Optional.ofNullable(eventValue));
    } catch (EventCoding.AmbiguousCodingException e) {
      throw new DataException(new DataProblem(d.file, 0, event, e.value(), e.problem(), e.hint()));
    }
    coding.censoringNote(event).ifPresent(n -> System.err.println("studybook: note: " + n));
    boolean[] isEvent = new boolean[status.levels().size()];
    for (int l = 0; l < isEvent.length; l++) {
      isEvent[l] = coding.isEvent(status.levels().get(l));
    }
    Map<String, Integer> statusCodes = SparkData.codes(status);
    SparkData.Column g = by == null ? null : typed.get(by);
    Map<String, Integer> groupCodes = g == null ? Map.of() : SparkData.codes(g);
    List<String> groupNames = g == null ? List.of("all") : g.levels();
    int ti = t.index();
    int si = status.index();
    int gi = g == null ? -1 : g.index();
    List<Part> parts = d.job(() -> SparkData.partials(d.rows, it -> {
      Part p = new Part();
      while (it.hasNext()) {
        Row r = it.next();
        double tv = Cells.number(r.get(ti));
        int s = SparkData.code(statusCodes, r.get(si));
        int grp = gi < 0 ? 0 : SparkData.code(groupCodes, r.get(gi));
        if (Double.isNaN(tv) || s < 0 || grp < 0) {
          p.excluded++;
        } else if (tv < 0) {
          p.negative++;
          if (p.negativeValue == null) {
            p.negativeValue = Cells.text(r.get(ti));
          }
        } else {
          Tally c = p.byGroup.computeIfAbsent(grp, k -> new HashMap<>()).computeIfAbsent(tv, k -> new Tally());
          if (isEvent[s]) {
            c.events++;
          } else {
            c.censored++;
          }
        }
      }
      return p;
    }));
    long excluded = 0;
    long negative = 0;
    String negativeValue = null;
    List<TreeMap<Double, long[]>> groups = new ArrayList<>();
    for (int k = 0; k < groupNames.size(); k++) {
      groups.add(new TreeMap<>());
    }
    for (Part p : parts) {
      excluded += p.excluded;
      negative += p.negative;
      negativeValue = negativeValue == null ? p.negativeValue : negativeValue;
      p.byGroup.forEach((grp, times) -> times.forEach((tv, c) -> {
        long[] a = groups.get(grp).computeIfAbsent(tv, k -> new long[2]);
        a[0] += c.events;
        a[1] += c.censored;
      }));
    }
    if (negative > 0) {
      throw new DataException(new DataProblem(d.file, 0, time, negativeValue, "negative survival time ("
          + negative + " rows)", "a follow-up time counts from the start of observation; fix or remove the rows"));
    }
    int n = groups.stream().mapToInt(m -> (int) m.values().stream().mapToLong(a -> a[0] + a[1]).sum()).sum();
    if (n == 0) {
      throw new DataException(new DataProblem(d.file, 0, null, null,
          "no row has a time, an event" + (by == null ? "" : " and a group") + " to analyse", null));
    }
    List<KaplanMeierCurve> curves = new ArrayList<>();
    for (int k = 0; k < groupNames.size(); k++) {
      curves.add(kaplanMeier(groupNames.get(k), groups.get(k), false));
    }
    TreeMap<Double, long[]> all = new TreeMap<>();
    for (TreeMap<Double, long[]> m : groups) {
      m.forEach((tv, a) -> {
        long[] b = all.computeIfAbsent(tv, x -> new long[2]);
        b[0] += a[0];
        b[1] += a[1];
      });
    }
    LogRankTest logRank = by == null ? null : logRank(groupNames, groups, all);
    FollowUp followUp = new FollowUp(n, kaplanMeier("reverse", all, true).median().estimate(), medianObserved(all, n));
    return new SparkBridge.Survival(n, (int) excluded, curves, logRank, followUp);
  }

  /**
   * KaplanMeier.fit (log limits, level 0.95) from the tallies of one group: the same loop over the distinct
   * times, with the same divisions in the same order. {@code reverse} takes the censorings as the events.
   */
  static KaplanMeierCurve kaplanMeier(String group, TreeMap<Double, long[]> tallies, boolean reverse) {
    double level = 0.95;
    double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level) / 2);
    int total = (int) tallies.values().stream().mapToLong(a -> a[0] + a[1]).sum();
    List<Double> times = new ArrayList<>();
    List<Integer> atRisk = new ArrayList<>();
    List<Integer> events = new ArrayList<>();
    List<Integer> censored = new ArrayList<>();
    List<Double> survival = new ArrayList<>();
    List<Double> stdErr = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    int remaining = total;
    double surv = 1;
    double greenwood = 0;
    for (Map.Entry<Double, long[]> e : tallies.entrySet()) {
      int d = (int) e.getValue()[reverse ? 1 : 0];
      int c = (int) e.getValue()[reverse ? 0 : 1];
      if (d > 0) {
        surv *= (double) (remaining - d) / remaining;
        greenwood += (double) d / ((double) remaining * (remaining - d));
      }
      double se = Math.sqrt(greenwood);
      double lo;
      double hi;
      if (surv == 0) {
        lo = Double.NaN;
        hi = Double.NaN;
      } else {
        double half = z * se;
        lo = Math.exp(Math.log(surv) - half);
        hi = Math.min(Math.exp(Math.log(surv) + half), 1);
      }
      times.add(e.getKey());
      atRisk.add(remaining);
      events.add(d);
      censored.add(c);
      survival.add(surv);
      stdErr.add(se);
      lower.add(lo);
      upper.add(hi);
      remaining -= d + c;
    }
    return new KaplanMeierCurve(group, total, ConfidenceType.LOG, level, times, atRisk, events, censored, survival,
        stdErr, lower, upper);
  }

  /** LogRank.test from the tallies: the same sums over the distinct times in increasing order. */
  static LogRankTest logRank(List<String> levels, List<TreeMap<Double, long[]>> groups, TreeMap<Double, long[]> all) {
    int k = levels.size();
    int[] atRisk = new int[k];
    int[] observed = new int[k];
    for (int g = 0; g < k; g++) {
      atRisk[g] = (int) groups.get(g).values().stream().mapToLong(a -> a[0] + a[1]).sum();
    }
    double[] expected = new double[k];
    double[][] variance = new double[k][k];
    int remaining = Arrays.stream(atRisk).sum();
    int events = 0;
    for (Map.Entry<Double, long[]> e : all.entrySet()) {
      double t = e.getKey();
      int[] deaths = new int[k];
      int[] leaving = new int[k];
      for (int g = 0; g < k; g++) {
        long[] a = groups.get(g).get(t);
        if (a != null) {
          deaths[g] = (int) a[0];
          leaving[g] = (int) (a[0] + a[1]);
        }
      }
      int d = Arrays.stream(deaths).sum();
      if (d > 0) {
        double n = remaining;
        double spread = remaining > 1 ? d * (n - d) / (n - 1) : 0;
        for (int g = 0; g < k; g++) {
          observed[g] += deaths[g];
          double share = atRisk[g] / n;
          expected[g] += d * share;
          for (int h = 0; h < k; h++) {
            variance[g][h] += spread * share * ((g == h ? 1 : 0) - atRisk[h] / n);
          }
        }
        events += d;
      }
      int left = 0;
      for (int g = 0; g < k; g++) {
        atRisk[g] -= leaving[g];
        left += leaving[g];
      }
      remaining -= left;
    }
    List<Integer> obs = Arrays.stream(observed).boxed().toList();
    List<Double> exp = Arrays.stream(expected).boxed().toList();
    int[] used = IntStream.range(0, k).filter(g -> expected[g] > 0).toArray();
    if (used.length < 2) {
      String why = events == 0 ? "no events, so there is nothing to compare"
          : "fewer than two groups have patients at risk when events occur";
      return notComputable(levels, obs, exp, why);
    }
    int m = used.length - 1;
    double[][] v = new double[m][m];
    double[] diff = new double[m];
    for (int a = 0; a < m; a++) {
      diff[a] = observed[used[a + 1]] - expected[used[a + 1]];
      for (int b = 0; b < m; b++) {
        v[a][b] = variance[used[a + 1]][used[b + 1]];
      }
    }
    double chisq;
    try {
      RealVector u = new ArrayRealVector(diff, false);
      chisq = new LUDecomposition(new Array2DRowRealMatrix(v, false)).getSolver().solve(u).dotProduct(u);
    } catch (SingularMatrixException e) {
      return notComputable(levels, obs, exp, "the variance of the log-rank statistic is singular");
    }
    double p = ChiSquaredDistribution.of(m).survivalProbability(chisq);
    return new LogRankTest(levels, obs, exp, OptionalDouble.of(chisq), OptionalInt.of(m), OptionalDouble.of(p),
        Optional.empty());
  }

  private static LogRankTest notComputable(List<String> levels, List<Integer> obs, List<Double> exp, String why) {
    return new LogRankTest(new ArrayList<>(levels), obs, exp, OptionalDouble.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), Optional.of(why));
  }

  /** The plain median of the observed times, from their tallies (R's median). */
  static OptionalDouble medianObserved(TreeMap<Double, long[]> all, int n) {
    if (n == 0) {
      return OptionalDouble.empty();
    }
    int h = n / 2;
    double lo = Quantiles.orderStatistic(all, n % 2 == 1 ? h : h - 1);
    double hi = Quantiles.orderStatistic(all, h);
    return OptionalDouble.of(n % 2 == 1 ? hi : (lo + hi) / 2);
  }

  /** Order statistics of tallied values. */
  static final class Quantiles {
    private Quantiles() {}

    /** The value of rank {@code r} (0-based) among the tallied times (events and censorings). */
    static double orderStatistic(TreeMap<Double, long[]> tallies, long r) {
      long seen = 0;
      for (Map.Entry<Double, long[]> e : tallies.entrySet()) {
        seen += e.getValue()[0] + e.getValue()[1];
        if (r < seen) {
          return e.getKey();
        }
      }
      throw new IllegalArgumentException("rank " + r + " beyond " + seen);
    }
  }
}
