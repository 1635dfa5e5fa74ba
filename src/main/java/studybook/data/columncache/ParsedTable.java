package studybook.data.columncache;

import java.util.List;

/**
 * A data file as the CSV reader parsed it, before any typing: the header, one {@link ParsedColumn}
 * per header column, and the line on which each record starts (the header is line 1).
 */
public record ParsedTable(List<String> names, List<ParsedColumn> columns, int[] lines) {
  public ParsedTable {
    names = List.copyOf(names);
    columns = List.copyOf(columns);
    if (names.size() != columns.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + columns.size() + " columns");
    }
    for (ParsedColumn c : columns) {
      if (c.codes().length != lines.length) {
        throw new IllegalArgumentException("a column has " + c.codes().length + " rows, not " + lines.length);
      }
    }
  }

  /** The number of records. */
  public int rows() {
    return lines.length;
  }
}
