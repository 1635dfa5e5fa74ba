package studybook.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The ad-hoc conventions written the plain way (a String per cell, every rule applied per row), as
 * {@link AdhocLoader} read files before it worked on bytes: the dictionary loader must give the same
 * Frame, or the same problems, for any file.
 */
final class ReferenceAdhocLoader {
  private ReferenceAdhocLoader() {}

  static Frame load(Path file, Set<String> categorical, Map<String, List<String>> levelOrders) {
    List<String> header = new ArrayList<>();
    List<List<String>> columns = new ArrayList<>();
    List<Integer> lineList = new ArrayList<>();
    CsvReader.read(file, new CsvReader.RecordHandler() {
      @Override
      public void header(List<String> names) {
        header.addAll(names);
        names.forEach(n -> columns.add(new ArrayList<>()));
      }

      @Override
      public void record(int line, String[] fields) {
        lineList.add(line);
        for (int i = 0; i < fields.length; i++) {
          columns.get(i).add(fields[i]);
        }
      }
    });
    Set<String> named = new TreeSet<>(categorical);
    named.addAll(levelOrders.keySet());
    for (String name : named) {
      if (!header.contains(name)) {
        throw new DataException(new DataProblem(file, 1, name, null, "no such column in the data",
            studybook.Names.nearest(name, header).map(n -> "did you mean '" + n + "'?").orElse(null)));
      }
    }
    int rows = lineList.size();
    if (rows == 0) {
      throw new DataException(new DataProblem(file, 0, null, null, "has a header but no data rows", null));
    }
    int[] lines = lineList.stream().mapToInt(Integer::intValue).toArray();
    Table table = Table.create(file.getFileName().toString());
    Map<String, List<String>> levels = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c);
      String[] raw = columns.get(c).toArray(new String[0]);
      if (!categorical.contains(name) && !levelOrders.containsKey(name) && numeric(file, name, raw, lines)) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
          out[r] = missing(raw[r]) ? Double.NaN : Numbers.parse(raw[r].trim());
          if (Double.isInfinite(out[r])) {
            throw new DataException(new DataProblem(file, lines[r], name, raw[r],
                "number is beyond the range of a double", null));
          }
        }
        table.addColumns(DoubleColumn.create(name, out));
      } else {
        String[] values = new String[rows];
        for (int r = 0; r < rows; r++) {
          String text = AdhocLoader.text(raw[r]);
          values[r] = AdhocLoader.MISSING_TOKENS.contains(text) ? "" : text;
        }
        List<String> order;
        if (levelOrders.containsKey(name)) {
          order = levelOrders.get(name).stream().map(AdhocLoader::text).toList();
          if (new LinkedHashSet<>(order).size() != order.size()) {
            throw new DataException(new DataProblem(file, 1, name, null, "--levels names a level twice: " + order, null));
          }
          for (int r = 0; r < rows; r++) {
            if (!values[r].isEmpty() && !order.contains(values[r])) {
              throw new DataException(new DataProblem(file, lines[r], name, values[r],
                  "value is not among the levels given in --levels " + order, "add it to --levels or mark it missing"));
            }
          }
        } else {
          order = AdhocLoader.naturalOrder(values);
        }
        table.addColumns(StringColumn.create(name, values));
        levels.put(name, order);
      }
    }
    return new Frame(file, table, levels, lines);
  }

  private static boolean missing(String v) {
    return AdhocLoader.MISSING_TOKENS.contains(v) || v.isBlank();
  }

  private static boolean numeric(Path file, String name, String[] raw, int[] lines) {
    int numeric = 0;
    int text = 0;
    int firstText = -1;
    for (int r = 0; r < raw.length; r++) {
      if (missing(raw[r])) {
        continue;
      }
      if (Numbers.looksNumeric(raw[r].trim())) {
        numeric++;
      } else if (text++ == 0) {
        firstText = r;
      }
    }
    if (text > 0 && numeric > text) {
      throw new DataException(new DataProblem(file, lines[firstText], name, raw[firstText],
          "non-numeric value in a numeric column (" + numeric + " of " + (numeric + text) + " values are numbers)",
          "fix it, mark it missing (empty or NA), or name the column in --categorical"));
    }
    return text == 0;
  }
}
