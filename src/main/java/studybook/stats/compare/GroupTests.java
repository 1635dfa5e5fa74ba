package studybook.stats.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import java.util.OptionalDouble;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.OneWayAnova;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.TTest;

/**
 * Comparisons of a continuous variable across groups given as arrays in group (level) order. NaN values
 * are missing and left out; groups left with no values are dropped, as R's formula interface does for
 * unused factor levels. The statistic of a two-group test is oriented first group minus second.
 */
public final class GroupTests {
  private GroupTests() {}

  /** Runs the continuous test {@code test}; two-group tests need exactly two non-empty groups. */
  public static TestResult run(TestId test, List<double[]> groups) {
    if (test.kind() != TestId.Kind.CONTINUOUS) {
      throw new IllegalArgumentException(test.contractName() + " is not a test of a continuous variable");
    }
    List<double[]> present = nonEmpty(groups);
    if (test.twoGroupsOnly()) {
      if (present.size() != 2) {
        return TestResult.notComputable(test, present.size() < 2 ? fewGroups(present.size())
            : test.contractName() + " compares two groups, not " + present.size());
      }
      return switch (test) {
        case T -> student(present.get(0), present.get(1));
        case WELCH -> welch(present.get(0), present.get(1));
        case MANN_WHITNEY -> mannWhitney(present.get(0), present.get(1));
        case MANN_WHITNEY_EXACT -> mannWhitneyExact(present.get(0), present.get(1));
        default -> throw new IllegalStateException(test.name());
      };
    }
    return test == TestId.KRUSKAL ? kruskal(groups) : anova(groups);
  }

  /**
   * As {@link #run(TestId, List)}, with {@code sorted} each group's non-missing values in ascending order
   * ({@link Arrays#sort(double[])} with the NaNs cut off), as a caller that summarises the groups has them
   * already: the rank tests read them instead of sorting again; the others read {@code groups}, whose order
   * their sums follow.
   */
  public static TestResult run(TestId test, List<double[]> groups, List<double[]> sorted) {
    if (sorted.size() != groups.size()) {
      throw new IllegalArgumentException("one sorted array per group is needed");
    }
    if (test == TestId.KRUSKAL) {
      return kruskalSorted(sorted);
    }
    if (test == TestId.MANN_WHITNEY) {
      List<double[]> present = sorted.stream().filter(a -> a.length > 0).toList();
      if (present.size() != 2) {
        return TestResult.notComputable(test, present.size() < 2 ? fewGroups(present.size())
            : test.contractName() + " compares two groups, not " + present.size());
      }
      return mannWhitneySorted(present.get(0), present.get(1));
    }
    return run(test, groups);
  }

  /** Student's two-sample t-test with pooled variance; as R's t.test(x ~ g, var.equal = TRUE). */
  public static TestResult student(double[] first, double[] second) {
    return tTest(TestId.T, present(first), present(second));
  }

  /** Welch's two-sample t-test with Welch-Satterthwaite df; as R's t.test(x ~ g). */
  public static TestResult welch(double[] first, double[] second) {
    return tTest(TestId.WELCH, present(first), present(second));
  }

  private static TestResult tTest(TestId id, double[] x, double[] y) {
    boolean pooled = id == TestId.T;
    if (x.length == 0 || y.length == 0) {
      return TestResult.notComputable(id, fewGroups(x.length == 0 && y.length == 0 ? 0 : 1));
    }
    if ((!pooled && (x.length < 2 || y.length < 2)) || x.length + y.length < 3) {
      return TestResult.notComputable(id, "too few values: " + x.length + " and " + y.length);
    }
    if (constant(x) && constant(y)) {
      return TestResult.notComputable(id, "the values are constant within each group");
    }
    studybook.stats.Moments mx = studybook.stats.Moments.of(x);
    studybook.stats.Moments my = studybook.stats.Moments.of(y);
    return tTestOfMoments(id, new long[] {mx.n(), my.n()}, new double[] {mx.mean(), my.mean()},
        new double[] {mx.sd(), my.sd()}, new double[] {mx.min(), my.min()}, new double[] {mx.max(), my.max()});
  }

  /**
   * Mann-Whitney U test, W = rank sum of the first group - n1(n1 + 1)/2, normal approximation with
   * continuity and tie correction; as R's wilcox.test(x ~ g, exact = FALSE).
   */
  public static TestResult mannWhitney(double[] first, double[] second) {
    return mannWhitney(TestId.MANN_WHITNEY, present(first), present(second));
  }

  /**
   * Mann-Whitney U test with the exact null distribution of W; as R's wilcox.test(x ~ g, exact = TRUE).
   * With ties there is no exact distribution: the normal approximation is used, named
   * {@link TestId#MANN_WHITNEY} and noted, as R does with a warning.
   */
  public static TestResult mannWhitneyExact(double[] first, double[] second) {
    double[] x = present(first);
    double[] y = present(second);
    if (hasTies(x, y)) {
      TestResult approximate = mannWhitney(TestId.MANN_WHITNEY, x, y);
      return approximate.computable()
          ? approximate.withNote("exact p not available with tied values; normal approximation used")
          : approximate;
    }
    return mannWhitney(TestId.MANN_WHITNEY_EXACT, x, y);
  }

  private static TestResult mannWhitney(TestId id, double[] x, double[] y) {
    if (id == TestId.MANN_WHITNEY) {
      return mannWhitneySorted(sorted(x), sorted(y));
    }
    if (x.length == 0 || y.length == 0) {
      return TestResult.notComputable(id, fewGroups(x.length == 0 && y.length == 0 ? 0 : 1));
    }
    MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults()
        .with(id == TestId.MANN_WHITNEY_EXACT ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC)
        .with(org.apache.commons.statistics.inference.ContinuityCorrection.ENABLED)
        .test(x, y);
    return TestResult.of(id, r.getStatistic(), OptionalDouble.empty(), OptionalDouble.empty(), r.getPValue());
  }

  /**
   * Kruskal-Wallis rank sum test with mid-ranks and the tie correction, df = groups - 1; as R's kruskal.test.
   */
  public static TestResult kruskal(List<double[]> groups) {
    return kruskalSorted(groups.stream().map(GroupTests::sorted).toList());
  }

  /**
   * The normal approximation of Mann-Whitney's W (continuity and tie correction, two-sided) from the two
   * groups' non-missing values in ascending order: one merge of the sorted groups, each run of equal values
   * (equal as {@link Double#compare}, as commons-statistics' {@code NaturalRanking} ranks) taking the
   * average of its ranks. It gives what {@code MannWhitneyUTest} (commons-statistics 1.1, asymptotic,
   * continuity correction) gives, to the bit, without ranking boxed objects: the rank sum of the first group
   * is a sum of half-integers below 2^52, exact in any order (commons sums the same ranks with compensation,
   * also exactly); the tie correction adds t^3 - t (as {@code Math.pow(t, 3) - t}) over the runs in
   * ascending order as commons does; the variance and z are commons' formulas in commons' order
   * ({@code GroupTestsTest} compares both on random data with ties). Above 50 million values the half-integer
   * sums could round, so the commons test runs instead.
   */
  private static TestResult mannWhitneySorted(double[] x, double[] y) {
    TestId id = TestId.MANN_WHITNEY;
    if (x.length == 0 || y.length == 0) {
      return TestResult.notComputable(id, fewGroups(x.length == 0 && y.length == 0 ? 0 : 1));
    }
    if (allEqual(x, y)) {
      return TestResult.notComputable(id, "all values are tied");
    }
    int n1 = x.length;
    int n2 = y.length;
    if ((long) n1 + n2 > EXACT_RANK_SUMS) {
      MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().with(PValueMethod.ASYMPTOTIC)
          .with(org.apache.commons.statistics.inference.ContinuityCorrection.ENABLED).test(x, y);
      return TestResult.of(id, r.getStatistic(), OptionalDouble.empty(), OptionalDouble.empty(), r.getPValue());
    }
    double rankSumX = 0;
    double c = 0;
    long ranked = 0;
    int i = 0;
    int j = 0;
    while (i < n1 || j < n2) {
      double v = j >= n2 || (i < n1 && Double.compare(x[i], y[j]) <= 0) ? x[i] : y[j];
      int tx = 0;
      while (i < n1 && Double.compare(x[i], v) == 0) {
        i++;
        tx++;
      }
      int t = tx;
      while (j < n2 && Double.compare(y[j], v) == 0) {
        j++;
        t++;
      }
      // NaturalRanking's average of the ranks first .. first + t - 1: (2 * first + t - 1) * 0.5
      double average = (2.0 * (ranked + 1) + t - 1) * 0.5;
      rankSumX += tx * average;
      if (t != 1) {
        c += Math.pow(t, 3) - t;
      }
      ranked += t;
    }
    return mannWhitney(rankSumX, n1, n2, c);
  }

  /**
   * The Mann-Whitney test (normal approximation with continuity and tie correction, as R's
   * {@code wilcox.test(x ~ g, exact = FALSE)}) from its sufficient statistics, what an engine that cannot hold the
   * values aggregates: the first group's sum of mid-ranks among all values, the two sizes and the tie sum over the
   * distinct values (sum of t^3 - t for a value held t times). The caller checks that neither group is empty and
   * that not all values are tied.
   */
  public static TestResult mannWhitney(double rankSumX, long n1, long n2, double c) {
    TestId id = TestId.MANN_WHITNEY;
    double u = rankSumX - (n1 * (n1 + 1)) * 0.5;
    long n1n2 = n1 * n2;
    long n = n1 + n2;
    double e = n1n2 * 0.5;
    double variance = (n1n2 / 12.0) * ((n + 1.0) - c / n / (n - 1));
    double z = u - e;
    z -= Math.signum(z) * 0.5;
    z /= Math.sqrt(variance);
    double p = 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z));
    return TestResult.of(id, u, OptionalDouble.empty(), OptionalDouble.empty(), p);
  }

  /** Values at most this many: every rank sum is a sum of half-integers below 2^52, so exact. */
  static final long EXACT_RANK_SUMS = 50_000_000L;

  /**
   * Kruskal-Wallis from each group's non-missing values in ascending order: the groups are merged once
   * (no index sort), each run of values equal by {@code ==} gets its mid-rank.
   */
  private static TestResult kruskalSorted(List<double[]> groups) {
    List<double[]> g = groups.stream().filter(a -> a.length > 0).toList();
    if (g.size() < 2) {
      return TestResult.notComputable(TestId.KRUSKAL, fewGroups(g.size()));
    }
    int k = g.size();
    int n = g.stream().mapToInt(a -> a.length).sum();
    int[] at = new int[k];
    int[] inRun = new int[k];
    double[] rankSums = new double[k];
    double tieSum = 0;
    int ranked = 0;
    while (ranked < n) {
      int first = -1;
      for (int gi = 0; gi < k; gi++) {
        if (at[gi] < g.get(gi).length
            && (first < 0 || Double.compare(g.get(gi)[at[gi]], g.get(first)[at[first]]) < 0)) {
          first = gi;
        }
      }
      double v = g.get(first)[at[first]];
      int t = 0;
      for (int gi = 0; gi < k; gi++) {
        double[] a = g.get(gi);
        int m = at[gi];
        while (m < a.length && a[m] == v) {
          m++;
        }
        inRun[gi] = m - at[gi];
        t += inRun[gi];
        at[gi] = m;
      }
      // ranks ranked + 1 .. ranked + t; the mid-rank as (i + j + 2) / 2 with 0-based i, j
      double midRank = (ranked + (ranked + t - 1) + 2) / 2.0;
      for (int gi = 0; gi < k; gi++) {
        rankSums[gi] += inRun[gi] * midRank;
      }
      double tt = t;
      tieSum += tt * tt * tt - tt;
      ranked += t;
    }
    int[] sizes = g.stream().mapToInt(a -> a.length).toArray();
    return kruskal(rankSums, Arrays.stream(sizes).asLongStream().toArray(), tieSum);
  }

  /**
   * {@link #kruskal(List)} from its sufficient statistics (what an engine that cannot hold the values, such as the
   * Spark engine, aggregates): per non-empty group the sum of the mid-ranks of its values among all values and its
   * size, and the tie sum over the distinct values, sum of t^3 - t for a value held t times.
   */
  public static TestResult kruskal(double[] rankSums, long[] sizes, double tieSum) {
    if (rankSums.length != sizes.length) {
      throw new IllegalArgumentException("one size per rank sum expected");
    }
    if (rankSums.length < 2) {
      return TestResult.notComputable(TestId.KRUSKAL, fewGroups(rankSums.length));
    }
    long n = Arrays.stream(sizes).sum();
    double tiesDenominator = 1 - tieSum / ((double) n * n * n - n);
    if (tiesDenominator <= 0) {
      return TestResult.notComputable(TestId.KRUSKAL, "all values are tied");
    }
    double s = 0;
    for (int gi = 0; gi < rankSums.length; gi++) {
      s += rankSums[gi] * rankSums[gi] / sizes[gi];
    }
    double h = (12 * s / ((double) n * (n + 1)) - 3.0 * (n + 1)) / tiesDenominator;
    int df = rankSums.length - 1;
    return TestResult.of(TestId.KRUSKAL, h, OptionalDouble.of(df), OptionalDouble.empty(),
        ChiSquaredDistribution.of(df).survivalProbability(h));
  }

  /** The non-missing values in ascending order ({@link Arrays#sort(double[])}, NaNs cut off). */
  public static double[] sorted(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    while (n > 0 && Double.isNaN(s[n - 1])) {
      n--;
    }
    return n == s.length ? s : Arrays.copyOf(s, n);
  }

  /**
   * Student's ({@link TestId#T}, pooled variance) or Welch's ({@link TestId#WELCH}) two-sample t-test from the two
   * groups' sizes, means, standard deviations and ranges (index 0 the first group, 1 the second): what an engine
   * that cannot hold the values aggregates (Spark), and what a table computed from distinct-value counts holds. As
   * {@link #student} and {@link #welch}, with the same refusals (an empty group, too few values, values constant
   * within each group); a group of one value adds no variance (its SD is NaN). Equal to the values' test up to
   * rounding in the last bits; from {@link studybook.stats.Moments} the same bits.
   */
  public static TestResult tTestOfMoments(TestId id, long[] n, double[] mean, double[] sd, double[] min,
      double[] max) {
    if (id != TestId.T && id != TestId.WELCH) {
      throw new IllegalArgumentException("a t-test is T or WELCH, not " + id);
    }
    if (n.length != 2 || mean.length != 2 || sd.length != 2 || min.length != 2 || max.length != 2) {
      throw new IllegalArgumentException("two groups expected");
    }
    boolean pooled = id == TestId.T;
    if (n[0] == 0 || n[1] == 0) {
      return TestResult.notComputable(id, fewGroups(n[0] == 0 && n[1] == 0 ? 0 : 1));
    }
    if ((!pooled && (n[0] < 2 || n[1] < 2)) || n[0] + n[1] < 3) {
      return TestResult.notComputable(id, "too few values: " + n[0] + " and " + n[1]);
    }
    if (min[0] == max[0] && min[1] == max[1]) {
      return TestResult.notComputable(id, "the values are constant within each group");
    }
    double vx = n[0] < 2 ? 0 : sd[0] * sd[0];
    double vy = n[1] < 2 ? 0 : sd[1] * sd[1];
    if (n[0] < 2 || n[1] < 2) {
      // pooled, a group of one value (commons' TTest wants two in each): R's t.test(var.equal = TRUE) formula
      long df = n[0] + n[1] - 2;
      double pooledVariance = ((n[0] - 1) * vx + (n[1] - 1) * vy) / df;
      double t = (mean[0] - mean[1]) / Math.sqrt(pooledVariance * (1.0 / n[0] + 1.0 / n[1]));
      double p = 2 * org.apache.commons.statistics.distribution.TDistribution.of(df).survivalProbability(Math.abs(t));
      return new TestResult(id, OptionalDouble.of(t), OptionalDouble.of(df), OptionalDouble.empty(), Math.min(1, p),
          java.util.Optional.empty());
    }
    TTest.Result r = TTest.withDefaults()
        .with(pooled ? DataDispersion.HOMOSCEDASTIC : DataDispersion.HETEROSCEDASTIC)
        .test(mean[0], vx, n[0], mean[1], vy, n[1]);
    return new TestResult(id, OptionalDouble.of(r.getStatistic()), OptionalDouble.of(r.getDegreesOfFreedom()),
        OptionalDouble.empty(), r.getPValue(), java.util.Optional.empty());
  }

  /**
   * One-way analysis of variance from each group's size, mean, standard deviation and range: what an engine that
   * cannot hold the values aggregates (Spark), and what a table computed from distinct-value counts holds. The F of
   * {@link #anova(List)} from its sufficient statistics: between and within sums of squares from the group means
   * and variances (equal to the values' F up to rounding in the last bits).
   */
  public static TestResult anovaOfMoments(long[] n, double[] mean, double[] sd, double[] min, double[] max) {
    int k = n.length;
    if (k < 2) {
      return TestResult.notComputable(TestId.ANOVA, fewGroups(k));
    }
    boolean constant = true;
    for (int g = 0; g < k; g++) {
      if (n[g] < 2) {
        return TestResult.notComputable(TestId.ANOVA, "a group has fewer than two values");
      }
      constant &= min[g] == max[g];
    }
    if (constant) {
      return TestResult.notComputable(TestId.ANOVA, "the values are constant within each group");
    }
    long total = 0;
    double grand = 0;
    for (int g = 0; g < k; g++) {
      total += n[g];
      grand += n[g] * mean[g];
    }
    grand /= total;
    double between = 0;
    double within = 0;
    for (int g = 0; g < k; g++) {
      double e = mean[g] - grand;
      between += n[g] * e * e;
      within += (n[g] - 1) * sd[g] * sd[g];
    }
    int df1 = k - 1;
    long df2 = total - k;
    double f = (between / df1) / (within / df2);
    double p = org.apache.commons.statistics.distribution.FDistribution.of(df1, df2).survivalProbability(f);
    return new TestResult(TestId.ANOVA, OptionalDouble.of(f), OptionalDouble.of(df1), OptionalDouble.of(df2), p,
        java.util.Optional.empty());
  }

  /**
   * One-way analysis of variance, F with df = groups - 1 and df2 = n - groups; as R's
   * oneway.test(x ~ g, var.equal = TRUE) (and anova(lm(x ~ g))).
   */
  public static TestResult anova(List<double[]> groups) {
    List<double[]> g = nonEmpty(groups);
    if (g.size() < 2) {
      return TestResult.notComputable(TestId.ANOVA, fewGroups(g.size()));
    }
    int n = g.stream().mapToInt(a -> a.length).sum();
    if (g.stream().anyMatch(a -> a.length < 2)) {
      return TestResult.notComputable(TestId.ANOVA, "a group has fewer than two values");
    }
    if (g.stream().allMatch(GroupTests::constant)) {
      return TestResult.notComputable(TestId.ANOVA, "the values are constant within each group");
    }
    List<studybook.stats.Moments> m = g.stream().map(studybook.stats.Moments::of).toList();
    return anovaOfMoments(m.stream().mapToLong(studybook.stats.Moments::n).toArray(),
        m.stream().mapToDouble(studybook.stats.Moments::mean).toArray(),
        m.stream().mapToDouble(studybook.stats.Moments::sd).toArray(),
        m.stream().mapToDouble(studybook.stats.Moments::min).toArray(),
        m.stream().mapToDouble(studybook.stats.Moments::max).toArray());
  }

  static double[] present(double[] values) {
    return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
  }

  private static List<double[]> nonEmpty(List<double[]> groups) {
    List<double[]> out = new ArrayList<>();
    for (double[] g : groups) {
      double[] p = present(g);
      if (p.length > 0) {
        out.add(p);
      }
    }
    return out;
  }

  private static String fewGroups(int present) {
    return present == 0 ? "no group has values" : "only one group has values";
  }

  private static boolean constant(double[] x) {
    return Arrays.stream(x).allMatch(v -> v == x[0]);
  }

  private static boolean allEqual(double[] x, double[] y) {
    return constant(x) && constant(y) && x[0] == y[0];
  }

  private static boolean hasTies(double[] x, double[] y) {
    double[] all = new double[x.length + y.length];
    System.arraycopy(x, 0, all, 0, x.length);
    System.arraycopy(y, 0, all, x.length, y.length);
    Arrays.sort(all);
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        return true;
      }
    }
    return false;
  }

}
