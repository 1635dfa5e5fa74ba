package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipFile;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** style.reference_docx: a journal template's styles and fonts in report.docx, the kernel's table styles kept. */
class ReferenceDocxTest {
  @TempDir Path tmp;

  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  /** A journal's template: Georgia 12 pt throughout, dark blue headings. */
  private static void journalTemplate(Path file) throws Exception {
    String styles = "<w:styles xmlns:w=\"" + W + "\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Georgia\""
        + " w:hAnsi=\"Georgia\"/><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault></w:docDefaults>"
        + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
        + "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
        + "<w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"32\"/></w:rPr></w:style></w:styles>";
    try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
      doc.createStyles().setStyles(org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument.Factory
          .parse(styles).getStyles());
      doc.createParagraph().createRun().setText("Journal template");
      doc.write(out);
    }
  }

  @Test
  void theReportTakesTheTemplatesStylesAndKeepsItsTableStyles() throws Exception {
    Path study = VerifyCommandTest.copyOfStudy(tmp.resolve("study"));
    journalTemplate(study.resolve("journal.docx"));
    Files.writeString(study.resolve("study.properties"), "style.reference_docx=journal.docx\n", StandardOpenOption.APPEND);
    CliRun o = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(0, o.code(), o.err());
    String styles;
    try (ZipFile z = new ZipFile(study.resolve("reports/report.docx").toFile());
        InputStream in = z.getInputStream(z.getEntry("word/styles.xml"))) {
      styles = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(styles.contains("Georgia"), styles);
    assertTrue(styles.contains("1F3864"), "the journal's heading colour: " + styles);
    assertTrue(styles.contains("w:styleId=\"ThreeLineTable\""), "the kernel's table style is kept");
    assertTrue(Files.readString(study.resolve("reports/manifest.json")).contains("\"journal.docx\""),
        "the template is an input of the report");
    // the same inputs give the same bytes: check passes
    assertEquals(0, CliRun.of("check", "--study", study.toString(), "--quiet").code());
    // a template that is not a Word file: one error naming the setting and the file, the reports kept
    byte[] before = Files.readAllBytes(study.resolve("reports/report.docx"));
    Files.writeString(study.resolve("journal.docx"), "not a docx");
    CliRun bad = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("style.reference_docx: ") && bad.err().contains("journal.docx is not a readable Word .docx file"),
        bad.err());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(study.resolve("reports/report.docx"))));
  }
}
