package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;

/**
 * Small-cell suppression is one pass over the run's one document (issue 21): the report template is
 * rendered once per render, with suppression as without, even when the template prints counts the
 * ledger must know of (a complement is chosen among counts printed nowhere else) and a hand-laid
 * table masks a value: the document, too, is built once.
 */
class SuppressionOnePassTest {
  @TempDir Path tmp;

  @Test
  void theTemplateIsRenderedOnceWithSuppression() throws Exception {
    Path study = SmallCellSuppressionFolderTest.leakyStudy(tmp);
    Files.writeString(study.resolve("templates/report.md.ftl"), Files.readString(study.resolve("templates/report.md.ftl"))
        + "\n\nDeaths: ${fmt.count(counts.deaths)}; patients: ${fmt.count(80)}.\n\n"
        + "| Group | Deaths |\n|---|---:|\n| All | ${fmt.count(20)} |\n| Site Y | ${fmt.count(3)} |\n"
        + "| Site X | ${fmt.count(17)} |\n\nSeventeen again: ${fmt.count(17)}.\n\n## Site X: ${fmt.count(17)} deaths\n\nEnd.\n");
    KernelRun run = Kernel.run(Study.open(study, Optional.empty()), RunOptions.defaults().quiet());
    Path out = Files.createDirectories(tmp.resolve("out"));
    long before = Templates.REPORT_RENDERS.get();
    long builds = DocumentBuilder.BUILDS.get();
    ReportWriter.render(run, out, Optional.of(new SmallCellSuppression(5)));
    assertEquals(1, Templates.REPORT_RENDERS.get() - before, "report template renders in one suppressed render");
    // The hand-laid table's complement (17) is a value the ledger learns: the document is still built once.
    assertEquals(1, DocumentBuilder.BUILDS.get() - builds, "the document is built once in a suppressed render");
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("Deaths: \\[c\\]"), md);
    assertTrue(md.contains("| Site Y | \\[c\\] |"), md);
    // The hand-laid table's complement (17 = 20 - 3) is masked, and so is the text's 17, which may be it.
    assertTrue(md.contains("| Site X | \\[c\\] |"), md);
    assertTrue(md.contains("Seventeen again: \\[c\\]."), md);
    // A heading's id is made from its masked text: an id from the printed count would give it away.
    assertTrue(md.contains("## Site X: \\[c\\] deaths"), md);
    String html = Files.readString(out.resolve("report.html"));
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("<h2 id=\"([^\"]*site-x[^\"]*)\"").matcher(html);
    assertTrue(id.find(), html);
    assertFalse(id.group(1).contains("17"), id.group(1));
    assertFalse(html.contains("17 deaths"), "the page prints the masked count nowhere");
  }
}
