package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.data.AdhocLoader;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.report.NumberStyle;
import studybook.report.TableRenderer;

/** The competing-risks table names groups and events by the frame's codebook labels, not raw values (issue 23, item 2). */
class CompetingRisksLabelsTest {
  @Test
  void groupsEventAndCompetingEventsReadAsTheCodebookLabelsThem() {
    Frame mgus = AdhocLoader.load(Path.of("src/test/resources/reference/cuminc/mgus2.csv"), Set.of(), Map.of());
    Frame labelled = mgus
        .withVariable(mgus.variable("sex").withLabel("Sex").withLevels(List.of("F", "M"), List.of("Female", "Male")))
        .withVariable(mgus.variable("status").withLabel("Status").withLevels(List.of("censored", "death", "pcm"),
            List.of("Censored", "Death", "Plasma-cell malignancy")));
    CompetingRisks cr = CompetingRisks.of(labelled, "etime", "status", "pcm", "censored", "sex");
    TableModel m = cr.display().get(0);
    assertEquals("Events (Plasma-cell malignancy)", m.columns().get(2).header());
    assertEquals(List.of("Sex", "Female", "Male"), m.rows().stream().map(TableModel.Row::label).toList());
    TableRenderer r = new TableRenderer(NumberStyle.of(Map.of()), false, Optional.empty());
    String md = r.markdown(r.render(m));
    assertTrue(md.contains("competing events: Death."), md);
    assertEquals("pcm", cr.eventValue(), "the raw value stays what the analysis compares");
    // without labels, the raw values as before
    TableModel raw = CompetingRisks.of(mgus, "etime", "status", "pcm", "censored", "sex").display().get(0);
    assertEquals("Events (pcm)", raw.columns().get(2).header());
    assertEquals(List.of("Groups", "F", "M"), raw.rows().stream().map(TableModel.Row::label).toList());
  }
}
