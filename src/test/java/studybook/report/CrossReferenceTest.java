package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.doc.Document;
import studybook.report.docx.DocxWriter;

/** Issue 22 item 5: {@code ${ref("cell")}} prints "Table N" from the document's numbering, in every output. */
class CrossReferenceTest {
  @TempDir static Path tmp;
  private static Path study;
  private static KernelRun run;

  private static final String TEMPLATE = """
      # Trial

      ### Table 1. Patients

      <@table table1/>

      ${figure("survival")}

      <@table result="response" caption="Table 2. Response"/>

      As ${ref("response")} and ${ref("table1")} show; see ${ref("survival")}.
      """;

  @BeforeAll
  static void runTheFirstStudy() throws IOException {
    study = tmp.resolve("first");
    Path from = Path.of("src/test/resources/studies/first");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        String rel = from.relativize(p).toString();
        if (rel.startsWith("reports") || rel.startsWith(".studybook")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(study.resolve(rel));
        } else {
          Files.copy(p, study.resolve(rel));
        }
      }
    }
    run = Kernel.run(Study.open(study, Optional.empty()), RunOptions.defaults().quiet());
  }

  private static ReportTables tables() {
    return new ReportTables(TableRenderer.of(run.study().settings(), true), Optional.empty());
  }

  private static Document document(String template, ReportTables tables) throws IOException {
    Files.createDirectories(study.resolve("templates"));
    Files.writeString(study.resolve("templates/report.md.ftl"), template);
    try {
      return new Templates(study.resolve("templates"))
          .document(run, ReportFigures.of(run, NumberStyle.of(run.study().settings())), tables);
    } finally {
      Files.delete(study.resolve("templates/report.md.ftl"));
    }
  }

  @Test
  void aReferencePrintsTheCaptionsNumberInMarkdownHtmlAndWord() throws IOException {
    ReportTables tables = tables();
    Document doc = document(TEMPLATE, tables);
    String md = MarkdownOut.write(doc, tables.renderer(), NumberStyle.of(run.study().settings()));
    assertTrue(md.contains("As Table 2 and Table 1 show; see Figure 1."), md);

    String html = new HtmlOut(tables.renderer(), ReportFigures.of(run, NumberStyle.of(run.study().settings())), false)
        .body(doc, false);
    assertTrue(html.contains("As <a class=\"ref\" href=\"#table-2\">Table 2</a> and <a class=\"ref\" href=\"#table-1-patients\">"
        + "Table 1</a> show; see <a class=\"ref\" href=\"#figure-1\">Figure 1</a>."), html);
    for (String id : new String[] {"table-2", "table-1-patients", "figure-1"}) {
      assertTrue(html.contains(" id=\"" + id + "\""), "the page has the anchor " + id);
    }

    byte[] docx = DocxWriter.bytes(DocxFromDocument.convert(doc, tables.renderer()));
    try (XWPFDocument w = new XWPFDocument(new ByteArrayInputStream(docx))) {
      XWPFParagraph p = w.getParagraphs().stream().filter(x -> x.getText().startsWith("As ")).findFirst().orElseThrow();
      assertEquals("As Table 2 and Table 1 show; see Figure 1.", p.getText());
      String xml = p.getCTP().xmlText();
      assertTrue(xml.contains("REF _RefTable2 \\h") && xml.contains("REF _RefTable1 \\h")
          && xml.contains("REF _RefFigure1 \\h"), xml);
      String body = w.getDocument().xmlText();
      for (String b : new String[] {"_RefTable1", "_RefTable2", "_RefFigure1"}) {
        assertTrue(body.contains("w:name=\"" + b + "\""), "a bookmark " + b + " on the caption");
      }
    }
  }

  @Test
  void referencesFollowTheCaptionsWhenTheTablesAreRenumbered() throws IOException {
    String moved = TEMPLATE.replace("### Table 1. Patients", "### Table 2. Patients")
        .replace("caption=\"Table 2. Response\"", "caption=\"Table 1. Response\"");
    ReportTables tables = tables();
    String md = MarkdownOut.write(document(moved, tables), tables.renderer(), NumberStyle.of(run.study().settings()));
    assertTrue(md.contains("As Table 1 and Table 2 show; see Figure 1."), md);
  }

  @Test
  void anUnknownNameIsAnErrorAtItsTemplateLineWithTheNearestName() {
    String typo = assertThrows(StudybookException.class,
        () -> document(TEMPLATE.replace("ref(\"table1\")", "ref(\"tabel1\")"), tables())).getMessage();
    assertTrue(typo.startsWith("templates/report.md.ftl:11:") && typo.contains("did you mean 'table1'?"), typo);
    String unnumbered = assertThrows(StudybookException.class,
        () -> document(TEMPLATE.replace("### Table 1. Patients", "### Patients"), tables())).getMessage();
    assertTrue(unnumbered.contains("ref(\"table1\")") && unnumbered.contains("numbered"), unnumbered);
  }
}
