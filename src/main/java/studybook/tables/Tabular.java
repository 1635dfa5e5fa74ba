package studybook.tables;

import java.util.List;

/**
 * A result that is a table: the report writes every cell result implementing it to
 * {@code reports/tables/<tableName>.csv} as raw data (numbers at full precision, no formatting).
 */
public interface Tabular {
  /** The file stem of the table's CSV, e.g. "table1". */
  String tableName();

  /** Column headers. */
  List<String> columns();

  /** Rows of raw values: String, Number (NaN or null for not available) or null; one per column. */
  List<List<Object>> rows();
}
