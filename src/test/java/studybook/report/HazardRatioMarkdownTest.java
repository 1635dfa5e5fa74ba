package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.data.AdhocLoader;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;
import studybook.tables.HazardRatioTable;
import studybook.tables.HazardRatioTable.CoxOutcome;

/** The hazard-ratio table in Markdown: numbers in the study's style, the PH sentence, and nothing false without events. */
class HazardRatioMarkdownTest {
  static final NumberStyle STYLE = NumberStyle.of(Map.of());

  @Test
  void noEventsSaysNotEstimableAndShowsNoNumber() {
    Codebook codebook = CodebookLoader.load(Path.of("data/codebook.csv"));
    Frame twin = StudyDataLoader.load(Path.of("data/rectal_net_twin.csv"), codebook);
    String md = HazardRatioMarkdown.of(HazardRatioTable.of("recurrence", twin, codebook,
        CoxOutcome.of("followup_months", "recurrence", "yes"), List.of("age", "tumor_size_mm"),
        List.of("age", "tumor_size_mm")), STYLE);
    assertTrue(md.startsWith("Not estimable (no events)"), md);
    assertFalse(md.contains("|"), md);
    assertFalse(md.matches("(?s).*\\d\\.\\d.*"), md);
  }

  @Test
  void failingTermGetsItsSentenceAndDivergedTermNoNumber() {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of(), Map.of());
    String md = HazardRatioMarkdown.of(HazardRatioTable.of("hr", vet, null, CoxOutcome.of("time", "status"),
        List.of("karno"), List.of("celltype", "karno")), STYLE);
    assertTrue(md.contains("**The hazard ratio of karno changes over follow-up"), md);
    Frame noEvents = AdhocLoader.load(Path.of("src/test/resources/reference/cox/noevents.csv"), Set.of(), Map.of());
    String diverged = HazardRatioMarkdown.of(HazardRatioTable.of("hr", noEvents, null, CoxOutcome.of("time", "status"),
        List.of("group"), List.of("group", "age")), STYLE);
    assertTrue(diverged.contains("| group=c | not estimable (diverged) |  |  | not estimable (diverged) |  |  |"), diverged);
    assertEquals(1, diverged.split("the estimate diverges", -1).length - 1, diverged);
  }
}
