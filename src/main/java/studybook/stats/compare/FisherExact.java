package studybook.stats.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The two-sided p-value of Fisher's exact test for an r x c table: the total probability, under fixed
 * margins, of every table no more probable than the observed one (within a relative 1e-7, as R).
 *
 * <p>A network algorithm in the spirit of Mehta and Patel (1983): columns are stages, a node is the
 * multiset of row totals still to fill, and each node knows the most and least probable way to complete
 * it. A partial table whose every completion is at most as probable as the observed table adds the
 * closed-form total of its completions at once; one whose every completion is more probable is dropped;
 * only the rest is expanded. Partial tables of equal probability reaching the same node are merged.
 */
final class FisherExact {
  /** R's fisher.test counts tables with probability <= observed * (1 + 1e-7). */
  static final double RELATIVE_TOLERANCE = 1e-7;

  /** Steps (partial column fillings) allowed before the table is declared too large: about 1-2 s. */
  static final long DEFAULT_MAX_STEPS = 5_000_000L;

  /** Thrown when the network would take more than the allowed number of steps. */
  static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message);
    }
  }

  private final int[] colSums;
  private final double[] logFact;
  private final long maxSteps;
  private final Map<Key, double[]> bounds = new HashMap<>();
  private long steps;

  private FisherExact(int[] colSums, int total, long maxSteps) {
    this.colSums = colSums;
    this.maxSteps = maxSteps;
    this.logFact = new double[total + 1];
    // factorialLog sums logarithms for n > 20 (quadratic over a big table); logGamma is accurate and O(1).
    for (int i = 0; i <= total; i++) {
      logFact[i] = i <= 20 ? CombinatoricsUtils.factorialLog(i) : Gamma.logGamma(i + 1.0);
    }
  }

  /**
   * The two-sided p-value of a table without empty rows or columns, at least 2 x 2.
   *
   * @throws TooLarge when it would take more than {@code maxSteps} steps
   */
  static double pValue(long[][] table, long maxSteps) {
    int[][] t = toInts(table);
    if (t.length > t[0].length) {
      t = transpose(t);
    }
    int r = t.length;
    int c = t[0].length;
    // Small columns first: the last (largest) column is then forced, and few nodes meet big fan-outs.
    Integer[] order = new Integer[c];
    int[] rawCols = new int[c];
    for (int j = 0; j < c; j++) {
      order[j] = j;
      for (int[] row : t) {
        rawCols[j] += row[j];
      }
    }
    Arrays.sort(order, (a, b) -> Integer.compare(rawCols[a], rawCols[b]));
    int[] cols = new int[c];
    int[] rows = new int[r];
    int total = 0;
    for (int j = 0; j < c; j++) {
      cols[j] = rawCols[order[j]];
    }
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        rows[i] += t[i][j];
      }
      total += rows[i];
    }
    FisherExact f = new FisherExact(cols, total, maxSteps);
    double constant = -f.logFact[total];
    for (int v : rows) {
      constant += f.logFact[v];
    }
    for (int v : cols) {
      constant += f.logFact[v];
    }
    double observed = constant;
    for (int[] row : t) {
      for (int v : row) {
        observed -= f.logFact[v];
      }
    }
    return f.run(rows, constant, observed + Math.log1p(RELATIVE_TOLERANCE));
  }

  private double run(int[] rows, double constant, double threshold) {
    int[] start = rows.clone();
    Arrays.sort(start);
    Map<Key, Map<Long, double[]>> current = new HashMap<>();
    current.put(new Key(0, start), new HashMap<>(Map.of(0L, new double[] {0, 1})));
    double p = 0;
    for (int stage = 0; stage < colSums.length; stage++) {
      Map<Key, Map<Long, double[]>> next = new HashMap<>();
      for (Map.Entry<Key, Map<Long, double[]>> node : current.entrySet()) {
        Key key = node.getKey();
        double[] b = bounds(key);
        double all = logTotal(key);
        List<double[]> open = new ArrayList<>();
        for (double[] past : node.getValue().values()) {
          if (constant + past[0] + b[1] <= threshold) {
            p += past[1] * Math.exp(constant + past[0] + all);
          } else if (constant + past[0] + b[0] <= threshold) {
            open.add(past);
          }
        }
        if (!open.isEmpty()) {
          int nextStage = stage + 1;
          allocate(key, (term, child) -> {
            Map<Long, double[]> pasts = next.computeIfAbsent(new Key(nextStage, child), k -> new HashMap<>());
            for (double[] past : open) {
              double value = past[0] + term;
              // Paths of equal probability merge; 1e-9 in log is far inside the 1e-7 tolerance.
              pasts.merge(Math.round(value * 1e9), new double[] {value, past[1]}, (a, n) -> {
                a[1] += n[1];
                return a;
              });
            }
          });
        }
      }
      current = next;
    }
    return Math.min(1, p);
  }

  /** {min, max} over completions of node of -sum log(n_ij!) for its remaining cells. */
  private double[] bounds(Key key) {
    double[] known = bounds.get(key);
    if (known != null) {
      return known;
    }
    double[] b;
    if (key.stage == colSums.length - 1) {
      double v = 0;
      for (int x : key.rows) {
        v -= logFact[x];
      }
      b = new double[] {v, v};
    } else {
      double[] acc = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      allocate(key, (term, child) -> {
        double[] cb = bounds(new Key(key.stage + 1, child));
        acc[0] = Math.min(acc[0], term + cb[0]);
        acc[1] = Math.max(acc[1], term + cb[1]);
      });
      b = acc;
    }
    bounds.put(key, b);
    return b;
  }

  /** log of the sum over completions of prod 1/n_ij!: log M! - sum log R_i! - sum log c_j!. */
  private double logTotal(Key key) {
    int m = 0;
    double v = 0;
    for (int x : key.rows) {
      m += x;
      v -= logFact[x];
    }
    for (int j = key.stage; j < colSums.length; j++) {
      v -= logFact[colSums[j]];
    }
    return v + logFact[m];
  }

  private interface Visitor {
    void visit(double term, int[] child);
  }

  /** Every way to spread column key.stage over the remaining row totals. */
  private void allocate(Key key, Visitor visitor) {
    int[] rows = key.rows;
    int[] suffix = new int[rows.length + 1];
    for (int i = rows.length - 1; i >= 0; i--) {
      suffix[i] = suffix[i + 1] + rows[i];
    }
    allocate(rows, suffix, 0, colSums[key.stage], new int[rows.length], 0, visitor);
  }

  private void allocate(int[] rows, int[] suffix, int i, int left, int[] cell, double term, Visitor visitor) {
    if (i == rows.length - 1) {
      if (left > rows[i]) {
        return;
      }
      cell[i] = left;
      if (++steps > maxSteps) {
        throw new TooLarge("more than " + maxSteps + " steps");
      }
      int[] child = new int[rows.length];
      for (int k = 0; k < rows.length; k++) {
        child[k] = rows[k] - cell[k];
      }
      Arrays.sort(child);
      visitor.visit(term - logFact[left], child);
      return;
    }
    int lo = Math.max(0, left - suffix[i + 1]);
    int hi = Math.min(rows[i], left);
    for (int n = lo; n <= hi; n++) {
      cell[i] = n;
      allocate(rows, suffix, i + 1, left - n, cell, term - logFact[n], visitor);
    }
  }

  private static int[][] toInts(long[][] table) {
    int[][] t = new int[table.length][];
    for (int i = 0; i < table.length; i++) {
      t[i] = new int[table[i].length];
      for (int j = 0; j < table[i].length; j++) {
        t[i][j] = Math.toIntExact(table[i][j]);
      }
    }
    return t;
  }

  private static int[][] transpose(int[][] t) {
    int[][] out = new int[t[0].length][t.length];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[0].length; j++) {
        out[j][i] = t[i][j];
      }
    }
    return out;
  }

  private record Key(int stage, int[] rows) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.stage == stage && Arrays.equals(k.rows, rows);
    }

    @Override
    public int hashCode() {
      return 31 * stage + Arrays.hashCode(rows);
    }
  }
}
