package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
  void curativeRuleNeedsEveryCriterionAndSaysWhenItCannotDecide() throws IOException {
    Frame f = load("""
        size,grade,lvi
        9.9,G1,negative
        10,G1,negative
        5,G2,negative
        NA,G1,positive
        NA,G1,negative
        """, Map.of("grade", List.of("G1", "G2"), "lvi", List.of("negative", "positive")));
    CurativeRule rule = CurativeRule.of(CurativeRule.Criterion.below("size", 10), CurativeRule.Criterion.in("grade", "G1"),
        CurativeRule.Criterion.in("lvi", "negative"));
    // 10 mm is not below 10; a failed criterion decides even when the size is missing.
    assertArrayEquals(new int[] {1, 0, 0, 0, -1}, rule.classify(f));
    assertEquals("size < 10 AND grade is G1 AND lvi is negative", rule.describe());
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
  void outcomesCountAssessedNodesRecurrencesAndQuartiles() throws IOException {
    Frame f = load("""
        g,ln,rec,fu
        a,no,no,10
        a,yes,no,20
        a,not_assessed,yes,30
        b,not_assessed,no,40
        b,yes,no,50
        b,no,no,NA
        """, Map.of("g", List.of("a", "b"), "ln", List.of("no", "yes", "not_assessed"), "rec", List.of("no", "yes")));
    OutcomeTable t = OutcomeTable.of("t4", f, null, "g",
        new OutcomeTable.Spec("ln", "yes", "not_assessed", "rec", "yes", "fu"));
    OutcomeSummary all = t.overall();
    assertEquals(6, all.n());
    assertEquals(4, all.lnAssessed());
    assertEquals(2, all.lnMetastasisPositive());
    assertEquals(1, all.recurrences());
    assertEquals(1, t.excluded());
    // follow-up 10..50 (NA left out): median 30, type-7 quartiles 20 and 40
    assertEquals(30, all.followupMedian(), 1e-12);
    assertEquals(20, all.followupQ1(), 1e-12);
    assertEquals(40, all.followupQ3(), 1e-12);
    OutcomeSummary a = t.groups().get(0);
    assertEquals(3, a.n());
    assertEquals(2, a.lnAssessed());
    assertEquals(20, a.followupMedian(), 1e-12);
    // group a, reverse KM (the recurrence at 30 is a censoring there): 2/3 after 10, 1/3 after 20, so 20;
    // summary(survfit(Surv(c(10, 20, 30), c(1, 1, 0)) ~ 1))$table["median"] is 20
    assertEquals(20, a.followupMedianReverseKm(), 1e-12);
    assertEquals(List.of("group", "n", "ln_assessed", "ln_metastasis_positive", "recurrences", "followup_median",
        "followup_q1", "followup_q3", "followup_median_reverse_km"), t.columns());
    assertEquals(3, t.rows().size());
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
  }
}
