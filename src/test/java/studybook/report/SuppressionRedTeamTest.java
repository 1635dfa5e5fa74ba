package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team's suppression defects of issue 20, one test each, on the study that has them
 * ({@link SmallCellSuppressionFolderTest#leakyStudy}, K = 5) and on the rectal NET study. Each
 * failed before its fix; the folder-wide attacker checks that nothing else gives the counts away.
 */
class SuppressionRedTeamTest {
  private static final int K = 5;
  private static final String MASK_MD = "\\[c\\]";

  @TempDir static Path shared;
  private static Path leaky;

  /** The leaky study rendered at K = 5, once for the class. */
  private static synchronized Path leaky() throws IOException {
    if (leaky == null) {
      Path study = SmallCellSuppressionFolderTest.leakyStudy(shared);
      leaky = SmallCellSuppressionFolderTest.render(study, Optional.of(new SmallCellSuppression(K)), shared);
    }
    return leaky;
  }

  private static String markdown() throws IOException {
    return Files.readString(leaky().resolve("report.md"));
  }

  @Test
  void countsInTheToolsOwnSentencesAreMaskedWhenSmall() throws IOException {
    String md = markdown();
    assertTrue(md.contains("(" + MASK_MD + " events among 80 patients"), md);
    assertTrue(md.contains("80 patients, " + MASK_MD + " events."), md);
    assertTrue(md.contains("(" + MASK_MD + " missing; % of known values)"), md);
    assertFalse(md.contains("4 events") || md.contains("(3 missing"), md);
    // The manifest lists them with the table cells (where, never the value).
    String manifest = Files.readString(leaky().resolve("manifest.json"));
    assertTrue(manifest.contains("\"row\" : \"note 1\""), manifest);
  }

  @Test
  void aFlowBoxIsNotGivenBackBySubtraction() throws IOException {
    String svg = Files.readString(leaky().resolve("figures/flow.svg"));
    // Site Y (6) splits into Died (1) and Alive (5): with the 1 masked, 6 or 5 must go too.
    List<String> counts = SmallCellSuppressionFolderTest.Folder.read(leaky()).flowBoxes.values().stream().toList();
    assertEquals(5, counts.size(), svg);
    assertTrue(svg.contains(">n = [c]</text>"), svg);
    var boxes = SmallCellSuppressionFolderTest.Folder.read(leaky()).flowBoxes;
    assertEquals("[c]", boxes.get("Died"), boxes.toString());
    assertTrue(boxes.get("Alive").equals("[c]") || boxes.get("Site Y").equals("[c]"), boxes.toString());
    String manifest = Files.readString(leaky().resolve("manifest.json"));
    assertTrue(manifest.contains("\"table\" : \"figure flow\"") && manifest.contains("\"row\" : \"Died\""), manifest);
  }

  @Test
  void percentagesOfKnownValuesDoNotGiveTheMissingCountBack() throws IOException {
    // 39 (50.6%) and 38 (49.4%) of the 77 known values: either one pins 77, and 80 - 77 = 3.
    String md = markdown();
    String sex = md.substring(md.indexOf("| **Sex**"), md.indexOf("ᵃ Pearson"));
    assertFalse(sex.matches("(?s).*\\d+ \\(\\d+\\.\\d%\\).*"), "a percentage of the known values is shown: " + sex);
    assertEquals(null, SmallCellSuppressionFolderTest.denominator("[c]"));
    assertEquals(77L, SmallCellSuppressionFolderTest.denominator("39 (50.6%)"));
  }

  @Test
  void theReproducibilityTableShowsNoWindowOrPublishedValueBesideAMaskedCount() throws IOException {
    String md = markdown();
    assertTrue(md.contains("| Four patients died | " + MASK_MD + " | " + MASK_MD + " | " + MASK_MD + " | reproduced |"),
        md);
  }

  @Test
  void degreesOfFreedomAreNotCounts() throws IOException {
    String md = markdown();
    assertTrue(md.contains("| Age, per year | 1.40 | 1 | 0.237ᵃ |"), md);
    assertTrue(md.contains("| Global | 1.40 | 1 | 0.237ᵃ |"), md);
  }

  /**
   * The rectal study at K = 5 masks Table 2's 61 (beside its 4); Table 1 shows 61 non-curative
   * patients treated by conventional EMR, and the text repeats that 61. Masking the text's 61 for its
   * value told a reader that a masked Table 2 cell is 61 (and so the 4); it is shown now.
   */
  @Test
  void aCountIsNeverMaskedForSharingAShownCountsValue() throws IOException {
    Path study = shared.resolve("rectal");
    for (String part : List.of("analysis", "data", "templates", "study.properties")) {
      studybook.kernel.MiniStudy.copyTree(Path.of(part), study.resolve(part));
    }
    Path out = SmallCellSuppressionFolderTest.render(study, Optional.of(new SmallCellSuppression(K)), shared);
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| Forceps biopsy | 65 (45.8%) | " + MASK_MD + " | " + MASK_MD + " |  |"), md);
    assertTrue(md.contains("| Conventional EMR | 114 (35.4%) | 53 (29.4%) | 61 (43.0%) |  |"), md);
    assertTrue(md.contains("- Conventional EMR (vs modified EMR or ESD): 61 (43.0%) of non-curative vs"), md);
  }

  /**
   * A group of 3 patients: its size in the header is a small count as well, and it is not 43 - 40
   * either; what must go for that goes (table cells first, other headers last).
   */
  @Test
  void aSmallGroupsSizeInTheHeaderIsMaskedAndNotGivenBack() {
    List<studybook.tables.TableModel.Column> columns = List.of(studybook.tables.TableModel.Column.label("Characteristic"),
        studybook.tables.TableModel.Column.group("Overall", 43), studybook.tables.TableModel.Column.group("A", 40),
        studybook.tables.TableModel.Column.group("B", 3));
    List<studybook.tables.TableModel.Row> rows = List.of(
        new studybook.tables.TableModel.Row(studybook.tables.TableModel.RowKind.HEADING, "Sex", ", n (%)", "sex",
            List.of(new studybook.tables.TableValue.Empty(), new studybook.tables.TableValue.Empty(),
                new studybook.tables.TableValue.Empty())),
        level("Female", 20, 18, 2), level("Male", 23, 22, 1));
    studybook.tables.TableModel model = new studybook.tables.TableModel("t", "", columns, rows, List.of(), List.of());
    SmallCellSuppression.ModelResult r = new SmallCellSuppression(K).apply(model);
    assertEquals("B (n = [c])", r.model().columns().get(3).header(), r.masked().toString());
    assertEquals(-1, r.model().columns().get(3).n());
    // 43 - 40 would give it back: one of the other sizes goes too.
    assertTrue(r.model().columns().get(1).n() < 0 || r.model().columns().get(2).n() < 0, r.model().columns().toString());
  }

  /**
   * A note's count ("6 events in arm A") may be a table's count the note does not name: when a count of
   * its value is masked and none is shown, it is masked too; one whose value a shown number has stays
   * shown (masking it would say which masked cell it equals).
   */
  @Test
  void aNotesCountWithAMaskedCountsValueIsMaskedOnlyWhenNoShownCountHasIt() {
    List<studybook.tables.TableModel.Column> columns = List.of(studybook.tables.TableModel.Column.label("Characteristic"),
        studybook.tables.TableModel.Column.group("Overall", 20), studybook.tables.TableModel.Column.group("A", 10),
        studybook.tables.TableModel.Column.group("B", 10));
    List<studybook.tables.TableModel.Row> rows = List.of(
        new studybook.tables.TableModel.Row(studybook.tables.TableModel.RowKind.HEADING, "Event", ", n (%)", "event",
            List.of(new studybook.tables.TableValue.Empty(), new studybook.tables.TableValue.Empty(),
                new studybook.tables.TableValue.Empty())),
        level("Yes", 8, 6, 2), level("No", 12, 4, 8));
    studybook.tables.TableModel model = new studybook.tables.TableModel("t", "", columns, rows, List.of(),
        List.of(studybook.tables.TableValue.countInText(6) + " events in arm A, among "
            + studybook.tables.TableValue.countInText(20) + " patients."));
    SmallCellSuppression.ModelResult r = new SmallCellSuppression(K).apply(model);
    assertEquals(new studybook.tables.TableValue.Text("[c]"), r.model().rows().get(1).cells().get(1), r.masked().toString());
    String note = studybook.tables.TableValue.plainText(r.model().notes().get(0));
    // 6 is masked in the table (arm A's column needs it with the 4) and shown nowhere; 20 is shown (a size).
    assertEquals("[c] events in arm A, among 20 patients.", note);
  }

  private static studybook.tables.TableModel.Row level(String label, long... n) {
    List<studybook.tables.TableValue> cells = new java.util.ArrayList<>();
    for (long x : n) {
      cells.add(new studybook.tables.TableValue.Count(x, 100.0 * x / 43));
    }
    return new studybook.tables.TableModel.Row(studybook.tables.TableModel.RowKind.LEVEL, label, "", "sex", cells);
  }
}
