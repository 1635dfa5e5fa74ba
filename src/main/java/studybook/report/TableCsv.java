package studybook.report;

import java.util.List;
import studybook.tables.Tabular;

/**
 * A {@link Tabular} as RFC-4180 CSV of raw values: numbers at full precision (shortest round-trip
 * form), NA for a missing or non-finite value, text quoted when it must be; '\n' line ends. Text
 * that a spreadsheet would take for a formula (starting with =, +, -, @, tab or CR) is written as
 * OWASP's CSV-injection rule says: prefixed with a single quote and quoted, so it shows as text.
 */
final class TableCsv {
  private TableCsv() {}

  static String of(Tabular t) {
    StringBuilder b = new StringBuilder();
    row(b, List.copyOf(t.columns()));
    for (List<Object> r : t.rows()) {
      row(b, r);
    }
    return b.toString();
  }

  private static void row(StringBuilder b, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(values.get(i)));
    }
    b.append('\n');
  }

  private static String cell(Object v) {
    if (v == null) {
      return "NA";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? Double.toString(d) : "NA";
    }
    if (v instanceof Number n) {
      return n.toString();
    }
    String s = v.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "\"'" + s.replace("\"", "\"\"") + '"';
    }
    if (s.isEmpty() || s.equals("NA") || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
        || !s.equals(s.strip())) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
