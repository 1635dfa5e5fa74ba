package studybook.data.readers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads a REDCap records export (CSV, raw values) together with the project's data dictionary (the CSV
 * REDCap offers under Project Setup > Data Dictionary). From the dictionary: field labels become
 * variable labels (HTML tags removed); the choices of radio, dropdown and checkbox fields ({@code 1, Male |
 * 2, Female}) become value labels; yes/no and true/false fields get {@code 1}/{@code 0} labels; a checkbox
 * field's columns {@code name___code} are labelled "Field label: choice" with 0/1 labelled Unchecked/Checked;
 * {@code date_*} validation marks dates (raw exports write them {@code yyyy-MM-dd}); the instrument status
 * columns {@code form_complete} get REDCap's 0/1/2 labels. Columns the dictionary does not describe
 * ({@code redcap_event_name}, ...) are read as they are.
 */
final class RedcapReader {
  private RedcapReader() {}

  private record Field(String name, String type, String label, String choices, String validation, int line) {}

  static SourceTable read(Path data, byte[] bytes, ReadOptions o, Path dictionary) {
    SourceTable records = TextReader.read(data, bytes, o, SourceFormat.REDCAP);
    Map<String, Field> fields = dictionary(dictionary);
    Map<String, SourceColumn> described = new HashMap<>();
    fields.forEach((name, f) -> describe(dictionary, f, described));
    List<SourceColumn> columns = new ArrayList<>();
    for (SourceColumn c : records.columns()) {
      SourceColumn d = described.get(c.name());
      if (d == null && c.name().endsWith("_complete")) {
        d = new SourceColumn(c.name(), "Status of " + c.name().substring(0, c.name().length() - 9), CellKind.NUMBER,
            ordered("0", "Incomplete", "1", "Unverified", "2", "Complete"), List.of(), "");
      }
      columns.add(d != null ? d : c);
    }
    return new SourceTable(data, SourceFormat.REDCAP, columns, records.cells(), records.rows(), "line");
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void describe(Path dictionary, Field f, Map<String, SourceColumn> out) {
    String label = f.label().replaceAll("<[^>]*>", "").strip();
    String v = f.validation().toLowerCase(Locale.ROOT);
    switch (f.type()) {
      case "descriptive" -> { }
      case "radio", "dropdown" -> out.put(f.name(), new SourceColumn(f.name(), label, CellKind.NUMBER,
          choices(dictionary, f), List.of(), f.type()));
      case "yesno" -> out.put(f.name(), new SourceColumn(f.name(), label, CellKind.NUMBER, ordered("1", "Yes", "0", "No"),
          List.of(), f.type()));
      case "truefalse" -> out.put(f.name(), new SourceColumn(f.name(), label, CellKind.NUMBER,
          ordered("1", "True", "0", "False"), List.of(), f.type()));
      case "checkbox" -> choices(dictionary, f).forEach((code, text) -> {
        String column = f.name() + "___" + code.toLowerCase(Locale.ROOT).replace('-', '_');
        out.put(column, new SourceColumn(column, label + ": " + text, CellKind.NUMBER,
            ordered("0", "Unchecked", "1", "Checked"), List.of(), f.type()));
      });
      case "calc", "slider" -> out.put(f.name(), new SourceColumn(f.name(), label, CellKind.NUMBER, Map.of(), List.of(), f.type()));
      default -> {
        CellKind kind = v.startsWith("date_") ? CellKind.DATE : v.startsWith("datetime") ? CellKind.DATETIME
            : v.equals("integer") || v.startsWith("number") ? CellKind.NUMBER : CellKind.TEXT;
        out.put(f.name(), new SourceColumn(f.name(), label, kind, Map.of(), List.of(), f.type() + (v.isEmpty() ? "" : " " + v)));
      }
    }
  }

  /** "1, Male | 2, Female" as code -> label, in the dictionary's order. */
  private static Map<String, String> choices(Path dictionary, Field f) {
    Map<String, String> out = new LinkedHashMap<>();
    if (f.choices().isBlank()) {
      return out;
    }
    for (String item : f.choices().split("\\|")) {
      int comma = item.indexOf(',');
      if (comma < 0) {
        throw new DataException(new DataProblem(dictionary, f.line(), "Choices, Calculations, OR Slider Labels",
            item.strip(), "'" + f.name() + "': a choice without its code", "write choices as '1, Male | 2, Female'"));
      }
      out.put(item.substring(0, comma).strip(), item.substring(comma + 1).strip());
    }
    return out;
  }

  private static Map<String, Field> dictionary(Path file) {
    byte[] bytes = DataReaders.bytes(file);
    SourceTable t = TextReader.read(file, bytes, ReadOptions.defaults(), SourceFormat.CSV);
    int name = column(t, file, "variable / field name");
    int type = column(t, file, "field type");
    int label = column(t, file, "field label");
    int choices = column(t, file, "choices, calculations, or slider labels");
    int validation = column(t, file, "text validation type or show slider number");
    Map<String, Field> out = new LinkedHashMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      String n = t.cells()[name][r].strip();
      out.put(n, new Field(n, t.cells()[type][r].strip().toLowerCase(Locale.ROOT), t.cells()[label][r],
          t.cells()[choices][r], t.cells()[validation][r].strip(), t.rows()[r]));
    }
    return out;
  }

  private static int column(SourceTable t, Path file, String wanted) {
    List<String> names = t.names();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
        return i;
      }
    }
    throw new DataException(new DataProblem(file, 1, wanted, null, "the REDCap data dictionary has no such column",
        "download the dictionary from REDCap (Project Setup > Data Dictionary) without editing its header"));
  }
}
