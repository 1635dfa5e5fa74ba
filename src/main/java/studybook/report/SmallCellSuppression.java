package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import studybook.StudybookException;
import studybook.tables.TableModel;
import studybook.tables.TableValue;

/**
 * Small-cell suppression. Tables from a model get the exact rule of {@link #apply(List)} ({@link #enter}
 * into a {@link CountSystem}), and {@link SmallCellSuppressionLedger} applies it to everything one report
 * folder prints (tables, their notes, counts in the text and figures).
 *
 * <p>A table a template lays out by hand in Markdown has no model: it gets the rule below on its typed
 * cells ({@link #apply(String, List, List, List)}), each cell what its number marks make it
 * ({@link HandCell}: the count and kind a template's {@code fmt.count}/{@code fmt.countPct} printed, never
 * recovered from the cell's text). For a threshold K:
 * <ol>
 *   <li><b>Primary.</b> A count cell is a body cell outside the first (label) column that holds one
 *       count (and at most a percentage beside it in the same cell). Every count cell with
 *       1 &le; n &lt; K is masked, its percentage with it. Zero is shown (an empty cell discloses no one).</li>
 *   <li><b>Percentage beside.</b> The cell right of a masked count, when its column header has a
 *       "%" and the cell holds one number, is masked too.</li>
 *   <li><b>Complementary.</b> A line is a row, or a column, that holds a shown total: a row whose
 *       label starts with the word Total, All or Overall, or a column headed so or N. In each such line
 *       with exactly one masked count, the smallest other shown non-zero count of the line (not the
 *       total) is masked too, so the masked one cannot be had as total minus the rest. Repeated
 *       until no line changes.</li>
 * </ol>
 * Not protected: totals this rule cannot recognise by label, differencing between overlapping
 * subgroups, and statistics computed from the counts (p-values, ratios, model estimates), which are
 * printed as computed (README, Small-cell suppression).
 */
public final class SmallCellSuppression {
  private static final List<String> TOTAL_ROW = List.of("total", "all", "overall");
  private static final List<String> TOTAL_COLUMN = List.of("total", "all", "overall", "n");

  /** Why a cell was masked. */
  public enum Reason {
    /** The count itself is below the threshold. */
    SMALL_COUNT,
    /** A percentage beside a masked count. */
    PERCENTAGE,
    /** Masked so that a small count cannot be recovered from a shown total. */
    COMPLEMENTARY,
    /**
     * Shown as masked where the template printed it ({@code fmt.count}, {@code fmt.countPct}: the ledger
     * masks that count wherever it is printed), found so in a hand-laid table.
     */
    AS_PRINTED
  }

  /**
   * One masked cell, named as the reader finds it.
   *
   * @param table the table's caption, or "table i" (1-based, in document order) when it has none
   * @param row the text of the row's first cell
   * @param column the column header
   * @param rowIndex 0-based body row
   * @param columnIndex 0-based column
   * @param reason why it was masked
   */
  public record MaskedCell(String table, String row, String column, int rowIndex, int columnIndex, Reason reason) {}

  /**
   * The masked cells of a hand-laid table and the counts they held (cells that already showed the mask,
   * as a count the ledger masks, take part in the complement but are not listed again).
   */
  public record Result(List<MaskedCell> masked, List<Long> values) {}

  /**
   * A body cell of a hand-laid table as its typed number marks make it.
   *
   * @param kind what the cell holds
   * @param count the count of a {@link HandKind#COUNT} cell
   */
  public record HandCell(HandKind kind, long count) {
    /** A cell that holds no number (or more than one). */
    public static final HandCell OTHER = new HandCell(HandKind.OTHER, -1);
    /** A count that is masked where it is printed. */
    public static final HandCell MASKED = new HandCell(HandKind.MASKED, -1);
    /** One number that is no count. */
    public static final HandCell NUMBER = new HandCell(HandKind.NUMBER, -1);

    /** A count {@code n}, shown as printed unless this rule masks it. */
    public static HandCell count(long n) {
      return new HandCell(HandKind.COUNT, n);
    }
  }

  /** What a hand-laid table's body cell holds. */
  public enum HandKind {
    /** No number, or more than one. */
    OTHER,
    /** One count (with at most its percentage), shown. */
    COUNT,
    /** One count that is masked where it is printed. */
    MASKED,
    /** One number that is no count (a percentage, a mean, ...). */
    NUMBER
  }

  private final int threshold;

  /** Masks counts 1..{@code threshold}-1; a threshold of 2 or more. */
  public SmallCellSuppression(int threshold) {
    if (threshold < 2) {
      throw new StudybookException("--suppress-below must be 2 or more (counts 1..K-1 are masked), not " + threshold);
    }
    this.threshold = threshold;
  }

  public int threshold() {
    return threshold;
  }

  /**
   * The text a masked cell shows: {@value #MASK} ("confidential", as the UK's Government Statistical Service
   * marks suppressed cells), the same for a small count and for a count masked so that one cannot be worked
   * out; a mark such as {@code <5} would state something false of the latter.
   */
  public String mask() {
    return MASK;
  }

  /** {@link #mask()}. */
  public static final String MASK = "[c]";

  /** The line that explains the mask to the reader, once in the report. */
  public String legend() {
    return MASK + ": not shown, to protect small numbers: a count from 1 to " + (threshold - 1)
        + ", or a count from which one could be worked out (small-cell suppression).";
  }

  /**
   * Applies the rule to one hand-laid table: its {@code headers}, each body row's {@code labels} (its
   * first cell's text) and typed body {@code cells} (the first column's included, which is never a count).
   */
  public Result apply(String table, List<String> headers, List<String> labels, List<List<HandCell>> cells) {
    int nr = cells.size();
    int nc = headers.size();
    long[][] count = new long[nr][nc];
    Reason[][] reason = new Reason[nr][nc];
    boolean[][] shownMasked = new boolean[nr][nc];
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        count[r][c] = -1;
        HandCell cell = c < cells.get(r).size() ? cells.get(r).get(c) : HandCell.OTHER;
        if (c > 0 && cell.kind() == HandKind.MASKED) {
          count[r][c] = 1;
          reason[r][c] = Reason.AS_PRINTED;
          shownMasked[r][c] = true;
        } else if (c > 0 && cell.kind() == HandKind.COUNT) {
          count[r][c] = cell.count();
          if (count[r][c] >= 1 && count[r][c] < threshold) {
            reason[r][c] = Reason.SMALL_COUNT;
          }
        }
      }
    }
    complementary(headers, labels, count, reason);
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c + 1 < nc; c++) {
        HandKind beside = c + 1 < cells.get(r).size() ? cells.get(r).get(c + 1).kind() : HandKind.OTHER;
        if (reason[r][c] != null && reason[r][c] != Reason.PERCENTAGE && reason[r][c + 1] == null
            && headers.get(c + 1).contains("%") && (beside == HandKind.COUNT || beside == HandKind.NUMBER)) {
          reason[r][c + 1] = Reason.PERCENTAGE;
        }
      }
    }
    List<MaskedCell> masked = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < Math.min(nc, cells.get(r).size()); c++) {
        if (reason[r][c] != null) {
          if (count[r][c] >= 0 && !shownMasked[r][c]) {
            values.add(count[r][c]);
          }
          masked.add(new MaskedCell(table, labels.get(r).strip(), headers.get(c).strip(), r, c, reason[r][c]));
        }
      }
    }
    return new Result(masked, values);
  }

  /** A table model with its masked cells. */
  public record ModelResult(TableModel model, List<MaskedCell> masked) {}

  /**
   * Applies the rule to one table model alone (as {@link #apply(List)} with this one table).
   */
  public ModelResult apply(TableModel model) {
    return apply(List.of(model)).get(0);
  }

  /**
   * The rule over every table of a report at once ({@link #enter}, {@link CountSystem#solve},
   * {@link #results}), so that a count printed in two tables is masked in both and no masked count
   * follows from another table. Results in the order of {@code models}.
   */
  public List<ModelResult> apply(List<TableModel> models) {
    CountSystem system = new CountSystem(threshold);
    Entered entered = enter(models, system);
    system.solve();
    return results(entered);
  }

  /** Where each printed count of the tables sits in a {@link CountSystem}. */
  static final class Entered {
    final List<TableModel> models;
    final CountSystem system;
    /** Index of each count cell, by {@link #key(int, int, int)}. */
    final Map<Long, Integer> cells = new java.util.HashMap<>();
    /** Index of each count marked in a row's detail (key t, r, -1 - k) or a note (key t, -1 - i, k). */
    final Map<Long, Integer> words = new java.util.HashMap<>();
    /** Index of each group size a header prints (key t, 0, c). */
    final Map<Long, Integer> headers = new java.util.HashMap<>();

    Entered(List<TableModel> models, CountSystem system) {
      this.models = models;
      this.system = system;
    }
  }

  /**
   * Enters the tables' counts into {@code system} with what a reader knows of them: every count cell
   * ({@link TableValue.Count}) and every count marked in a row's detail or a note
   * ({@link TableValue#countInText}), masked by its own risk (1..K-1); each table's sums
   * ({@link CountEquations}); two cells of two tables as the same count when they have the same variable, row label
   * and column size n (a subgroup's column repeated as another table's overall column: cells that
   * only look alike add equations, which can only mask more); and where a variable has missing
   * values, that its levels are the known values of each column, which with the missing ones make
   * the column's size, while a shown percentage of a level gives the known values away (a percentage
   * is count/denominator, and its one decimal pins a denominator of up to several hundred).
   */
  Entered enter(List<TableModel> models, CountSystem system) {
    Entered in = new Entered(models, system);
    Map<String, List<Integer>> same = new java.util.TreeMap<>();
    Map<Integer, Integer> tableOf = new java.util.HashMap<>();
    for (int t = 0; t < models.size(); t++) {
      TableModel model = models.get(t);
      String name = model.caption().isEmpty() ? model.name() : model.caption();
      List<TableModel.Row> rows = model.rows();
      for (int c : CountEquations.sized(model)) {
        in.headers.put(key(t, 0, c), system.printed(model.columns().get(c + 1).n(), name + ", the size of column '"
            + model.columns().get(c + 1).header() + "'", false));
      }
      if (CountEquations.hasOverall(model)) {
        List<Integer> sized = CountEquations.sized(model);
        Map<Integer, Integer> e = new java.util.TreeMap<>(Map.of(in.headers.get(key(t, 0, sized.get(0))), 1));
        for (int i = 1; i < sized.size(); i++) {
          e.put(in.headers.get(key(t, 0, sized.get(i))), -1);
        }
        system.equation(e);
      }
      for (int r = 0; r < rows.size(); r++) {
        TableModel.Row row = rows.get(r);
        for (int c = 0; c < row.cells().size(); c++) {
          if (row.cells().get(c) instanceof TableValue.Count k) {
            int i = system.printed(k.n(), name + ", row '" + row.label() + "', column '"
                + model.columns().get(c + 1).header() + "'");
            in.cells.put(key(t, r, c), i);
            tableOf.put(i, t);
            long n = model.columns().get(c + 1).n();
            if (n >= 0) {
              same.computeIfAbsent(row.variable() + "\u0000" + row.label() + "\u0000" + n, x -> new ArrayList<>()).add(i);
            }
          }
        }
        Matcher m = TableValue.COUNT_IN_TEXT.matcher(row.detail());
        for (int k = 0; m.find(); k++) {
          long n = Long.parseLong(m.group(2));
          String at = name + ", row '" + row.label() + "'";
          // The missing values have their equations (missingValues); any other count is loose.
          in.words.put(key(t, r, -1 - k), m.group(1).charAt(0) == TableValue.MISSING_OPEN ? system.printed(n, at)
              : system.printedLoose(n, at));
        }
      }
      for (int i = 0; i < model.notes().size(); i++) {
        Matcher m = TableValue.COUNT_IN_TEXT.matcher(model.notes().get(i));
        for (int k = 0; m.find(); k++) {
          in.words.put(key(t, -1 - i, k), system.printedLoose(Long.parseLong(m.group(2)), name + ", note " + (i + 1)));
        }
      }
      for (CountEquations.Equation eq : CountEquations.signed(model)) {
        Map<Integer, Integer> e = new java.util.TreeMap<>();
        for (int i = 0; i < eq.cells().length; i++) {
          Integer at = eq.cells()[i][0] < 0 ? in.headers.get(key(t, 0, eq.cells()[i][1]))
              : in.cells.get(key(t, eq.cells()[i][0], eq.cells()[i][1]));
          if (at != null) {
            e.merge(at, eq.signs()[i], Integer::sum);
          }
        }
        system.equation(e);
      }
      missingValues(in, t);
    }
    // Twins are looked for across tables only: two columns of one table are two groups.
    for (List<Integer> twins : same.values()) {
      for (int i = 0; i < twins.size(); i++) {
        for (int j = i + 1; j < twins.size(); j++) {
          if (tableOf.get(twins.get(i)).intValue() != tableOf.get(twins.get(j))) {
            system.same(twins.get(i), twins.get(j));
          }
        }
      }
    }
    return in;
  }

  /**
   * A variable whose row detail marks its missing values ({@link TableValue#missingInText}, counted
   * over the table's patients): in each column with a size, the levels add up to a hidden number of
   * known values D (a dichotomous variable's one row is one of them), D and the missing values add up
   * to the size, and a shown level with a percentage makes D known. The printed missing count is the
   * first (overall) column's when that column adds up the others, each other column's being hidden;
   * otherwise it is the sum of every column's hidden one.
   */
  private void missingValues(Entered in, int t) {
    TableModel model = in.models.get(t);
    List<TableModel.Row> rows = model.rows();
    List<Integer> sized = CountEquations.sized(model);
    boolean overall = CountEquations.hasOverall(model);
    for (int r = 0; r < rows.size(); r++) {
      TableModel.Row row = rows.get(r);
      Matcher m = TableValue.COUNT_IN_TEXT.matcher(row.detail());
      int missing = -1;
      for (int k = 0; m.find(); k++) {
        if (m.group(1).charAt(0) == TableValue.MISSING_OPEN) {
          missing = in.words.get(key(t, r, -1 - k));
        }
      }
      if (missing < 0 || sized.isEmpty()) {
        continue;
      }
      List<Integer> levels = new ArrayList<>();
      if (row.kind() == TableModel.RowKind.HEADING) {
        for (int l = r + 1; l < rows.size() && rows.get(l).kind() == TableModel.RowKind.LEVEL; l++) {
          levels.add(l);
        }
      } else {
        levels.add(r);
      }
      Map<Integer, Integer> total = new java.util.TreeMap<>(Map.of(missing, -1));
      for (int s = 0; s < sized.size(); s++) {
        int c = sized.get(s);
        String at = model.name() + ", " + row.label() + ", column '" + model.columns().get(c + 1).header() + "'";
        int known = in.system.hidden("known values of " + at);
        Map<Integer, Integer> sum = new java.util.TreeMap<>(Map.of(known, -1));
        boolean all = true;
        for (int l : levels) {
          Integer cell = in.cells.get(key(t, l, c));
          if (cell == null) {
            all = false;
            continue;
          }
          sum.put(cell, 1);
          if (rows.get(l).cells().get(c) instanceof TableValue.Count k && !Double.isNaN(k.percent())) {
            in.system.equation(Map.of(known, 1), cell);
          }
        }
        if (all && row.kind() == TableModel.RowKind.HEADING) {
          in.system.equation(sum);
        }
        int absent = overall && s == 0 ? missing : in.system.hidden("missing values of " + at);
        in.system.equation(Map.of(known, 1, absent, 1, in.headers.get(key(t, 0, c)), -1));
        if (overall && s > 0 || !overall) {
          total.put(absent, 1);
        }
      }
      if (total.size() > 1) {
        in.system.equation(total);
      }
    }
  }

  /**
   * The tables with what {@code in}'s system masked shown as {@link #mask()}: count cells, counts in
   * details and notes, and in a row with a masked count every other text cell that holds a number
   * (it may restate or bound that count: a published value and its window beside a recomputed one).
   */
  List<ModelResult> results(Entered in) {
    List<ModelResult> results = new ArrayList<>();
    for (int t = 0; t < in.models.size(); t++) {
      TableModel model = in.models.get(t);
      List<TableModel.Row> rows = model.rows();
      List<TableModel.Row> out = new ArrayList<>();
      List<MaskedCell> masked = new ArrayList<>();
      String name = model.caption().isEmpty() ? model.name() : model.caption();
      for (int r = 0; r < rows.size(); r++) {
        TableModel.Row row = rows.get(r);
        List<TableValue> values = new ArrayList<>(row.cells());
        boolean any = false;
        for (int c = 0; c < values.size(); c++) {
          Integer i = in.cells.get(key(t, r, c));
          if (i != null && in.system.masked(i)) {
            values.set(c, new TableValue.Text(mask()));
            masked.add(new MaskedCell(name, row.label(), model.columns().get(c + 1).header(), r, c + 1,
                in.system.reason(i)));
            any = true;
          }
        }
        for (int c = 0; any && c < values.size(); c++) {
          if (values.get(c) instanceof TableValue.Text x && !x.text().equals(mask()) && x.text().matches(".*\\d.*")) {
            values.set(c, new TableValue.Text(mask()));
            masked.add(new MaskedCell(name, row.label(), model.columns().get(c + 1).header(), r, c + 1,
                Reason.COMPLEMENTARY));
          }
        }
        final int tr = t;
        final int rr = r;
        String detail = words(row.detail(), k -> in.words.get(key(tr, rr, -1 - k)), in.system, m -> masked.add(
            new MaskedCell(name, row.label(), model.columns().get(0).header(), rr, 0, m)));
        out.add(new TableModel.Row(row.kind(), row.label(), detail, row.variable(), values));
      }
      List<String> notes = new ArrayList<>();
      for (int i = 0; i < model.notes().size(); i++) {
        final int ii = i;
        final int tt = t;
        notes.add(words(model.notes().get(i), k -> in.words.get(key(tt, -1 - ii, k)), in.system,
            m -> masked.add(new MaskedCell(name, "note " + (ii + 1), "", -1, -1, m))));
      }
      List<TableModel.Column> columns = new ArrayList<>(model.columns());
      for (int c = 0; c + 1 < columns.size(); c++) {
        Integer h = in.headers.get(key(t, 0, c));
        if (h != null && in.system.masked(h)) {
          TableModel.Column col = columns.get(c + 1);
          columns.set(c + 1, new TableModel.Column(col.header() + " (n = " + mask() + ")", -1, col.align()));
          masked.add(new MaskedCell(name, "(header)", col.header(), -1, c + 1, in.system.reason(h)));
        }
      }
      TableModel result = new TableModel(model.name(), model.caption(), columns, out, model.tests(), notes,
          model.describes(), model.spanners());
      results.add(new ModelResult(result, List.copyOf(masked)));
    }
    return results;
  }

  /** {@code text} with each marked count the system masked as the mask (the others stay marked). */
  private String words(String text, java.util.function.IntFunction<Integer> index, CountSystem system,
      java.util.function.Consumer<Reason> onMask) {
    if (text.indexOf(TableValue.COUNT_CLOSE) < 0) {
      return text;
    }
    Matcher m = TableValue.COUNT_IN_TEXT.matcher(text);
    StringBuilder b = new StringBuilder();
    for (int k = 0; m.find(); k++) {
      Integer i = index.apply(k);
      if (i != null && system.masked(i)) {
        onMask.accept(system.reason(i));
        m.appendReplacement(b, Matcher.quoteReplacement(mask()));
      } else {
        m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
      }
    }
    m.appendTail(b);
    return b.toString();
  }

  private static long key(int t, int r, int c) {
    return ((long) t << 42) + ((long) (r + (1 << 20)) << 21) + (c + (1 << 20));
  }

  private static void complementary(List<String> headers, List<String> labels, long[][] count, Reason[][] reason) {
    int nr = count.length;
    int nc = headers.size();
    List<Integer> totalColumns = new ArrayList<>();
    for (int c = 1; c < nc; c++) {
      if (startsWithWord(headers.get(c).strip(), TOTAL_COLUMN)) {
        totalColumns.add(c);
      }
    }
    List<Integer> totalRows = new ArrayList<>();
    for (int r = 0; r < nr; r++) {
      if (startsWithWord(labels.get(r).strip(), TOTAL_ROW)) {
        totalRows.add(r);
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      // Rows, when the table shows a total column: the counts of a row add up to it.
      if (!totalColumns.isEmpty()) {
        for (int r = 0; r < nr; r++) {
          int[][] cells = new int[nc][];
          for (int c = 1; c < nc; c++) {
            cells[c] = totalColumns.contains(c) ? null : new int[] {r, c};
          }
          changed |= protect(cells, count, reason);
        }
      }
      // Columns, when the table shows a total row.
      if (!totalRows.isEmpty()) {
        for (int c = 1; c < nc; c++) {
          int[][] cells = new int[nr][];
          for (int r = 0; r < nr; r++) {
            cells[r] = totalRows.contains(r) ? null : new int[] {r, c};
          }
          changed |= protect(cells, count, reason);
        }
      }
    }
  }

  /** In one line (its non-total cells), one masked count gets a partner: the smallest shown non-zero count. */
  private static boolean protect(int[][] line, long[][] count, Reason[][] reason) {
    int maskedCounts = 0;
    int[] partner = null;
    for (int[] rc : line) {
      if (rc == null || count[rc[0]][rc[1]] < 0) {
        continue;
      }
      if (reason[rc[0]][rc[1]] != null) {
        maskedCounts++;
      } else if (count[rc[0]][rc[1]] > 0 && (partner == null || count[rc[0]][rc[1]] < count[partner[0]][partner[1]])) {
        partner = rc;
      }
    }
    if (maskedCounts == 1 && partner != null) {
      reason[partner[0]][partner[1]] = Reason.COMPLEMENTARY;
      return true;
    }
    return false;
  }

  /**
   * Whether {@code label} starts with one of {@code words} (ignoring case) as a whole word: "Total",
   * "All patients", "N", not "Allocated" or "No".
   */
  static boolean startsWithWord(String label, List<String> words) {
    for (String w : words) {
      if (label.regionMatches(true, 0, w, 0, w.length())
          && (label.length() == w.length() || !isWordChar(label.charAt(w.length())))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "counts 1..%d masked as %s", threshold - 1, mask());
  }
}
