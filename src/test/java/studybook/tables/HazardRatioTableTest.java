package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.data.AdhocLoader;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;
import studybook.stats.regression.CoxRegression;
import studybook.tables.HazardRatioTable.CoxOutcome;

/** The hazard-ratio table: R's numbers in its cells, and nothing false when there is nothing to estimate. */
class HazardRatioTableTest {
  static final Path LUNG = Path.of("src/test/resources/reference/cox/lung.csv");

  /**
   * Counting-process data in a cell: the transplant hazard ratio of survival's heart data, as
   * reference/cox/heart-transplant.json (src/test/r/cox_counting.R): coxph(Surv(start, stop, event) ~ age + year
   * + surgery + transplant, heart); the footnote counts intervals, not patients, and gives the R call.
   */
  @Test
  void timeVaryingExposureIsACountingProcessFit() {
    Frame heart = AdhocLoader.load(Path.of("src/test/resources/reference/cox/heart.csv"), Set.of(), Map.of());
    HazardRatioTable t = HazardRatioTable.of("hr", heart, null, CoxOutcome.of("stop", "event").startingAt("start"),
        List.of("transplant"), List.of("age", "year", "surgery", "transplant"));
    HazardRatioRow transplant = t.entries().stream().filter(r -> r.term().equals("transplant")).findFirst().orElseThrow();
    assertEquals(0.989801587695177, transplant.multivariable().hazardRatio(), 1e-9);
    assertEquals(172, t.multivariable().n());
    assertEquals(75, t.multivariable().events());
    List<String> notes = t.display().get(0).notes().stream().map(TableValue::plainText).toList();
    assertTrue(notes.stream().anyMatch(n -> n.contains("172 intervals")), notes.toString());
    assertTrue(t.methodNote().contains("coxph(Surv(start, stop, event) ~ age + year + surgery + transplant"),
        t.methodNote());
  }

  @Test
  void univariableAndMultivariableColumnsAreCoxphFits() {
    Frame lung = AdhocLoader.load(LUNG, Set.of("sex"), Map.of());
    HazardRatioTable t = HazardRatioTable.of("hr", lung, null,
        new CoxOutcome("time", "status", Optional.empty(), Optional.empty(), CoxRegression.Ties.EFRON),
        List.of("sex", "age"), List.of("age", "sex", "ph.ecog"));
    assertTrue(t.estimable());
    assertEquals(List.of("sex=2", "age", "ph.ecog"), t.entries().stream().map(HazardRatioRow::term).toList());
    // reference/cox/lung-sex.json: coxph(Surv(time, status) ~ factor(sex), lung)
    assertEquals(0.588002818563589, t.entries().get(0).univariable().hazardRatio(), 1e-9);
    // reference/cox/lung-multi.json: coxph(Surv(time, status) ~ age + factor(sex) + ph.ecog, lung)
    assertEquals(0.575444556190492, t.entries().get(0).multivariable().hazardRatio(), 1e-9);
    assertNull(t.entries().get(2).univariable());
    assertEquals(1, t.multivariable().excluded());
    assertEquals(3, t.multivariable().phTest().terms().size());
    assertTrue(t.phFailures().isEmpty());
    assertTrue(t.methodNote().contains("survival::coxph(Surv(time, status) ~ age + sex + ph.ecog, ties = \"efron\")"),
        t.methodNote());
    assertEquals(List.of("term", "univariable_hr", "univariable_ci_low", "univariable_ci_high", "univariable_p",
        "multivariable_hr", "multivariable_ci_low", "multivariable_ci_high", "multivariable_p"), t.columns());
  }

  @Test
  void aTermThatFailsTheProportionalHazardsTestIsNamed() {
    // veteran: karno fails cox.zph (p = 0.00012 in reference/cox/veteran-celltype.json)
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of(), Map.of());
    HazardRatioTable t = HazardRatioTable.of("hr", vet, null,
        new CoxOutcome("time", "status", Optional.empty(), Optional.empty(), CoxRegression.Ties.EFRON),
        List.of("karno"), List.of("celltype", "karno", "age"));
    assertTrue(t.phFailures().stream().anyMatch(r -> r.term().equals("karno")), t.phFailures().toString());
  }

  /** The rectal NET twin has no recurrence: a Cox analysis of recurrence is not estimable, never numbers. */
  @Test
  void twinWithoutRecurrencesIsNotEstimable() {
    Codebook codebook = CodebookLoader.load(Path.of("data/codebook.csv"));
    Frame twin = StudyDataLoader.load(Path.of("data/rectal_net_twin.csv"), codebook);
    HazardRatioTable t = HazardRatioTable.of("recurrence", twin, codebook,
        CoxOutcome.of("followup_months", "recurrence", "yes"), List.of("age", "sex", "tumor_size_mm"),
        List.of("age", "tumor_size_mm"));
    assertFalse(t.estimable());
    assertEquals(0, t.multivariable().events());
    assertNull(t.multivariable().phTest());
    for (HazardRatioRow r : t.entries()) {
      for (CoxTermRow c : new CoxTermRow[] {r.univariable(), r.multivariable()}) {
        if (c != null) {
          assertFalse(c.estimated(), r.term());
          assertTrue(Double.isNaN(c.hazardRatio()) && Double.isNaN(c.ciLow()) && Double.isNaN(c.p()), r.term());
        }
      }
    }
  }
}
