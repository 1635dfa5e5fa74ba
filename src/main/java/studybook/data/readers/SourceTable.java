package studybook.data.readers;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A source file read into text cells: the one intermediate every reader produces and the codebook
 * validation reads, exactly as it reads the records of a CSV file. Numbers are written in studybook's
 * number syntax, dates as ISO {@code yyyy-MM-dd}, a system-missing value as an empty cell, a value the
 * file declares missing as its own text (listed in {@link SourceColumn#missingTokens()}).
 *
 * @param file the file read
 * @param format its format
 * @param columns the columns in file order
 * @param cells the cells, column by column: {@code cells[column][row]}
 * @param rows where each row stands in the file's own terms: the line (text formats; the header is line
 *     1), the sheet row (Excel; the header row is its own number) or the case number from 1 (binary formats)
 * @param rowWord what {@code rows} count: "line", "row" or "case"
 */
public record SourceTable(Path file, SourceFormat format, List<SourceColumn> columns, String[][] cells, int[] rows,
    String rowWord) {

  public SourceTable {
    Objects.requireNonNull(file, "file");
    columns = List.copyOf(columns);
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException("one cell array per column expected");
    }
    for (String[] c : cells) {
      if (c.length != rows.length) {
        throw new IllegalArgumentException("every column needs one cell per row");
      }
    }
  }

  public int rowCount() {
    return rows.length;
  }

  public List<String> names() {
    return columns.stream().map(SourceColumn::name).toList();
  }

  /** The cells of one row, in column order. */
  public String[] row(int r) {
    String[] out = new String[cells.length];
    for (int c = 0; c < cells.length; c++) {
      out[c] = cells[c][r];
    }
    return out;
  }

  /** Where row {@code r} stands, e.g. "line 4" or "case 3". */
  public String where(int r) {
    return rowWord + " " + rows[r];
  }
}
