package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

/**
 * issue 11: a study cell fits a linear model and a competing-risks analysis in a few lines and the report
 * places the coefficient table (with its method footnote and aliased terms), placed with {@code <@table ageModel/>}, and the cumulative-incidence
 * figure with numbers at risk.
 */
class ModelsInStudyTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @TempDir Path tmp;

  static final String MODELS = """
      import java.util.List;
      import studybook.data.Frame;
      import studybook.kernel.Cell;
      import studybook.report.figures.CumulativeIncidencePlot;
      import studybook.tables.CompetingRisks;
      import studybook.tables.LinearModelTable;

      public class Models {
        @Cell("Age by group and event, least squares")
        public LinearModelTable ageModel(Frame data) {
          return LinearModelTable.of("ageModel", data, null, "age", List.of("group", "event", "twiceId", "id"));
        }

        @Cell("Cumulative incidence of the event, death competing")
        public CumulativeIncidencePlot incidence(Frame data) {
          String[] status = new String[data.rowCount()];
          for (int r = 0; r < status.length; r++) {
            status[r] = data.text("event", r).equals("1") ? "event" : r % 3 == 0 ? "death" : "censored";
          }
          Frame withStatus = data.withCategorical("status", status, List.of("censored", "death", "event"));
          CompetingRisks risks = CompetingRisks.of(withStatus, "id", "status", "event", "censored", "group");
          return new CumulativeIncidencePlot("Cumulative incidence of the event", "Time", "days", "Cumulative incidence",
              "death", risks.curves(), CumulativeIncidencePlot.Competing.SHOWN);
        }
      }
      """;

  @Test
  void aCellPlacesALinearTableAndACumulativeIncidenceFigure() throws IOException {
    Path study = MiniStudy.copy(tmp);
    // a column collinear with id, so the table must report an aliased term
    Path data = study.resolve("data/mini.csv");
    StringBuilder csv = new StringBuilder();
    for (String line : Files.readAllLines(data)) {
      csv.append(line).append(',').append(line.startsWith("id") ? "twiceId" : String.valueOf(2 * Integer.parseInt(
          line.split(",")[0]))).append('\n');
    }
    Files.writeString(data, csv.toString());
    MiniStudy.write(study.resolve("analysis/Models.java"), MODELS);
    Path template = study.resolve("templates/report.md.ftl");
    MiniStudy.write(template, Files.readString(template) + "\n<@table ageModel/>\n\n${figure(\"incidence\")}\n");
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().with(CacheMode.USE).quiet());
    Path reports = ReportWriter.write(run, Path.of("reports"), QUIET);
    String md = Files.readString(reports.resolve("report.md"));
    assertTrue(md.contains("| Characteristic | Estimate | 95% CI | P |"), md);
    assertTrue(md.contains("as R's summary(lm(y \\~ ...)) and confint(fit)"), md);
    assertTrue(md.contains("| id | NA (aliased) |  |  |"), md);
    assertTrue(md.contains("id is a linear combination of the other terms (aliased)"), md);
    assertTrue(md.contains("![Figure 3. Cumulative incidence of the event](figures/incidence.svg)"), md);
    String svg = Files.readString(reports.resolve("figures/incidence.svg"));
    assertTrue(svg.contains("Number at risk"), svg);
    assertTrue(Files.readString(reports.resolve("tables/ageModel.csv")).startsWith("term,label,estimate"));
    assertEquals(1, org.jsoup.Jsoup.parse(Files.readString(reports.resolve("report.html"))).select("svg.cumulative-incidence, svg").stream()
        .filter(s -> s.selectFirst("title") != null && s.selectFirst("title").text().equals("Cumulative incidence of the event"))
        .count());
  }
}
