package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

/**
 * Issue 20: a control character in the study's title (and so in every place a writer puts it) leaves
 * every output well-formed: the Word file's core.xml and document.xml parse as XML, the page as HTML5.
 */
class ControlCharactersTest {
  @TempDir Path tmp;

  @Test
  void aControlCharacterInTheTitleLeavesEveryOutputWellFormed() throws Exception {
    Path study = MiniStudy.copy(tmp);
    Path props = study.resolve("study.properties");
    // \u0007 (BEL), \u001b (ESC) and \uFFFF are not allowed in XML 1.0 (properties read \\uXXXX escapes).
    Files.writeString(props, Files.readString(props).replace("title=Mini study:", "title=Mini\\u0007 study\\u001b\\uFFFF:"));
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    ReportWriter.write(run, Path.of("reports"), new PrintStream(java.io.OutputStream.nullOutputStream()));
    Path reports = study.resolve("reports");
    byte[] docx = Files.readAllBytes(reports.resolve("report.docx"));
    int parts = 0;
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.getName().endsWith(".xml") || e.getName().endsWith(".rels")) {
          byte[] xml = z.readAllBytes();
          try {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
          } catch (org.xml.sax.SAXException bad) {
            throw new AssertionError(e.getName() + " is not well-formed XML: " + bad.getMessage());
          }
          if (e.getName().equals("docProps/core.xml") || e.getName().equals("word/document.xml")) {
            String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("Mini\uFFFD study\uFFFD\uFFFD: age and outcome"), e.getName() + ": " + text);
            parts++;
          }
        }
      }
    }
    assertEquals(2, parts);
    assertEquals(List.of(), WellFormed.problems(reports));
    for (String f : List.of("report.md", "report.html")) {
      String text = Files.readString(reports.resolve(f));
      assertFalse(text.contains("\u0007") || text.contains("\u001b") || text.contains("\uFFFF"), f + ": " + text);
    }
  }
}
