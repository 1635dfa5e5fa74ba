package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.CacheMode;
import studybook.kernel.Hashes;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

class ReportPageTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @TempDir Path tmp;

  private static Document page(Path study) throws IOException {
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().with(CacheMode.USE).quiet());
    return Jsoup.parse(Files.readString(ReportWriter.write(run, Path.of("reports"), QUIET).resolve("report.html")));
  }

  @Test
  void headerShowsTitleBannerDataHashAndProvenanceWithoutLinks() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Document html = page(study);
    Element header = html.selectFirst("header.report-header");
    assertNotNull(header);
    assertEquals("Mini study: age and outcome by treatment group", header.selectFirst("h1").text());
    assertEquals("Synthetic example data: made up for the tests, not patients.", header.selectFirst(".synthetic").text());
    List<String> terms = header.select("dl.provenance dt").eachText();
    List<String> values = header.select("dl.provenance dd").eachText();
    assertEquals(List.of("Data", "SHA-256", "studybook", "Full provenance"), terms);
    assertEquals("data/mini.csv", values.get(0));
    assertEquals(Hashes.ofFile(study.resolve("data/mini.csv")), values.get(1));
    assertEquals("development", values.get(2));
    assertTrue(values.get(3).startsWith("manifest.json"), values.get(3));
    assertTrue(!java.util.regex.Pattern.compile("\\b[0-9a-f]{40}\\b").matcher(html.outerHtml()).find(),
        "no git commit id in the page: it would change the report's bytes at every commit");
    assertEquals(List.of(), header.select("a"), "the provenance names, it does not link");
    assertEquals(1, html.select("h1").size(), "the title once: the body's own title heading is dropped");
    assertEquals(1, html.select(".synthetic, blockquote").size(), "the banner once");
  }

  @Test
  void tocLinksEveryHeadingAndTablesScrollInAWrapper() throws IOException {
    Document html = page(MiniStudy.copy(tmp));
    List<Element> links = html.select("nav.toc a");
    assertEquals(List.of("Figures"), links.stream().map(Element::text).toList());
    for (Element a : links) {
      String href = a.attr("href");
      assertTrue(href.startsWith("#"), href);
      Element target = html.getElementById(href.substring(1));
      assertNotNull(target, href);
      assertEquals(a.text(), target.text());
    }
    for (Element table : html.select("table")) {
      assertTrue(table.parent().hasClass("table-wrap"), "table inside its scrolling wrapper");
    }
    String css = html.selectFirst("head style").data();
    assertTrue(css.contains(".table-wrap, p:has(> svg.studybook-figure) { overflow-x: auto;"), css);
    assertTrue(css.contains("svg.studybook-figure { display: block; max-width: 100%; height: auto;"), css);
    assertTrue(css.contains("@media print") && css.contains("break-inside: avoid"), css);
    assertNotNull(html.selectFirst("meta[name=viewport]"));
  }

  @Test
  void aNonSyntheticStudyHasNoBanner() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path props = study.resolve("study.properties");
    MiniStudy.write(props, Files.readString(props).replace("synthetic=true", "synthetic=false"));
    Document html = page(study);
    assertEquals(List.of(), html.select(".synthetic"));
  }
}
