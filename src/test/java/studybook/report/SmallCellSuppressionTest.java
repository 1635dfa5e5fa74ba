package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.report.SmallCellSuppression.HandCell;
import studybook.report.SmallCellSuppression.MaskedCell;
import studybook.report.SmallCellSuppression.Reason;

class SmallCellSuppressionTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @TempDir Path tmp;

  private static String cell(MaskedCell m) {
    return m.row() + "/" + m.column() + ":" + m.reason();
  }

  private static HandCell n(long count) {
    return HandCell.count(count);
  }

  private static final HandCell LABEL = HandCell.OTHER;

  @Test
  void smallCountsTheirPercentagesAndOneComplementPerLineWithATotal() {
    // The typed cells of a hand-laid table: counts as fmt.count/fmt.countPct printed them.
    List<String> headers = List.of("Grade", "Endoscopic", "Surgical", "Total");
    List<String> labels = List.of("G1", "G2", "G3", "Total");
    List<List<HandCell>> rows = List.of(
        List.of(LABEL, n(40), n(3), n(43)),
        List.of(LABEL, n(8), n(25), n(33)),
        List.of(LABEL, n(2), n(2), n(4)),
        List.of(LABEL, n(50), n(30), n(80)));
    SmallCellSuppression.Result r = new SmallCellSuppression(5).apply("Table 2", headers, labels, rows);
    // G1: 3 is small; with the row total 43 shown, 40 must go too or 3 = 43 - 40.
    // Total column: 4 is small; 43 and 80 shown, so 33 goes (the smallest other non-zero count).
    // G3 and the Surgical column already hold two masked counts each: nothing more to add.
    assertEquals(List.of("G1/Endoscopic:COMPLEMENTARY", "G1/Surgical:SMALL_COUNT", "G2/Total:COMPLEMENTARY",
        "G3/Endoscopic:SMALL_COUNT", "G3/Surgical:SMALL_COUNT", "G3/Total:SMALL_COUNT"),
        r.masked().stream().map(SmallCellSuppressionTest::cell).toList());
    assertEquals(List.of(40L, 3L, 33L, 2L, 2L, 4L), r.values());
    assertEquals("Table 2", r.masked().get(0).table());
  }

  @Test
  void aCountMaskedWherePrintedTakesPartAndIsNotListedAsAValue() {
    List<String> headers = List.of("Group", "Deaths");
    SmallCellSuppression.Result r = new SmallCellSuppression(5).apply("t", headers, List.of("All", "Y", "X"),
        List.of(List.of(LABEL, n(20)), List.of(LABEL, HandCell.MASKED), List.of(LABEL, n(17))));
    assertEquals(List.of("Y/Deaths:AS_PRINTED", "X/Deaths:COMPLEMENTARY"),
        r.masked().stream().map(SmallCellSuppressionTest::cell).toList());
    assertEquals(List.of(17L), r.values(), "the complement's value is learnt, the one masked where printed is not");
  }

  @Test
  void aPercentageColumnBesideAMaskedCountGoesWithItZeroAndLabelsStay() {
    List<String> headers = List.of("Group", "n", "%", "p");
    List<String> labels = List.of("3", "B", "C");
    // The label "3" is the row's name, never a count; a p-value is one number, but no count.
    List<List<HandCell>> rows = List.of(
        List.of(LABEL, n(3), HandCell.NUMBER, HandCell.NUMBER),
        List.of(LABEL, n(0), HandCell.NUMBER, HandCell.NUMBER),
        List.of(LABEL, n(21), HandCell.NUMBER, HandCell.OTHER));
    SmallCellSuppression.Result r = new SmallCellSuppression(5).apply("table 1", headers, labels, rows);
    assertEquals(List.of("3/n:SMALL_COUNT", "3/%:PERCENTAGE"),
        r.masked().stream().map(SmallCellSuppressionTest::cell).toList());
  }

  @Test
  void aTotalIsALabelStartingWithTheWordNotWithTheLetters() {
    assertTrue(SmallCellSuppression.startsWithWord("Total (n = 80)", List.of("total")));
    assertTrue(SmallCellSuppression.startsWithWord("ALL", List.of("all")));
    assertTrue(SmallCellSuppression.startsWithWord("N", List.of("n")));
    assertFalse(SmallCellSuppression.startsWithWord("Allocated", List.of("all")));
    assertFalse(SmallCellSuppression.startsWithWord("No event", List.of("n")));
    assertFalse(SmallCellSuppression.startsWithWord("Totals_2", List.of("total")));
  }

  @Test
  void thresholdBelowTwoIsAUserError() {
    assertThrows(StudybookException.class, () -> new SmallCellSuppression(1));
  }

  @Test
  void theRunMasksTablesInEveryFormatAndListsTheCellsInTheManifest() throws IOException {
    Path study = MiniStudy.copy(tmp);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().with(CacheMode.USE).quiet());
    Path reports = ReportWriter.write(run, Path.of("reports"), QUIET, Optional.of(new SmallCellSuppression(2)));
    String md = Files.readString(reports.resolve("report.md"));
    assertEquals(true, md.contains("| endoscopic | 6 | \\[c\\] |"), md);
    assertEquals(true, md.contains("| surgical | 6 | 3 (50.0%) |"), md);
    assertEquals(List.of("[c]"), Jsoup.parse(Files.readString(reports.resolve("report.html")))
        .select("td").eachText().stream().filter(t -> t.startsWith("[")).toList());
    try (InputStream in = Files.newInputStream(reports.resolve("report.docx")); XWPFDocument doc = new XWPFDocument(in)) {
      assertEquals("[c]", doc.getTables().get(0).getRow(1).getCell(2).getText());
    }
    JsonNode sup = new ObjectMapper().readTree(reports.resolve("manifest.json").toFile()).path("suppression");
    assertEquals(2, sup.path("threshold").asInt());
    // The table's one cell, then the flow figure's boxes: endoscopic's 1 event, and its "No event" (6 - 5 = 1).
    assertEquals(3, sup.path("masked").size(), sup.toString());
    assertEquals(List.of("figure flow/Event/small_count", "figure flow/No event/complementary"), List.of(
        sup.path("masked").get(1), sup.path("masked").get(2)).stream().map(x -> x.path("table").asText() + "/"
        + x.path("row").asText() + "/" + x.path("reason").asText()).toList());
    JsonNode m = sup.path("masked").get(0);
    assertEquals(Map.of("table", "Table 1. Events by treatment group", "row", "endoscopic", "column", "Events",
        "reason", "as_printed"), new ObjectMapper().convertValue(m, Map.class));
    // The template printed the 1 through fmt.countPct, which masks it where it is printed, text included.
    assertEquals(true, md.contains("(\\[c\\] without a recorded age)"), md);

    Map<String, String> first = MiniStudy.snapshot(reports);
    ReportWriter.write(run, Path.of("reports"), QUIET, Optional.of(new SmallCellSuppression(2)));
    Map<String, String> second = MiniStudy.snapshot(reports);
    first.remove("manifest.json");
    second.remove("manifest.json");
    assertEquals(first, second, "same bytes on a second run");
  }
}
