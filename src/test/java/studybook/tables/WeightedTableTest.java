package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.AdhocLoader;
import studybook.data.DataException;
import studybook.data.Frame;
import studybook.tables.HazardRatioTable.CoxOutcome;

/** Bad weights in a cell are one error naming the column and the row; zero weights leave rows out and say so. */
class WeightedTableTest {
  static Frame frame(Path dir, String w3) throws Exception {
    StringBuilder csv = new StringBuilder("time,status,x,w,g\n");
    double[] t = {5, 8, 3, 9, 12, 4, 7, 15, 2, 11, 6, 10};
    for (int i = 0; i < t.length; i++) {
      String w = i == 2 ? w3 : Double.toString(0.5 + (i % 4) * 0.25);
      csv.append(t[i]).append(',').append(i % 3 == 0 ? 0 : 1).append(',').append(i % 2 == 0 ? "a" : "b").append(',')
          .append(w).append(',').append("c" + (i % 4)).append('\n');
    }
    Path f = dir.resolve("d.csv");
    Files.writeString(f, csv);
    return AdhocLoader.load(f, Set.of(), Map.of());
  }

  @Test
  void aNegativeWeightIsAnErrorAtItsRow(@TempDir Path dir) throws Exception {
    DataException e = assertThrows(DataException.class, () -> WeightedModel.of(frame(dir, "-1")).weights("w")
        .cox("t", CoxOutcome.of("time", "status"), List.of("x")));
    assertEquals("w", e.first().column());
    assertEquals(4, e.first().line());
    assertTrue(e.first().message().contains("at least 0"), e.first().message());
  }

  @Test
  void aMissingWeightIsAnErrorAtItsRow(@TempDir Path dir) throws Exception {
    DataException e = assertThrows(DataException.class, () -> WeightedModel.of(frame(dir, "")).weights("w")
        .logistic("t", "x", "b", List.of("time")));
    assertEquals("w", e.first().column());
    assertEquals(4, e.first().line());
    assertTrue(e.first().message().contains("missing"), e.first().message());
  }

  @Test
  void aZeroWeightLeavesTheRowOutAndTheFootnoteSaysSo(@TempDir Path dir) throws Exception {
    WeightedTable t = WeightedModel.of(frame(dir, "0")).weights("w").cluster("g")
        .cox("t", CoxOutcome.of("time", "status"), List.of("x"));
    assertEquals(11, t.n());
    assertEquals(1, t.zeroWeight());
    assertEquals(4, t.clusters());
    String notes = TableValue.plainText(String.join(" ", t.display().get(0).notes()));
    assertTrue(notes.contains("1 of weight 0 left out") && notes.contains("cluster-robust variance by g (4 clusters)")
        && notes.contains("cluster = g"), notes);
  }

  @Test
  void theMethodsParagraphSaysWhatWasDone() {
    Frame lalonde = AdhocLoader.load(Path.of("src/test/resources/reference/weighted/lalonde_w.csv"), Set.of(),
        Map.of());
    Propensity.Fit matched = Propensity.of(lalonde).treatment("treat", "1").covariates("age", "educ", "race")
        .matching(2).caliper(0.2).fit();
    WeightedTable t = WeightedModel.of(matched).logistic("t", "earned", "yes", List.of("treat"));
    String text = t.methodsParagraph();
    // estimand, matching ratio and caliper, the model, the variance estimator (clustered by matched set)
    assertTrue(text.contains("average treatment effect in the treated") && text.contains("the 2 nearest controls")
        && text.contains("caliper of 0.2 standard deviations") && text.contains("cluster-robust variance by subclass")
        && text.contains("glm(earned == \"yes\" ~ treat, family = quasibinomial, weights = weight)"), text);
    Propensity.Fit weighted = Propensity.of(lalonde).treatment("treat", "1").covariates("age", "educ", "race")
        .stabilized().trimmed(0.99).fit();
    String w = WeightedModel.of(weighted).linear("t", "re78", List.of("treat")).methodsParagraph();
    assertTrue(w.contains("stabilized inverse-probability weights") && w.contains("as WeightIt::trim(w, at = 0.99)")
        && w.contains("robust (sandwich) variance HC3"), w);
  }
}
