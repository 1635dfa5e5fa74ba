package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The logistic fit on a column-major design is the row-major fit to the bit: same estimates, standard
 * errors, log-likelihood, iterations and separation verdict, on one chunk of rows and on several (the
 * parallel sums), and through the row path's fallbacks (aliased columns, Firth).
 */
class ColumnMajorFitTest {
  /** n rows: intercept, a normal covariate, a 3-level factor (2 indicators), a skewed covariate; y from a logit model. */
  private static double[][] rows(int n, long seed, boolean aliased) {
    SplittableRandom r = new SplittableRandom(seed);
    int p = aliased ? 6 : 5;
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      x[i][0] = 1;
      x[i][1] = r.nextGaussian() * 10 + 50;
      int level = r.nextInt(3);
      x[i][2] = level == 1 ? 1 : 0;
      x[i][3] = level == 2 ? 1 : 0;
      x[i][4] = Math.exp(r.nextGaussian());
      if (aliased) {
        x[i][5] = x[i][2] + x[i][3];
      }
    }
    return x;
  }

  private static double[] outcome(double[][] x, long seed) {
    SplittableRandom r = new SplittableRandom(seed + 1);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double eta = -3 + 0.04 * x[i][1] + 0.5 * x[i][2] - 0.7 * x[i][3] + 0.3 * x[i][4];
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    return y;
  }

  private static double[][] columns(double[][] x) {
    double[][] c = new double[x[0].length][x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[0].length; j++) {
        c[j][i] = x[i][j];
      }
    }
    return c;
  }

  private static void assertSameFit(LogisticFit want, LogisticFit got) {
    assertEquals(want.n(), got.n());
    assertEquals(want.events(), got.events());
    assertEquals(want.iterations(), got.iterations());
    assertEquals(want.converged(), got.converged());
    assertEquals(want.separation(), got.separation());
    assertEquals(want.logLik(), got.logLik(), 0.0);
    assertEquals(want.aliased(), got.aliased());
    assertEquals(want.coefficients(), got.coefficients());
  }

  private static final List<String> NAMES = List.of("(Intercept)", "age", "g=b", "g=c", "size");

  @Test
  void oneChunkAndManyChunksGiveTheRowMajorBits() {
    for (int n : new int[] {500, 150_000}) {
      double[][] x = rows(n, n, false);
      double[] y = outcome(x, n);
      LogisticRegression ml = LogisticRegression.withDefaults();
      assertSameFit(ml.fit(x, y, NAMES), ml.fitColumns(columns(x), y, NAMES));
    }
  }

  @Test
  void aliasedColumnsAndFirthTakeTheRowPathWithTheSameAnswer() {
    double[][] x = rows(30_000, 7, true);
    double[] y = outcome(x, 7);
    List<String> names = List.of("(Intercept)", "age", "g=b", "g=c", "size", "g=any");
    LogisticRegression ml = LogisticRegression.withDefaults();
    LogisticFit aliased = ml.fitColumns(columns(x), y, names);
    assertEquals(List.of("g=any"), aliased.aliased());
    assertSameFit(ml.fit(x, y, names), aliased);
    double[][] small = rows(200, 3, false);
    double[] ys = outcome(small, 3);
    LogisticRegression firth = LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH);
    assertSameFit(firth.fit(small, ys, NAMES), firth.fitColumns(columns(small), ys, NAMES));
  }

  @Test
  void separatedDataAreCalledSeparatedOnEitherLayout() {
    double[][] x = rows(300, 11, false);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][1] > 50 ? 1 : 0;
    }
    LogisticRegression ml = LogisticRegression.withDefaults();
    LogisticFit got = ml.fitColumns(columns(x), y, NAMES);
    assertEquals(true, got.separation());
    assertSameFit(ml.fit(x, y, NAMES), got);
  }

  @Test
  void theRankCertificateLeavesEveryCloseCallToTheQr() {
    double[][] x = rows(2_000, 5, false);
    double[][] gram = new double[5][5];
    double[][] nearly = new double[6][6];
    SplittableRandom r = new SplittableRandom(9);
    for (double[] row : x) {
      // a sixth column equal to age up to a residual of relative size about 1e-7: full rank for R's QR (1e-11),
      // yet too close to certify from the cross products, so it must go to the QR
      double[] six = java.util.Arrays.copyOf(row, 6);
      six[5] = row[1] + 5e-6 * r.nextGaussian();
      for (int j = 0; j < 6; j++) {
        for (int k = 0; k < 6; k++) {
          nearly[j][k] += six[j] * six[k];
          if (j < 5 && k < 5) {
            gram[j][k] += row[j] * row[k];
          }
        }
      }
    }
    assertEquals(true, LogisticRegression.clearlyFullRank(gram));
    assertEquals(false, LogisticRegression.clearlyFullRank(nearly));
    double[][] zero = new double[2][2];
    zero[0][0] = 4;
    assertEquals(false, LogisticRegression.clearlyFullRank(zero));
  }
}
