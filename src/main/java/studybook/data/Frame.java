package studybook.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studybook.Names;
import studybook.StudybookException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * A loaded dataset: typed columns (categorical ones as level codes with the declared level order,
 * -1 for missing; continuous ones as doubles, NaN for missing), the line in the source file of every
 * row, so that any later step can point the user at the exact place in the file, and the same data
 * as a Tablesaw {@link Table} ({@link StringColumn}s with "" for missing, {@link DoubleColumn}s).
 *
 * <p>The Table is built when first asked for: the statistics read the primitive columns, and a cold
 * JVM spent ~0.8 s creating Tablesaw columns (and its class-path scan) that an ad-hoc command on a
 * large file never used.
 *
 * <p>Immutable: the methods that change something return a new frame.
 */
public final class Frame {
  private final Path source;
  private final List<String> names;
  private final Set<String> nameSet;
  private final Map<String, List<String>> levels;
  private final Map<String, int[]> codes;
  private final Map<String, double[]> values;
  private final int[] lines;
  private volatile Table table;

  /**
   * @param source the file the rows came from
   * @param table typed columns: StringColumn ("" missing) for each categorical column, DoubleColumn otherwise
   * @param levels the level order of every categorical column (a column absent here is continuous)
   * @param lines the line in {@code source} of each row
   */
  public Frame(Path source, Table table, Map<String, List<String>> levels, int[] lines) {
    this(source, table.columnNames(), levels, codesOf(table, levels), valuesOf(table, levels), lines, table);
    for (Column<?> c : table.columns()) {
      boolean categorical = levels.containsKey(c.name());
      if (categorical != (c instanceof StringColumn) || (!categorical && !(c instanceof DoubleColumn))) {
        throw new IllegalArgumentException("column " + c.name() + " is typed inconsistently with its levels");
      }
    }
  }

  /**
   * A frame from primitive columns, in {@code names} order: each name has either codes (into its
   * {@code levels}, -1 for missing) or values (NaN for missing). The arrays are taken, not copied.
   */
  public static Frame ofColumns(Path source, List<String> names, Map<String, List<String>> levels,
      Map<String, int[]> codes, Map<String, double[]> values, int[] lines) {
    return new Frame(source, names, levels, codes, values, lines, null);
  }

  private Frame(Path source, List<String> names, Map<String, List<String>> levels, Map<String, int[]> codes,
      Map<String, double[]> values, int[] lines, Table table) {
    for (String name : names) {
      int length = codes.containsKey(name) ? codes.get(name).length
          : values.containsKey(name) ? values.get(name).length : -1;
      if (length != lines.length || codes.containsKey(name) != levels.containsKey(name)) {
        throw new IllegalArgumentException("column " + name + " is missing, typed inconsistently or of the wrong length");
      }
    }
    this.source = source;
    this.names = List.copyOf(names);
    this.nameSet = new HashSet<>(names);
    Map<String, List<String>> lv = new LinkedHashMap<>();
    levels.forEach((k, v) -> lv.put(k, List.copyOf(v)));
    this.levels = lv;
    this.codes = codes;
    this.values = values;
    this.lines = lines.clone();
    this.table = table;
  }

  private static Map<String, int[]> codesOf(Table table, Map<String, List<String>> levels) {
    Map<String, int[]> out = new HashMap<>();
    levels.forEach((name, order) -> {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        index.put(order.get(i), i);
      }
      StringColumn c = table.stringColumn(name);
      int[] codes = new int[c.size()];
      for (int r = 0; r < codes.length; r++) {
        String v = c.get(r);
        codes[r] = v.isEmpty() ? -1 : index.getOrDefault(v, -1);
      }
      out.put(name, codes);
    });
    return out;
  }

  private static Map<String, double[]> valuesOf(Table table, Map<String, List<String>> levels) {
    Map<String, double[]> out = new HashMap<>();
    for (Column<?> c : table.columns()) {
      if (!levels.containsKey(c.name()) && c instanceof DoubleColumn d) {
        out.put(c.name(), d.asDoubleArray());
      }
    }
    return out;
  }

  public Path source() {
    return source;
  }

  /** The data as a Tablesaw Table, built on first use. Treat it as read-only: Tablesaw tables are mutable, frames are not. */
  public Table table() {
    Table t = table;
    if (t == null) {
      synchronized (this) {
        t = table;
        if (t == null) {
          t = Table.create(source.getFileName() == null ? "data" : source.getFileName().toString());
          for (String name : names) {
            if (codes.containsKey(name)) {
              List<String> lv = levels.get(name);
              int[] c = codes.get(name);
              String[] text = new String[c.length];
              for (int r = 0; r < c.length; r++) {
                text[r] = c[r] < 0 ? "" : lv.get(c[r]);
              }
              t.addColumns(StringColumn.create(name, text));
            } else {
              t.addColumns(DoubleColumn.create(name, values.get(name).clone()));
            }
          }
          table = t;
        }
      }
    }
    return t;
  }

  public int rowCount() {
    return lines.length;
  }

  public List<String> columnNames() {
    return names;
  }

  public boolean has(String column) {
    return nameSet.contains(column);
  }

  /** Fails with the nearest existing name when {@code column} is not in the data. */
  public void requireColumn(String column) {
    if (!has(column)) {
      throw new DataException(new DataProblem(source, 1, column, null, "no such column in the data",
          Names.nearest(column, columnNames()).map(n -> "did you mean '" + n + "'?").orElse(null)));
    }
  }

  public VariableKind kind(String column) {
    requireColumn(column);
    return levels.containsKey(column) ? VariableKind.CATEGORICAL : VariableKind.CONTINUOUS;
  }

  /** The levels of a categorical column, reference level first. */
  public List<String> levels(String column) {
    requireKind(column, VariableKind.CATEGORICAL);
    return levels.get(column);
  }

  /** The level index of each row of a categorical column, or -1 where the value is missing. A fresh array. */
  public int[] codes(String column) {
    requireKind(column, VariableKind.CATEGORICAL);
    return codes.get(column).clone();
  }

  /** The values of a continuous column, NaN where missing. A fresh array: callers may modify it. */
  public double[] values(String column) {
    requireKind(column, VariableKind.CONTINUOUS);
    return values.get(column).clone();
  }

  /** The line in the source file of row {@code row} (0-based). */
  public int line(int row) {
    return lines[row];
  }

  /** A copy of the line number of every row. */
  public int[] lines() {
    return lines.clone();
  }

  /** The value of a cell as text, for messages ("" when missing). */
  public String text(String column, int row) {
    requireColumn(column);
    if (codes.containsKey(column)) {
      int c = codes.get(column)[row];
      return c < 0 ? "" : levels.get(column).get(c);
    }
    double v = values.get(column)[row];
    if (Double.isNaN(v)) {
      return "";
    }
    // Whole numbers as the file most likely wrote them ("-2", not "-2.0"), so messages quote the data.
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** A located problem at one cell of this frame. */
  public DataException problem(String column, int row, String message, String hint) {
    return new DataException(new DataProblem(source, lines[row], column, text(column, row), message, hint));
  }

  /** The rows picked by {@code keep}, with their line numbers. */
  public Frame where(Selection keep) {
    int[] picked = keep.toArray();
    int[] keptLines = new int[picked.length];
    for (int i = 0; i < picked.length; i++) {
      keptLines[i] = lines[picked[i]];
    }
    Map<String, int[]> c = new HashMap<>();
    codes.forEach((name, all) -> {
      int[] kept = new int[picked.length];
      for (int i = 0; i < picked.length; i++) {
        kept[i] = all[picked[i]];
      }
      c.put(name, kept);
    });
    Map<String, double[]> v = new HashMap<>();
    values.forEach((name, all) -> {
      double[] kept = new double[picked.length];
      for (int i = 0; i < picked.length; i++) {
        kept[i] = all[picked[i]];
      }
      v.put(name, kept);
    });
    return new Frame(source, names, levels, c, v, keptLines, null);
  }

  /** This frame with a categorical column added (or replaced); "" or null marks a missing value. */
  public Frame withCategorical(String name, String[] text, List<String> levelOrder) {
    if (text.length != rowCount()) {
      throw new IllegalArgumentException("one value per row expected for " + name);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < levelOrder.size(); i++) {
      index.put(levelOrder.get(i), i);
    }
    int[] c = new int[text.length];
    for (int r = 0; r < text.length; r++) {
      String v = text[r] == null ? "" : text[r];
      if (v.isEmpty()) {
        c[r] = -1;
      } else {
        Integer level = index.get(v);
        if (level == null) {
          throw new IllegalArgumentException("value '" + v + "' of " + name + " is not among its levels " + levelOrder);
        }
        c[r] = level;
      }
    }
    Map<String, int[]> cs = new HashMap<>(codes);
    Map<String, double[]> vs = new HashMap<>(values);
    vs.remove(name);
    cs.put(name, c);
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.put(name, levelOrder);
    return new Frame(source, withName(name), lv, cs, vs, lines, null);
  }

  /** This frame with a continuous column added (or replaced); NaN marks a missing value. */
  public Frame withContinuous(String name, double[] column) {
    if (column.length != rowCount()) {
      throw new IllegalArgumentException("one value per row expected for " + name);
    }
    Map<String, int[]> cs = new HashMap<>(codes);
    Map<String, double[]> vs = new HashMap<>(values);
    cs.remove(name);
    vs.put(name, column.clone());
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.remove(name);
    return new Frame(source, withName(name), lv, cs, vs, lines, null);
  }

  /** This frame with the levels of a categorical column put in a new order (the first becomes the reference). */
  public Frame withLevelOrder(String column, List<String> order) {
    List<String> current = levels(column);
    if (order.size() != current.size() || !new HashSet<>(order).equals(new HashSet<>(current))) {
      throw new StudybookException("levels of '" + column + "' are " + current + "; a new order must name each once, not "
          + order);
    }
    int[] remap = new int[current.size()];
    for (int i = 0; i < current.size(); i++) {
      remap[i] = order.indexOf(current.get(i));
    }
    int[] old = codes.get(column);
    int[] c = new int[old.length];
    for (int r = 0; r < old.length; r++) {
      c[r] = old[r] < 0 ? -1 : remap[old[r]];
    }
    Map<String, int[]> cs = new HashMap<>(codes);
    cs.put(column, c);
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.put(column, new ArrayList<>(order));
    return new Frame(source, names, lv, cs, values, lines, null);
  }

  /** The column names with {@code name} last: a replaced column moves to the end, as Tablesaw's remove-then-add did. */
  private List<String> withName(String name) {
    List<String> out = new ArrayList<>(names);
    out.remove(name);
    out.add(name);
    return out;
  }

  private void requireKind(String column, VariableKind kind) {
    VariableKind actual = kind(column);
    if (actual != kind) {
      throw new DataException(new DataProblem(source, 1, column, null,
          "is " + actual.name().toLowerCase(java.util.Locale.ROOT) + " but is used as "
              + kind.name().toLowerCase(java.util.Locale.ROOT),
          kind == VariableKind.CATEGORICAL ? "name it in --categorical (or declare it categorical in the codebook)" : null));
    }
  }
}
