package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template-free competing-risks example (src/test/resources/studies/competing, survival::mgus2): its
 * report shows the cell's CumulativeIncidenceTable as a table, with the group, its levels and the event
 * named by the codebook (issue 23), and every number is cmprsk::cuminc's (src/test/r/competing_study.R).
 */
class CompetingStudyTest {
  static final Path SOURCE = Path.of("src/test/resources/studies/competing");
  @TempDir static Path dir;
  static Path study;
  static CliRun run;

  @BeforeAll
  static void runTheStudy() throws Exception {
    study = dir.resolve("competing");
    studybook.kernel.MiniStudy.copyTree(SOURCE, study);
    run = CliRun.of("run", "--study", study.toString(), "--quiet");
  }

  @Test
  void theReportShowsTheIncidenceTableWithTheCodebooksNames() throws Exception {
    assertEquals(0, run.code(), run.err());
    String md = Files.readString(study.resolve("reports/report.md"));
    assertTrue(md.contains("## Table 1. Cumulative incidence of a plasma-cell malignancy by sex, at 5, 10 and 20 years"),
        md);
    assertTrue(md.contains("| Sex | N | Plasma-cell malignancy | Death (competing) | At 60 months | 95% CI |"), md);
    assertTrue(md.contains("| Female | 631 | 59 | 370 | 4.0% | 2.6–5.7 | 7.4% | 5.5–9.7 | 10.5% | 7.9–13.5 | 0.274ᵃ |"),
        md);
    assertTrue(md.contains("| Male | 753 | 56 | 490 |"), md);
    assertTrue(md.contains("ᵃ Gray's test"), md);
    assertTrue(md.contains("with Death as a competing event;"), "the note names the competing event: " + md);
    assertTrue(!md.contains("| F |") && !md.contains("pcm"), "raw codes, not the codebook's names: " + md);
  }

  @Test
  void itsNumbersAreCmprsks() throws Exception {
    assertEquals(0, run.code(), run.err());
    Map<String, Double> want = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/reference/competing/cif.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",");
      want.put(c[0], Double.parseDouble(c[1]));
    }
    JsonNode t = new ObjectMapper().readTree(study.resolve("reports/results.json").toFile()).get("progression");
    assertEquals(2, t.get("groups").size());
    for (JsonNode g : t.get("groups")) {
      String level = g.get("level").asText();
      ObservationalStudyTest.close(want.get(level + "_n"), g.get("n").asDouble(), level + " n");
      ObservationalStudyTest.close(want.get(level + "_events"), g.get("events").asDouble(), level + " events");
      ObservationalStudyTest.close(want.get(level + "_competing"), g.get("competingEvents").asDouble(),
          level + " competing");
      assertEquals(3, g.get("at").size());
      for (JsonNode at : g.get("at")) {
        String time = Long.toString(Math.round(at.get("time").asDouble()));
        for (String field : List.of("incidence", "se", "lower", "upper")) {
          ObservationalStudyTest.close(want.get(level + "_" + field + "_" + time), at.get(field).asDouble(),
              level + " " + field + " at " + time);
        }
      }
    }
    ObservationalStudyTest.close(want.get("gray_stat"), t.at("/gray/chisq").asDouble(), "Gray's statistic");
    ObservationalStudyTest.close(want.get("gray_p"), t.at("/gray/p").asDouble(), "Gray's p");
  }
}
