package studybook.report;

import java.util.ArrayList;
import java.util.List;
import studybook.tables.TableModel;
import studybook.tables.TableValue;

/**
 * The linear equations a table's printed counts satisfy, and which masked counts they give away
 * (written by hand: a few dozen equations over small integers, solved exactly over BigInteger).
 *
 * <p>An equation is a list of cells {row, column} (0-based value columns) whose counts add up to a
 * printed total; the total itself is known, so only which cells take part matters. A cell {-1, c}
 * stands for a printed header size, which is never masked.
 */
final class CountEquations {
  private CountEquations() {}

  /**
   * The equations of a table: (1) where the first group column's size is the sum of the others'
   * (an "Overall" column), each row's overall count is the sum of its group counts; (2) in every
   * column with a printed size, the levels of one variable (a heading's level rows) add up to that
   * size. A variable whose detail marks its missing values ({@link TableValue#missingInText}) has
   * no such equation: its levels add up to the known values, which {@link SmallCellSuppression}
   * enters with the missing ones and the percentages.
   */
  static List<int[][]> of(TableModel model) {
    List<int[][]> out = new ArrayList<>();
    List<TableModel.Column> cols = model.columns();
    List<Integer> sized = new ArrayList<>();
    for (int c = 1; c < cols.size(); c++) {
      if (cols.get(c).n() >= 0) {
        sized.add(c - 1);
      }
    }
    List<TableModel.Row> rows = model.rows();
    if (sized.size() >= 3) {
      long rest = 0;
      for (int i = 1; i < sized.size(); i++) {
        rest += cols.get(sized.get(i) + 1).n();
      }
      if (rest == cols.get(sized.get(0) + 1).n()) {
        for (int r = 0; r < rows.size(); r++) {
          List<int[]> eq = new ArrayList<>();
          for (int c : sized) {
            if (rows.get(r).cells().get(c) instanceof TableValue.Count
                || rows.get(r).cells().get(c) instanceof TableValue.Text) {
              eq.add(new int[] {r, c});
            }
          }
          if (eq.size() == sized.size()) {
            out.add(eq.toArray(new int[0][]));
          }
        }
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).kind() != TableModel.RowKind.HEADING
          || rows.get(r).detail().indexOf(TableValue.MISSING_OPEN) >= 0) {
        continue;
      }
      int end = r + 1;
      while (end < rows.size() && rows.get(end).kind() == TableModel.RowKind.LEVEL) {
        end++;
      }
      for (int c : sized) {
        List<int[]> eq = new ArrayList<>();
        for (int l = r + 1; l < end; l++) {
          eq.add(new int[] {l, c});
        }
        eq.add(new int[] {-1, c});
        if (eq.size() > 1) {
          out.add(eq.toArray(new int[0][]));
        }
      }
    }
    return out;
  }

  /** The value columns (0-based) whose header prints a size. */
  static List<Integer> sized(TableModel model) {
    List<Integer> sized = new ArrayList<>();
    for (int c = 1; c < model.columns().size(); c++) {
      if (model.columns().get(c).n() >= 0) {
        sized.add(c - 1);
      }
    }
    return sized;
  }

  /** Whether the first sized column is an overall one: three or more sized columns, the first the sum of the others. */
  static boolean hasOverall(TableModel model) {
    List<Integer> sized = sized(model);
    if (sized.size() < 3) {
      return false;
    }
    long rest = 0;
    for (int i = 1; i < sized.size(); i++) {
      rest += model.columns().get(sized.get(i) + 1).n();
    }
    return rest == model.columns().get(sized.get(0) + 1).n();
  }

  /**
   * An equation over count cells {row, column} (0-based value columns) with a sign each: the
   * signed sum is a printed number (a header size, or 0 for an overall column minus its groups).
   */
  record Equation(int[][] cells, int[] signs) {}

  /**
   * {@link #of}'s equations with their signs, each summing to 0: the overall count +1 and each
   * group's -1; levels +1 and the header size (row -1) -1.
   */
  static List<Equation> signed(TableModel model) {
    List<Equation> out = new ArrayList<>();
    int firstSized = -1;
    for (int c = 1; c < model.columns().size(); c++) {
      if (model.columns().get(c).n() >= 0) {
        firstSized = c - 1;
        break;
      }
    }
    for (int[][] eq : of(model)) {
      boolean levels = eq[eq.length - 1][0] == -1;
      List<int[]> cells = new ArrayList<>();
      List<Integer> signs = new ArrayList<>();
      for (int[] rc : eq) {
        cells.add(rc);
        signs.add(rc[0] < 0 ? -1 : levels || rc[1] == firstSized ? 1 : -1);
      }
      out.add(new Equation(cells.toArray(new int[0][]), signs.stream().mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  /**
   * The first of {@code unknowns} (indices of masked cells) that {@code equations} (cell index to
   * coefficient; every other cell printed) determine, or -1: x is determined exactly when leaving its
   * column out lowers the rank of the system restricted to the unknowns (exact integer elimination).
   */
  static int determined(List<java.util.Map<Integer, Integer>> equations, List<Integer> unknowns) {
    List<Integer> all = allDetermined(equations, unknowns);
    return all.isEmpty() ? -1 : all.get(0);
  }

  /** Every one of {@code unknowns} that {@code equations} determine, in order (see {@link #determined}). */
  static List<Integer> allDetermined(List<java.util.Map<Integer, Integer>> equations, List<Integer> unknowns) {
    List<Integer> out = new ArrayList<>();
    if (unknowns.isEmpty()) {
      return out;
    }
    long[][] a = new long[equations.size()][unknowns.size()];
    for (int e = 0; e < equations.size(); e++) {
      for (int u = 0; u < unknowns.size(); u++) {
        a[e][u] = equations.get(e).getOrDefault(unknowns.get(u), 0);
      }
    }
    int full = exactRank(a, -1);
    for (int u = 0; u < unknowns.size(); u++) {
      if (exactRank(a, u) < full) {
        out.add(unknowns.get(u));
      }
    }
    return out;
  }

  /** Rank of {@code a} without column {@code skip} (-1 for none), by fraction-free elimination over BigInteger. */
  static int exactRank(long[][] a, int skip) {
    List<java.math.BigInteger[]> m = new ArrayList<>();
    int cols = a.length == 0 ? 0 : a[0].length;
    for (long[] row : a) {
      java.math.BigInteger[] b = new java.math.BigInteger[cols];
      boolean any = false;
      for (int j = 0; j < cols; j++) {
        b[j] = j == skip ? java.math.BigInteger.ZERO : java.math.BigInteger.valueOf(row[j]);
        any |= b[j].signum() != 0;
      }
      if (any) {
        m.add(b);
      }
    }
    int rank = 0;
    for (int col = 0; col < cols && rank < m.size(); col++) {
      int p = rank;
      while (p < m.size() && m.get(p)[col].signum() == 0) {
        p++;
      }
      if (p == m.size()) {
        continue;
      }
      java.math.BigInteger[] pivot = m.get(p);
      m.set(p, m.get(rank));
      m.set(rank, pivot);
      for (int i = rank + 1; i < m.size(); i++) {
        java.math.BigInteger f = m.get(i)[col];
        if (f.signum() != 0) {
          java.math.BigInteger[] row = m.get(i);
          java.math.BigInteger g = java.math.BigInteger.ZERO;
          for (int j = 0; j < cols; j++) {
            row[j] = row[j].multiply(pivot[col]).subtract(pivot[j].multiply(f));
            g = g.gcd(row[j]);
          }
          if (g.compareTo(java.math.BigInteger.ONE) > 0) {
            for (int j = 0; j < cols; j++) {
              row[j] = row[j].divide(g);
            }
          }
        }
      }
      rank++;
    }
    return rank;
  }
}
