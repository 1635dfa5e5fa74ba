package studybook.stats.compare;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The two-sided p-value of Fisher's exact test for an r x c table: the total probability, under fixed
 * margins, of every table no more probable than the observed one (within a relative 1e-7, as R).
 *
 * <p>A network algorithm in the spirit of Mehta and Patel (1983), written by hand (no maintained Java
 * library has one): columns are stages, a node is the multiset of row totals still to fill, and each node
 * knows the most and least probable way to complete it. A partial table whose every completion is at most
 * as probable as the observed table adds the closed-form total of its completions at once; one whose every
 * completion is more probable is dropped; only the rest is expanded. Partial tables of equal probability
 * reaching the same node are merged.
 *
 * <p>Bounded by design. Every pass is a loop over stages (no recursion: a table with thousands of levels
 * needs no deeper stack than a 2 x 2), and work and memory are capped: at most {@code maxWork} work units
 * (one unit = one way to fill a column at a node, or one partial probability carried along an arc;
 * {@link #DEFAULT_MAX_WORK} = 5,000,000, a few seconds) and at most {@link #MAX_STORED} = 8,000,000 stored
 * numbers held at once (nodes' row totals and bounds, partial probabilities of two stages; a few hundred MB at
 * most). Beyond either cap it throws {@link TooLarge} after at most that much work, and the caller falls back
 * to a Monte-Carlo p ({@link FisherSimulated}).
 */
final class FisherExact {
  /** R's fisher.test counts tables with probability <= observed * (1 + 1e-7). */
  static final double RELATIVE_TOLERANCE = 1e-7;

  /** Work units allowed before the table is declared too large for the exact p: about a second. */
  static final long DEFAULT_MAX_WORK = 5_000_000L;

  /** Stored numbers held at once (nodes' row totals and bounds, partial probabilities of two stages). */
  static final long MAX_STORED = 8_000_000L;

  /** Thrown when the network would take more than the allowed work or memory; says how much was done. */
  static final class TooLarge extends RuntimeException {
    private final long work;

    TooLarge(String message, long work) {
      super(message, null, false, false);
      this.work = work;
    }

    /** Work units spent before giving up (at most the cap). */
    long work() {
      return work;
    }
  }

  /** An exact p and the work units it took. */
  record Result(double p, long work, long peakStored) {}

  private final int[] colSums;
  private final double[] logFact;
  /** colTail[j] = sum over columns k >= j of log(c_k!). */
  private final double[] colTail;
  private final long maxWork;
  /** Stored numbers per partial probability: its key, its log value and its weight. */
  private static final int PAST_SIZE = 3;

  private final Map<Key, double[]> bounds = new HashMap<>();
  private long work;
  private long stored;
  private long peak;

  private FisherExact(int[] colSums, int total, long maxWork) {
    this.colSums = colSums;
    this.maxWork = maxWork;
    this.logFact = logFactorials(total);
    this.colTail = new double[colSums.length + 1];
    for (int j = colSums.length - 1; j >= 0; j--) {
      colTail[j] = colTail[j + 1] + logFact[colSums[j]];
    }
  }

  /** log(i!) for i = 0..n; factorialLog sums logarithms for i > 20 (quadratic), logGamma is O(1). */
  static double[] logFactorials(int n) {
    double[] f = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      f[i] = i <= 20 ? CombinatoricsUtils.factorialLog(i) : Gamma.logGamma(i + 1.0);
    }
    return f;
  }

  /**
   * The two-sided p-value of a table without empty rows or columns, at least 2 x 2.
   *
   * @throws TooLarge when it would take more than {@code maxWork} work units or {@link #MAX_STORED} numbers
   */
  static double pValue(long[][] table, long maxWork) {
    return exact(table, maxWork).p();
  }

  /** As {@link #pValue}, with the work it took. */
  static Result exact(long[][] table, long maxWork) {
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
    FisherExact f = new FisherExact(cols, total, maxWork);
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
    int[] start = rows.clone();
    Arrays.sort(start);
    f.computeBounds(start);
    double p = f.run(start, constant, observed + Math.log1p(RELATIVE_TOLERANCE));
    return new Result(p, f.work, f.peak);
  }

  private void spend(long units) {
    work += units;
    if (work > maxWork) {
      throw new TooLarge("more than " + maxWork + " work units", maxWork);
    }
  }

  private void store(long numbers) {
    stored += numbers;
    peak = Math.max(peak, stored);
    if (stored > MAX_STORED) {
      throw new TooLarge("more than " + MAX_STORED + " stored numbers", work);
    }
  }

  /** Nodes reachable stage by stage (forward), then {min, max} completion bounds stage by stage (backward). */
  private void computeBounds(int[] start) {
    int stages = colSums.length;
    List<Set<Key>> levels = new ArrayList<>();
    Set<Key> first = new LinkedHashSet<>();
    first.add(new Key(0, start));
    store(start.length);
    levels.add(first);
    for (int stage = 0; stage < stages - 1; stage++) {
      Set<Key> next = new LinkedHashSet<>();
      int nextStage = stage + 1;
      for (Key key : levels.get(stage)) {
        allocate(key, (term, child) -> {
          if (next.add(new Key(nextStage, child))) {
            store(child.length);
          }
        });
      }
      levels.add(next);
    }
    for (int stage = stages - 1; stage >= 0; stage--) {
      for (Key key : levels.get(stage)) {
        double[] b;
        if (stage == stages - 1) {
          double v = 0;
          for (int x : key.rows) {
            v -= logFact[x];
          }
          b = new double[] {v, v};
        } else {
          double[] acc = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
          int nextStage = stage + 1;
          allocate(key, (term, child) -> {
            double[] cb = bounds.get(new Key(nextStage, child));
            acc[0] = Math.min(acc[0], term + cb[0]);
            acc[1] = Math.max(acc[1], term + cb[1]);
          });
          b = acc;
        }
        store(2);
        bounds.put(key, b);
      }
      if (stage + 1 < stages) {
        levels.set(stage + 1, Set.of()); // the next stage's nodes are no longer needed as a set
      }
    }
  }

  private double run(int[] start, double constant, double threshold) {
    Map<Key, Long2ObjectOpenHashMap<double[]>> current = new HashMap<>();
    Long2ObjectOpenHashMap<double[]> origin = new Long2ObjectOpenHashMap<>();
    origin.put(0L, new double[] {0, 1});
    current.put(new Key(0, start), origin);
    long held = 1; // partial probabilities held for the current stage
    double p = 0;
    for (int stage = 0; stage < colSums.length; stage++) {
      Map<Key, Long2ObjectOpenHashMap<double[]>> next = new HashMap<>();
      long before = stored;
      for (Map.Entry<Key, Long2ObjectOpenHashMap<double[]>> node : current.entrySet()) {
        Key key = node.getKey();
        double[] b = bounds.get(key);
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
            spend(open.size());
            Long2ObjectOpenHashMap<double[]> pasts =
                next.computeIfAbsent(new Key(nextStage, child), k -> new Long2ObjectOpenHashMap<>());
            for (double[] past : open) {
              double value = past[0] + term;
              // Paths of equal probability merge; 1e-9 in log is far inside the 1e-7 tolerance.
              long id = Math.round(value * 1e9);
              double[] known = pasts.get(id);
              if (known == null) {
                store(PAST_SIZE);
                pasts.put(id, new double[] {value, past[1]});
              } else {
                known[1] += past[1];
              }
            }
          });
        }
      }
      // the current stage's partial probabilities are released: only two stages are ever held
      stored -= held * PAST_SIZE;
      held = (stored - before + held * PAST_SIZE) / PAST_SIZE;
      current = next;
    }
    return Math.min(1, p);
  }

  /** log of the sum over completions of prod 1/n_ij!: log M! - sum log R_i! - sum log c_j!. */
  private double logTotal(Key key) {
    int m = 0;
    double v = 0;
    for (int x : key.rows) {
      m += x;
      v -= logFact[x];
    }
    return v - colTail[key.stage] + logFact[m];
  }

  private interface Visitor {
    void visit(double term, int[] child);
  }

  /**
   * Every way to spread column key.stage over the remaining row totals, as an odometer over the cells
   * (a loop, not a recursion); each way costs one work unit.
   */
  private void allocate(Key key, Visitor visitor) {
    int[] rows = key.rows;
    int k = rows.length;
    int[] suffix = new int[k + 1];
    for (int i = k - 1; i >= 0; i--) {
      suffix[i] = suffix[i + 1] + rows[i];
    }
    int[] cell = new int[k];
    int[] left = new int[k + 1]; // left[i]: what column still holds before cell i
    double[] term = new double[k + 1]; // term[i]: -sum log(cell!) of cells before i
    left[0] = colSums[key.stage];
    // Fill cells 0..k-2 with their smallest value; cell k-1 takes what is left.
    int i = 0;
    cell[0] = Math.max(0, left[0] - suffix[1]);
    while (true) {
      // descend: cells i+1..k-2 at their smallest values
      while (i < k - 1) {
        term[i + 1] = term[i] - logFact[cell[i]];
        left[i + 1] = left[i] - cell[i];
        i++;
        if (i < k - 1) {
          cell[i] = Math.max(0, left[i] - suffix[i + 1]);
        }
      }
      // i == k - 1: the last cell is forced
      cell[k - 1] = left[k - 1];
      spend(1);
      int[] child = new int[k];
      for (int m = 0; m < k; m++) {
        child[m] = rows[m] - cell[m];
      }
      Arrays.sort(child);
      visitor.visit(term[k - 1] - logFact[cell[k - 1]], child);
      // advance the odometer: the deepest cell that can still grow
      i = k - 2;
      while (i >= 0 && cell[i] >= Math.min(rows[i], left[i])) {
        i--;
      }
      if (i < 0) {
        return;
      }
      cell[i]++;
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
      // spread the stage (Fibonacci hashing): keys of neighbouring stages otherwise collide in long tables
      return stage * 0x9E3779B9 ^ Arrays.hashCode(rows);
    }
  }
}
