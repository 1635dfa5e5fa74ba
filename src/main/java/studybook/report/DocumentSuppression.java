package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import studybook.report.doc.Block;
import studybook.report.doc.Document;

/**
 * {@link SmallCellSuppression} on the tables a template laid out by hand ({@link Block.Grid}), in one
 * pass over the document's typed cells: a masked cell shows the mask in every output (and in report.md
 * only that cell's Markdown changes). Tables from a model are suppressed on their counts before they are
 * placed ({@link ReportTables}, with the {@link SmallCellSuppressionLedger}).
 *
 * @param document the document with masked cells
 * @param masked every masked cell, tables in document order
 * @param maskedValues the counts those cells held
 */
record DocumentSuppression(Document document, List<SmallCellSuppression.MaskedCell> masked, List<Long> maskedValues) {
  private static final Pattern CAPTION = Pattern.compile("Table\\b.*");

  static DocumentSuppression of(Document doc, SmallCellSuppression rule) {
    List<Block> blocks = new ArrayList<>(doc.blocks());
    List<SmallCellSuppression.MaskedCell> masked = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    int index = 0;
    // Escaped like any text the templates print through fmt.md.
    String markdownMask = rule.mask().replace("[", "\\[").replace("]", "\\]");
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b instanceof Block.Table) {
        index++;
        continue;
      }
      if (!(b instanceof Block.Grid g)) {
        continue;
      }
      index++;
      String name = i > 0 && blocks.get(i - 1) instanceof Block.Paragraph p && CAPTION.matcher(p.text()).matches()
          ? p.text() : "table " + index;
      List<String> headers = g.headers().stream().map(Block.GridCell::text).toList();
      List<List<String>> rows = g.rows().stream().map(r -> r.stream().map(Block.GridCell::text).toList()).toList();
      SmallCellSuppression.Result result = rule.apply(name, headers, rows);
      for (SmallCellSuppression.MaskedCell m : result.masked()) {
        g = g.withCell(m.rowIndex(), m.columnIndex(), rule.mask(), markdownMask);
      }
      blocks.set(i, g);
      masked.addAll(result.masked());
      values.addAll(result.values());
    }
    return new DocumentSuppression(doc.withBlocks(blocks), List.copyOf(masked), List.copyOf(values));
  }
}
