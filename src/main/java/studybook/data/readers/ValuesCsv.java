package studybook.data.readers;

import java.util.ArrayList;
import java.util.List;
import studybook.data.CodebookLoader;

/**
 * A source table as CSV, exactly as the codebook sees it: one column per variable, the cells as the
 * reader made them (numbers in studybook's syntax, dates ISO, a declared missing value as its own
 * token, system missing empty), and beside each labelled column a column {@code NAME:label} with the
 * value label of each cell. For comparing a conversion with what another program shows.
 */
public final class ValuesCsv {
  private ValuesCsv() {}

  public static String of(SourceTable t) {
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows(t)) {
      line(s, row);
    }
    return s.toString();
  }

  /** The header and the rows, unquoted. */
  static List<List<String>> rows(SourceTable t) {
    List<List<String>> out = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (SourceColumn c : t.columns()) {
      header.add(c.name());
      if (!c.valueLabels().isEmpty()) {
        header.add(c.name() + ":label");
      }
    }
    out.add(header);
    for (int r = 0; r < t.rowCount(); r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < t.columns().size(); c++) {
        String cell = t.cells()[c][r];
        row.add(cell);
        SourceColumn col = t.columns().get(c);
        if (!col.valueLabels().isEmpty()) {
          row.add(col.valueLabels().getOrDefault(cell, ""));
        }
      }
      out.add(row);
    }
    return out;
  }

  private static void line(StringBuilder s, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      String cell = CodebookLoader.protect(cells.get(i));
      boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
      s.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
    }
    s.append('\n');
  }
}
