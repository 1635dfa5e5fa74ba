package studybook.stats.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import java.util.OptionalDouble;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
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
    TTest.Result r = TTest.withDefaults()
        .with(pooled ? DataDispersion.HOMOSCEDASTIC : DataDispersion.HETEROSCEDASTIC)
        .test(x, y);
    return TestResult.of(id, r.getStatistic(), OptionalDouble.of(r.getDegreesOfFreedom()), OptionalDouble.empty(),
        r.getPValue());
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
    if (x.length == 0 || y.length == 0) {
      return TestResult.notComputable(id, fewGroups(x.length == 0 && y.length == 0 ? 0 : 1));
    }
    if (id == TestId.MANN_WHITNEY && allEqual(x, y)) {
      return TestResult.notComputable(id, "all values are tied");
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
    List<double[]> g = nonEmpty(groups);
    if (g.size() < 2) {
      return TestResult.notComputable(TestId.KRUSKAL, fewGroups(g.size()));
    }
    int n = g.stream().mapToInt(a -> a.length).sum();
    double[] all = new double[n];
    int[] owner = new int[n];
    int k = 0;
    for (int gi = 0; gi < g.size(); gi++) {
      for (double v : g.get(gi)) {
        all[k] = v;
        owner[k++] = gi;
      }
    }
    // primitive indices: ties get their mid-rank below, so the order within ties does not matter
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    it.unimi.dsi.fastutil.ints.IntArrays.quickSort(order, (a, b) -> Double.compare(all[a], all[b]));
    double[] rankSums = new double[g.size()];
    double tieSum = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double midRank = (i + j + 2) / 2.0;
      for (int m = i; m <= j; m++) {
        rankSums[owner[order[m]]] += midRank;
      }
      double t = j - i + 1;
      tieSum += t * t * t - t;
      i = j + 1;
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
    OneWayAnova.Result r = OneWayAnova.withDefaults().test(g);
    return TestResult.of(TestId.ANOVA, r.getStatistic(), OptionalDouble.of(g.size() - 1),
        OptionalDouble.of(n - g.size()), r.getPValue());
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
