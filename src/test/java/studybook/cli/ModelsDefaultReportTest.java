package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 11 §4: a study with no templates fits a Cox model, a linear model and a competing-risks analysis in
 * a few lines per cell, and its default report holds the hazard-ratio table (with its proportional-hazards
 * test), the forest plot, the coefficient table and the cumulative-incidence figure; report.docx holds the
 * same table text, since one renderer writes both.
 */
class ModelsDefaultReportTest {
  static final String MODELS = """
      import java.util.List;
      import studybook.data.Frame;
      import studybook.kernel.Cell;
      import studybook.report.figures.CumulativeIncidencePlot;
      import studybook.tables.CompetingRisks;
      import studybook.tables.LinearModelTable;

      public class Models {
        @Cell("Karnofsky score by age and cell type, least squares")
        public LinearModelTable karnoModel(Frame data) {
          return LinearModelTable.of("karno_model", data, null, "karno", List.of("age", "celltype"));
        }

        @Cell("Death after prior therapy by cell type, other deaths competing")
        public CompetingRisks risks(Frame data) {
          String[] status = new String[data.rowCount()];
          for (int r = 0; r < status.length; r++) {
            status[r] = !data.text("status", r).equals("1") ? "censored" : data.text("prior", r).equals("10") ? "event"
                : "other";
          }
          Frame withStatus = data.withCategorical("outcome", status, List.of("censored", "event", "other"));
          return CompetingRisks.of(withStatus, "time", "outcome", "event", "censored", "celltype");
        }

        @Cell("Cumulative incidence of death after prior therapy, other deaths competing")
        public CumulativeIncidencePlot incidence(CompetingRisks risks) {
          return new CumulativeIncidencePlot("Cumulative incidence of death", "Time", "days", "Cumulative incidence",
              "other", risks.curves(), CumulativeIncidencePlot.Competing.SHOWN);
        }
      }
      """;

  @Test
  void defaultReportHoldsEachModelsTableAndFigureAndWordTheSameTables(@TempDir Path dir) throws IOException {
    Path study = dir.resolve("cox");
    try (Stream<Path> s = Files.walk(CoxStudyTest.SOURCE)) {
      for (Path p : s.toList()) {
        Path t = study.resolve(CoxStudyTest.SOURCE.relativize(p).toString());
        if (p.toString().contains("templates")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    Files.writeString(study.resolve("analysis/Models.java"), MODELS);
    assertFalse(Files.exists(study.resolve("templates")));
    CliRun run = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    String md = Files.readString(study.resolve("reports/report.md"));
    // the Cox table, its method and PH test (reference/cox/veteran-celltype.json: karno HR 0.9686, 0.9589 to 0.9784)
    assertTrue(md.contains("Hazard ratios of death: univariable and multivariable Cox models"), md);
    assertTrue(md.contains("| Characteristic | Univariable HR | 95% CI | P | Multivariable HR | 95% CI | P |"), md);
    assertTrue(md.contains("| karno | 0.97 | 0.96–0.98 | <0.001ᵃ | 0.97 | 0.96–0.98 | <0.001ᵃ |"), md);
    assertTrue(md.contains("survival::coxph(Surv(time, status) \\~ celltype + karno + age, ties = \"efron\")"), md);
    assertTrue(md.contains("The hazard ratio of karno changes over follow-up"), md);
    assertTrue(md.contains("Proportional-hazards test of the multivariable model"), md);
    assertTrue(md.contains("![Figure 2. Hazard ratios of death](figures/hazardRatios.svg)"), md);
    // the linear model's coefficient table and fit
    assertTrue(md.contains("Karnofsky score by age and cell type, least squares"), md);
    assertTrue(md.contains("| Characteristic | Estimate | 95% CI | P |"), md);
    assertTrue(md.contains("as R's summary(lm(y \\~ ...)) and confint(fit)"), md);
    assertTrue(md.contains("| Adjusted R² |"), md);
    // the cumulative-incidence figure with numbers at risk
    assertTrue(md.contains("![Figure 1. Cumulative incidence of death](figures/incidence.svg)"), md);
    assertTrue(Files.readString(study.resolve("reports/figures/incidence.svg")).contains("Number at risk"));
    // the competing-risks table: groups with Gray's test
    assertTrue(md.contains("Death after prior therapy by cell type, other deaths competing"), md);
    assertTrue(md.contains("| Group | Patients | Events (event) | Competing events | Cumulative incidence at last follow-up | P |"),
        md);
    assertTrue(md.contains("as R's `cmprsk::cuminc(time, status, group)$Tests`"), md);
    // Word: every Markdown table row is a Word table row with the same cells
    List<String> wordRows = new ArrayList<>();
    try (InputStream in = Files.newInputStream(study.resolve("reports/report.docx"));
        XWPFDocument doc = new XWPFDocument(in)) {
      for (XWPFTable t : doc.getTables()) {
        for (XWPFTableRow r : t.getRows()) {
          wordRows.add(String.join(" | ", r.getTableCells().stream().map(c -> c.getText().strip()).toList()).strip());
        }
      }
      String text = String.join("\n", doc.getParagraphs().stream().map(p -> p.getText()).toList());
      assertTrue(text.contains("The hazard ratio of karno changes over follow-up"), text);
      assertTrue(text.contains("survival::cox.zph(fit)"), text);
    }
    assertTrue(wordRows.contains("karno | 0.97 | 0.96–0.98 | <0.001ᵃ | 0.97 | 0.96–0.98 | <0.001ᵃ"), wordRows.toString());
    List<String> mdRows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Characteristic"))
        .map(l -> l.substring(2, l.length() - 2).replace("**", "").replace("\\~", "~").strip()).toList();
    for (String row : mdRows) {
      if (row.startsWith("Karnofsky") || row.startsWith("age") || row.startsWith("celltype") || row.startsWith("R²") || row.startsWith("Groups") || row.startsWith("squamous")
          || row.startsWith("Global")) {
        assertTrue(wordRows.contains(row), row + " not in Word's tables " + wordRows);
      }
    }
  }
}
