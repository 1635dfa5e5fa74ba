package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study cell fits Cox models and its template places the hazard-ratio table, the PH test and the forest plot. */
class CoxStudyTest {
  static final Path SOURCE = Path.of("src/test/resources/studies/cox");

  @Test
  void hazardRatioTableAndForestPlotInTheReport(@TempDir Path dir) throws IOException {
    Path study = dir.resolve("cox");
    studybook.kernel.MiniStudy.copyTree(SOURCE, study);
    CliRun run = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    String md = Files.readString(study.resolve("reports/report.md"));
    // reference/cox/veteran-celltype.json (levels ordered squamous first there; here adeno is the reference):
    // coxph(Surv(time, status) ~ celltype + karno + age, veteran): karno HR 0.9686 (0.9589 to 0.9784)
    assertTrue(md.contains("| karno | 0.97 | 0.96–0.98 | <0.001ᵃ | 0.97 | 0.96–0.98 | <0.001ᵃ |"), md);
    assertTrue(md.contains("survival::coxph(Surv(time, status) \\~ celltype + karno + age, ties = \"efron\")"), md);
    assertTrue(md.contains("The hazard ratio of karno changes over follow-up (its proportional-hazards test is significant at the 5% level"), md);
    String svg = Files.readString(study.resolve("reports/figures/hazardRatios.svg"));
    assertTrue(svg.contains("Hazard ratio (log scale)") && svg.contains("HR (95% CI)"), svg);
  }
}
