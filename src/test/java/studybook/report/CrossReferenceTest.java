package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** Hand-laid table with a label, and tables numbered by the document ("Table #"). */
  private static final String NUMBERED = """
      # Trial

      ### Table #. Patients

      <@table table1/>

      ${figure("survival")}

      Table #. Costs {#costs}

      | Item | Cost |
      |---|---:|
      | A | 1 |

      <@table result="response" caption="Table #. Response"/>

      As ${ref("response")}, ${ref("costs")} and ${ref("table1")} show; see ${ref("survival")}.
      """;

  @Test
  void theDocumentNumbersTablesAndFiguresInReadingOrderInEveryOutput() throws IOException {
    ReportTables tables = tables();
    Document doc = document(NUMBERED, tables);
    assertEquals(List.of("Table 1", "Figure 1", "Table 2", "Table 3"),
        doc.captions().stream().map(Document.Caption::reference).toList());
    String md = MarkdownOut.write(doc, tables.renderer(), NumberStyle.of(run.study().settings()));
    assertTrue(md.contains("### Table 1. Patients\n"), md);
    assertTrue(md.contains("\nTable 2. Costs\n\n| Item | Cost |"), md);
    assertTrue(md.contains("Table 3. Response"), md);
    assertTrue(md.contains("![Figure 1. "), "report.md numbers its figure as the page and Word do: " + md);
    assertTrue(md.contains("As Table 3, Table 2 and Table 1 show; see Figure 1."), md);
    assertTrue(!md.contains("{#") && !md.contains("Table #"), md);

    String html = new HtmlOut(tables.renderer(), ReportFigures.of(run, NumberStyle.of(run.study().settings())), false)
        .body(doc, false);
    assertTrue(html.contains("<p id=\"table-2\">Table 2. Costs</p>"), html);
    assertTrue(html.contains("<p id=\"table-3\">Table 3. Response</p>"), html);
    // serve's patch of one block is that block as the whole page writes it: the hand-laid table's caption
    // paragraph keeps its anchor.
    HtmlOut out = new HtmlOut(tables.renderer(), ReportFigures.of(run, NumberStyle.of(run.study().settings())), false);
    LivePage live = new LivePage(run, new Templates(study.resolve("templates")), doc, out,
        ReportFigures.of(run, NumberStyle.of(run.study().settings())), java.util.Map.of());
    assertTrue(live.blocks().contains("<p id=\"table-2\">Table 2. Costs</p>\n"), live.blocks().toString());
    assertEquals(out.body(doc, false), String.join("", live.blocks()));
    assertTrue(html.contains("As <a class=\"ref\" href=\"#table-3\">Table 3</a>, <a class=\"ref\" href=\"#table-2\">"
        + "Table 2</a> and <a class=\"ref\" href=\"#table-1-patients\">Table 1</a> show;"), html);

    byte[] docx = DocxWriter.bytes(DocxFromDocument.convert(doc, tables.renderer()));
    try (XWPFDocument w = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<String> captions = w.getParagraphs().stream().filter(p -> "Caption".equals(p.getStyle()))
          .map(XWPFParagraph::getText).map(t -> t.replaceAll("\\. .*", ".")).toList();
      assertEquals(List.of("Table 1.", "Figure 1.", "Table 2.", "Table 3."), captions);
      XWPFParagraph p = w.getParagraphs().stream().filter(x -> x.getText().startsWith("As ")).findFirst().orElseThrow();
      assertEquals("As Table 3, Table 2 and Table 1 show; see Figure 1.", p.getText());
      assertTrue(p.getCTP().xmlText().contains("REF _RefTable2 \\h"), p.getCTP().xmlText());
      XWPFParagraph costs = w.getParagraphs().stream().filter(x -> x.getText().equals("Table 2. Costs")).findFirst()
          .orElseThrow();
      assertTrue(costs.getCTP().xmlText().contains("w:name=\"_RefTable2\""), "the hand-laid table's caption is bookmarked");
    }
  }

  @Test
  void aCaptionOfTwoLinesKeepsItsLabelOffThePage() throws IOException {
    ReportTables tables = tables();
    Document doc = document(NUMBERED.replace("Table #. Costs {#costs}", "Table #. Costs of the\ntrial {#costs}"), tables);
    String md = MarkdownOut.write(doc, tables.renderer(), NumberStyle.of(run.study().settings()));
    assertTrue(md.contains("Table 2. Costs of the\ntrial\n\n| Item"), md);
    assertTrue(md.contains("As Table 3, Table 2 and Table 1 show"), md);
  }

  @Test
  void referencesFollowTheCaptionsWhenTheTablesAreMoved() throws IOException {
    String moved = NUMBERED.replace("Table #. Costs {#costs}\n\n| Item | Cost |\n|---|---:|\n| A | 1 |\n", "")
        .replace("### Table #. Patients\n\n<@table table1/>\n",
            "Table #. Costs {#costs}\n\n| Item | Cost |\n|---|---:|\n| A | 1 |\n\n### Table #. Patients\n\n<@table table1/>\n");
    ReportTables tables = tables();
    String md = MarkdownOut.write(document(moved, tables), tables.renderer(), NumberStyle.of(run.study().settings()));
    assertTrue(md.contains("As Table 3, Table 1 and Table 2 show"), md);
  }

  @Test
  void aNumberedHeadingAboveATableWithItsOwnUnnumberedCaptionIsItsCaptionInEveryOutput() throws IOException {
    // As the template-free report heads a table whose model has a caption: before, Word kept the heading as a
    // heading and the next "Table 2" got SEQ 1, so Word's numbers disagreed with the page's once updated.
    ReportTables tables = tables();
    Document doc = document("### Table 1. Response\n\n<@table result=\"response\" caption=\"Response by arm\"/>\n\n"
        + "### Table 2. Patients\n\n<@table table1/>\n", tables);
    assertEquals(List.of("Table 1. Response", "Table 2. Patients"),
        doc.captions().stream().map(Document.Caption::text).toList());
    byte[] docx = DocxWriter.bytes(DocxFromDocument.convert(doc, tables.renderer()));
    try (XWPFDocument w = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<XWPFParagraph> captions = w.getParagraphs().stream().filter(p -> "Caption".equals(p.getStyle())).toList();
      assertEquals(List.of("Table 1. Response", "Table 2. Patients"), captions.stream().map(XWPFParagraph::getText).toList());
      assertTrue(captions.get(0).getCTP().xmlText().matches("(?s).*SEQ Table.*<w:t>1</w:t>.*"));
      assertTrue(w.getParagraphs().stream().anyMatch(p -> p.getText().equals("Response by arm")),
          "the model's own caption is the table's first note");
    }
  }

  @Test
  void aWrittenNumberOutOfReadingOrderIsAnErrorAtItsTemplateLine() {
    String swapped = assertThrows(StudybookException.class, () -> document(TEMPLATE.replace("### Table 1. Patients",
        "### Table 2. Patients").replace("caption=\"Table 2. Response\"", "caption=\"Table 1. Response\""), tables()))
        .getMessage();
    assertTrue(swapped.startsWith("templates/report.md.ftl:3: \"Table 2. Patients\" is numbered 2 but it is the 1st")
        && swapped.contains("write \"Table 1\", or \"Table #\""), swapped);
    String twice = assertThrows(StudybookException.class,
        () -> document(TEMPLATE.replace("caption=\"Table 2. Response\"", "caption=\"Table 1. Response\""), tables()))
        .getMessage();
    assertTrue(twice.startsWith("templates/report.md.ftl:9: \"Table 1. Response\": Table 1 is already the caption"
        + " \"Table 1. Patients\" (templates/report.md.ftl:3)"), twice);
  }

  @Test
  void aLabelTwiceOrOffACaptionIsAnErrorAtItsTemplateLine() {
    String twice = assertThrows(StudybookException.class, () -> document(NUMBERED.replace("<@table result=",
        "Table #. More costs {#costs}\n\n| Item | Cost |\n|---|---:|\n| B | 2 |\n\n<@table result="), tables()))
        .getMessage();
    assertTrue(twice.startsWith("templates/report.md.ftl:15: the label {#costs} is already the label of \"Table #. Costs"
        + " {#costs}\" (templates/report.md.ftl:9)"), twice);
    String cell = assertThrows(StudybookException.class,
        () -> document(NUMBERED.replace("{#costs}", "{#table1}"), tables())).getMessage();
    assertTrue(cell.startsWith("templates/report.md.ftl:9: the label {#table1} is the name of a cell"), cell);
    String loose = assertThrows(StudybookException.class,
        () -> document(NUMBERED.replace("# Trial\n", "# Trial\n\nSome prose {#prose}\n"), tables())).getMessage();
    assertTrue(loose.startsWith("templates/report.md.ftl:3: the label {#prose} is not at the end of a table's caption"),
        loose);
    String unnumbered = assertThrows(StudybookException.class,
        () -> document(NUMBERED.replace("Table #. Costs {#costs}", "Table of costs {#costs}"), tables())).getMessage();
    assertTrue(unnumbered.startsWith("templates/report.md.ftl:17: ref(\"costs\"): not placed as a table with a numbered"
        + " caption"), unnumbered);
    String typo = assertThrows(StudybookException.class,
        () -> document(NUMBERED.replace("ref(\"costs\")", "ref(\"cost\")"), tables())).getMessage();
    assertTrue(typo.startsWith("templates/report.md.ftl:17:") && typo.contains("did you mean 'costs'?"), typo);
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
