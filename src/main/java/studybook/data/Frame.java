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
 * <p>The authoring vocabulary works on it by name: {@link #where(Condition)} (as dplyr::filter, with
 * the rows dropped for an NA condition counted in {@link #filters()}), {@link #count(Condition)},
 * {@link #countBy(String)}, {@link #withFactor(CodebookVariable, Case...)} (as case_when) and
 * {@link #withNumber(CodebookVariable, java.util.function.ToDoubleFunction)}. Each column carries its
 * codebook entry ({@link #variable(String)}, {@link #codebook()}), so derived columns have labels too.
 * {@link #table()} and {@link #fromTable(Table, Codebook)} convert to and from Tablesaw.
 *
 * <p>Immutable: the methods that change something return a new frame.
 */
public final class Frame {
  private final Path source;
  private final List<String> names;
  private final Set<String> nameSet;
  private final Map<String, List<String>> levels;
  /** By column: an {@code int[]}, or a {@link Picked} of one (the rows a {@link #where} kept, copied on first use). */
  private final Map<String, Object> codes;
  /** By column: a {@code double[]}, or a {@link Picked} of one. */
  private final Map<String, Object> values;
  private final int[] lines;
  /** Codebook entries by column (loaded or declared when deriving); a column without one gets a plain default. */
  private final Map<String, CodebookVariable> variables;
  /** The codebook file the entries came from, for messages; null when none. */
  private final Path codebookFile;
  /** The conditions this frame was filtered by, oldest first, with what each dropped. */
  private final List<FilterStep> filters;
  private volatile Table table;
  /** Where the rows live when not in this JVM (another engine's plan); null for a frame of arrays. */
  private final FramePlan plan;
  /**
   * Aggregates of this frame's rows that the vocabulary has made, by what they are (e.g. a survival outcome's counts,
   * {@link Surv#counts}): the frame is immutable, so a second table or figure of the same outcome reads them again
   * instead of counting the rows (or asking the other engine) twice.
   */
  private final java.util.concurrent.ConcurrentHashMap<Object, Object> derived =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param source the file the rows came from
   * @param table typed columns: StringColumn ("" missing) for each categorical column, DoubleColumn otherwise
   * @param levels the level order of every categorical column (a column absent here is continuous)
   * @param lines the line in {@code source} of each row
   */
  public Frame(Path source, Table table, Map<String, List<String>> levels, int[] lines) {
    this(source, table.columnNames(), levels, codesOf(table, levels), valuesOf(table, levels), lines.clone(), table);
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

  private Frame(Path source, List<String> names, Map<String, List<String>> levels, Map<String, ? extends Object> codes,
      Map<String, ? extends Object> values, int[] lines, Table table) {
    this(source, names, levels, codes, values, lines, table, Map.of(), null, List.of(), null);
  }

  private Frame(Path source, List<String> names, Map<String, List<String>> levels, Map<String, ? extends Object> codes,
      Map<String, ? extends Object> values, int[] lines, Table table, Map<String, CodebookVariable> variables,
      Path codebookFile, List<FilterStep> filters, FramePlan plan) {
    for (String name : names) {
      if (plan != null && (codes.containsKey(name) || values.containsKey(name))
          && codes.containsKey(name) == levels.containsKey(name)) {
        continue; // a planned frame holds no rows here: its columns are empty arrays that give their kinds
      }
      int length = codes.containsKey(name) ? lengthOf(codes.get(name))
          : values.containsKey(name) ? lengthOf(values.get(name)) : -1;
      if (length != lines.length || codes.containsKey(name) != levels.containsKey(name)) {
        throw new IllegalArgumentException("column " + name + " is missing, typed inconsistently or of the wrong length");
      }
    }
    this.source = source;
    this.names = List.copyOf(names);
    this.nameSet = new HashSet<>(names);
    Map<String, List<String>> lv = new LinkedHashMap<>();
    levels.forEach((k, v) -> lv.put(k, v instanceof ColumnDictionary.Texts || v instanceof FramePlan.HiddenLevels ? v
        : List.copyOf(v)));
    this.levels = lv;
    this.codes = new HashMap<>(codes);
    this.values = new HashMap<>(values);
    // Taken, not copied: every caller passes an array of its own or another frame's, never modified (a 10M-row
    // frame's lines are 40 MB, once per derived frame).
    this.lines = lines;
    this.table = table;
    Map<String, CodebookVariable> vs = new HashMap<>();
    variables.forEach((k, v) -> {
      if (nameSet.contains(k)) {
        vs.put(k, v);
      }
    });
    this.variables = vs;
    this.codebookFile = codebookFile;
    this.filters = List.copyOf(filters);
    this.plan = plan;
  }

  /** A copy of this frame's metadata onto new columns. */
  private Frame rebuild(List<String> names, Map<String, List<String>> levels, Map<String, Object> codes,
      Map<String, Object> values, int[] lines, Map<String, CodebookVariable> variables, List<FilterStep> filters) {
    return new Frame(source, names, levels, codes, values, lines, null, variables, codebookFile, filters, plan);
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
    local("Frame.table()");
    Table t = table;
    if (t == null) {
      synchronized (this) {
        t = table;
        if (t == null) {
          t = Table.create(source.getFileName() == null ? "data" : source.getFileName().toString());
          for (String name : names) {
            if (codes.containsKey(name)) {
              List<String> lv = levels.get(name);
              int[] c = codeView(name);
              String[] text = new String[c.length];
              for (int r = 0; r < c.length; r++) {
                text[r] = c[r] < 0 ? "" : lv.get(c[r]);
              }
              t.addColumns(StringColumn.create(name, text));
            } else {
              t.addColumns(DoubleColumn.create(name, valueView(name).clone()));
            }
          }
          table = t;
        }
      }
    }
    return t;
  }

  public int rowCount() {
    if (plan != null) {
      return Math.toIntExact(plan.rowCount());
    }
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
    local("Frame.codes()");
    requireKind(column, VariableKind.CATEGORICAL);
    return codeView(column).clone();
  }

  /** The values of a continuous column, NaN where missing. A fresh array: callers may modify it. */
  public double[] values(String column) {
    local("Frame.values()");
    requireKind(column, VariableKind.CONTINUOUS);
    return valueView(column).clone();
  }

  /** The line in the source file of row {@code row} (0-based). */
  public int line(int row) {
    local("Frame.line()");
    return lines[row];
  }

  /** A copy of the line number of every row. */
  public int[] lines() {
    local("Frame.lines()");
    return lines.clone();
  }

  /** The value of a cell as text, for messages ("" when missing). */
  public String text(String column, int row) {
    local("Frame.text()");
    requireColumn(column);
    if (codes.containsKey(column)) {
      int c = codeView(column)[row];
      return c < 0 ? "" : levels.get(column).get(c);
    }
    double v = valueView(column)[row];
    if (Double.isNaN(v)) {
      return "";
    }
    // Whole numbers as the file most likely wrote them ("-2", not "-2.0"), so messages quote the data.
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** A located problem at one cell of this frame. */
  public DataException problem(String column, int row, String message, String hint) {
    local("Frame.problem()");
    return new DataException(new DataProblem(source, lines[row], column, text(column, row), message, hint));
  }

  /** The rows picked by {@code keep}, with their line numbers. */
  public Frame where(Selection keep) {
    local("Frame.where(Selection)");
    return rows(keep.toArray());
  }

  /**
   * The rows at {@code picked} (ascending row indices). No column is copied here: each becomes a {@link Picked}
   * view, copied when first read, so a filter on ten million rows costs its row indices, not every column
   * (a column picked from a picked column composes the two index arrays, once per pair).
   */
  private Frame rows(int[] picked) {
    int[] keptLines = new int[picked.length];
    for (int i = 0; i < picked.length; i++) {
      keptLines[i] = lines[picked[i]];
    }
    Map<int[], int[]> composed = new java.util.IdentityHashMap<>();
    Map<String, Object> c = new HashMap<>();
    codes.forEach((name, all) -> c.put(name, Picked.of(all, picked, composed)));
    Map<String, Object> v = new HashMap<>();
    values.forEach((name, all) -> v.put(name, Picked.of(all, picked, composed)));
    return rebuild(names, levels, c, v, keptLines, variables, filters);
  }

  /** The rows {@code picked} of a column ({@code int[]} or {@code double[]}), copied once, when first asked for. */
  private static final class Picked {
    private final Object all;
    private final int[] picked;
    private Object copy;

    private Picked(Object all, int[] picked) {
      this.all = all;
      this.picked = picked;
    }

    /** A view of {@code column}'s rows {@code picked}; a view of a view that is not copied yet picks from its source. */
    static Picked of(Object column, int[] picked, Map<int[], int[]> composed) {
      if (column instanceof Picked p) {
        Object done = p.copyIfMade();
        if (done != null) {
          return new Picked(done, picked);
        }
        int[] inner = p.picked;
        int[] through = composed.computeIfAbsent(inner, k -> {
          int[] out = new int[picked.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = inner[picked[i]];
          }
          return out;
        });
        return new Picked(p.all, through);
      }
      return new Picked(column, picked);
    }

    private synchronized Object copyIfMade() {
      return copy;
    }

    synchronized Object get() {
      if (copy == null) {
        Object all = array(this.all);
        if (all instanceof int[] a) {
          int[] out = new int[picked.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = a[picked[i]];
          }
          copy = out;
        } else {
          double[] a = (double[]) all;
          double[] out = new double[picked.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = a[picked[i]];
          }
          copy = out;
        }
      }
      return copy;
    }
  }

  private static int lengthOf(Object column) {
    return column instanceof Picked p ? p.picked.length : column instanceof Deferred d ? d.length()
        : column instanceof int[] a ? a.length : ((double[]) column).length;
  }

  private static Object array(Object column) {
    return column instanceof Picked p ? p.get() : column instanceof Deferred d ? d.get() : column;
  }

  /**
   * A column ({@code int[]} codes or {@code double[]} values) made when first asked for, then kept: a typed frame
   * of the column cache gives each column this way, so a command copies out only the columns it reads.
   */
  abstract static class Deferred {
    private final int length;
    private Object made;

    Deferred(int length) {
      this.length = length;
    }

    /** The column's values, exactly {@link #length()} of them. */
    protected abstract Object make();

    final int length() {
      return length;
    }

    final synchronized Object get() {
      if (made == null) {
        Object m = make();
        if (lengthOf(m) != length) {
          throw new IllegalStateException("a deferred column gave " + lengthOf(m) + " rows, not " + length);
        }
        made = m;
      }
      return made;
    }
  }

  /** A frame of columns given as arrays or {@link Deferred} columns (a typed frame of the column cache). */
  static Frame ofDeferred(Path source, List<String> names, Map<String, List<String>> levels, Map<String, Object> codes,
      Map<String, Object> values, int[] lines) {
    return new Frame(source, names, levels, codes, values, lines, null);
  }

  /** This frame with a categorical column added (or replaced); "" or null marks a missing value. */
  public Frame withCategorical(String name, String[] text, List<String> levelOrder) {
    local("Frame.withCategorical()");
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
    Map<String, Object> cs = new HashMap<>(codes);
    Map<String, Object> vs = new HashMap<>(values);
    vs.remove(name);
    cs.put(name, c);
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.put(name, levelOrder);
    Map<String, CodebookVariable> meta = new HashMap<>(variables);
    meta.remove(name);
    return rebuild(withName(name), lv, cs, vs, lines, meta, filters);
  }

  /** This frame with a continuous column added (or replaced); NaN marks a missing value. */
  public Frame withContinuous(String name, double[] column) {
    local("Frame.withContinuous()");
    if (column.length != rowCount()) {
      throw new IllegalArgumentException("one value per row expected for " + name);
    }
    Map<String, Object> cs = new HashMap<>(codes);
    Map<String, Object> vs = new HashMap<>(values);
    cs.remove(name);
    vs.put(name, column.clone());
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.remove(name);
    Map<String, CodebookVariable> meta = new HashMap<>(variables);
    meta.remove(name);
    return rebuild(withName(name), lv, cs, vs, lines, meta, filters);
  }

  /**
   * This frame with the codes of an existing categorical column replaced in place: same position, levels and
   * codebook entry (-1 for missing). For completed data sets of an imputation.
   */
  public Frame withCodes(String column, int[] newCodes) {
    local("Frame.withCodes()");
    requireColumn(column);
    if (kind(column) != VariableKind.CATEGORICAL || newCodes.length != rowCount()) {
      throw new IllegalArgumentException("one level code per row of the categorical column " + column + " expected");
    }
    int k = levels(column).size();
    for (int c : newCodes) {
      if (c < -1 || c >= k) {
        throw new IllegalArgumentException("code " + c + " is not a level of " + column);
      }
    }
    Map<String, Object> cs = new HashMap<>(codes);
    cs.put(column, newCodes.clone());
    return rebuild(names, levels, cs, values, lines, variables, filters);
  }

  /**
   * This frame with the values of an existing continuous column replaced in place: same position and codebook
   * entry (NaN for missing). For completed data sets of an imputation.
   */
  public Frame withValues(String column, double[] newValues) {
    local("Frame.withValues()");
    requireColumn(column);
    if (kind(column) != VariableKind.CONTINUOUS || newValues.length != rowCount()) {
      throw new IllegalArgumentException("one value per row of the continuous column " + column + " expected");
    }
    Map<String, Object> vs = new HashMap<>(values);
    vs.put(column, newValues.clone());
    return rebuild(names, levels, codes, vs, lines, variables, filters);
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
    if (plan != null) {
      Map<String, List<String>> lv = new LinkedHashMap<>(levels);
      lv.put(column, new ArrayList<>(order));
      return new Frame(source, names, lv, codes, values, lines, null, variables, codebookFile, filters,
          plan.withLevelOrder(column, remap));
    }
    int[] old = codeView(column);
    int[] c = new int[old.length];
    for (int r = 0; r < old.length; r++) {
      c[r] = old[r] < 0 ? -1 : remap[old[r]];
    }
    Map<String, Object> cs = new HashMap<>(codes);
    cs.put(column, c);
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.put(column, new ArrayList<>(order));
    return rebuild(names, lv, cs, values, lines, variables, filters);
  }

  // ---------------------------------------------------------------- the authoring vocabulary

  /** The codes of a categorical column without a copy; package-private, never modified. */
  int[] codeView(String column) {
    local("a row-by-row facility (Frame.codeView)");
    return (int[]) array(codes.get(column));
  }

  /** The values of a continuous column without a copy; package-private, never modified. */
  double[] valueView(String column) {
    local("a row-by-row facility (Frame.valueView)");
    return (double[]) array(values.get(column));
  }

  /**
   * The codebook entry of a column: the one loaded from the codebook or declared when it was derived,
   * with the column's current levels; a column without one gets a plain entry (its name as label).
   */
  public CodebookVariable variable(String column) {
    Written.requireColumn(this, column, null);
    CodebookVariable v = variables.get(column);
    boolean categorical = levels.containsKey(column);
    if (v == null) {
      v = categorical ? CodebookVariable.categorical(column) : CodebookVariable.continuous(column);
    }
    if (categorical && v.type() != VariableType.ID && !v.levels().equals(levels.get(column))) {
      CodebookVariable known = v;
      List<String> lv = levels.get(column);
      v = v.withLevels(lv, lv.stream().map(known::levelLabel).toList());
    }
    return v;
  }

  /**
   * The codebook of this frame: an entry per column in column order, derived columns included, so
   * tables that take a {@link Codebook} show the labels the study declared.
   */
  public Codebook codebook() {
    List<CodebookVariable> out = new ArrayList<>();
    for (String name : names) {
      out.add(variable(name));
    }
    return new Codebook(codebookFile != null ? codebookFile : source, out);
  }

  /** This frame with the codebook's entries attached to the columns it names (labels, level labels, units). */
  public Frame withCodebook(Codebook codebook) {
    Map<String, CodebookVariable> meta = new HashMap<>(variables);
    for (CodebookVariable v : codebook.variables()) {
      if (has(v.name())) {
        meta.put(v.name(), v);
      }
    }
    return new Frame(source, names, levels, codes, values, lines, table, meta, codebook.file(), filters, plan);
  }

  /** This frame with the codebook entry of one column declared (its name says which column). */
  public Frame withVariable(CodebookVariable variable) {
    Written.requireColumn(this, variable.name(), Written.at());
    Map<String, CodebookVariable> meta = new HashMap<>(variables);
    meta.put(variable.name(), variable);
    return new Frame(source, names, levels, codes, values, lines, table, meta, codebookFile, filters, plan);
  }

  /** The filters this frame went through, oldest first; empty for loaded data. */
  public List<FilterStep> filters() {
    return filters;
  }

  /** This frame with a recorded filter history (for readers that restore a saved frame, e.g. the cell cache). */
  public Frame withFilters(List<FilterStep> history) {
    return new Frame(source, names, levels, codes, values, lines, table, variables, codebookFile, history, plan);
  }

  /** The rows the last {@link #where(Condition)} dropped because its condition was NA; 0 when none. */
  public int droppedAsMissing() {
    return filters.isEmpty() ? 0 : filters.get(filters.size() - 1).droppedMissing();
  }

  /** The truth of {@code condition} for every row (TRUE, FALSE, or NA where a value it needs is missing). */
  public Truth[] test(Condition condition) {
    local("Frame.test()");
    return condition.test(this);
  }

  /**
   * The rows where {@code condition} is TRUE, as {@code dplyr::filter}: rows where it is FALSE or NA
   * leave, and how many of each is recorded in {@link #filters()} ({@link #droppedAsMissing()}).
   */
  public Frame where(Condition condition) {
    if (plan != null) {
      Frame shape = shape();
      condition.truths(shape); // checks every name
      long[] n = plan.truthCounts(condition, shape);
      List<FilterStep> steps = new ArrayList<>(filters);
      int total = Math.toIntExact(n[0] + n[1] + n[2]);
      steps.add(new FilterStep(condition.describe(this), total, (int) n[0], (int) n[1], (int) n[2]));
      return new Frame(source, names, levels, codes, values, lines, null, variables, codebookFile, steps,
          plan.where(condition, shape));
    }
    byte[] t = condition.truths(this);
    int kept = 0;
    int missing = 0;
    int[] picked = new int[t.length];
    for (int r = 0; r < t.length; r++) {
      if (t[r] == Condition.TRUE) {
        picked[kept++] = r;
      } else if (t[r] == Condition.NA) {
        missing++;
      }
    }
    Frame f = rows(java.util.Arrays.copyOf(picked, kept));
    List<FilterStep> steps = new ArrayList<>(filters);
    steps.add(new FilterStep(condition.describe(this), t.length, kept, t.length - kept - missing, missing));
    return f.rebuild(f.names, f.levels, f.codes, f.values, f.lines, f.variables, steps);
  }

  /** How many rows {@code condition} is TRUE for ({@code sum(cond, na.rm = TRUE)}). */
  public int count(Condition condition) {
    if (plan != null) {
      Frame shape = shape();
      condition.truths(shape);
      return Math.toIntExact(plan.truthCounts(condition, shape)[0]);
    }
    int n = 0;
    for (byte x : condition.truths(this)) {
      n += x == Condition.TRUE ? 1 : 0;
    }
    return n;
  }

  /** Rows per level of a categorical column, plus the missing ones ({@code table(x, useNA = "always")}). */
  public Tally countBy(String column) {
    Written.requireKind(this, column, VariableKind.CATEGORICAL, "countBy", Written.at());
    List<String> lv = levels.get(column);
    if (plan != null) {
      long[] m = plan.countBy(column, lv.size());
      List<Integer> each = new ArrayList<>();
      for (int i = 0; i < lv.size(); i++) {
        each.add(Math.toIntExact(m[i]));
      }
      return new Tally(column, lv, each, Math.toIntExact(m[lv.size()]));
    }
    int[] n = new int[lv.size()];
    int missing = 0;
    for (int c : codeView(column)) {
      if (c < 0) {
        missing++;
      } else {
        n[c]++;
      }
    }
    return new Tally(column, lv, java.util.Arrays.stream(n).boxed().toList(), missing);
  }

  /** {@link #withFactor(CodebookVariable, Case...)} with a plain codebook entry (the name as its label). */
  public Frame withFactor(String name, Case... cases) {
    return withFactor(CodebookVariable.categorical(name), cases);
  }

  /**
   * This frame with a categorical column derived from cases, as {@code dplyr::case_when}: each row
   * takes the level of the first case whose condition is TRUE; a row no case matches is missing.
   * The levels are those the entry declares or else the cases' levels in order (the first is the
   * reference); the level labels come from the entry or the cases. A column of that name is replaced.
   *
   * @param variable the new column's codebook entry (name, label, optionally levels and labels)
   */
  public Frame withFactor(CodebookVariable variable, Case... cases) {
    if (cases.length == 0) {
      throw new StudybookException(Written.at() + ": withFactor(\"" + variable.name() + "\") needs at least one case");
    }
    List<String> order = new ArrayList<>(variable.levels());
    List<String> labels = new ArrayList<>(variable.levelLabels());
    boolean declared = !order.isEmpty();
    for (Case c : cases) {
      if (!order.contains(c.level())) {
        if (declared) {
          throw new UnknownNameException(UnknownNameException.Kind.LEVEL, c.level(), variable.name(), order,
              Written.at());
        }
        order.add(c.level());
        labels.add(c.levelLabel());
      }
    }
    if (plan != null) {
      Frame shape = shape();
      List<Condition> conditions = new ArrayList<>();
      int[] caseCodes = new int[cases.length];
      for (int i = 0; i < cases.length; i++) {
        if (cases[i].condition() != null) {
          cases[i].condition().truths(shape);
        }
        conditions.add(cases[i].condition());
        caseCodes[i] = order.indexOf(cases[i].level());
      }
      Map<String, Object> cs = new HashMap<>(codes);
      Map<String, Object> vs = new HashMap<>(values);
      vs.remove(variable.name());
      cs.put(variable.name(), new int[0]);
      Map<String, List<String>> lv = new LinkedHashMap<>(levels);
      lv.put(variable.name(), order);
      Map<String, CodebookVariable> meta = new HashMap<>(variables);
      CodebookVariable v = variable.type().hasLevels() ? variable : CodebookVariable.categorical(variable.name())
          .withLabel(variable.label()).withDescription(variable.description());
      meta.put(variable.name(), v.withLevels(order, labels));
      return new Frame(source, withName(variable.name()), lv, cs, vs, lines, null, meta, codebookFile, filters,
          plan.withFactor(variable.name(), conditions, caseCodes, shape));
    }
    int[] out = new int[rowCount()];
    java.util.Arrays.fill(out, -1);
    for (Case c : cases) {
      int code = order.indexOf(c.level());
      byte[] t = c.condition() == null ? null : c.condition().truths(this);
      for (int r = 0; r < out.length; r++) {
        if (out[r] < 0 && (t == null || t[r] == Condition.TRUE)) {
          out[r] = code;
        }
      }
    }
    Map<String, Object> cs = new HashMap<>(codes);
    Map<String, Object> vs = new HashMap<>(values);
    vs.remove(variable.name());
    cs.put(variable.name(), out);
    Map<String, List<String>> lv = new LinkedHashMap<>(levels);
    lv.put(variable.name(), order);
    Map<String, CodebookVariable> meta = new HashMap<>(variables);
    CodebookVariable v = variable.type().hasLevels() ? variable : CodebookVariable.categorical(variable.name())
        .withLabel(variable.label()).withDescription(variable.description());
    meta.put(variable.name(), v.withLevels(order, labels));
    return rebuild(withName(variable.name()), lv, cs, vs, lines, meta, filters);
  }

  /** {@link #withNumber(CodebookVariable, ToDoubleFunction)} with a plain codebook entry. */
  public Frame withNumber(String name, java.util.function.ToDoubleFunction<Row> formula) {
    return withNumber(CodebookVariable.continuous(name), formula);
  }

  /**
   * This frame with a continuous column computed from each row, as {@code dplyr::mutate}; a NaN
   * result (e.g. from a missing input) is missing. A column of that name is replaced.
   *
   * @param variable the new column's codebook entry (name, label, unit, summary)
   * @param formula the value of one row, e.g. {@code row -> row.number("age") / 10}
   */
  public Frame withNumber(CodebookVariable variable, java.util.function.ToDoubleFunction<Row> formula) {
    local("Frame.withNumber() (a Java lambda per row)");
    double[] out = new double[rowCount()];
    Row row = new Row(this);
    for (int r = 0; r < out.length; r++) {
      double x = formula.applyAsDouble(row.at(r));
      out[r] = Double.isInfinite(x) ? Double.NaN : x;
    }
    Frame f = withContinuous(variable.name(), out);
    Map<String, CodebookVariable> meta = new HashMap<>(f.variables);
    CodebookVariable v = variable.type().isNumeric() ? variable : CodebookVariable.continuous(variable.name())
        .withLabel(variable.label()).withUnit(variable.unit());
    meta.put(variable.name(), v);
    return f.rebuild(f.names, f.levels, f.codes, f.values, f.lines, meta, f.filters);
  }

  /**
   * Rows by the truth of {@code condition} ({@code [0]}: TRUE, {@code [1]}: FALSE) and the level of the categorical
   * column {@code by} (in its level order); rows where the condition is NA or {@code by} is missing are not counted.
   * The sufficient statistics of a 2x2 (or 2xk) contrast, on either engine.
   */
  public long[][] countTruthBy(Condition condition, String by) {
    Written.requireKind(this, by, VariableKind.CATEGORICAL, "countTruthBy", Written.at());
    int k = levels.get(by).size();
    if (plan != null) {
      Frame shape = shape();
      condition.truths(shape);
      return plan.countTruthBy(condition, by, k, shape);
    }
    byte[] t = condition.truths(this);
    int[] g = codeView(by);
    long[][] counts = new long[2][k];
    for (int r = 0; r < t.length; r++) {
      if (t[r] != Condition.NA && g[r] >= 0) {
        counts[t[r] == Condition.TRUE ? 0 : 1][g[r]]++;
      }
    }
    return counts;
  }

  // ---------------------------------------------------------------- another engine's rows

  /**
   * A frame whose rows live on another engine: its columns ({@code names}; those in {@code levels} categorical,
   * the others continuous), codebook entries and the file they came from; the verbs ask {@code plan}.
   */
  public static Frame planned(Path source, List<String> names, Map<String, List<String>> levels,
      Map<String, CodebookVariable> variables, Path codebookFile, FramePlan plan) {
    java.util.Objects.requireNonNull(plan, "plan");
    Map<String, Object> c = new HashMap<>();
    Map<String, Object> v = new HashMap<>();
    for (String name : names) {
      if (levels.containsKey(name)) {
        c.put(name, new int[0]);
      } else {
        v.put(name, new double[0]);
      }
    }
    return new Frame(source, names, levels, c, v, new int[0], null, variables, codebookFile, List.of(), plan);
  }

  /** The other engine's plan of this frame's rows, or empty for a frame of arrays in this JVM. */
  public java.util.Optional<FramePlan> plan() {
    return java.util.Optional.ofNullable(plan);
  }

  /**
   * The aggregate {@code key} names, made by {@code make} on first use and kept while this frame lives (a second
   * caller waits for the first); a failure is thrown to each caller and not kept.
   */
  @SuppressWarnings("unchecked")
  <T> T derived(Object key, java.util.function.Supplier<T> make) {
    return (T) derived.computeIfAbsent(key, k -> make.get());
  }

  /** This frame's columns, levels and entries without rows: checks names for a plan (a condition's truths are empty). */
  private Frame shape() {
    return new Frame(source, names, levels, codes, values, new int[0], null, variables, codebookFile, filters, null);
  }

  /** Fails with the reason when this frame's rows live on another engine and {@code what} needs them here. */
  private void local(String what) {
    if (plan != null) {
      throw new FramePlan.NotOnThisEngineException(plan.engine(), what);
    }
  }

  // ---------------------------------------------------------------- Tablesaw interchange

  /**
   * A frame from a Tablesaw table, for authors who prepared data with Tablesaw's verbs: numeric
   * columns become continuous (missing as NaN), text columns categorical with their distinct values
   * in Unicode code-point order (R's {@code factor()} in the C locale; "" is missing), boolean
   * columns categorical with levels {@code false, true}. Row {@code i} is reported as line {@code i + 2}
   * of a file named after the table. Any other column type is an error naming the column.
   */
  public static Frame fromTable(Table table) {
    return fromTable(table, null);
  }

  /**
   * A frame from a Tablesaw table typed by a codebook: a column the codebook declares takes its
   * level order (the first is the reference) and its entry (labels, units); a value that is not one
   * of its levels is a {@link DataException} at its row. Other columns as in {@link #fromTable(Table)}.
   */
  public static Frame fromTable(Table table, Codebook codebook) {
    Path source = Path.of(table.name() == null || table.name().isEmpty() ? "table" : table.name());
    int rows = table.rowCount();
    int[] lines = new int[rows];
    for (int r = 0; r < rows; r++) {
      lines[r] = r + 2;
    }
    List<String> names = new ArrayList<>();
    Map<String, List<String>> levels = new LinkedHashMap<>();
    Map<String, int[]> codes = new HashMap<>();
    Map<String, double[]> values = new HashMap<>();
    Map<String, CodebookVariable> meta = new HashMap<>();
    List<DataProblem> problems = new ArrayList<>();
    for (Column<?> c : table.columns()) {
      String name = c.name();
      names.add(name);
      CodebookVariable v = codebook == null ? null : codebook.find(name).orElse(null);
      if (v != null) {
        meta.put(name, v);
      }
      if (c instanceof tech.tablesaw.api.NumericColumn<?> n) {
        if (v != null && !v.type().isNumeric()) {
          problems.add(new DataProblem(source, 1, name, null, "the codebook declares it " + v.type().token()
              + " but the table holds numbers", "convert the column to text first"));
          continue;
        }
        double[] x = new double[rows];
        for (int r = 0; r < rows; r++) {
          x[r] = n.isMissing(r) ? Double.NaN : n.getDouble(r);
        }
        values.put(name, x);
        continue;
      }
      String[] text = new String[rows];
      if (c instanceof StringColumn
          || c instanceof tech.tablesaw.api.BooleanColumn) {
        for (int r = 0; r < rows; r++) {
          text[r] = c.isMissing(r) ? "" : String.valueOf(c.get(r));
        }
      } else {
        problems.add(new DataProblem(source, 1, name, null, "a " + c.type().name() + " column cannot be analysed",
            "convert it to numbers or text first"));
        continue;
      }
      if (v != null && v.type().isNumeric()) {
        problems.add(new DataProblem(source, 1, name, null, "the codebook declares it " + v.type().token()
            + " but the table holds text", "convert the column to numbers first"));
        continue;
      }
      List<String> order;
      if (v != null && v.type().hasLevels()) {
        order = v.levels();
      } else if (c instanceof tech.tablesaw.api.BooleanColumn) {
        order = List.of("false", "true");
      } else {
        java.util.TreeSet<String> distinct = new java.util.TreeSet<>(AdhocLoader::compareCodePoints);
        for (String t : text) {
          if (!t.isEmpty()) {
            distinct.add(t);
          }
        }
        order = new ArrayList<>(distinct);
      }
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        index.put(order.get(i), i);
      }
      int[] code = new int[rows];
      for (int r = 0; r < rows; r++) {
        Integer i = text[r].isEmpty() ? Integer.valueOf(-1) : index.get(text[r]);
        if (i == null) {
          if (problems.size() < DataException.MAX_PROBLEMS) {
            problems.add(new DataProblem(source, lines[r], name, text[r], "unknown level",
                Names.nearest(text[r], order).map(m -> "did you mean '" + m + "'? (the levels are "
                    + String.join(", ", order) + ")").orElse("the levels are " + String.join(", ", order))));
          }
          i = -1;
        }
        code[r] = i;
      }
      levels.put(name, order);
      codes.put(name, code);
    }
    if (!problems.isEmpty()) {
      throw new DataException(problems);
    }
    return new Frame(source, names, levels, codes, values, lines, null, meta,
        codebook == null ? null : codebook.file(), List.of(), null);
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
