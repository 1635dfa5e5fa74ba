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
    assertTrue(all.contains("The multivariable data are separated: maximum-likelihood estimates do not exist"), all);
    assertTrue(notes(t).contains("2 patients with a missing value were left out of the multivariable model."), all);
    assertFalse(all.contains("Aliased"), all);
  }
}
