package studybook.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroupTestsTest {
  private static final double NA = Double.NaN;

  @Test
  void missingValuesAreLeftOut() {
    double[] a = {1.5, NA, 2.25, 3, 10};
    double[] b = {4, 5.5, NA, 6, 7, 8};
    for (TestId id : new TestId[] {TestId.T, TestId.WELCH, TestId.MANN_WHITNEY, TestId.KRUSKAL, TestId.ANOVA}) {
      assertEquals(GroupTests.run(id, List.of(GroupTests.present(a), GroupTests.present(b))).p(),
          GroupTests.run(id, List.of(a, b)).p(), id.name());
    }
  }

  @Test
  void mannWhitneyStatisticIsRankSumOfFirstGroupMinusItsMinimum() {
    // ranks of {1, 2, 7} among {1, 2, 3, 4, 5, 7}: 1 + 2 + 6 = 9; W = 9 - 3 * 4 / 2 = 3
    TestResult r = GroupTests.mannWhitney(new double[] {1, 2, 7}, new double[] {3, 4, 5});
    assertEquals(3.0, r.statistic().getAsDouble());
  }

  @Test
  void exactMannWhitneyFallsBackWithTiesAndSaysSo() {
    TestResult r = GroupTests.mannWhitneyExact(new double[] {1, 2, 2}, new double[] {2, 4, 5});
    assertEquals(TestId.MANN_WHITNEY, r.test());
    assertTrue(r.note().orElseThrow().contains("tied"));
  }

  @ParameterizedTest
  @EnumSource(value = TestId.class, names = {"T", "WELCH", "MANN_WHITNEY", "MANN_WHITNEY_EXACT", "KRUSKAL", "ANOVA"})
  void edgeCasesGiveReasonsNotExceptions(TestId id) {
    List<List<double[]>> cases = List.of(
        List.of(new double[] {1, 2, 3}, new double[] {}),            // an empty group
        List.of(new double[] {1, 2, 3}),                             // one group only
        List.of(new double[] {NA, NA}, new double[] {1, 2}),         // a group of missing values
        List.of(new double[] {5, 5, 5}, new double[] {5, 5}),        // all ties / constant
        List.of());
    for (List<double[]> groups : cases) {
      TestResult r = GroupTests.run(id, groups);
      assertFalse(r.computable(), id + " should not compute");
      assertTrue(r.note().isPresent());
      // the exact test names the approximation it fell back to when values are tied
      assertEquals(id == TestId.MANN_WHITNEY_EXACT && r.test() == TestId.MANN_WHITNEY ? TestId.MANN_WHITNEY : id, r.test());
    }
  }

  @Test
  void twoGroupTestsRefuseThreeGroups() {
    TestResult r = GroupTests.run(TestId.WELCH, List.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6}));
    assertFalse(r.computable());
    assertTrue(r.note().orElseThrow().contains("two groups"));
  }

  @Test
  void emptyGroupsAreDroppedFromKruskalAndAnova() {
    List<double[]> with = List.of(new double[] {1, 2, 4}, new double[] {}, new double[] {3, 5, 9});
    List<double[]> without = List.of(new double[] {1, 2, 4}, new double[] {3, 5, 9});
    assertEquals(GroupTests.kruskal(without).p(), GroupTests.kruskal(with).p());
    assertEquals(1.0, GroupTests.anova(with).df().getAsDouble());
    assertEquals(4.0, GroupTests.anova(with).df2().getAsDouble());
  }

  @Test
  void constantGroupsWithDifferentMeansStillTestWhereDefined() {
    // One group constant, the other not: Welch is defined (R agrees); Mann-Whitney too.
    assertTrue(GroupTests.welch(new double[] {1, 1, 1}, new double[] {2, 3, 4}).computable());
    assertTrue(GroupTests.mannWhitney(new double[] {1, 1, 1}, new double[] {2, 3, 4}).computable());
  }

  @Test
  void testIdKnowsItsContract() {
    assertEquals(List.of("chisq", "chisq-yates", "fisher", "fisher-simulated", "t", "welch", "mann-whitney", "mann-whitney-exact",
        "kruskal", "anova"), TestId.names());
    assertEquals(TestId.MANN_WHITNEY, TestId.byName("Mann-Whitney").orElseThrow());
    assertTrue(TestId.byName("wilcoxon").isEmpty());
    assertEquals("Pearson chi-square test without continuity correction", TestId.CHISQ.footnote());
  }

  /** Kruskal-Wallis from rank sums (what the Spark engine aggregates) is the test on the values, to the bit. */
  @Test
  void kruskalFromRankSumsIsKruskalOnTheValues() {
    // sorted 1, 2, 2, 3, 4, 5, 6: mid-ranks 1, 2.5, 2.5, 4, 5, 6, 7; one tie of two (2^3 - 2 = 6)
    TestResult values = GroupTests.kruskal(List.of(new double[] {1, 2, 3}, new double[] {4, 5}, new double[] {2, 6}));
    TestResult sums = GroupTests.kruskal(new double[] {7.5, 11, 9.5}, new long[] {3, 2, 2}, 6);
    assertEquals(values, sums);
    assertTrue(values.statistic().isPresent());
    assertFalse(GroupTests.kruskal(new double[] {6}, new long[] {3}, 0).statistic().isPresent());
    assertFalse(GroupTests.kruskal(new double[] {3, 7}, new long[] {2, 2}, 60).statistic().isPresent());
  }
}
