package studybook.report;

import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies {@link SmallCellSuppression} to every table of the rendered Markdown, rewriting only the
 * text of masked cells, so the page and the Word file (both built from this Markdown) show the same.
 *
 * @param markdown the Markdown with masked cells
 * @param masked every masked cell, tables in document order
 * @param maskedValues the counts those cells held
 */
record SuppressedMarkdown(String markdown, List<SmallCellSuppression.MaskedCell> masked, List<Long> maskedValues) {
  private static final Pattern CAPTION = Pattern.compile("Table\\b.*");

  static SuppressedMarkdown of(String markdown, Document document, SmallCellSuppression rule) {
    return of(markdown, document, rule, List.of());
  }

  /** As above, leaving out the tables rendered from a model ({@code modelTables}, already suppressed). */
  static SuppressedMarkdown of(String markdown, Document document, SmallCellSuppression rule,
      List<TableRenderer.Rendered> modelTables) {
    List<int[]> edits = new ArrayList<>();
    List<SmallCellSuppression.MaskedCell> masked = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    int index = 0;
    for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      if (!(n instanceof TableBlock)) {
        continue;
      }
      index++;
      String name = n.getPrevious() instanceof Paragraph p && CAPTION.matcher(MarkdownDocx.text(p)).matches()
          ? MarkdownDocx.text(p) : "table " + index;
      List<String> headers = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      List<List<BasedSequence>> where = new ArrayList<>();
      for (MarkdownDocx.Row row : MarkdownDocx.rows((TableBlock) n)) {
        List<String> texts = row.cells().stream().map(MarkdownDocx::text).toList();
        if (row.head() && headers.isEmpty()) {
          headers.addAll(texts);
        } else if (!row.head()) {
          rows.add(texts);
          where.add(row.cells().stream().map(TableCell::getText).toList());
        }
      }
      if (modelTables.stream().anyMatch(t -> t.headers().equals(headers) && t.rows().equals(rows))) {
        continue;
      }
      SmallCellSuppression.Result result = rule.apply(name, headers, rows);
      for (SmallCellSuppression.MaskedCell m : result.masked()) {
        BasedSequence span = where.get(m.rowIndex()).get(m.columnIndex());
        edits.add(new int[] {span.getStartOffset(), span.getEndOffset()});
      }
      masked.addAll(result.masked());
      values.addAll(result.values());
    }
    edits.sort((a, b) -> Integer.compare(b[0], a[0]));
    StringBuilder b = new StringBuilder(markdown);
    for (int[] e : edits) {
      // Escaped like any text the templates print through fmt.md.
      b.replace(e[0], e[1], rule.mask().replace("[", "\\[").replace("]", "\\]"));
    }
    return new SuppressedMarkdown(b.toString(), List.copyOf(masked), List.copyOf(values));
  }
}
