package studybook.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The t-tests from the groups' moments (what the Spark engine and a table of distinct-value counts hold) give the
 * t-tests of the values ({@link GroupTests#student}, {@link GroupTests#welch}: R's t.test, checked against R in
 * GroupTestsTest) to 1e-12 relative, and refuse what they refuse.
 */
class TTestOfMomentsTest {
  static TestResult ofMoments(TestId id, double[] x, double[] y) {
    double[][] g = {x, y};
    long[] n = new long[2];
    double[] mean = new double[2];
    double[] sd = new double[2];
    double[] min = new double[2];
    double[] max = new double[2];
    for (int k = 0; k < 2; k++) {
      n[k] = g[k].length;
      mean[k] = Arrays.stream(g[k]).sum() / n[k];
      double m = mean[k];
      sd[k] = n[k] < 2 ? Double.NaN : Math.sqrt(Arrays.stream(g[k]).map(v -> (v - m) * (v - m)).sum() / (n[k] - 1));
      min[k] = Arrays.stream(g[k]).min().orElse(Double.NaN);
      max[k] = Arrays.stream(g[k]).max().orElse(Double.NaN);
    }
    return GroupTests.tTestOfMoments(id, n, mean, sd, min, max);
  }

  static void close(double a, double b) {
    assertTrue(a == b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)), a + " vs " + b);
  }

  @Test
  void theMomentsGiveTheValuesTests() {
    Random r = new Random(26);
    for (int i = 0; i < 200; i++) {
      double[] x = r.doubles(1 + r.nextInt(40), 0, 10).map(v -> Math.round(v * 10) / 10.0).toArray();
      double[] y = r.doubles(1 + r.nextInt(40), 1, 12).map(v -> Math.round(v * 10) / 10.0).toArray();
      for (TestId id : new TestId[] {TestId.T, TestId.WELCH}) {
        TestResult want = id == TestId.T ? GroupTests.student(x, y) : GroupTests.welch(x, y);
        TestResult got = ofMoments(id, x, y);
        assertEquals(want.test(), got.test());
        assertEquals(want.computable(), got.computable(), x.length + " and " + y.length + ": " + want + " vs " + got);
        if (want.computable()) {
          close(want.statistic().getAsDouble(), got.statistic().getAsDouble());
          close(want.df().getAsDouble(), got.df().getAsDouble());
          close(want.p(), got.p());
        }
      }
    }
  }

  /**
   * Student's t with a group of one value (commons' TTest refuses it; R's pooled test does not): R's
   * {@code t.test(c(1.5), c(2, 3.5, 4), var.equal = TRUE)} gives t = -1.386750490563073, df = 2,
   * p = 0.29985995798599507 (src/test/r/t_test_group_of_one.R); from the values and from the moments.
   */
  @Test
  void studentsTestWithAGroupOfOneValueIsRs() {
    for (TestResult r : new TestResult[] {GroupTests.student(new double[] {1.5}, new double[] {2, 3.5, 4}),
        ofMoments(TestId.T, new double[] {1.5}, new double[] {2, 3.5, 4})}) {
      assertTrue(r.computable(), r.toString());
      close(-1.386750490563073, r.statistic().getAsDouble());
      assertEquals(2, r.df().getAsDouble());
      close(0.29985995798599507, r.p());
    }
  }

  @Test
  void itRefusesWhatTheValuesTestsRefuse() {
    assertFalse(ofMoments(TestId.WELCH, new double[] {1}, new double[] {2, 3, 4}).computable());
    assertFalse(GroupTests.welch(new double[] {1}, new double[] {2, 3, 4}).computable());
    assertFalse(ofMoments(TestId.T, new double[] {1, 1}, new double[] {2, 2}).computable());
    assertThrows(IllegalArgumentException.class, () -> GroupTests.tTestOfMoments(TestId.ANOVA, new long[2],
        new double[2], new double[2], new double[2], new double[2]));
  }
}
