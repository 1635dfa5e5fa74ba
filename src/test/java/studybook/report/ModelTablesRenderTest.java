package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import studybook.stats.regression.LinearRegression;
import studybook.tables.Displayable;
import studybook.tables.HazardRatioTable;
import studybook.tables.HazardRatioTable.CoxOutcome;
import studybook.tables.LinearModelTable;
import studybook.tables.TableModel;
import studybook.tables.Term;

/**
 * The Cox and linear model tables are typed models: the one renderer writes them with their footnotes
 * (method and R call, the PH sentence per failing term, diverged and aliased terms, not estimable without events).
 */
class ModelTablesRenderTest {
  static final TableRenderer RENDERER = new TableRenderer(NumberStyle.of(Map.of()), false, Optional.empty());

  static String markdown(Displayable d) {
    StringBuilder b = new StringBuilder();
    for (TableModel m : d.display()) {
      b.append(RENDERER.markdown(RENDERER.render(m))).append('\n');
    }
    return b.toString();
  }

  @Test
  void noEventsSaysNotEstimableAndShowsNoNumber() {
    Codebook codebook = CodebookLoader.load(Path.of("data/codebook.csv"));
    Frame twin = StudyDataLoader.load(Path.of("data/rectal_net_twin.csv"), codebook);
    HazardRatioTable t = HazardRatioTable.of("recurrence", twin, codebook,
        CoxOutcome.of("followup_months", "recurrence", "yes"), List.of("age", "tumor_size_mm"),
        List.of("age", "tumor_size_mm"));
    List<TableModel> models = t.display();
    assertEquals(1, models.size(), "no proportional-hazards table without events");
    String md = markdown(t);
    assertTrue(md.contains("Not estimable (no events): none of the "), md);
    String body = md.substring(0, md.indexOf("\n\n"));
    assertTrue(body.contains("not estimable (no events)"), body);
    assertFalse(body.matches("(?s).*\\d\\.\\d.*"), body);
  }

  @Test
  void failingTermGetsItsSentenceAndDivergedTermNoNumber() {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of(), Map.of());
    HazardRatioTable t = HazardRatioTable.of("hr", vet, null, CoxOutcome.of("time", "status"),
        List.of("karno"), List.of("celltype", "karno"));
    String md = markdown(t);
    assertTrue(md.contains("The hazard ratio of karno changes over follow-up"), md);
    assertTrue(md.contains("survival::coxph(Surv(time, status) \\~ celltype + karno, ties = \"efron\")"), md);
    // the PH test table: a row per term and the global test, each p marked with cox.zph's footnote
    assertEquals(2, t.display().size());
    assertTrue(md.contains("| Global |"), md);
    assertTrue(md.contains("as R's `survival::cox.zph(fit)`"), md);
    Frame noEvents = AdhocLoader.load(Path.of("src/test/resources/reference/cox/noevents.csv"), Set.of(), Map.of());
    String diverged = markdown(HazardRatioTable.of("hr", noEvents, null, CoxOutcome.of("time", "status"),
        List.of("group"), List.of("group", "age")));
    assertTrue(diverged.contains("| group: c vs a | not estimable (no events in this level) |  |  | not estimable (no events "
        + "in this level) |  |  |"), diverged);
    assertEquals(1, diverged.split("its estimate diverges", -1).length - 1, diverged);
    assertTrue(diverged.contains("the hazard ratio of group: c vs a (" ), diverged);
  }

  @Test
  void linearTableSaysItsMethodFitAndAliasedTerms() {
    Frame cars = AdhocLoader.load(Path.of("src/test/resources/reference/linear/mtcars.csv"), Set.of(), Map.of());
    LinearModelTable t = LinearModelTable.of("mpg", cars, null, "mpg", List.of("wt", "hp"));
    String md = markdown(t);
    assertTrue(md.contains("| Characteristic | Estimate | 95% CI | P |"), md);
    assertTrue(md.contains("as R's summary(lm(y \\~ ...)) and confint(fit)"), md);
    assertTrue(md.contains("| R² | 0.827 |"), md);
  }

  @Test
  void survivalTablesRenderAsTblSurvfit() {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of("trt"), Map.of());
    String km = markdown(studybook.tables.KmTable.of("km", vet, studybook.data.Surv.of("time", "status").by("trt"),
        90, 365));
    assertTrue(km.contains("| Characteristic |") || km.contains("| trt |"), km);
    assertTrue(km.contains("| 1 | 69 | 64 | 103.0 | 59.0–132.0 | 54.7% |"), km);
    assertTrue(km.contains("Log-rank test"), km);
    Frame mgus = AdhocLoader.load(Path.of("src/test/resources/reference/cuminc/mgus2.csv"), Set.of(), Map.of());
    String ci = markdown(studybook.tables.CumulativeIncidenceTable.of("ci", mgus, "etime", "status", "pcm", "censored",
        "sex", 60, 120));
    assertTrue(ci.contains("| F | "), ci);
    assertTrue(ci.contains("Gray's test"), ci);
  }

  /** The frame's own codebook labels the rows, the PH table and its sentences: no codebook argument needed. */
  @Test
  void labelsComeFromTheFramesCodebook() {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of(), Map.of())
        .withVariable(studybook.data.CodebookVariable.categorical("celltype").withLabel("Cell type")
            .withLevels(List.of("adeno", "large", "smallcell", "squamous"),
                List.of("Adenocarcinoma", "Large cell", "Small cell", "Squamous")))
        .withVariable(studybook.data.CodebookVariable.continuous("karno").withLabel("Karnofsky score"));
    HazardRatioTable t = HazardRatioTable.of("hr", vet, CoxOutcome.of("time", "status"), List.of("celltype", "karno"),
        List.of("celltype", "karno"));
    String md = markdown(t);
    assertTrue(md.contains("| Cell type: Squamous vs Adenocarcinoma |"), md);
    assertTrue(md.contains("| Cell type |"), "the PH table's row of a factor: " + md);
    assertTrue(md.contains("The hazard ratio of Karnofsky score"), md);
    assertFalse(md.contains("| celltype |"), md);
  }

  /**
   * airquality: Ozone ~ Wind + Temp + Solar.R. Solar.R's coefficient is 0.0598 (R: summary(lm)), which
   * style.decimals = 1 prints as "0.1"; a smaller one printed as "0.0": a nonzero number never prints as 0,
   * .digits sets the decimals per table and per term, and per(10) rescales a term as I(x / 10).
   */
  @Test
  void linearEstimatesReadRight() {
    Frame air = AdhocLoader.load(Path.of("src/test/resources/reference/linear/airquality.csv"), Set.of(), Map.of());
    LinearModelTable t = LinearModelTable.of("lm", air, null, "Ozone", List.of("Wind", "Temp", "Solar.R"));
    double solar = t.entries().get(2).estimate();
    assertEquals(0.0598, solar, 1e-4);
    String md = markdown(t);
    assertTrue(md.contains("| Solar.R | 0.1 |"), md);
    String three = markdown(t.digits("Solar.R", 3));
    assertTrue(three.contains("| Solar.R | 0.060 | 0.014–0.106 |"), three);
    String all = markdown(t.digits(2));
    assertTrue(all.contains("| Wind | \u22123.33 |"), all);
    LinearModelTable per = LinearModelTable.ofTerms("lm", air, null, "Ozone",
        List.of(Term.of("Wind"), Term.of("Temp"), Term.of("Solar.R").per(100)), LinearRegression.withDefaults());
    assertEquals(100 * solar, per.entries().get(2).estimate(), 1e-9);
    assertTrue(markdown(per).contains("| Solar.R, per 100 units | 6.0 |"), markdown(per));
    // a tiny nonzero estimate: two significant figures, never 0.0
    assertEquals("\u22120.025", new NumberStyle(3, 1, 2, 1, "–").num(-0.0251));
    assertEquals("\u22120.034 to \u22120.016", new NumberStyle(3, 1, 2, 1, "–").interval(-0.034, -0.016));
    assertEquals("0.0", new NumberStyle(3, 1, 2, 1, "–").num(0.0));
    assertEquals("0.0040", new NumberStyle(3, 1, 2, 1, "–").or(0.004));
  }

  /** per(10) for a Cox table: the hazard ratio per 10 units is exp(10 beta), the label says so. */
  @Test
  void coxTermsPerTen() {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of(), Map.of());
    HazardRatioTable one = HazardRatioTable.of("hr", vet, CoxOutcome.of("time", "status"), List.of("karno"),
        List.of("karno"));
    HazardRatioTable ten = HazardRatioTable.ofTerms("hr", vet, null, CoxOutcome.of("time", "status"),
        List.of(Term.of("karno").per(10)), List.of(Term.of("karno").per(10)));
    double hr1 = one.multivariable().terms().get(0).hazardRatio();
    assertEquals(Math.pow(hr1, 10), ten.multivariable().terms().get(0).hazardRatio(), 1e-9);
    assertEquals(one.multivariable().terms().get(0).p(), ten.multivariable().terms().get(0).p(), 1e-12);
    assertTrue(markdown(ten).contains("| karno, per 10 units |"), markdown(ten));
  }

  /** With no events a KmTable reads NR and 100%, and says why there is no log-rank p (issue 23). */
  @Test
  void aKmTableWithoutEventsReadsNotReachedAndSaysWhyThereIsNoP(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Path csv = dir.resolve("none.csv");
    java.nio.file.Files.writeString(csv, "time,status,arm\n5,0,a\n9,0,a\n12,0,a\n3,0,b\n8,0,b\n");
    Frame data = AdhocLoader.load(csv, Set.of("arm"), Map.of());
    String md = markdown(studybook.tables.KmTable.of("km", data, studybook.data.Surv.of("time", "status").by("arm"), 6));
    assertTrue(md.contains("| a | 3 | 0 | NR | NR | 100.0% | 100.0–100.0 | not computable |"), md);
    assertTrue(md.contains("Log-rank test not computable: no events"), md);
    assertTrue(!md.contains("ᵃ") && !md.contains("NaN") && !md.contains("NA–NA"), md);
  }
}
