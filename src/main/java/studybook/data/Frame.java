package studybook.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.Names;
import studybook.StudybookException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * A loaded dataset: a Tablesaw {@link Table} whose columns are typed (categorical columns are
 * {@link StringColumn}s with "" for missing, continuous ones {@link DoubleColumn}s with NaN for
 * missing), the declared level order of every categorical column, and the line in the source file
 * of every row, so that any later step can point the user at the exact place in the file.
 *
 * <p>Immutable: the methods that change something return a new frame.
 */
public final class Frame {
  private final Path source;
  private final Table table;
  private final Map<String, List<String>> levels;
  private final int[] lines;

  /**
   * @param source the file the rows came from
   * @param table typed columns, as described above
   * @param levels the level order of every categorical column (a column absent here is continuous)
   * @param lines the line in {@code source} of each row
   */
  public Frame(Path source, Table table, Map<String, List<String>> levels, int[] lines) {
    if (lines.length != table.rowCount()) {
      throw new IllegalArgumentException("one line number per row expected");
    }
    for (Column<?> c : table.columns()) {
      boolean categorical = levels.containsKey(c.name());
      if (categorical != (c instanceof StringColumn) || (!categorical && !(c instanceof DoubleColumn))) {
        throw new IllegalArgumentException("column " + c.name() + " is typed inconsistently with its levels");
      }
    }
    this.source = source;
    this.table = table;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    levels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.levels = copy;
    this.lines = lines.clone();
  }

  public Path source() {
    return source;
  }

  /** The typed table. Treat it as read-only: Tablesaw tables are mutable, frames are not. */
  public Table table() {
    return table;
  }

  public int rowCount() {
    return table.rowCount();
  }

  public List<String> columnNames() {
    return table.columnNames();
  }

  public boolean has(String column) {
    return table.containsColumn(column);
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

  /** The level index of each row of a categorical column, or -1 where the value is missing. */
  public int[] codes(String column) {
    List<String> lv = levels(column);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < lv.size(); i++) {
      index.put(lv.get(i), i);
    }
    StringColumn c = table.stringColumn(column);
    int[] codes = new int[c.size()];
    for (int r = 0; r < codes.length; r++) {
      String v = c.get(r);
      codes[r] = v.isEmpty() ? -1 : index.getOrDefault(v, -1);
    }
    return codes;
  }

  /** The values of a continuous column, NaN where missing. A fresh array: callers may modify it. */
  public double[] values(String column) {
    requireKind(column, VariableKind.CONTINUOUS);
    return table.doubleColumn(column).asDoubleArray();
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
    Column<?> c = table.column(column);
    if (c instanceof DoubleColumn d) {
      double v = d.getDouble(row);
      if (Double.isNaN(v)) {
        return "";
      }
      // Whole numbers as the file most likely wrote them ("-2", not "-2.0"), so messages quote the data.
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
    return ((StringColumn) c).get(row);
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
    return new Frame(source, table.where(keep), levels, keptLines);
  }

  /** This frame with a categorical column added (or replaced); "" or null marks a missing value. */
  public Frame withCategorical(String name, String[] values, List<String> levelOrder) {
    if (values.length != rowCount()) {
      throw new IllegalArgumentException("one value per row expected for " + name);
    }
    String[] cleaned = Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new);
    for (String v : cleaned) {
      if (!v.isEmpty() && !levelOrder.contains(v)) {
        throw new IllegalArgumentException("value '" + v + "' of " + name + " is not among its levels " + levelOrder);
      }
    }
    Table t = table.copy();
    if (t.containsColumn(name)) {
      t.removeColumns(name);
    }
    t.addColumns(StringColumn.create(name, cleaned));
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.put(name, levelOrder);
    return new Frame(source, t, lv, lines);
  }

  /** This frame with a continuous column added (or replaced); NaN marks a missing value. */
  public Frame withContinuous(String name, double[] values) {
    if (values.length != rowCount()) {
      throw new IllegalArgumentException("one value per row expected for " + name);
    }
    Table t = table.copy();
    if (t.containsColumn(name)) {
      t.removeColumns(name);
    }
    t.addColumns(DoubleColumn.create(name, values));
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.remove(name);
    return new Frame(source, t, lv, lines);
  }

  /** This frame with the levels of a categorical column put in a new order (the first becomes the reference). */
  public Frame withLevelOrder(String column, List<String> order) {
    List<String> current = levels(column);
    if (order.size() != current.size() || !new java.util.HashSet<>(order).equals(new java.util.HashSet<>(current))) {
      throw new StudybookException("levels of '" + column + "' are " + current + "; a new order must name each once, not "
          + order);
    }
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.put(column, new ArrayList<>(order));
    return new Frame(source, table, lv, lines);
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
