package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studybook.data.AdhocLoader;
import studybook.data.DataException;
import studybook.data.Frame;
import studybook.report.figures.ForestPlot;
import studybook.tables.HazardRatioTable.CoxOutcome;

/**
 * The subgroup table against R: every src/test/resources/reference/subgroups/<case>.json written by
 * src/test/r/subgroups.R (effect per level, Wald limits, and anova(fit0, fit1) for the interaction), 1e-6 relative.
 */
class SubgroupTableTest {
  static final Path DIR = Path.of("src/test/resources/reference/subgroups");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList().stream();
    }
  }

  static SubgroupTable build(JsonNode a) {
    Set<String> factors = new HashSet<>();
    a.get("factors").forEach(f -> factors.add(f.asText()));
    Frame data = AdhocLoader.load(Path.of("src/test/resources/reference/cox").resolve(a.get("data").asText()), factors,
        Map.of());
    List<String> adjust = new ArrayList<>();
    a.get("adjust").forEach(x -> adjust.add(x.asText()));
    List<String> subgroups = new ArrayList<>();
    a.get("subgroups").forEach(x -> subgroups.add(x.asText()));
    String exposure = a.get("exposure").asText();
    return a.get("kind").asText().equals("cox")
        ? SubgroupTable.cox("subgroups", data, null, CoxOutcome.of(a.get("time").asText(), a.get("outcome").asText()),
            exposure, adjust, subgroups)
        : SubgroupTable.logistic("subgroups", data, null, a.get("outcome").asText(), a.get("event").asText(), exposure,
            adjust, subgroups);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesR(String file) throws IOException {
    JsonNode ref = new ObjectMapper().readTree(DIR.resolve(file).toFile());
    SubgroupTable t = build(ref.get("args"));
    JsonNode e = ref.get("expected");
    effect(file + " overall", e.get("overall"), t.overall());
    assertEquals(e.get("groups").size(), t.groups().size());
    for (int g = 0; g < t.groups().size(); g++) {
      JsonNode eg = e.get("groups").get(g);
      SubgroupTable.Subgroup sg = t.groups().get(g);
      assertEquals(eg.get("variable").asText(), sg.variable());
      assertEquals(eg.get("levels").size(), sg.levels().size());
      for (int l = 0; l < sg.levels().size(); l++) {
        effect(file + " " + sg.variable() + "[" + l + "]", eg.get("levels").get(l), sg.levels().get(l));
      }
      close(file + " interaction chisq", eg.get("interaction_chisq").asDouble(), sg.interactionChisq());
      assertEquals(eg.get("interaction_df").asInt(), sg.interactionDf());
      close(file + " interaction p", eg.get("interaction_p").asDouble(), sg.interactionP());
    }
  }

  private static void effect(String what, JsonNode e, SubgroupTable.Effect a) {
    assertEquals(e.get("label").asText(), a.label(), what);
    assertEquals(e.get("n").asInt(), a.n(), what + " n");
    assertEquals(e.get("events").asInt(), a.events(), what + " events");
    close(what + " estimate", e.get("estimate").asDouble(), a.estimate());
    close(what + " se", e.get("se").asDouble(), a.se());
    close(what + " ratio", e.get("ratio").asDouble(), a.ratio());
    close(what + " ci_low", e.get("ci_low").asDouble(), a.ciLow());
    close(what + " ci_high", e.get("ci_high").asDouble(), a.ciHigh());
    close(what + " p", e.get("p").asDouble(), a.p());
  }

  private static void close(String what, double expected, double actual) {
    assertEquals(expected, actual, Math.max(1e-6 * Math.abs(expected), 1e-12), what);
  }

  @Test
  void forestPlotHasTheOverallRowThenEveryLevel() throws IOException {
    JsonNode ref = new ObjectMapper().readTree(DIR.resolve("veteran-trt.json").toFile());
    SubgroupTable t = build(ref.get("args"));
    ForestPlot plot = t.forest("Treatment by subgroup");
    assertEquals(1 + 4 + 2, plot.rows().size());
    assertEquals("All patients", plot.rows().get(0).term());
    assertTrue(plot.rows().get(1).term().startsWith("celltype: adeno (P interaction "), plot.rows().get(1).term());
    assertEquals(ForestPlot.Ratio.HAZARD, plot.ratio());
    TableModel m = t.display().get(0);
    assertEquals(1 + (1 + 4) + (1 + 2), m.rows().size());
    assertTrue(m.notes().get(0).contains("anova(fit0, fit1)"), m.notes().get(0));
  }

  @Test
  void anExposureWithThreeLevelsIsAnError() {
    Frame data = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of("trt", "prior"),
        Map.of());
    DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
        () -> SubgroupTable.cox("s", data, null, CoxOutcome.of("time", "status"), "celltype", List.of(),
            List.of("prior")));
    assertTrue(e.getMessage().contains("celltype") && e.getMessage().contains("one coefficient"), e.getMessage());
  }

  @Test
  void aNumericSubgroupVariableIsAnError() {
    Frame data = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of("trt"), Map.of());
    DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
        () -> SubgroupTable.cox("s", data, null, CoxOutcome.of("time", "status"), "trt", List.of(), List.of("karno")));
    assertTrue(e.getMessage().contains("karno") && e.getMessage().contains("categorical"), e.getMessage());
  }

  @Test
  void withoutACodebookArgumentTheFramesOwnLabelsTheSubgroups() {
    Frame data = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of("trt", "prior"),
        Map.of()).withVariable(studybook.data.CodebookVariable.categorical("prior").withLabel("Prior therapy"));
    SubgroupTable t = SubgroupTable.cox("s", data, CoxOutcome.of("time", "status"), "trt", List.of(), List.of("prior"));
    assertEquals("Prior therapy", t.groups().get(0).label(), t.toString());
    // the same as the frame's codebook given explicitly; raw names only for a codebook that lacks the column
    assertEquals(t.groups().get(0).label(), SubgroupTable.cox("s", data, data.codebook(),
        CoxOutcome.of("time", "status"), "trt", List.of(), List.of("prior")).groups().get(0).label());
  }
}
