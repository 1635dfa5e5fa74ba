package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;

/** The study's table models on miniature data checked by hand. */
class StudyTablesTest {
  @TempDir Path dir;

  private Frame load(String csv, Map<String, List<String>> levels) throws IOException {
    Path f = dir.resolve("mini.csv");
    Files.writeString(f, csv);
    return AdhocLoader.load(f, Set.of(), levels);
  }

  @Test
  void contrastCountsAndPearsonByHand() {
    // Group 0: 10 with, 30 without; group 1: 20 with, 40 without.
    int[] has = new int[101];
    int[] group = new int[101];
    int r = 0;
    for (int i = 0; i < 40; i++, r++) {
      group[r] = 0;
      has[r] = i < 10 ? 1 : 0;
    }
    for (int i = 0; i < 60; i++, r++) {
      group[r] = 1;
      has[r] = i < 20 ? 1 : 0;
    }
    has[r] = -1; // missing: left out
    GroupContrast c = GroupContrast.pearson("x", "X", List.of("a", "b"), has, group);
    assertEquals(List.of(10, 20), c.with());
    assertEquals(List.of(30, 40), c.without());
    assertEquals(25.0, c.percentWith().get(0), 1e-12);
    // chi2 = n (ad - bc)^2 / (r1 r2 c1 c2) = 100 * 200^2 / (30 * 70 * 40 * 60)
    assertEquals(100.0 * 200 * 200 / (30.0 * 70 * 40 * 60), c.statistic(), 1e-12);
    // chisq.test(matrix(c(10, 30, 20, 40), 2), correct = FALSE)$p.value
    assertEquals(0.372998483613487, c.p(), 1e-12);
  }

  @Test
  void regressionTableLinesUpUnivariableMultivariableAndFirth() throws IOException {
    StringBuilder csv = new StringBuilder("y,x,size\n");
    String[] rows = {"yes,b,3", "yes,b,5", "yes,a,4", "no,a,2", "no,a,6", "no,b,1", "yes,a,7", "no,a,3", "yes,b,6",
        "no,a,5", "no,b,2", "yes,b,8", "no,a,4", "yes,a,9", "no,b,3", "no,a,1"};
    for (String r : rows) {
      csv.append(r).append('\n');
    }
    Frame f = load(csv.toString(), Map.of("y", List.of("no", "yes"), "x", List.of("a", "b")));
    RegressionTable t = RegressionTable.of("t3", f, null, "y", "yes", List.of("x"), List.of("x", "size"));
    assertEquals(List.of("x=b", "size"), t.entries().stream().map(RegressionRow::term).toList());
    assertNull(t.entries().get(1).univariable(), "size is not a univariable candidate");
    DesignMatrix d = DesignMatrix.of(f, "y", "yes", List.of("x", "size"));
    LogisticFit direct = LogisticRegression.withDefaults().fit(d.design().x(), d.design().y(), d.design().columns());
    assertEquals(direct.coefficient("x=b").oddsRatio(), t.entries().get(0).multivariable().oddsRatio(), 0);
    assertEquals(direct.coefficient("size").p(), t.multivariable().term("size").p(), 0);
    assertEquals("firth", t.firth().method());
    assertEquals("profile", t.firth().limits());
    assertEquals(16, t.multivariable().n());
    assertEquals(7, t.multivariable().events());
    assertTrue(t.entries().get(0).firth().ciLow() < t.entries().get(0).firth().oddsRatio());
    assertEquals(13, t.columns().size());
    assertEquals("x=b", t.rows().get(0).get(0));
    // 7 events (the smaller class) on 2 coefficients: 3.5 per parameter, below 10, so Firth is fitted.
    assertEquals(FirthChoice.Decision.FITTED, t.firthChoice().decision());
    assertEquals(FirthChoice.Rule.FEW_EVENTS_PER_PARAMETER, t.firthChoice().rule());
    assertEquals(3.5, t.firthChoice().eventsPerParameter(), 1e-12);
    assertEquals(10, t.display().get(0).columns().size(), "three models of three columns, plus the label");
  }

  @Test
  void manyEventsPerParameterSkipFirthAndTheFootnoteSaysWhy() throws IOException {
    // 400 patients, 180 events, on 2 coefficients: 90 events per parameter and no separation.
    StringBuilder csv = new StringBuilder("y,x,size\n");
    for (int i = 0; i < 400; i++) {
      boolean event = (i * 7 + i / 3) % 20 < 9;
      csv.append(event ? "yes" : "no").append(',').append(i % 3 == 0 ? "b" : "a").append(',').append(i % 11)
          .append('\n');
    }
    Frame f = load(csv.toString(), Map.of("y", List.of("no", "yes"), "x", List.of("a", "b")));
    RegressionTable t = RegressionTable.of("t3", f, null, "y", "yes", List.of("x"), List.of("x", "size"));
    int events = t.multivariable().events();
    assertEquals(FirthChoice.Decision.SKIPPED, t.firthChoice().decision());
    assertEquals(FirthChoice.Rule.ENOUGH_EVENTS_PER_PARAMETER, t.firthChoice().rule());
    assertEquals(Math.min(events, 400 - events) / 2.0, t.firthChoice().eventsPerParameter(), 1e-12);
    assertNull(t.firth());
    assertTrue(t.entries().stream().allMatch(r -> r.firth() == null));
    TableModel shown = t.display().get(0);
    assertEquals(7, shown.columns().size(), "no Firth columns");
    assertTrue(shown.notes().stream().anyMatch(n -> n.contains("Firth's penalized likelihood was not fitted: "
        + t.firthChoice().reason())), shown.notes().toString());
    assertTrue(t.firthChoice().reason().contains("events per parameter (at least 10) and no separation"));
    assertEquals(13, t.columns().size(), "the CSV keeps its columns, Firth's empty");
  }

  @Test
  void firthPolicyFitsOnSeparationOrNonConvergenceWhateverTheEvents() {
    List<TermRow> terms = List.of();
    ModelSummary separated = new ModelSummary("ml", "wald", 10_000, 5_000, 0, true, true, List.of(), terms, List.of());
    assertEquals(FirthChoice.Rule.SEPARATION, TestPolicy.forFirth(separated).rule());
    assertEquals(FirthChoice.Decision.FITTED, TestPolicy.forFirth(separated).decision());
    ModelSummary diverged = new ModelSummary("ml", "wald", 10_000, 5_000, 0, false, false, List.of(), terms, List.of());
    assertEquals(FirthChoice.Rule.NOT_CONVERGED, TestPolicy.forFirth(diverged).rule());
  }

  /** A contrast with an empty row or group is a clear error naming the contrast, not commons-statistics' own exception. */
  @Test
  void aZeroMarginContrastSaysWhy() {
    studybook.StudybookException e = org.junit.jupiter.api.Assertions.assertThrows(studybook.StudybookException.class,
        () -> GroupContrast.pearson("none", "Nobody", List.of("a", "b"), new int[] {0, 0, 0, 0}, new int[] {0, 1, 0, 1}));
    assertTrue(e.getMessage().startsWith("GroupContrast.pearson(\"none\"): the 2x2 table has an empty row (nobody has "
        + "the characteristic)"), e.getMessage());
    assertTrue(e.getMessage().contains("a 0/2, b 0/2"), e.getMessage());
  }
}
