package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.data.SummaryStyle;

/**
 * Table 1 with imputations: by default the observed data with its missing values, and a footnote that says so;
 * pooled on request, each number the average over the completed data sets and each P their median.
 */
class ImputedTable1Test {
  static final Frame NHANES = AdhocLoader.load(Path.of("src/test/resources/reference/mice/nhanes2.csv"), Set.of(),
      Map.of());
  static final Imputation.Result IMP = Imputation.of(NHANES).variables("age", "bmi", "hyp", "chl").m(5).seed(7).run();

  static Table1 builder(Frame f) {
    return Table1.of(f).by("age").variables("bmi", "hyp", "chl").summary("bmi", SummaryStyle.MEAN_SD);
  }

  @Test
  void theObservedDataByDefaultAndTheFootnoteSaysSo() {
    ImputedGroupTable t = builder(NHANES).build(IMP);
    assertEquals(builder(NHANES).build(), t.table());
    GroupTableRow bmi = t.table().entries().get(0);
    assertEquals(9, bmi.missing());
    String notes = TableValue.plainText(String.join(" ", t.display().get(0).notes()));
    assertTrue(notes.startsWith("Observed data, before imputation (missing values: bmi 9, hyp 8, chl 10); the models"
        + " use the 5 imputed data sets.") && notes.contains("Missing values were imputed by chained equations (m = 5"),
        notes);
  }

  @Test
  void pooledWhenAskedAveragesTheCompletedDataSets() {
    ImputedGroupTable t = builder(NHANES).buildPooled(IMP);
    GroupTableRow bmi = t.table().entries().get(0);
    double mean = 0;
    double[] ps = new double[5];
    for (int k = 0; k < 5; k++) {
      Frame f = IMP.completed().get(k);
      mean += java.util.Arrays.stream(f.values("bmi")).average().orElseThrow() / 5;
      ps[k] = builder(f).build().entries().get(0).p();
    }
    assertEquals(0, bmi.missing());
    assertEquals(25, bmi.overall().n());
    assertEquals(mean, bmi.overall().first(), 1e-12);
    java.util.Arrays.sort(ps);
    assertEquals(ps[2], bmi.p(), 0);
    GroupTableRow hypNo = t.table().entries().stream().filter(r -> r.variable().equals("hyp") && r.level().equals("no"))
        .findFirst().orElseThrow();
    assertEquals(hypNo.overall().first(), Math.rint(hypNo.overall().first()));
    String notes = TableValue.plainText(String.join(" ", t.display().get(0).notes()));
    assertTrue(notes.startsWith("Pooled over the 5 imputed data sets") && notes.contains("median P rule")
        && notes.contains("Missing values in the observed data: bmi 9, hyp 8, chl 10."), notes);
  }

  @Test
  void anImputationOfAnotherFrameIsAnError() {
    Frame half = NHANES.where(firstRows(10));
    assertThrows(StudybookException.class, () -> builder(half).build(IMP));
  }

  private static tech.tablesaw.selection.Selection firstRows(int k) {
    tech.tablesaw.selection.BitmapBackedSelection s = new tech.tablesaw.selection.BitmapBackedSelection();
    for (int r = 0; r < k; r++) {
      s.add(r);
    }
    return s;
  }
}
