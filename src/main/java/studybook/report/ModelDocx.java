package studybook.report;

import java.util.ArrayList;
import java.util.List;
import studybook.report.docx.DocxBlock;
import studybook.report.docx.DocxDocument;
import studybook.report.docx.DocxParagraph;
import studybook.report.docx.DocxTable;

/**
 * Word's tables from the table model: each table the Markdown shows that a {@link ReportTables}
 * rendered (same headers and cells) is replaced by the renderer's own {@link DocxTable}, with the
 * model's footnotes, and the footnote paragraph the Markdown printed under it is dropped. Tables a
 * template lays out by hand stay as {@link MarkdownDocx} read them.
 */
final class ModelDocx {
  private ModelDocx() {}

  static DocxDocument replaceTables(DocxDocument doc, ReportTables tables) {
    List<DocxBlock> out = new ArrayList<>();
    List<? extends DocxBlock> blocks = doc.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      DocxBlock b = blocks.get(i);
      TableRenderer.Rendered match = b instanceof DocxTable t ? find(t, tables) : null;
      if (match == null) {
        out.add(b);
        continue;
      }
      DocxTable t = (DocxTable) b;
      DocxTable mine = tables.renderer().docx(match, t.caption());
      out.add(mine);
      if (t.footnotes().isEmpty() && i + 1 < blocks.size() && blocks.get(i + 1) instanceof DocxParagraph p
          && p.text().replace("\n", " ").equals(String.join(" ", mine.footnotes()))) {
        i++;
      }
    }
    return new DocxDocument(doc.title(), doc.banner(), out);
  }

  private static TableRenderer.Rendered find(DocxTable t, ReportTables tables) {
    for (TableRenderer.Rendered r : tables.placed()) {
      if (r.headers().equals(t.headers()) && r.rows().equals(t.rows())) {
        return r;
      }
    }
    return null;
  }
}
