package studybook.stats.compare;

import java.util.SplittableRandom;

/**
 * The Monte-Carlo p-value of Fisher's exact test, as R's {@code fisher.test(x, simulate.p.value = TRUE, B = 2000)}:
 * B random tables with the observed margins drawn by Patefield's algorithm (AS 159, R's {@code r2dtable} /
 * {@code rcont2}, written by hand after its published description), each scored by its log probability up to
 * a constant, -sum log(n_ij!), and p = (1 + #{simulated <= observed / (1 + 64 eps)}) / (B + 1), R's tolerance.
 *
 * <p>Deterministic: the uniforms come from {@link SplittableRandom} (SplitMix64) seeded with {@link #SEED}, so
 * the same table always gets the same p (R's own generator is not reproduced; its p differs by Monte-Carlo
 * error, about sqrt(p(1 - p)/B)). Time O(B (r c + n)) and memory O(r + c + n), whatever the table.
 */
final class FisherSimulated {
  /** Replicates, as R's default {@code B = 2000}. */
  static final int B = 2000;

  /** The fixed seed of the uniforms. */
  static final long SEED = 1L;

  /** R's {@code almost.1 = 1 + 64 * .Machine$double.eps}. */
  private static final double ALMOST_ONE = 1 + 64 * Math.ulp(1.0);

  /** A Monte-Carlo p and the work it took (cells drawn plus steps of the conditional search). */
  record Result(double p, long work) {}

  private FisherSimulated() {}

  /** The Monte-Carlo p of a table without empty rows or columns, at least 2 x 2. */
  static Result pValue(long[][] table, int replicates, long seed) {
    int r = table.length;
    int c = table[0].length;
    int[] rowSums = new int[r];
    int[] colSums = new int[c];
    int n = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        int v = Math.toIntExact(table[i][j]);
        rowSums[i] += v;
        colSums[j] += v;
        n += v;
      }
    }
    double[] fact = FisherExact.logFactorials(n);
    double statistic = 0;
    for (long[] row : table) {
      for (long v : row) {
        statistic -= fact[(int) v];
      }
    }
    double cut = statistic / ALMOST_ONE;
    SplittableRandom random = new SplittableRandom(seed);
    int[] matrix = new int[r * c];
    int[] jwork = new int[c];
    long[] work = {0};
    int atMost = 0;
    for (int b = 0; b < replicates; b++) {
      rcont2(r, c, rowSums, colSums, n, fact, jwork, matrix, random, work);
      double s = 0;
      for (int v : matrix) {
        s -= fact[v];
      }
      if (s <= cut) {
        atMost++;
      }
    }
    return new Result((1.0 + atMost) / (replicates + 1.0), work[0]);
  }

  /**
   * One random r x c table with row totals {@code rowT} and column totals {@code colT} (Patefield 1981): row by
   * row, each cell is drawn from its conditional (hypergeometric) distribution given what the earlier cells
   * left, searching outward from its conditional mean; {@code matrix[i + j * r]} receives the table.
   */
  static void rcont2(int r, int c, int[] rowT, int[] colT, int total, double[] fact, int[] jwork, int[] matrix,
      SplittableRandom random, long[] work) {
    int r1 = r - 1;
    int c1 = c - 1;
    int ib = 0;
    System.arraycopy(colT, 0, jwork, 0, c1);
    int jc = total;
    for (int l = 0; l < r1; l++) {
      int ia = rowT[l];
      int ic = jc;
      jc -= ia;
      for (int m = 0; m < c1; m++) {
        int id = jwork[m];
        int ie = ic;
        ic -= id;
        ib = ie - ia;
        int ii = ib - id;
        work[0]++;
        if (ie == 0) { // the row is full: the rest of it is zero
          for (int j = m; j < c1; j++) {
            matrix[l + j * r] = 0;
          }
          ia = 0;
          break;
        }
        double u = random.nextDouble();
        int nlm;
        search:
        while (true) {
          // the conditional mode's neighbourhood: start at the conditional expected value
          nlm = (int) (ia * (id / (double) ie) + 0.5);
          double x = Math.exp(fact[ia] + fact[ib] + fact[ic] + fact[id] - fact[ie] - fact[nlm] - fact[id - nlm]
              - fact[ia - nlm] - fact[ii + nlm]);
          if (x >= u) {
            break;
          }
          if (x == 0.0) {
            throw new ArithmeticException("rcont2: exp underflow to 0 in cell [" + l + "," + m + "]");
          }
          double sumprb = x;
          double y = x;
          int nll = nlm;
          boolean upDone = false;
          boolean downDone = false;
          // alternate one step up and one step down from the mean until u is reached or both ends are hit
          while (!(upDone && downDone)) {
            work[0]++;
            if (!upDone) {
              double j = (id - nlm) * (double) (ia - nlm);
              if (j == 0.0) {
                upDone = true;
              } else {
                nlm++;
                x = x * j / ((double) nlm * (ii + nlm));
                sumprb += x;
                if (sumprb >= u) {
                  break search;
                }
              }
            }
            if (!downDone) {
              double j = nll * (double) (ii + nll);
              if (j == 0.0) {
                downDone = true;
              } else {
                nll--;
                y = y * j / ((double) (id - nll) * (ia - nll));
                sumprb += y;
                if (sumprb >= u) {
                  nlm = nll;
                  break search;
                }
              }
            }
          }
          u = sumprb * random.nextDouble();
        }
        matrix[l + m * r] = nlm;
        ia -= nlm;
        jwork[m] -= nlm;
      }
      matrix[l + c1 * r] = ia;
    }
    for (int m = 0; m < c1; m++) {
      matrix[r1 + m * r] = jwork[m];
    }
    matrix[r1 + c1 * r] = ib - matrix[r1 + (c1 - 1) * r];
  }
}
