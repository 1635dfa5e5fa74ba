package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * The logistic table's footnotes say, only when they apply, which terms are aliased, that the data are
 * separated, and how many patients the multivariable model left out: every study gets them, no template needed.
 */
class RegressionTableNotesTest {
  @TempDir Path dir;

  private static List<String> notes(RegressionTable t) {
    // As printed: each count the note marks (TableValue.countInText) as its number.
    return t.display().get(0).notes().stream().map(TableValue::plainText).toList();
  }

  private Frame load(String csv) throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, csv);
    return AdhocLoader.load(f, Set.of(), Map.of("y", List.of("no", "yes"), "x", List.of("a", "b")));
  }

  @Test
  void aliasedTermsAreNamed() {
    // c = a + b (reference/logistic_aliased): R's glm reports c as NA
    Frame f = AdhocLoader.load(Path.of("src/test/resources/reference/logistic_aliased/collinear.csv"), Set.of(),
        Map.of());
    RegressionTable t = RegressionTable.of("t", f, null, "yb", "yes", List.of("a"), List.of("a", "b", "c"));
    assertEquals(List.of("c"), t.multivariable().aliased());
    assertTrue(notes(t).contains("Aliased (collinear) terms, not estimable and shown as NA (as R reports them): c."),
        notes(t).toString());
    assertFalse(String.join(" ", notes(t)).contains("separated"), notes(t).toString());
    assertFalse(String.join(" ", notes(t)).contains("left out"), notes(t).toString());
  }

  @Test
  void separationAndExcludedPatientsAreSaid() throws IOException {
    // x = b always has the event: quasi-complete separation; two rows miss size
    Frame f = load("y,x,size\nyes,b,3\nyes,b,5\nyes,b,4\nno,a,2\nno,a,6\nyes,a,1\nno,a,7\nyes,b,\nno,a,\nyes,a,8\n"
        + "no,a,3\nyes,b,2\n");
    RegressionTable t = RegressionTable.of("t", f, null, "y", "yes", List.of("x"), List.of("x", "size"));
    String all = String.join(" ", notes(t));
    assertTrue(t.multivariable().separation(), all);
    assertTrue(all.contains("Separation (complete or quasi-complete) in the univariable model of x and the multivariable "
        + "model: the maximum-likelihood odds ratios do not exist there"), all);
    assertTrue(all.contains("x: b vs a (5 patients, all events)"), all);
    assertTrue(notes(t).contains("2 patients with a missing value were left out of the multivariable model."), all);
    assertFalse(all.contains("Aliased"), all);
  }

  /**
   * MASS::birthwt as `studybook new` read it (ptl and ftv categorical): ptl = 3 is one birth without low
   * weight. glm prints its odds ratio as 1.8e-7 (0 to Inf), p 0.99; the table must say separation in the
   * univariable and multivariable models, name the level, show no ML number for it, and point to Firth.
   */
  @Test
  void aLevelWithoutEventsIsFlaggedInEveryModelAndInTheJson() {
    Frame f = AdhocLoader.load(Path.of("src/test/resources/reference/logistic/birthwt.csv"), Set.of(),
        Map.of("race", List.of("1", "2", "3"), "ptl", List.of("0", "1", "2", "3"),
            "ftv", List.of("0", "1", "2", "3", "4", "6")));
    RegressionTable t = RegressionTable.of("t", f, null, "low", "1", List.of("age", "ptl"),
        List.of("age", "lwt", "ptl", "ftv"));
    assertTrue(t.univariable().get(1).separation(), "univariable ptl");
    assertFalse(t.univariable().get(0).separation(), "univariable age");
    assertTrue(t.multivariable().separation(), "multivariable");
    assertEquals(List.of(new SeparatedLevel("ptl=3", 1, 0), new SeparatedLevel("ftv=6", 1, 0)),
        t.multivariable().separatedLevels());
    String all = String.join(" ", notes(t));
    assertTrue(all.contains("Separation (complete or quasi-complete) in the univariable model of ptl and the "
        + "multivariable model"), all);
    assertTrue(all.contains("ptl: 3 vs 0 (1 patient, no events); ftv: 6 vs 0 (1 patient, no events)"), all);
    assertTrue(all.contains("Firth's penalized likelihood (as logistf) gives finite estimates"), all);
    TableModel shown = t.display().get(0);
    TableModel.Row ptl3 = shown.rows().stream().filter(r -> r.label().equals("ptl: 3 vs 0")).findFirst().orElseThrow();
    assertEquals(TableValue.text("not estimable (separation)"), ptl3.cells().get(0), "univariable ML");
    assertEquals(TableValue.text("not estimable (separation)"), ptl3.cells().get(3), "multivariable ML");
    assertTrue(ptl3.cells().get(6) instanceof TableValue.Ratio, "Firth's finite estimate stays");
    com.fasterxml.jackson.databind.JsonNode json = studybook.kernel.ResultJson.published(t);
    assertTrue(json.get("multivariable").get("separation").asBoolean(), json.toString());
    assertEquals("ptl=3", json.get("multivariable").get("separatedLevels").get(0).get("term").asText());
    assertTrue(json.get("univariable").get(1).get("separation").asBoolean());
  }
}
