package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

class ReportFiguresTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @TempDir Path tmp;

  private static Path run(Path study) {
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().with(CacheMode.USE).quiet());
    return ReportWriter.write(run, Path.of("reports"), QUIET);
  }

  @Test
  void everyFigureIsWrittenAndInlinedOnce() throws IOException {
    Path reports = run(MiniStudy.copy(tmp));
    String md = Files.readString(reports.resolve("report.md"));
    assertTrue(md.contains("![Figure 1. Patients by treatment group and outcome](figures/flow.svg)"), md);
    assertTrue(md.contains("![Figure 2. Odds ratio of an event by group](figures/eventOdds.svg)"), md);

    Document html = Jsoup.parse(Files.readString(reports.resolve("report.html")));
    List<Element> svgs = html.select("svg");
    assertEquals(2, svgs.size());
    assertEquals(List.of("Figure 1. Patients by treatment group and outcome", "Figure 2. Odds ratio of an event by group"),
        svgs.stream().map(s -> s.nextElementSibling().text()).toList(), "each figure is numbered and captioned below");
    for (String name : List.of("flow", "eventOdds")) {
      String file = Files.readString(reports.resolve("figures/" + name + ".svg"));
      assertTrue(file.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), file);
      String title = Jsoup.parse(file).selectFirst("svg > title").text();
      List<Element> same = svgs.stream().filter(s -> s.selectFirst("title").text().equals(title)).toList();
      assertEquals(1, same.size(), "one inline <svg> titled '" + title + "'");
      // The inline copy is the file's drawing: same elements, same text.
      assertEquals(Jsoup.parse(file).select("svg *").size(), same.get(0).select("*").size() - 1);
      assertEquals(Jsoup.parse(file).selectFirst("svg").text(), same.get(0).text());
    }
    assertEquals(List.of(), html.select("img, script, link, iframe, object, embed"), "nothing loads a file");
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        node.attributes().forEach(a -> {
          String k = a.getKey().toLowerCase(java.util.Locale.ROOT);
          assertTrue(!k.equals("src") && !k.startsWith("on")
              && !(k.endsWith("href") && !a.getValue().startsWith("#")), node.nodeName() + " " + a);
        });
      }
    }, html);
  }

  @Test
  void anImageThatIsNoFigureBecomesItsAltText() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path template = study.resolve("templates/report.md.ftl");
    MiniStudy.write(template, Files.readString(template)
        + "\n![a tracking pixel](https://example.org/p.png) ![other](figures/nosuch.svg)\n");
    Document html = Jsoup.parse(Files.readString(run(study).resolve("report.html")));
    assertEquals(List.of(), html.select("img"));
    assertEquals(List.of("a tracking pixel", "other"), html.select("span.missing-image").eachText());
  }

  @Test
  void anUnknownFigureNameSuggestsTheNearest() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path template = study.resolve("templates/report.md.ftl");
    MiniStudy.write(template, Files.readString(template) + "\n${figure(\"flwo\")}\n");
    StudybookException e = assertThrows(StudybookException.class, () -> run(study));
    assertTrue(e.getMessage().contains("figure(\"flwo\"): no cell returns a figure of that name"), e.getMessage());
    assertTrue(e.getMessage().contains("flow"), e.getMessage());
  }

  @Test
  void resultsJsonCarriesTheModelNotTheDrawing() throws IOException {
    Path reports = run(MiniStudy.copy(tmp));
    String results = Files.readString(reports.resolve("results.json"));
    assertTrue(results.contains("\"label\" : \"All patients\""), results);
    assertTrue(!results.contains("<svg"), "no SVG in results.json");
  }

  @Test
  void ticksAreShortestDecimals() {
    NumberStyle style = NumberStyle.of(java.util.Map.of());
    assertEquals("0.5", style.tick(0.5));
    assertEquals("20", style.tick(20.0));
    assertEquals("0", style.tick(0.0));
    assertEquals("NA", style.tick(Double.NaN));
    assertEquals("2.00", style.figureNumbers().estimate().apply(2.0));
    assertEquals("12", style.figureNumbers().count().apply(12.0));
  }
}
