package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;
import studybook.data.AdhocLoader;
import studybook.report.NumberStyle;
import studybook.report.TableRenderer;

/**
 * Reference rows (gtsummary's "—" for a categorical variable's reference level) and per-table and
 * per-term decimals on odds- and hazard-ratio tables; both optional, off by default.
 */
class ReferenceRowsTest {
  private static final TableRenderer RENDER = new TableRenderer(NumberStyle.of(Map.of("style.or_decimals", "3")), false,
      Optional.empty());

  private static Frame nonCurative() {
    Codebook codebook = CodebookLoader.load(Path.of("data/codebook.csv"));
    Frame twin = StudyDataLoader.load(Path.of("data/rectal_net_twin.csv"), codebook);
    return twin;
  }

  private static String md(Displayable t) {
    return RENDER.markdown(RENDER.render(t.display().get(0)));
  }

  private static RegressionTable table3() {
    return RegressionTable.of("t", nonCurative(), null, "lvi", "positive",
        List.of("age", "sex", "tumor_size_mm", "er_method"), List.of("tumor_size_mm", "age", "er_method"));
  }

  @Test
  void oddsRatioTableWithReferenceRows() {
    RegressionTable t = table3();
    String plain = md(t);
    assertTrue(plain.matches("(?s).*\\| Sex: Female vs Male \\| \\d\\.\\d{3} \\| \\d\\.\\d{3}–\\d+\\.\\d{3} \\| .*"), plain);
    assertFalse(plain.contains("\u2014"), "off by default: " + plain);
    String ref = md(t.referenceRows());
    String female = plain.substring(plain.indexOf("| Sex: Female vs Male |") + "| Sex: Female vs Male |".length());
    female = female.substring(0, female.indexOf('\n'));
    assertTrue(ref.contains("| **Sex** |" + "  |".repeat(female.split("\\|", -1).length - 1) + "\n| Male | \u2014 |"), ref);
    assertTrue(ref.contains("| Female |" + female + "\n"), "the level's row keeps the numbers: " + ref);
    // a variable in the multivariable model: its reference row marks every model that holds it
    assertTrue(ref.contains("| Conventional EMR | \u2014 |  |  | \u2014 |  |  |"), ref);
    assertTrue(ref.contains("\n| Age, per year | 1."), "a continuous term stays one row: " + ref);
    assertTrue(ref.contains("\u2014, reference level."), ref);
    List<studybook.tables.TableModel.Row> rows = t.referenceRows().display().get(0).rows();
    assertEquals(TableModel.RowKind.HEADING, rows.stream().filter(r -> r.label().equals("Sex")).findFirst()
        .orElseThrow().kind());
    assertEquals(TableModel.RowKind.LEVEL, rows.stream().filter(r -> r.label().equals("Male")).findFirst()
        .orElseThrow().kind());
  }

  @Test
  void digitsPerTableAndPerTerm() {
    RegressionTable t = table3();
    String two = md(t.digits(2));
    assertTrue(two.matches("(?s).*\\| Sex: Female vs Male \\| \\d\\.\\d\\d \\| \\d\\.\\d\\d–\\d+\\.\\d\\d \\| .*"), two);
    String age = md(t.digits("age", 4));
    assertTrue(age.matches("(?s).*\\| Age, per year \\| \\d\\.\\d{4} \\| \\d\\.\\d{4}–\\d\\.\\d{4} \\| .*"), age);
    assertTrue(age.matches("(?s).*\\| Sex: Female vs Male \\| \\d\\.\\d{3} \\| .*"), "other terms keep the style's decimals: " + age);
    StudybookException e = assertThrows(StudybookException.class, () -> t.digits("agee", 2));
    assertTrue(e.getMessage().contains("no term 'agee'") && e.getMessage().contains("age"), e.getMessage());
  }

  @Test
  void hazardRatioTableWithReferenceRowsAndDigits() {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of(),
        Map.of("celltype", List.of("squamous", "smallcell", "adeno", "large")));
    HazardRatioTable t = HazardRatioTable.of("hr", vet, null, HazardRatioTable.CoxOutcome.of("time", "status"),
        List.of("celltype"), List.of("celltype", "karno"));
    String ref = md(t.referenceRows().digits(2));
    assertTrue(ref.contains("| **celltype** |"), ref);
    assertTrue(ref.contains("| squamous | \u2014 |  |  | \u2014 |  |  |"), ref);
    assertTrue(ref.matches("(?s).*\\| smallcell \\| \\d\\.\\d\\d \\| \\d\\.\\d\\d–\\d\\.\\d\\d \\|.*"), ref);
  }
}
