package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import studybook.kernel.ResultJson;

/**
 * A Cox model with a level in which nobody had the event has no hazard ratio for it (monotone
 * likelihood): every model holding it says so in its cells, its footnote (naming Firth's penalized
 * partial likelihood) and results.json, whatever coxph's own divergence heuristic concludes.
 */
class HazardRatioSeparationTest {
  @TempDir Path dir;

  private Frame data() throws IOException {
    StringBuilder csv = new StringBuilder("time,status,group,age\n");
    String[] groups = {"A", "B", "C"};
    for (int i = 0; i < 36; i++) {
      String g = groups[i % 3];
      int status = g.equals("C") ? 0 : (i % 4 == 0 ? 0 : 1);
      csv.append(5 + (i * 7) % 31).append(',').append(status).append(',').append(g).append(',')
          .append(40 + (i * 13) % 37).append('\n');
    }
    Path f = dir.resolve("c.csv");
    Files.writeString(f, csv);
    return AdhocLoader.load(f, Set.of(), Map.of("group", List.of("A", "B", "C")));
  }

  @Test
  void aLevelWithoutEventsIsNotEstimatedAndSaid() throws IOException {
    HazardRatioTable t = HazardRatioTable.of("t", data(), null, HazardRatioTable.CoxOutcome.of("time", "status"),
        List.of("group", "age"), List.of("group", "age"));
    assertTrue(t.multivariable().separation());
    assertTrue(t.univariable().get(0).separation());
    assertEquals(List.of(new SeparatedLevel("group=C", 12, 0)), t.multivariable().separatedLevels());
    TableModel shown = t.display().get(0);
    TableModel.Row c = shown.rows().stream().filter(r -> r.label().equals("group: C vs A")).findFirst().orElseThrow();
    assertEquals(TableValue.text("not estimable (no events in this level)"), c.cells().get(0));
    assertEquals(TableValue.text("not estimable (no events in this level)"), c.cells().get(3));
    String notes = String.join(" ", shown.notes());
    assertTrue(notes.contains("Monotone likelihood (separation) in a univariable model and the multivariable model: "
        + "the hazard ratio of group: C vs A (12 patients, no events) does not exist"), notes);
    assertTrue(notes.contains("Firth's penalized partial likelihood (as R's coxphf)"), notes);
    JsonNode json = ResultJson.published(t);
    assertTrue(json.get("multivariable").get("separation").asBoolean(), json.toString());
    assertEquals(12, json.get("multivariable").get("separatedLevels").get(0).get("patients").asInt());
    // the age model alone is fine: no note about it, no flag
    assertTrue(!t.univariable().get(1).separation());
  }

  @Test
  void noNoteWhenEveryEstimateExists() throws IOException {
    HazardRatioTable t = HazardRatioTable.of("t", data(), null, HazardRatioTable.CoxOutcome.of("time", "status"),
        List.of("age"), List.of("age"));
    assertNull(t.separationNote());
  }
}
