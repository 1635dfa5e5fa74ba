package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.doc.Block;
import studybook.report.doc.Document;
import studybook.report.docx.DocxDocument;
import studybook.report.docx.DocxTable;

/**
 * issue 21: the report is one typed document, built once from the template and the cells; report.md,
 * the page and the Word file are each written from it. Tables, figures and numbers the template's
 * helpers place arrive as typed blocks (with the cell that made them), never found again in text.
 */
class OneDocumentTest {
  @TempDir static Path tmp;
  private static Path study;
  private static KernelRun run;

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

  private record Built(Document doc, ReportTables tables, ReportFigures figures, Templates templates) {}

  private static Built build(String template) throws IOException {
    Files.createDirectories(study.resolve("templates"));
    Files.writeString(study.resolve("templates/report.md.ftl"), template);
    try {
      Templates t = new Templates(study.resolve("templates"));
      ReportTables tables = new ReportTables(TableRenderer.of(run.study().settings(), true), Optional.empty());
      ReportFigures figures = ReportFigures.of(run, NumberStyle.of(run.study().settings()));
      return new Built(t.document(run, figures, tables), tables, figures, t);
    } finally {
      Files.delete(study.resolve("templates/report.md.ftl"));
    }
  }

  @Test
  void placedTablesAndFiguresAreTypedBlocksThatKnowTheirCellAndNumber() throws IOException {
    Built b = build("# T\n\nSome *prose* with `code`.\n\n<@table table1/>\n\n${figure(\"survival\")}\n\n"
        + "<@table result=\"response\" caption=\"Response by arm\"/>\n");
    List<Block> blocks = b.doc().blocks();
    List<Block.Table> tables = b.doc().tables();
    assertEquals(List.of("table1", "response"), tables.stream().map(Block.Table::cell).distinct().toList());
    assertEquals(1, tables.get(0).number());
    assertEquals(tables.size(), tables.get(tables.size() - 1).number());
    Block.Figure f = blocks.stream().filter(Block.Figure.class::isInstance).map(Block.Figure.class::cast)
        .findFirst().orElseThrow();
    assertEquals("survival", f.cell());
    assertEquals(1, f.number());
    assertTrue(f.caption().startsWith("Figure 1. "), f.caption());
    // Word: the model's caption is the table's caption whatever its words, and the tables are the renderer's.
    DocxDocument docx = DocxFromDocument.convert(b.doc(), b.tables().renderer());
    DocxTable response = docx.tables().stream().filter(t -> t.caption().equals("Response by arm")).findFirst()
        .orElseThrow();
    assertEquals(b.tables().renderer().docx(b.tables().renderer().render(tables.get(tables.size() - 1).model()),
        "Response by arm").rows(), response.rows());
    // serve's marks come from the blocks: every table part and the figure carry their cell.
    String marked = new HtmlOut(b.tables().renderer(), b.figures(), true).body(b.doc(), false);
    assertTrue(marked.contains("<div class=\"table-wrap\" data-sb-cell=\"table1\"><table>"), marked);
    assertTrue(marked.contains("<div class=\"table-wrap\" data-sb-cell=\"response\"><table>"), marked);
    assertTrue(marked.contains("<p data-sb-cell=\"response\">Response by arm</p>"), marked);
    assertTrue(marked.contains("<span class=\"sb-figure\" data-sb-cell=\"survival\"><svg"), marked);
    assertFalse(new HtmlOut(b.tables().renderer(), b.figures(), false).body(b.doc(), false).contains("data-sb-cell"));
  }

  @Test
  void aTableOrFigurePlacedInsideTextIsAnError() {
    String table = assertThrows(StudybookException.class, () -> build("Text before\n<@table table1/>\n"))
        .getMessage();
    assertTrue(table.contains("<@table table1/> is placed inside a paragraph"), table);
    String figure = assertThrows(StudybookException.class, () -> build("See ${figure(\"survival\")} here.\n"))
        .getMessage();
    assertTrue(figure.contains("figure \"survival\" is placed inside a paragraph"), figure);
    String forged = assertThrows(StudybookException.class, () -> build("x \uE000T7\uE001\n")).getMessage();
    assertTrue(forged.contains("no helper made"), forged);
  }

  @Test
  void aHandLaidTableIsATypedGridWhoseMaskedCellChangesOnlyThatCell() throws IOException {
    Built b = build("| Step | Patients |\n|---|---:|\n| All | ${fmt.count(160)} |\n| Treated | ${fmt.count(3)} |\n"
        + "| Control | ${fmt.count(157)} |\n");
    Block.Grid g = (Block.Grid) b.doc().blocks().get(0);
    assertEquals("Treated", g.rows().get(1).get(0).text());
    assertEquals(List.of(new studybook.report.doc.Inline.NumberMark(studybook.report.doc.Inline.NumberMark.Kind.COUNT,
        "3", "", 3)), g.rows().get(1).get(1).content(), "a count cell is its typed mark");
    DocumentSuppression s = DocumentSuppression.of(b.doc(), new SmallCellSuppression(5), n -> n < 5);
    String md = MarkdownOut.write(s.document(), b.tables().renderer(), NumberStyle.of(java.util.Map.of()));
    assertTrue(md.contains("| Treated | \\[c\\] |\n| Control | \\[c\\] |"), md);
    assertEquals(2, s.masked().size());
    assertEquals(List.of(157L), s.maskedValues());
    assertFalse(md.contains("| 3 |"), md);
    assertTrue(md.startsWith("| Step | Patients |\n|---|---:|\n| All | 160 |\n"), md);
  }

  @Test
  void numbersTheTemplatePrintsAreTypedMarksThatKnowTheirResultPath() throws IOException {
    Built b = build("## Of ${fmt.count(table1.n)} patients\n\n"
        + "<#list table1.groupSizes as g>*${fmt.count(g)}*<#sep>, </#list> were randomised (P ${fmt.p(0.0001)}); "
        + "${fmt.num(3.14159, 2)} and ${fmt.md(\"a_b\")}.\n\n"
        + "<@table result=\"response\" caption=\"Response among ${fmt.count(table1.n)}\"/>\n");
    List<studybook.report.doc.Inline.NumberMark> numbers = b.doc().numbers();
    assertEquals(List.of("table1.n", "table1.groupSizes.0", "table1.groupSizes.1", "", ""),
        numbers.stream().map(studybook.report.doc.Inline.NumberMark::source).toList());
    assertEquals(List.of("160", "80", "80", "<0.001", "3.14"),
        numbers.stream().map(studybook.report.doc.Inline.NumberMark::text).toList());
    assertEquals(studybook.report.doc.Inline.NumberMark.Kind.P_VALUE, numbers.get(3).kind());
    assertEquals(160, numbers.get(0).value());
    // The heading's id and every output's text are as if the numbers were printed as text.
    Block.Heading h = (Block.Heading) b.doc().blocks().get(0);
    assertEquals("of-160-patients", h.id());
    String md = MarkdownOut.write(b.doc(), b.tables().renderer(), NumberStyle.of(java.util.Map.of()));
    assertTrue(md.startsWith("## Of 160 patients\n\n*80*, *80* were randomised (P <0.001); 3.14 and a\\_b.\n"), md);
    assertTrue(md.contains("Response among 160\n"), md);
    String html = new HtmlOut(b.tables().renderer(), b.figures(), false).body(b.doc(), false);
    assertTrue(html.contains("<p><em>80</em>, <em>80</em> were randomised (P &lt;0.001); 3.14 and a_b.</p>"), html);
  }

  /** An author's typo in a number is an error at its line naming the nearest name, never a silent "NA". */
  @Test
  void aNumberOfAnUnknownResultIsALocatedErrorNamingTheNearestName() {
    String typo = assertThrows(StudybookException.class, () -> build("# T\n\nOf ${fmt.count(table1.nn)} patients\n"))
        .getMessage();
    assertTrue(typo.startsWith("templates/report.md.ftl:3:") && typo.contains("table1 has no 'nn'")
        && typo.contains("did you mean 'n'?"), typo);
    String printed = assertThrows(StudybookException.class, () -> build("# T\n\n${table1.groupSize[0]}\n"))
        .getMessage();
    assertTrue(printed.startsWith("templates/report.md.ftl:3:") && printed.contains("did you mean 'groupSizes'?"),
        printed);
  }

  /** The page's prose is written from the typed runs; it is the HTML flexmark would make of the same Markdown. */
  @Test
  void proseIsWrittenAsFlexmarkWritesTheSameMarkdown() {
    String md = """
        # Title

        ## A *section* with `code`

        Text with **bold**, *emphasis*, `code <b>`, a [link](https://example.org "t") & <span>raw</span>,
        a soft break and a hard one\\
        here; escapes \\* \\[x\\] and "quotes".

        > A quote
        > of two lines.

        - one
        - two **b**
          - nested
        - three

        1. first

        2. second

        3) third

        ```java
        int x = 1 < 2;
        ```

            indented code

        | A | B | C |
        |:---|:---:|---:|
        | *x* | 1 |  |
        | **y** z | 2 | 3 |

        ---

        ![not a figure](pic.png)
        """;
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    options.set(HtmlRenderer.ESCAPE_HTML, true);
    options.set(HtmlRenderer.SOFT_BREAK, "\n");
    options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
    options.set(HtmlRenderer.RENDER_HEADER_ID, true);
    String flexmark = HtmlRenderer.builder(options).build().render(Parser.builder(options).build().parse(md))
        .replace("<table>", "<div class=\"table-wrap\"><table>").replace("</table>", "</table></div>")
        .replace("<img src=\"pic.png\" alt=\"not a figure\" />", "<span class=\"missing-image\">not a figure</span>");
    assertEquals(flexmark, new Templates(tmp.resolve("none")).htmlFragment(md));
  }
}
