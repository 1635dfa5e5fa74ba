package studybook.stats.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tiny data computed by hand: the shapes and edge cases the R reference does not pin down alone. */
class SurvivalEdgeCaseTest {
  private static final double EPS = 1e-12;

  @Test
  void noEventsGivesAFlatCurveNoMedianAndNoTestButAReason() {
    double[] t = {3, 5, 8, 2, 9, 12};
    boolean[] e = new boolean[6];
    int[] g = {0, 0, 0, 1, 1, 1};
    List<KaplanMeierCurve> curves = KaplanMeier.withDefaults().fitByGroup(t, e, g, List.of("a", "b"));
    for (KaplanMeierCurve c : curves) {
      assertEquals(List.of(1.0, 1.0, 1.0), c.survival());
      assertEquals(List.of(1.0, 1.0, 1.0), c.lower());
      assertEquals(List.of(1.0, 1.0, 1.0), c.upper());
      assertEquals(List.of(0.0, 0.0, 0.0), c.stdErr());
      assertFalse(c.median().reached());
      assertTrue(c.median().lower().isEmpty() && c.median().upper().isEmpty());
    }
    LogRankTest test = LogRank.test(t, e, g, List.of("a", "b"));
    assertFalse(test.computed());
    assertTrue(test.notComputable().orElseThrow().contains("no events"));
    assertEquals(List.of(0, 0), test.observed());
    // With no events the reverse curve has an event at every time; for even n it meets the plain median.
    FollowUp f = FollowUp.of(t, e);
    assertEquals(6.5, f.medianReverseKaplanMeier().getAsDouble(), EPS);
    assertEquals(6.5, f.medianObserved().getAsDouble(), EPS);
  }

  @Test
  void eventsAndCensoringsTiedAtOneTimeShareARowAndTheCensoredStayAtRisk() {
    KaplanMeierCurve c = KaplanMeier.withDefaults().fit(new double[] {2, 2, 2, 3}, new boolean[] {true, false, true, true});
    assertEquals(List.of(2.0, 3.0), c.time());
    assertEquals(List.of(4, 1), c.atRisk());
    assertEquals(List.of(2, 1), c.events());
    assertEquals(List.of(1, 0), c.censored());
    assertEquals(0.5, c.survival().get(0), EPS);
    assertEquals(0.0, c.survival().get(1), EPS);
    // Greenwood: 2 / (4 * 2), so the standard error of the cumulative hazard is 0.5.
    assertEquals(0.5, c.stdErr().get(0), EPS);
    assertEquals(Double.POSITIVE_INFINITY, c.stdErr().get(1));
    assertTrue(Double.isNaN(c.lower().get(1)) && Double.isNaN(c.upper().get(1)));
    // Exactly 0.5 from time 2 until the drop at 3: survfit's midpoint.
    assertEquals(2.5, c.median().estimate().getAsDouble(), EPS);
  }

  @Test
  void aSinglePatientWithAnEventHasAMedianButNoLimits() {
    KaplanMeierCurve c = KaplanMeier.withDefaults().fit(new double[] {4.5}, new boolean[] {true});
    SurvivalMedian m = c.median();
    assertEquals(OptionalDouble.of(4.5), m.estimate());
    assertTrue(m.lower().isEmpty() && m.upper().isEmpty());
    LogRankTest test = LogRank.test(new double[] {4.5}, new boolean[] {true}, new int[] {0}, List.of("a", "b"));
    assertFalse(test.computed());
    assertEquals(List.of(1.0, 0.0), test.expected());
    assertTrue(test.notComputable().orElseThrow().contains("fewer than two groups"));
  }

  @Test
  void anEmptyGroupHasAnEmptyCurveAndTheTestRunsOnTheOthers() {
    double[] t = {2, 4, 6, 1, 3, 5};
    boolean[] e = {true, false, true, true, true, false};
    int[] g = {0, 0, 0, 2, 2, 2};
    List<String> levels = List.of("a", "b", "c");
    KaplanMeierCurve empty = KaplanMeier.withDefaults().fitByGroup(t, e, g, levels).get(1);
    assertEquals("b", empty.group());
    assertEquals(0, empty.n());
    assertEquals(0, empty.size());
    assertFalse(empty.median().reached());
    assertEquals(List.of(0, 0), empty.at(1.0, 2.0).stream().map(RiskAt::atRisk).toList());
    LogRankTest test = LogRank.test(t, e, g, levels);
    assertEquals(1, test.df().getAsInt());
    assertEquals(0.0, test.expected().get(1));
  }

  @Test
  void anAllCensoredGroupStillEntersTheTest() {
    double[] t = {1, 3, 4, 6, 2, 5, 8, 9};
    boolean[] e = {true, false, true, true, false, false, false, false};
    int[] g = {0, 0, 0, 0, 1, 1, 1, 1};
    LogRankTest test = LogRank.test(t, e, g, List.of("a", "b"));
    assertTrue(test.computed());
    assertEquals(List.of(3, 0), test.observed());
    assertTrue(test.expected().get(1) > 0);
  }

  @Test
  void numbersAtRiskCountEveryoneObservedAtOrAfterTheTime() {
    KaplanMeierCurve c = KaplanMeier.withDefaults().fit(new double[] {1, 2, 2, 3, 4}, new boolean[] {true, true, false, true, false});
    List<RiskAt> rows = c.at(2, 0, 2.5, 10);
    assertEquals(List.of(0.0, 2.0, 2.5, 10.0), rows.stream().map(RiskAt::time).toList());
    assertEquals(List.of(5, 4, 2, 0), rows.stream().map(RiskAt::atRisk).toList());
    assertEquals(List.of(0, 2, 0, 1), rows.stream().map(RiskAt::events).toList());
    assertEquals(List.of(0, 1, 0, 1), rows.stream().map(RiskAt::censored).toList());
    assertEquals(0.6, rows.get(1).survival(), EPS);
  }

  @Test
  void withersKeepTheDefaultsUnchanged() {
    KaplanMeier defaults = KaplanMeier.withDefaults();
    KaplanMeier other = defaults.with(ConfidenceType.PLAIN).withLevel(0.9);
    assertEquals(ConfidenceType.LOG, defaults.confidenceType());
    assertEquals(0.95, defaults.level());
    assertEquals(ConfidenceType.PLAIN, other.confidenceType());
    assertEquals(0.9, other.fit(new double[] {1}, new boolean[] {false}).level());
  }

  @ParameterizedTest(name = "time {0}")
  @CsvSource({"-1", "NaN", "Infinity"})
  void impossibleTimesAreRejected(double bad) {
    assertThrows(IllegalArgumentException.class,
        () -> KaplanMeier.withDefaults().fit(new double[] {1, bad}, new boolean[] {true, false}));
    assertThrows(IllegalArgumentException.class,
        () -> LogRank.test(new double[] {1, bad}, new boolean[] {true, false}, new int[] {0, 1}, List.of("a", "b")));
  }

  @ParameterizedTest(name = "level {0}")
  @CsvSource({"0", "1", "1.5", "-0.1"})
  void confidenceLevelMustLieStrictlyBetweenZeroAndOne(double level) {
    assertThrows(IllegalArgumentException.class, () -> KaplanMeier.withDefaults().withLevel(level));
  }
}
