package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.doc.Block;
import studybook.report.doc.Document;

/**
 * Issue 21: the document numbers its figures ("Figure N. title"), so a figure title that the author wrote
 * with its number is not printed twice ("Figure 1. Figure 2. ..."). As a table caption's written number is:
 * the right number (or "Figure #") is taken and printed once; a number out of reading order is an error
 * naming the template line that placed the figure.
 */
class FigureTitleNumberTest {
  @TempDir Path tmp;
  private int studies;

  private static final String TEMPLATE = """
      # Trial

      ### Table 1. Patients

      <@table table1/>

      ${figure("survival")}

      See ${ref("survival")}.
      """;

  private Document document(String title, String template) throws IOException {
    Path dir = tmp.resolve("first" + (++studies));
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), dir);
    Path script = dir.resolve("analysis/Trial.java");
    String source = Files.readString(script);
    assertTrue(source.contains("\"Overall survival\")"), "the first study's figure title");
    Files.writeString(script, source.replace("\"Overall survival\")", "\"" + title + "\")"));
    KernelRun run = Kernel.run(Study.open(dir, Optional.empty()), RunOptions.defaults().quiet());
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/report.md.ftl"), template);
    ReportTables tables = new ReportTables(TableRenderer.of(run.study().settings(), true), Optional.empty());
    Document doc = new Templates(dir.resolve("templates"))
        .document(run, ReportFigures.of(run, NumberStyle.of(run.study().settings())), tables);
    String md = MarkdownOut.write(doc, tables.renderer(), NumberStyle.of(run.study().settings()));
    assertFalse(md.matches("(?s).*Figure [0-9#]+\\. Figure.*"), md);
    return doc;
  }

  private static List<String> figureCaptions(Document doc) {
    return doc.blocks().stream().filter(Block.Figure.class::isInstance).map(b -> ((Block.Figure) b).caption()).toList();
  }

  @Test
  void aTitleWrittenWithItsRightNumberIsNumberedOnce() throws IOException {
    // (A Kaplan-Meier plot's title says its groups: "... by treatment".)
    List<String> once = List.of("Figure 1. Overall survival by treatment");
    assertEquals(once, figureCaptions(document("Figure 1. Overall survival", TEMPLATE)));
    assertEquals(once, figureCaptions(document("Figure #: Overall survival", TEMPLATE)));
    assertEquals(once, figureCaptions(document("Overall survival", TEMPLATE)));
  }

  @Test
  void aTitleWrittenWithAnotherNumberIsAnErrorAtTheTemplateLineThatPlacesIt() {
    String message = assertThrows(StudybookException.class,
        () -> document("Figure 2. Overall survival", TEMPLATE)).getMessage();
    assertTrue(message.startsWith("templates/report.md.ftl:7: the figure's title \"Figure 2. Overall survival by"
        + " treatment\" is numbered 2 but it is the 1st figure in reading order"), message);
    assertTrue(message.contains("(or write \"Figure 1\")"), message);
  }
}
