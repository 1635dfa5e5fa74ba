package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * That is the rule for a hand-laid table's printed text; tables from a model get the exact rule of
 * {@link #apply(List, java.util.Set)}, and {@link SmallCellSuppressionLedger} applies both to
 * everything one report folder prints (tables, counts in the text and figures). Not protected:
 * totals this rule cannot recognise by label, differencing between overlapping subgroups, and
 * statistics computed from the counts (p-values, ratios, model estimates), which are printed as
 * computed (README, Small-cell suppression).
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
    COMPLEMENTARY,
    /**
     * Masked where the template printed it ({@code fmt.count}, {@code fmt.countPct}): a count 1..K-1,
     * or the value of a count masked elsewhere in the report.
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
   * A table with its masked cells and the counts they held (cells that already showed the mask, as a
   * count the number style masked, take part in the complement but are not listed again).
   */
  public record Result(List<List<String>> rows, List<MaskedCell> masked, List<Long> values) {}

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

  /** Applies the rule to one table: {@code headers} and body {@code rows} of cell text. */
  public Result apply(String table, List<String> headers, List<List<String>> rows) {
    int nr = rows.size();
    int nc = headers.size();
    long[][] count = new long[nr][nc];
    Reason[][] reason = new Reason[nr][nc];
    boolean[][] shownMasked = new boolean[nr][nc];
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        count[r][c] = -1;
        String text = c < rows.get(r).size() ? rows.get(r).get(c).strip() : "";
        Matcher m = COUNT.matcher(text);
        if (c > 0 && text.replace("\\", "").equals(mask())) {
          count[r][c] = 1;
          reason[r][c] = Reason.AS_PRINTED;
          shownMasked[r][c] = true;
        } else if (c > 0 && m.matches()) {
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
    List<Long> values = new ArrayList<>();
    for (int r = 0; r < nr; r++) {
      List<String> row = new ArrayList<>(rows.get(r));
      for (int c = 0; c < Math.min(nc, row.size()); c++) {
        if (reason[r][c] != null) {
          if (count[r][c] >= 0 && !shownMasked[r][c]) {
            values.add(count[r][c]);
          }
          row.set(c, mask());
          masked.add(new MaskedCell(table, rows.get(r).isEmpty() ? "" : rows.get(r).get(0).strip(),
              headers.get(c).strip(), r, c, reason[r][c]));
        }
      }
      out.add(row);
    }
    return new Result(out, masked, values);
  }

  /** A table model with its masked cells. */
  public record ModelResult(TableModel model, List<MaskedCell> masked) {}

  /**
   * Applies the rule to one table model alone (as {@link #apply(List, java.util.Set)} with this one
   * table), on its typed counts ({@link TableValue.Count}): every count 1..K-1 is masked (with its percentage); then, while the printed numbers still determine a masked
   * count, another count is masked. "Determine" is exact linear algebra over what the table prints:
   * the group sizes in the headers, an overall column that sums the group columns row by row, and
   * each variable's levels summing to the column's size. A masked count x is recoverable exactly
   * when the unit vector of x lies in the row space of those equations restricted to the masked
   * cells; the partner masked is the smallest shown count in an equation with a recoverable cell
   * (non-zero first). Header sizes are never masked (they are printed in the text too).
   */
  public ModelResult apply(TableModel model) {
    return apply(List.of(model), java.util.Set.of()).get(0);
  }

  /**
   * The rule over every table of a report at once, so that a count printed in two tables is masked in
   * both and no masked count follows from the other table. Besides each table's own sum equations
   * ({@link CountEquations}), two count cells are taken as the same count (an equation x = y) when
   * they have the same variable, the same row label and the same column size n: a subgroup's column
   * repeated as another table's overall column, say. Cells that are not the same count but look so
   * only add equations, which can only mask more. A count whose value is in {@code alsoMask} (a
   * count already masked where it was printed outside the tables) is masked wherever a table prints
   * it, as {@link Reason#COMPLEMENTARY}. Results in the order of {@code models}.
   */
  public List<ModelResult> apply(List<TableModel> models, java.util.Set<Long> alsoMask) {
    int nt = models.size();
    long[][][] count = new long[nt][][];
    Reason[][][] reason = new Reason[nt][][];
    List<long[]> cells = new ArrayList<>();  // {t, r, c} of every count cell
    java.util.Map<String, List<Integer>> same = new java.util.TreeMap<>();
    for (int t = 0; t < nt; t++) {
      TableModel model = models.get(t);
      List<TableModel.Row> rows = model.rows();
      int nr = rows.size();
      int nc = model.columns().size() - 1;
      count[t] = new long[nr][nc];
      reason[t] = new Reason[nr][nc];
      for (int r = 0; r < nr; r++) {
        for (int c = 0; c < nc; c++) {
          count[t][r][c] = rows.get(r).cells().get(c) instanceof TableValue.Count k ? k.n() : -1;
          if (count[t][r][c] >= 1 && count[t][r][c] < threshold) {
            reason[t][r][c] = Reason.SMALL_COUNT;
          } else if (count[t][r][c] >= 1 && alsoMask.contains(count[t][r][c])) {
            reason[t][r][c] = Reason.COMPLEMENTARY;
          }
          if (count[t][r][c] >= 0) {
            long n = model.columns().get(c + 1).n();
            if (n >= 0) {
              same.computeIfAbsent(rows.get(r).variable() + "\u0000" + rows.get(r).label() + "\u0000" + n,
                  k -> new ArrayList<>()).add(cells.size());
            }
            cells.add(new long[] {t, r, c});
          }
        }
      }
    }
    java.util.Map<Long, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      index.put(key(cells.get(i)), i);
    }
    // Equations as {cell index -> coefficient}; printed constants (header sizes, shown cells) do not matter.
    List<java.util.Map<Integer, Integer>> equations = new ArrayList<>();
    for (int t = 0; t < nt; t++) {
      for (CountEquations.Equation eq : CountEquations.signed(models.get(t))) {
        java.util.Map<Integer, Integer> e = new java.util.TreeMap<>();
        for (int i = 0; i < eq.cells().length; i++) {
          Integer at = index.get(key(new long[] {t, eq.cells()[i][0], eq.cells()[i][1]}));
          if (at != null) {
            e.merge(at, eq.signs()[i], Integer::sum);
          }
        }
        equations.add(e);
      }
    }
    for (List<Integer> twins : same.values()) {
      for (int i = 1; i < twins.size(); i++) {
        equations.add(new java.util.TreeMap<>(java.util.Map.of(twins.get(0), 1, twins.get(i), -1)));
      }
    }
    while (true) {
      List<Integer> unknowns = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        long[] x = cells.get(i);
        if (reason[(int) x[0]][(int) x[1]][(int) x[2]] != null) {
          unknowns.add(i);
        }
      }
      // The first determined count that shares an equation with a shown count gets that partner
      // (a determined count with none, e.g. a one-level variable equal to the group size, cannot be
      // protected by masking and is left).
      int best = -1;
      for (int open : CountEquations.allDetermined(equations, unknowns)) {
        best = partner(equations, open, cells, count, reason);
        if (best >= 0) {
          break;
        }
      }
      if (best < 0) {
        break;
      }
      long[] b = cells.get(best);
      reason[(int) b[0]][(int) b[1]][(int) b[2]] = Reason.COMPLEMENTARY;
    }
    List<ModelResult> results = new ArrayList<>();
    for (int t = 0; t < nt; t++) {
      TableModel model = models.get(t);
      List<TableModel.Row> rows = model.rows();
      List<TableModel.Row> out = new ArrayList<>();
      List<MaskedCell> masked = new ArrayList<>();
      String name = model.caption().isEmpty() ? model.name() : model.caption();
      for (int r = 0; r < rows.size(); r++) {
        TableModel.Row row = rows.get(r);
        List<TableValue> values = new ArrayList<>(row.cells());
        for (int c = 0; c < reason[t][r].length; c++) {
          if (reason[t][r][c] != null) {
            values.set(c, new TableValue.Text(mask()));
            masked.add(new MaskedCell(name, row.label(), model.columns().get(c + 1).header(), r, c + 1, reason[t][r][c]));
          }
        }
        out.add(new TableModel.Row(row.kind(), row.label(), row.detail(), row.variable(), values));
      }
      results.add(new ModelResult(model.withRows(out), List.copyOf(masked)));
    }
    return results;
  }

  /** The smallest shown count sharing an equation with cell {@code open}: non-zero ones first, then zeros; -1 if none. */
  private static int partner(List<java.util.Map<Integer, Integer>> equations, int open, List<long[]> cells,
      long[][][] count, Reason[][][] reason) {
    int best = -1;
    for (java.util.Map<Integer, Integer> eq : equations) {
      if (eq.getOrDefault(open, 0) == 0) {
        continue;
      }
      for (Map.Entry<Integer, Integer> x : eq.entrySet()) {
        long[] c = cells.get(x.getKey());
        if (x.getValue() == 0 || reason[(int) c[0]][(int) c[1]][(int) c[2]] != null) {
          continue;
        }
        long n = count[(int) c[0]][(int) c[1]][(int) c[2]];
        if (best < 0) {
          best = x.getKey();
        } else {
          long[] b = cells.get(best);
          if (better(n, count[(int) b[0]][(int) b[1]][(int) b[2]])) {
            best = x.getKey();
          }
        }
      }
    }
    return best;
  }

  private static long key(long[] trc) {
    return (trc[0] << 40) | (trc[1] << 20) | trc[2];
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
