package studybook.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * Loads any CSV file without a codebook, by the conventions of the ad-hoc commands (CONTRACT.md):
 * an empty cell or {@code NA} is missing; a column whose values are all numbers is continuous unless
 * named categorical; any other column is categorical; text levels sort by Unicode code point (R's C
 * locale), levels of a numeric column named categorical sort numerically, and an explicit order
 * overrides both.
 *
 * <p>A column that is mostly numbers but has a stray word is taken as a data error, not silently
 * turned into a categorical variable: the error names the line of the first non-number.
 */
public final class AdhocLoader {
  private AdhocLoader() {}

  /** Text that marks a missing value in a file read without a codebook. */
  public static final Set<String> MISSING_TOKENS = Set.of("", "NA");

  /**
   * @param file the CSV file
   * @param categorical columns to treat as categorical even when they hold numbers
   * @param levelOrders explicit level orders (the first level is the reference); such columns are categorical
   */
  public static Frame load(Path file, Set<String> categorical, Map<String, List<String>> levelOrders) {
    Collector collector = new Collector();
    CsvReader.read(file, collector);
    List<String> header = collector.header;
    for (String name : union(categorical, levelOrders.keySet())) {
      if (!header.contains(name)) {
        throw new DataException(new DataProblem(file, 1, name, null, "no such column in the data",
            studybook.Names.nearest(name, header).map(n -> "did you mean '" + n + "'?").orElse(null)));
      }
    }
    int rows = collector.lines.size();
    if (rows == 0) {
      throw new DataException(new DataProblem(file, 0, null, null, "has a header but no data rows", null));
    }
    int[] lines = collector.lines.stream().mapToInt(Integer::intValue).toArray();
    Table table = Table.create(file.getFileName().toString());
    Map<String, List<String>> levels = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c);
      String[] raw = collector.columns.get(c).toArray(new String[0]);
      boolean wantCategorical = categorical.contains(name) || levelOrders.containsKey(name);
      if (!wantCategorical && isNumericColumn(file, name, raw, lines)) {
        table.addColumns(DoubleColumn.create(name, toDoubles(file, name, raw, lines)));
      } else {
        String[] values = new String[rows];
        for (int r = 0; r < rows; r++) {
          values[r] = MISSING_TOKENS.contains(raw[r]) ? "" : raw[r];
        }
        List<String> order = levelOrders.containsKey(name)
            ? checkedOrder(file, name, values, lines, levelOrders.get(name))
            : naturalOrder(values);
        table.addColumns(StringColumn.create(name, values));
        levels.put(name, order);
      }
    }
    return new Frame(file, table, levels, lines);
  }

  /** Levels in R's C-locale order, or numerically when every level is a number. */
  static List<String> naturalOrder(String[] values) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String v : values) {
      if (!v.isEmpty()) {
        distinct.add(v);
      }
    }
    boolean numeric = distinct.stream().allMatch(v -> Numbers.looksNumeric(v.trim()));
    Comparator<String> byCodePoint = AdhocLoader::compareCodePoints;
    Comparator<String> order = numeric
        ? Comparator.<String>comparingDouble(v -> Numbers.parse(v.trim())).thenComparing(byCodePoint)
        : byCodePoint;
    TreeSet<String> sorted = new TreeSet<>(order);
    sorted.addAll(distinct);
    return new ArrayList<>(sorted);
  }

  /** Compares by Unicode code point, as R's C locale does (String.compareTo compares UTF-16 units). */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static List<String> checkedOrder(Path file, String name, String[] values, int[] lines, List<String> order) {
    Set<String> declared = new LinkedHashSet<>(order);
    if (declared.size() != order.size()) {
      throw new DataException(new DataProblem(file, 1, name, null, "--levels names a level twice: " + order, null));
    }
    for (int r = 0; r < values.length; r++) {
      if (!values[r].isEmpty() && !declared.contains(values[r])) {
        throw new DataException(new DataProblem(file, lines[r], name, values[r],
            "value is not among the levels given in --levels " + order, "add it to --levels or mark it missing"));
      }
    }
    return List.copyOf(order);
  }

  private static boolean isNumericColumn(Path file, String name, String[] raw, int[] lines) {
    int numeric = 0;
    int text = 0;
    int firstText = -1;
    for (int r = 0; r < raw.length; r++) {
      String v = raw[r];
      if (MISSING_TOKENS.contains(v) || v.isBlank()) {
        continue;
      }
      if (Numbers.looksNumeric(v.trim())) {
        numeric++;
      } else {
        text++;
        if (firstText < 0) {
          firstText = r;
        }
      }
    }
    if (text == 0) {
      return true;
    }
    if (numeric > text) {
      throw new DataException(new DataProblem(file, lines[firstText], name, raw[firstText],
          "non-numeric value in a numeric column (" + numeric + " of " + (numeric + text) + " values are numbers)",
          "fix it, mark it missing (empty or NA), or name the column in --categorical"));
    }
    return false;
  }

  private static double[] toDoubles(Path file, String name, String[] raw, int[] lines) {
    double[] out = new double[raw.length];
    for (int r = 0; r < raw.length; r++) {
      String v = raw[r];
      if (MISSING_TOKENS.contains(v) || v.isBlank()) {
        out[r] = Double.NaN;
        continue;
      }
      out[r] = Numbers.parse(v.trim());
      if (Double.isInfinite(out[r])) {
        throw new DataException(new DataProblem(file, lines[r], name, v, "number is beyond the range of a double", null));
      }
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  /** Keeps every column's raw text; repeated values share one String so large files stay small. */
  private static final class Collector implements CsvReader.RecordHandler {
    List<String> header;
    final List<List<String>> columns = new ArrayList<>();
    final List<Map<String, String>> pools = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();

    @Override
    public void header(List<String> names) {
      header = names;
      for (int i = 0; i < names.size(); i++) {
        columns.add(new ArrayList<>());
        pools.add(new HashMap<>());
      }
    }

    @Override
    public void record(int line, String[] fields) {
      lines.add(line);
      for (int i = 0; i < fields.length; i++) {
        String f = fields[i];
        columns.get(i).add(pools.get(i).computeIfAbsent(f, k -> k));
      }
    }
  }
}
