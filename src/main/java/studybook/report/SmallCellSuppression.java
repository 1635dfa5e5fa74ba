package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studybook.StudybookException;
import studybook.tables.TableModel;
import studybook.tables.TableValue;

/**
 * Small-cell suppression on a table as the reader sees it (every cell already text in the report's
 * number style), so the one rule covers report.md, report.html and report.docx alike.
 *
 * <p>The rule, for a threshold K:
 * <ol>
 *   <li><b>Primary.</b> A count cell is a body cell outside the first (label) column whose text is
 *       a whole number {@code n} or {@code n (p%)} as {@code fmt.count}/{@code fmt.countPct} print
 *       them. Every count cell with 1 &le; n &lt; K shows as {@code <K}; a percentage in the same
 *       cell goes with it. Zero is shown (an empty cell discloses no one).</li>
 *   <li><b>Percentage beside.</b> The cell right of a masked count, when its column header has a
 *       "%" and its text is a number (with or without "%"), shows as {@code <K} too.</li>
 *   <li><b>Complementary.</b> A line is a row, or a column, that holds a shown total: a row whose
 *       label is Total/All/Overall, or a column headed Total/All/Overall/N. In each such line with
 *       exactly one masked count, the smallest other shown non-zero count of the line (not the
 *       total) is masked too, so the masked one cannot be had as total minus the rest. Repeated
 *       until no line changes.</li>
 * </ol>
 * It protects against reading a small count directly, recovering it from a percentage in the same
 * or the next cell, and recovering it by one subtraction from a total shown in the same table. It
 * does not protect against: recovery across tables or from the prose, figures (flow diagram
 * counts), tables/*.csv or results.json, which are not masked; totals it cannot recognise by label;
 * differencing between overlapping subgroups; other percentages that reveal a denominator; or
 * cells that look like whole numbers but are not counts (e.g. a median printed with 0 decimals).
 */
public final class SmallCellSuppression {
  private static final Pattern COUNT = Pattern.compile("(\\d+)( \\(-?\\d+(\\.\\d+)?%\\))?");
  private static final Pattern PERCENT = Pattern.compile("\\(?-?\\d+(\\.\\d+)?%?\\)?");
  private static final Pattern TOTAL_ROW = Pattern.compile("(?i)(total|all|overall)\\b.*");
  private static final Pattern TOTAL_COLUMN = Pattern.compile("(?i)(total|all|overall|n)\\b.*");

  /** Why a cell was masked. */
  public enum Reason {
    /** The count itself is below the threshold. */
    SMALL_COUNT,
    /** A percentage beside a masked count. */
    PERCENTAGE,
    /** Masked so that a small count cannot be recovered from a shown total. */
    COMPLEMENTARY
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

  /** A table with its masked cells. */
  public record Result(List<List<String>> rows, List<MaskedCell> masked) {}

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

  /** The text a masked cell shows. */
  public String mask() {
    return "<" + threshold;
  }

  /** Applies the rule to one table: {@code headers} and body {@code rows} of cell text. */
  public Result apply(String table, List<String> headers, List<List<String>> rows) {
    int nr = rows.size();
    int nc = headers.size();
    long[][] count = new long[nr][nc];
    Reason[][] reason = new Reason[nr][nc];
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        count[r][c] = -1;
        String text = c < rows.get(r).size() ? rows.get(r).get(c).strip() : "";
        Matcher m = COUNT.matcher(text);
        if (c > 0 && m.matches()) {
          count[r][c] = parse(m.group(1));
          if (count[r][c] >= 1 && count[r][c] < threshold) {
            reason[r][c] = Reason.SMALL_COUNT;
          }
        }
      }
    }
    complementary(headers, rows, count, reason);
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c + 1 < nc; c++) {
        if (reason[r][c] != null && reason[r][c] != Reason.PERCENTAGE && reason[r][c + 1] == null
            && headers.get(c + 1).contains("%") && c + 1 < rows.get(r).size()
            && PERCENT.matcher(rows.get(r).get(c + 1).strip()).matches()) {
          reason[r][c + 1] = Reason.PERCENTAGE;
        }
      }
    }
    List<List<String>> out = new ArrayList<>();
    List<MaskedCell> masked = new ArrayList<>();
    for (int r = 0; r < nr; r++) {
      List<String> row = new ArrayList<>(rows.get(r));
      for (int c = 0; c < Math.min(nc, row.size()); c++) {
        if (reason[r][c] != null) {
          row.set(c, mask());
          masked.add(new MaskedCell(table, rows.get(r).isEmpty() ? "" : rows.get(r).get(0).strip(),
              headers.get(c).strip(), r, c, reason[r][c]));
        }
      }
      out.add(row);
    }
    return new Result(out, masked);
  }

  /** A table model with its masked cells. */
  public record ModelResult(TableModel model, List<MaskedCell> masked) {}

  /**
   * Applies the rule to a table model, on its typed counts ({@link TableValue.Count}): every count
   * 1..K-1 is masked (with its percentage); then, while the printed numbers still determine a masked
   * count, another count is masked. "Determine" is exact linear algebra over what the table prints:
   * the group sizes in the headers, an overall column that sums the group columns row by row, and
   * each variable's levels summing to the column's size. A masked count x is recoverable exactly
   * when the unit vector of x lies in the row space of those equations restricted to the masked
   * cells; the partner masked is the smallest shown count in an equation with a recoverable cell
   * (non-zero first). Header sizes are never masked (they are printed in the text too).
   */
  public ModelResult apply(TableModel model) {
    List<TableModel.Row> rows = model.rows();
    int nr = rows.size();
    int nc = model.columns().size() - 1;
    long[][] count = new long[nr][nc];
    Reason[][] reason = new Reason[nr][nc];
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        count[r][c] = rows.get(r).cells().get(c) instanceof TableValue.Count k ? k.n() : -1;
        if (count[r][c] >= 1 && count[r][c] < threshold) {
          reason[r][c] = Reason.SMALL_COUNT;
        }
      }
    }
    List<int[][]> equations = CountEquations.of(model);
    while (true) {
      int[] open = CountEquations.recoverable(equations, reason, count);
      if (open == null) {
        break;
      }
      int[] partner = partner(equations, open, count, reason);
      if (partner == null) {
        break;
      }
      reason[partner[0]][partner[1]] = Reason.COMPLEMENTARY;
    }
    List<TableModel.Row> out = new ArrayList<>();
    List<MaskedCell> masked = new ArrayList<>();
    String name = model.caption().isEmpty() ? model.name() : model.caption();
    for (int r = 0; r < nr; r++) {
      TableModel.Row row = rows.get(r);
      List<TableValue> cells = new ArrayList<>(row.cells());
      for (int c = 0; c < nc; c++) {
        if (reason[r][c] != null) {
          cells.set(c, new TableValue.Text(mask()));
          masked.add(new MaskedCell(name, row.label(), model.columns().get(c + 1).header(), r, c + 1, reason[r][c]));
        }
      }
      out.add(new TableModel.Row(row.kind(), row.label(), row.detail(), row.variable(), cells));
    }
    return new ModelResult(model.withRows(out), List.copyOf(masked));
  }

  /** The smallest shown count sharing an equation with {@code cell}: non-zero ones first, then zeros. */
  private static int[] partner(List<int[][]> equations, int[] cell, long[][] count, Reason[][] reason) {
    int[] best = null;
    for (int[][] eq : equations) {
      boolean holds = false;
      for (int[] rc : eq) {
        holds |= rc[0] == cell[0] && rc[1] == cell[1];
      }
      if (!holds) {
        continue;
      }
      for (int[] rc : eq) {
        if (rc[0] < 0 || reason[rc[0]][rc[1]] != null || count[rc[0]][rc[1]] < 0) {
          continue;
        }
        if (best == null || better(count[rc[0]][rc[1]], count[best[0]][best[1]])) {
          best = rc;
        }
      }
    }
    return best;
  }

  private static boolean better(long a, long b) {
    if ((a == 0) != (b == 0)) {
      return b == 0;
    }
    return a < b;
  }

  private static void complementary(List<String> headers, List<List<String>> rows, long[][] count, Reason[][] reason) {
    int nr = count.length;
    int nc = headers.size();
    List<Integer> totalColumns = new ArrayList<>();
    for (int c = 1; c < nc; c++) {
      if (TOTAL_COLUMN.matcher(headers.get(c).strip()).matches()) {
        totalColumns.add(c);
      }
    }
    List<Integer> totalRows = new ArrayList<>();
    for (int r = 0; r < nr; r++) {
      if (!rows.get(r).isEmpty() && TOTAL_ROW.matcher(rows.get(r).get(0).strip()).matches()) {
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

  private static long parse(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "counts 1..%d masked as %s", threshold - 1, mask());
  }
}
