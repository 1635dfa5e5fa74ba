package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;

/**
 * Householder QR with R's limited column pivoting, so a rank-deficient design is detected and its
 * aliased columns named exactly as R names them: LINPACK's dqrdc2 as modified for R (a column whose
 * remaining norm falls below {@code tolerance} times its original norm moves to the end, keeping the
 * others in order); as {@code qr(x, tol = 1e-7)} in lm, and {@code tol = min(1e-7, epsilon / 1000)} in glm.
 *
 * <p>Written by hand because R's aliasing decision depends on this exact pivoting rule, which no Java
 * library reproduces (commons-math's RRQRDecomposition pivots fully and misjudges a constant column
 * beside the intercept). Columns after the rank, in pivot order, are aliased: their coefficients are NA in R.
 */
public final class RankRevealingQr {
  /** lm's tolerance (lm.fit's {@code tol = 1e-07}). */
  public static final double LM_TOLERANCE = 1e-7;
  /** glm's tolerance: {@code min(1e-07, glm.control()$epsilon / 1000)}. */
  public static final double GLM_TOLERANCE = 1e-11;

  private final double[][] qr;
  private final double[] qraux;
  private final int[] pivot;
  private final int rank;
  private final int n;
  private final int p;
  /** Whether this decomposes X's triangular factor (rank and pivots only), not X. */
  private final boolean factorOnly;

  private RankRevealingQr(double[][] qr, double[] qraux, int[] pivot, int rank) {
    this(qr, qraux, pivot, rank, false);
  }

  private RankRevealingQr(double[][] qr, double[] qraux, int[] pivot, int rank, boolean factorOnly) {
    this.factorOnly = factorOnly;
    this.qr = qr;
    this.qraux = qraux;
    this.pivot = pivot;
    this.rank = rank;
    this.n = qr.length;
    this.p = pivot.length;
  }

  /** Rows above which {@link #aliasing} decides on X's R factor instead of X itself. */
  static final int TALL_ROWS = 20_000;
  private static final int BLOCK_ROWS = 4096;

  /**
   * The rank and aliased columns of {@code x} only (not for {@link #solve}): for a tall x, decided on its
   * p x p triangular factor R, built by QR over blocks of rows without copying x. X = QR with Q orthonormal,
   * so every column norm and every projection R's pivoting looks at is the same in R as in X; the
   * decision is R's to rounding, at a fraction of the memory and time of pivoting a million rows.
   */
  public static RankRevealingQr aliasing(double[][] x, double tolerance) {
    int n = x.length;
    int p = n == 0 ? 0 : x[0].length;
    if (n <= TALL_ROWS || n <= 4 * p) {
      return of(x, tolerance);
    }
    return tallAliasing(i -> x[i].clone(), n, p, tolerance);
  }

  /** As {@link #aliasing}, for a design given column by column (one array of n values per column): the same decision. */
  static RankRevealingQr aliasingOfColumns(double[][] columns, double tolerance) {
    int p = columns.length;
    int n = p == 0 ? 0 : columns[0].length;
    if (n <= TALL_ROWS || n <= 4 * p) {
      return of(ColumnMajor.toRows(columns), tolerance);
    }
    return tallAliasing(i -> {
      double[] row = new double[p];
      for (int k = 0; k < p; k++) {
        row[k] = columns[k][i];
      }
      return row;
    }, n, p, tolerance);
  }

  private static RankRevealingQr tallAliasing(java.util.function.IntFunction<double[]> row, int n, int p,
      double tolerance) {
    // Fixed segments of rows reduced on both cores, their triangles then reduced in segment order: the
    // result never depends on scheduling (one segment: the serial reduction).
    int segments = (n + SEGMENT_ROWS - 1) / SEGMENT_ROWS;
    double[][][] parts = new double[segments][][];
    java.util.stream.IntStream range = java.util.stream.IntStream.range(0, segments);
    (segments > 1 ? range.parallel() : range).forEach(sgm ->
        parts[sgm] = reduce(row, sgm * SEGMENT_ROWS, Math.min(n, (sgm + 1) * SEGMENT_ROWS), p));
    double[][] r = parts[0];
    for (int sgm = 1; sgm < segments; sgm++) {
      double[][] stacked = new double[2 * p][];
      for (int k = 0; k < p; k++) {
        stacked[k] = r[k];
        stacked[p + k] = parts[sgm][k];
      }
      r = triangle(stacked, p);
    }
    RankRevealingQr qr = of(r, tolerance);
    return new RankRevealingQr(qr.qr, qr.qraux, qr.pivot, qr.rank, true);
  }

  /** Rows per segment reduced on its own core. */
  private static final int SEGMENT_ROWS = 1 << 18;

  /** The p x p triangle of rows [from, to) ({@code row} gives a fresh copy of row i), reduced block by block. */
  private static double[][] reduce(java.util.function.IntFunction<double[]> row, int from0, int to0, int p) {
    double[][] r = null;
    for (int from = from0; from < to0; from += BLOCK_ROWS) {
      int to = Math.min(to0, from + BLOCK_ROWS);
      int top = r == null ? 0 : r.length;
      double[][] block = new double[top + to - from][];
      for (int k = 0; k < top; k++) {
        block[k] = r[k];
      }
      for (int i = from; i < to; i++) {
        block[top + i - from] = row.apply(i);
      }
      r = triangle(block, p);
    }
    return r;
  }

  /** The p x p upper triangle of an unpivoted Householder QR of {@code a} (overwritten), rows of at least p. */
  private static double[][] triangle(double[][] a, int p) {
    int n = a.length;
    for (int l = 0; l < Math.min(n, p); l++) {
      double norm = norm(a, l, l);
      if (norm == 0) {
        continue;
      }
      double alpha = a[l][l] > 0 ? -norm : norm;
      // v = a[l..n, l] - alpha e1, stored in place; H = I - 2 v v' / v'v
      a[l][l] -= alpha;
      double vv = 0;
      for (int i = l; i < n; i++) {
        vv += a[i][l] * a[i][l];
      }
      for (int j = l + 1; j < p; j++) {
        double dot = 0;
        for (int i = l; i < n; i++) {
          dot += a[i][l] * a[i][j];
        }
        double f = 2 * dot / vv;
        for (int i = l; i < n; i++) {
          a[i][j] -= f * a[i][l];
        }
      }
      a[l][l] = alpha;
      for (int i = l + 1; i < n; i++) {
        a[i][l] = 0;
      }
    }
    double[][] r = new double[p][p];
    for (int k = 0; k < Math.min(n, p); k++) {
      System.arraycopy(a[k], 0, r[k], 0, p);
      for (int j = 0; j < k; j++) {
        r[k][j] = 0;
      }
    }
    return r;
  }

  /** Decomposes {@code x} (n rows by p columns; not changed). */
  public static RankRevealingQr of(double[][] x, double tolerance) {
    int n = x.length;
    int p = n == 0 ? 0 : x[0].length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = x[i].clone();
    }
    double[] qraux = new double[p];
    double[] work1 = new double[p];
    double[] work2 = new double[p];
    int[] pivot = new int[p];
    for (int j = 0; j < p; j++) {
      pivot[j] = j;
      double norm = norm(a, j, 0);
      qraux[j] = norm;
      work1[j] = norm;
      work2[j] = norm == 0 ? 1 : norm;
    }
    int lup = Math.min(n, p);
    int k = p + 1; // one past the last column not yet moved to the end (1-based as in the Fortran)
    for (int l = 0; l < lup; l++) {
      // cycle the columns from l to p left-to-right until one with non-negligible norm is found
      while (l + 1 < k && qraux[l] < work2[l] * tolerance) {
        for (int i = 0; i < n; i++) {
          double t = a[i][l];
          System.arraycopy(a[i], l + 1, a[i], l, p - l - 1);
          a[i][p - 1] = t;
        }
        rotate(qraux, l);
        rotate(work1, l);
        rotate(work2, l);
        int t = pivot[l];
        System.arraycopy(pivot, l + 1, pivot, l, p - l - 1);
        pivot[p - 1] = t;
        k--;
      }
      if (l == n - 1) {
        break;
      }
      double nrmxl = norm(a, l, l);
      if (nrmxl == 0) {
        continue;
      }
      if (a[l][l] != 0) {
        nrmxl = Math.copySign(nrmxl, a[l][l]);
      }
      for (int i = l; i < n; i++) {
        a[i][l] /= nrmxl;
      }
      a[l][l] = 1 + a[l][l];
      for (int j = l + 1; j < p; j++) {
        double dot = 0;
        for (int i = l; i < n; i++) {
          dot += a[i][l] * a[i][j];
        }
        double t = -dot / a[l][l];
        for (int i = l; i < n; i++) {
          a[i][j] += t * a[i][l];
        }
        if (qraux[j] != 0) {
          double tt = 1 - Math.pow(Math.abs(a[l][j]) / qraux[j], 2);
          tt = Math.max(tt, 0);
          // Bates' 1999 change to dqrdc: recompute the norm instead of downdating when it has shrunk a lot
          if (Math.abs(tt) < 1e-6) {
            qraux[j] = norm(a, j, l + 1);
            work1[j] = qraux[j];
          } else {
            qraux[j] = qraux[j] * Math.sqrt(tt);
          }
        }
      }
      qraux[l] = a[l][l];
      a[l][l] = -nrmxl;
    }
    int rank = Math.min(k - 1, n);
    return new RankRevealingQr(a, qraux, pivot, rank);
  }

  private static void rotate(double[] v, int l) {
    double t = v[l];
    System.arraycopy(v, l + 1, v, l, v.length - l - 1);
    v[v.length - 1] = t;
  }

  private static double norm(double[][] a, int column, int from) {
    double scale = 0;
    double ssq = 1;
    for (int i = from; i < a.length; i++) {
      double v = a[i][column];
      if (v != 0) {
        double abs = Math.abs(v);
        if (scale < abs) {
          ssq = 1 + ssq * (scale / abs) * (scale / abs);
          scale = abs;
        } else {
          ssq += (abs / scale) * (abs / scale);
        }
      }
    }
    return scale * Math.sqrt(ssq);
  }

  /** The numerical rank. */
  public int rank() {
    return rank;
  }

  /** The original column indices in pivot order: the first {@link #rank()} are estimable. */
  public int[] pivot() {
    return pivot.clone();
  }

  /** The original indices of the aliased columns (those after the rank), in ascending order. */
  public int[] aliased() {
    return java.util.Arrays.stream(pivot, rank, p).sorted().toArray();
  }

  /** Whether original column {@code j} is aliased. */
  public boolean isAliased(int j) {
    for (int k = rank; k < p; k++) {
      if (pivot[k] == j) {
        return true;
      }
    }
    return false;
  }

  /** The original indices of the estimable columns, in ascending order. */
  public int[] kept() {
    return java.util.Arrays.stream(pivot, 0, rank).sorted().toArray();
  }

  /** Q'y (as LINPACK dqrsl), using the first {@link #rank()} Householder transformations. */
  public double[] qty(double[] y) {
    if (factorOnly) {
      throw new IllegalStateException("a rank-only decomposition (aliasing) cannot solve least squares");
    }
    double[] out = y.clone();
    int steps = Math.min(rank, n - 1);
    for (int j = 0; j < steps; j++) {
      if (qraux[j] == 0) {
        continue;
      }
      double diag = qr[j][j];
      qr[j][j] = qraux[j];
      double dot = 0;
      for (int i = j; i < n; i++) {
        dot += qr[i][j] * out[i];
      }
      double t = -dot / qr[j][j];
      for (int i = j; i < n; i++) {
        out[i] += t * qr[i][j];
      }
      qr[j][j] = diag;
    }
    return out;
  }

  /**
   * The least-squares coefficients of the estimable columns, in pivot order (length rank): the
   * solution of R b = (Q'y)[0..rank).
   */
  public double[] solve(double[] y) {
    double[] qty = qty(y);
    double[] b = new double[rank];
    for (int i = rank - 1; i >= 0; i--) {
      double s = qty[i];
      for (int j = i + 1; j < rank; j++) {
        s -= qr[i][j] * b[j];
      }
      b[i] = s / qr[i][i];
    }
    return b;
  }

  /** (R'R)^-1 for the estimable columns, in pivot order: the unscaled covariance, as chol2inv(qr$qr). */
  public double[][] unscaledCovariance() {
    if (factorOnly) {
      throw new IllegalStateException("a rank-only decomposition (aliasing) has no covariance of X");
    }
    double[][] rinv = new double[rank][rank];
    for (int c = 0; c < rank; c++) {
      rinv[c][c] = 1 / qr[c][c];
      for (int i = c - 1; i >= 0; i--) {
        double s = 0;
        for (int j = i + 1; j <= c; j++) {
          s += qr[i][j] * rinv[j][c];
        }
        rinv[i][c] = -s / qr[i][i];
      }
    }
    double[][] cov = new double[rank][rank];
    for (int i = 0; i < rank; i++) {
      for (int j = i; j < rank; j++) {
        double s = 0;
        for (int k = j; k < rank; k++) {
          s += rinv[i][k] * rinv[j][k];
        }
        cov[i][j] = s;
        cov[j][i] = s;
      }
    }
    return cov;
  }

  /** The columns of {@code x} picked by {@code columns}, as a new matrix. */
  public static double[][] columns(double[][] x, int[] columns) {
    double[][] out = new double[x.length][columns.length];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < columns.length; k++) {
        out[i][k] = x[i][columns[k]];
      }
    }
    return out;
  }

  /** The names of the aliased columns. */
  public List<String> aliasedNames(List<String> names) {
    List<String> out = new ArrayList<>();
    for (int j : aliased()) {
      out.add(names.get(j));
    }
    return out;
  }
}
