package studybook.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

class ReportDocxTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());
  private static final String HOSTILE = "<script>alert(1)</script>[x](javascript:alert(1))";

  @TempDir Path tmp;

  private static Path run(Path study) {
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().with(CacheMode.REFRESH).quiet());
    return ReportWriter.write(run, Path.of("reports"), QUIET);
  }

  @Test
  void everyTableOfThePageIsAWordTableWithTheSameText() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path data = study.resolve("data/mini.csv");
    MiniStudy.write(data, Files.readString(data).replace("surgical", HOSTILE));
    Path reports = run(study);
    List<Element> htmlTables = Jsoup.parse(Files.readString(reports.resolve("report.html"))).select("table");
    assertEquals(1, htmlTables.size());
    try (InputStream in = Files.newInputStream(reports.resolve("report.docx")); XWPFDocument doc = new XWPFDocument(in)) {
      assertEquals(htmlTables.size(), doc.getTables().size());
      for (int i = 0; i < htmlTables.size(); i++) {
        assertEquals(TableCells.of(htmlTables.get(i)), TableCells.of(doc.getTables().get(i)));
      }
      List<List<String>> word = TableCells.of(doc.getTables().get(0));
      assertEquals(List.of("Group", "Patients", "Events"), word.get(0));
      // Levels sort by code point, so '<' comes before 'e'.
      assertEquals(List.of(HOSTILE, "6", "3 (50.0%)"), word.get(1), "markup stays literal text");
      assertEquals(List.of("endoscopic", "6", "1 (16.7%)"), word.get(2));

      List<String> order = new ArrayList<>();
      for (IBodyElement e : doc.getBodyElements()) {
        order.add(e instanceof XWPFTable ? "[table]" : ((XWPFParagraph) e).getText());
      }
      assertEquals("Mini study: age and outcome by treatment group", order.get(0));
      assertEquals("Synthetic example data: made up for the tests, not patients.", order.get(1));
      assertEquals(1, order.stream().filter(s -> s.equals(order.get(0))).count(), "the title once");
      assertEquals(1, order.stream().filter(s -> s.equals(order.get(1))).count(), "the banner once");
      int t = order.indexOf("[table]");
      assertEquals("Table 1. Events by treatment group", order.get(t - 1));
      assertEquals("* Events are n (% of the group's patients).", order.get(t + 1));
      assertTrue(order.contains("Figures"), order.toString());
      // The figure is a drawing (PNG, with its SVG beside it) above its numbered caption, as on the page.
      int figure = order.indexOf("Figure 1. Patients by treatment group and outcome");
      assertTrue(figure > 0, order.toString());
      XWPFParagraph drawing = (XWPFParagraph) doc.getBodyElements().get(figure - 1);
      assertEquals(1, drawing.getRuns().get(0).getEmbeddedPictures().size(), "the figure is a picture");
      assertEquals(2, doc.getAllPictures().stream().filter(p -> p.getFileName().endsWith(".svg")).count());
      assertEquals(2, doc.getAllPictures().stream().filter(p -> p.getFileName().endsWith(".png")).count());
      assertTrue(order.contains("Numbers are rounded half-up; p-values below 0.001 are shown as <0.001."),
          order.toString());
    }
  }

  @Test
  void twoRunsWriteTheSameDocxBytes() throws IOException {
    Path study = MiniStudy.copy(tmp);
    byte[] first = Files.readAllBytes(run(study).resolve("report.docx"));
    byte[] second = Files.readAllBytes(run(study).resolve("report.docx"));
    assertArrayEquals(first, second);
  }
}
