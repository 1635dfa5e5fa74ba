package studybook.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.api.Test;
import studybook.stats.describe.Descriptives;

/**
 * The rank tests on primitive sorted arrays give the doubles the boxed rankings gave, bit for bit (results.json
 * prints them in full): Mann-Whitney against commons-statistics' MannWhitneyUTest, Kruskal-Wallis against the
 * index-sort implementation it replaced (kept here as the reference), on random data with many ties, NaNs
 * (missing), signed zeros and infinities.
 */
class RankTestsOnSortedArraysTest {
  /** Values from a small pool so that ties are frequent; some NaN, -0.0 and 0.0, infinities. */
  private static double[] sample(SplittableRandom r, int n, int distinct) {
    double[] pool = new double[distinct];
    for (int i = 0; i < distinct; i++) {
      pool[i] = Math.round(r.nextDouble(-50, 50) * 10) / 10.0;
    }
    pool[0] = 0.0;
    if (distinct > 1) {
      pool[1] = -0.0;
    }
    if (distinct > 3) {
      pool[2] = Double.POSITIVE_INFINITY;
      pool[3] = Double.NEGATIVE_INFINITY;
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextInt(10) == 0 ? Double.NaN : pool[r.nextInt(distinct)];
    }
    return x;
  }

  private static TestResult commonsMannWhitney(double[] a, double[] b) {
    double[] x = GroupTests.present(a);
    double[] y = GroupTests.present(b);
    MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().with(PValueMethod.ASYMPTOTIC)
        .with(ContinuityCorrection.ENABLED).test(x, y);
    return TestResult.of(TestId.MANN_WHITNEY, r.getStatistic(), OptionalDouble.empty(), OptionalDouble.empty(),
        r.getPValue());
  }

  @Test
  void mannWhitneyEqualsCommonsStatisticsToTheBit() {
    SplittableRandom r = new SplittableRandom(26);
    int compared = 0;
    for (int trial = 0; trial < 400; trial++) {
      int distinct = 1 + r.nextInt(trial % 4 == 0 ? 5000 : 40);
      double[] a = sample(r, 1 + r.nextInt(trial < 300 ? 60 : 3000), distinct);
      double[] b = sample(r, 1 + r.nextInt(trial < 300 ? 60 : 3000), distinct);
      TestResult ours = GroupTests.mannWhitney(a, b);
      TestResult sortedPath = GroupTests.run(TestId.MANN_WHITNEY, List.of(a, b),
          List.of(GroupTests.sorted(a), GroupTests.sorted(b)));
      assertEquals(ours, sortedPath);
      if (!ours.computable()) {
        continue; // an empty group or all values tied: said before any ranking, as before
      }
      TestResult commons = commonsMannWhitney(a, b);
      assertEquals(Double.doubleToRawLongBits(commons.statistic().getAsDouble()),
          Double.doubleToRawLongBits(ours.statistic().getAsDouble()), "W, trial " + trial);
      assertEquals(Double.doubleToRawLongBits(commons.p()), Double.doubleToRawLongBits(ours.p()), "p, trial " + trial);
      compared++;
    }
    assertTrue(compared > 350, "compared " + compared);
  }

  @Test
  void mannWhitneyWithoutTiesAndWithOneValueEqualsCommons() {
    double[] a = {3.5, -1, 8, 0.25};
    double[] b = {2, 7, -3};
    assertEquals(commonsMannWhitney(a, b), GroupTests.mannWhitney(a, b));
    double[] one = {1};
    assertEquals(commonsMannWhitney(one, b), GroupTests.mannWhitney(one, b));
    // -0.0 and 0.0 rank apart in commons (Double.compare); both paths agree
    double[] z = {-0.0, 0.0, 0.0, 1};
    double[] w = {0.0, -0.0, 2};
    assertEquals(commonsMannWhitney(z, w), GroupTests.mannWhitney(z, w));
  }

  /** The Kruskal-Wallis implementation this replaced: an index sort of all values, mid-ranks per element. */
  private static TestResult previousKruskal(List<double[]> groups) {
    List<double[]> g = new ArrayList<>();
    for (double[] a : groups) {
      double[] p = GroupTests.present(a);
      if (p.length > 0) {
        g.add(p);
      }
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
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
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
    double tiesDenominator = 1 - tieSum / ((double) n * n * n - n);
    double s = 0;
    for (int gi = 0; gi < g.size(); gi++) {
      s += rankSums[gi] * rankSums[gi] / g.get(gi).length;
    }
    double h = (12 * s / ((double) n * (n + 1)) - 3.0 * (n + 1)) / tiesDenominator;
    int df = g.size() - 1;
    return TestResult.of(TestId.KRUSKAL, h, OptionalDouble.of(df), OptionalDouble.empty(),
        ChiSquaredDistribution.of(df).survivalProbability(h));
  }

  @Test
  void kruskalEqualsTheIndexSortItReplacedToTheBit() {
    SplittableRandom r = new SplittableRandom(2626);
    int compared = 0;
    for (int trial = 0; trial < 300; trial++) {
      int distinct = 2 + r.nextInt(trial % 3 == 0 ? 3000 : 30);
      List<double[]> groups = new ArrayList<>();
      int k = 2 + r.nextInt(4);
      for (int gi = 0; gi < k; gi++) {
        groups.add(sample(r, r.nextInt(trial < 200 ? 50 : 2000), distinct));
      }
      TestResult ours = GroupTests.kruskal(groups);
      assertEquals(ours, GroupTests.run(TestId.KRUSKAL, groups, groups.stream().map(GroupTests::sorted).toList()));
      if (!ours.computable()) {
        continue;
      }
      TestResult before = previousKruskal(groups);
      assertEquals(Double.doubleToRawLongBits(before.statistic().getAsDouble()),
          Double.doubleToRawLongBits(ours.statistic().getAsDouble()), "H, trial " + trial);
      assertEquals(Double.doubleToRawLongBits(before.p()), Double.doubleToRawLongBits(ours.p()), "p, trial " + trial);
      compared++;
    }
    assertTrue(compared > 250, "compared " + compared);
  }

  @Test
  void summariesFromSortedGroupsEqualSummariesOfEachArray() {
    SplittableRandom r = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      double[] a = sample(r, r.nextInt(300), 1 + r.nextInt(100));
      double[] b = sample(r, r.nextInt(300), 1 + r.nextInt(100));
      double[] sa = GroupTests.sorted(a);
      double[] sb = GroupTests.sorted(b);
      assertEquals(Descriptives.summarize(a), Descriptives.summarizeSorted(sa, a.length - sa.length));
      double[] both = new double[a.length + b.length];
      System.arraycopy(a, 0, both, 0, a.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      double[] merged = Descriptives.mergeSorted(List.of(sa, sb));
      assertEquals(Descriptives.summarize(both), Descriptives.summarizeSorted(merged, both.length - merged.length));
      double[] sorted = GroupTests.sorted(both);
      for (int i = 0; i < sorted.length; i++) {
        assertEquals(Double.doubleToRawLongBits(sorted[i]), Double.doubleToRawLongBits(merged[i]));
      }
    }
  }
}
