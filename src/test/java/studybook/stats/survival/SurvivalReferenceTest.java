package studybook.stats.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.stats.survival.Reference.assertClose;
import static studybook.stats.survival.Reference.get;
import static studybook.stats.survival.Reference.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.data.VariableKind;

/**
 * Every case of src/test/r/survival_reference.R (R 4.2.2, survival 3.5.3), to 1e-6 relative: the curves
 * against survfit(conf.type, conf.int) ($time, $n.risk, $n.event, $n.censor, $surv, $std.err, $lower,
 * $upper), medians against summary(fit)$table, numbers at risk against summary(fit, times, extend = TRUE),
 * the log-rank test against survdiff(rho = 0), follow-up against survfit(Surv(time, 1 - status) ~ 1) and median(time).
 */
class SurvivalReferenceTest {

  /** The analysed rows of one case, prepared as the R script prepares them. */
  record Prepared(double[] time, boolean[] event, int[] group, List<String> levels, int excluded) {}

  static Stream<String> cases() {
    return Reference.cases().keySet().stream();
  }

  static Prepared prepare(Reference.Case c) {
    boolean grouped = !c.by().isEmpty();
    Frame f = AdhocLoader.load(Reference.dir().resolve(c.file()), grouped ? Set.of(c.by()) : Set.of(),
        grouped && !c.levels().isEmpty() ? Map.of(c.by(), c.levels()) : Map.of());
    double[] t = f.values(c.time());
    boolean numericEvent = f.kind(c.event()) == VariableKind.CONTINUOUS;
    double[] eventNumbers = numericEvent ? f.values(c.event()) : null;
    int[] codes = grouped ? f.codes(c.by()) : new int[f.rowCount()];
    List<Double> times = new ArrayList<>();
    List<Boolean> events = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    int excluded = 0;
    for (int r = 0; r < f.rowCount(); r++) {
      String ev = f.text(c.event(), r);
      if (Double.isNaN(t[r]) || ev.isEmpty() || codes[r] < 0) {
        excluded++;
        continue;
      }
      times.add(t[r]);
      events.add(numericEvent ? eventNumbers[r] == Double.parseDouble(c.eventValue()) : ev.equals(c.eventValue()));
      groups.add(codes[r]);
    }
    boolean[] e = new boolean[events.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = events.get(i);
    }
    return new Prepared(times.stream().mapToDouble(Double::doubleValue).toArray(), e,
        groups.stream().mapToInt(Integer::intValue).toArray(), grouped ? f.levels(c.by()) : List.of("all"), excluded);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void curvesMediansAndNumbersAtRiskMatchSurvfit(String name) {
    Reference.Case c = Reference.cases().get(name);
    Prepared p = prepare(c);
    assertEquals((int) scalar(name, "", "n"), p.time().length, "n");
    assertEquals((int) scalar(name, "", "excluded"), p.excluded(), "excluded");
    KaplanMeier km = KaplanMeier.withDefaults().with(c.confidenceType()).withLevel(c.level());
    List<KaplanMeierCurve> curves = km.fitByGroup(p.time(), p.event(), p.group(), p.levels());
    assertEquals(p.levels().size(), curves.size());
    for (KaplanMeierCurve curve : curves) {
      String g = curve.group();
      String at = name + "/" + g + ": ";
      assertEquals(c.confidenceType(), curve.confidenceType());
      assertEquals(c.level(), curve.level());
      assertEquals((int) scalar(name, g, "group_n"), curve.n(), at + "n");
      assertEquals((int) scalar(name, g, "group_events"), curve.totalEvents(), at + "events");
      assertClose(get(name, g, "time"), curve.time(), at + "time");
      assertClose(get(name, g, "n.risk"), curve.atRisk(), at + "n.risk");
      assertClose(get(name, g, "n.event"), curve.events(), at + "n.event");
      assertClose(get(name, g, "n.censor"), curve.censored(), at + "n.censor");
      assertClose(get(name, g, "surv"), curve.survival(), at + "surv");
      assertClose(get(name, g, "std.err"), curve.stdErr(), at + "std.err");
      assertClose(get(name, g, "lower"), curve.lower(), at + "lower");
      assertClose(get(name, g, "upper"), curve.upper(), at + "upper");
      SurvivalMedian m = curve.median();
      if (curve.n() == 0) {
        assertFalse(m.reached(), at + "an empty group has no median");
        continue;
      }
      assertClose(scalar(name, g, "median"), m.estimate(), at + "median");
      assertClose(scalar(name, g, "median_low"), m.lower(), at + "median LCL");
      assertClose(scalar(name, g, "median_high"), m.upper(), at + "median UCL");
      if (c.atTimes().length > 0) {
        List<RiskAt> rows = curve.at(c.atTimes());
        assertClose(get(name, g, "at.time"), rows.stream().map(RiskAt::time).toList(), at + "at time");
        assertClose(get(name, g, "at.n.risk"), rows.stream().map(RiskAt::atRisk).toList(), at + "at n.risk");
        assertClose(get(name, g, "at.n.event"), rows.stream().map(RiskAt::events).toList(), at + "at n.event");
        assertClose(get(name, g, "at.n.censor"), rows.stream().map(RiskAt::censored).toList(), at + "at n.censor");
        assertClose(get(name, g, "at.surv"), rows.stream().map(RiskAt::survival).toList(), at + "at surv");
        assertClose(get(name, g, "at.std.err"), rows.stream().map(RiskAt::stdErr).toList(), at + "at std.err");
        assertClose(get(name, g, "at.lower"), rows.stream().map(RiskAt::lower).toList(), at + "at lower");
        assertClose(get(name, g, "at.upper"), rows.stream().map(RiskAt::upper).toList(), at + "at upper");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void logRankMatchesSurvdiff(String name) {
    Reference.Case c = Reference.cases().get(name);
    if (c.by().isEmpty()) {
      assertTrue(get(name, "", "logrank_df").isEmpty(), "no log-rank test without groups");
      return;
    }
    Prepared p = prepare(c);
    LogRankTest test = LogRank.test(p.time(), p.event(), p.group(), p.levels());
    int df = (int) scalar(name, "", "logrank_df");
    // survdiff leaves out groups without patients; studybook keeps them with 0 observed and 0 expected.
    List<Integer> nonEmpty = new ArrayList<>();
    List<Double> expected = new ArrayList<>();
    for (int g = 0; g < p.levels().size(); g++) {
      if (scalar(name, p.levels().get(g), "group_n") > 0) {
        nonEmpty.add(test.observed().get(g));
        expected.add(test.expected().get(g));
      }
    }
    assertClose(get(name, "", "logrank_observed"), nonEmpty, name + ": observed");
    assertClose(get(name, "", "logrank_expected"), expected, name + ": expected");
    if (df < 1) {
      assertFalse(test.computed(), name + ": survdiff has df " + df + ", so no test");
      assertTrue(test.notComputable().isPresent());
      assertTrue(test.chisq().isEmpty() && test.df().isEmpty() && test.p().isEmpty());
      return;
    }
    assertEquals(df, test.df().getAsInt(), name + ": df");
    assertClose(scalar(name, "", "logrank_chisq"), test.chisq(), name + ": chisq");
    assertClose(scalar(name, "", "logrank_p"), test.p(), name + ": p");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void followUpMatchesReverseKaplanMeier(String name) {
    Prepared p = prepare(Reference.cases().get(name));
    FollowUp f = FollowUp.of(p.time(), p.event());
    assertEquals(p.time().length, f.n());
    assertClose(scalar(name, "", "median_reverse_km"), f.medianReverseKaplanMeier(), name + ": reverse KM median");
    assertClose(scalar(name, "", "median_observed"), f.medianObserved(), name + ": median observed");
  }
}
