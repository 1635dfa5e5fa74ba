package studybook.report.docx;

import java.util.List;
import java.util.Objects;

/**
 * One table as the reader will see it: every cell is already text in the report's number style.
 *
 * @param caption the line above the table, e.g. "Table 1. Characteristics of the patients"; empty for none
 * @param headers the column headers
 * @param rows rows of cell text, each as long as {@code headers}
 * @param footnotes lines printed under the table, in order
 */
public record DocxTable(String caption, List<String> headers, List<List<String>> rows, List<String> footnotes)
    implements DocxBlock {
  public DocxTable {
    Objects.requireNonNull(caption, "caption");
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    footnotes = List.copyOf(footnotes);
    if (headers.isEmpty()) {
      throw new IllegalArgumentException("table '" + caption + "' has no columns");
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != headers.size()) {
        throw new IllegalArgumentException("table '" + caption + "': row " + (i + 1) + " has " + rows.get(i).size()
            + " cells for " + headers.size() + " columns");
      }
    }
  }
}
