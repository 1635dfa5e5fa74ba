package studybook.stats.compare;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Tests of association in a contingency table {@code counts[level][group]}. Rows or columns with no
 * observations (a declared level nobody has, an empty group) are dropped first, as R does after
 * {@code droplevels()}; a table left with fewer than two rows or columns is not computable.
 */
public final class ContingencyTests {
  private ContingencyTests() {}

  /** Runs the categorical test {@code test} on the table. */
  public static TestResult run(TestId test, long[][] counts) {
    return switch (test) {
      case CHISQ -> chiSquare(counts, ContinuityCorrection.NONE);
      case CHISQ_YATES -> chiSquare(counts, ContinuityCorrection.YATES);
      case FISHER -> fisher(counts);
      case FISHER_SIMULATED -> fisherSimulated(counts);
      default -> throw new IllegalArgumentException(test.contractName() + " is not a test of a contingency table");
    };
  }

  /**
   * Pearson's chi-square test of independence, df = (r - 1)(c - 1); Yates' correction only for 2 x 2
   * tables (a larger table is tested uncorrected and its result is named {@link TestId#CHISQ}); as
   * R's chisq.test.
   */
  public static TestResult chiSquare(long[][] counts, ContinuityCorrection correction) {
    TestId id = correction == ContinuityCorrection.YATES ? TestId.CHISQ_YATES : TestId.CHISQ;
    long[][] t = dropEmpty(counts);
    String why = tooSmall(t);
    if (why != null) {
      return TestResult.notComputable(id, why);
    }
    int r = t.length;
    int c = t[0].length;
    boolean yates = correction == ContinuityCorrection.YATES && r == 2 && c == 2;
    double[][] e = expected(t);
    double shift = 0;
    if (yates) {
      shift = 0.5;
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          shift = Math.min(shift, Math.abs(t[i][j] - e[i][j]));
        }
      }
    }
    double stat = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double d = Math.abs(t[i][j] - e[i][j]) - shift;
        stat += d * d / e[i][j];
      }
    }
    int df = (r - 1) * (c - 1);
    double p = ChiSquaredDistribution.of(df).survivalProbability(stat);
    TestResult result = TestResult.of(yates || correction == ContinuityCorrection.NONE ? id : TestId.CHISQ, stat,
        OptionalDouble.of(df), OptionalDouble.empty(), p);
    return correction == ContinuityCorrection.YATES && !yates
        ? result.withNote("Yates' correction applies to 2 x 2 tables only; this " + r + " x " + c
            + " table was tested without it")
        : result;
  }

  /**
   * Fisher's exact test, two-sided, for 2 x 2 and r x c tables; as R's fisher.test. The exact p is computed
   * within a stated work and memory cap ({@link FisherExact}: 5,000,000 work units, 4,000,000 stored numbers);
   * beyond it the result is the Monte-Carlo p of {@link #fisherSimulated} and its test is
   * {@link TestId#FISHER_SIMULATED}, so the footnote and the JSON say which was used.
   */
  public static TestResult fisher(long[][] counts) {
    return fisher(counts, FisherExact.DEFAULT_MAX_WORK);
  }

  /** Fisher's exact test with an explicit work cap for the exact p (beyond it: Monte-Carlo p). */
  public static TestResult fisher(long[][] counts, long maxWork) {
    long[][] t = dropEmpty(counts);
    String why = tooSmall(t);
    if (why != null) {
      return TestResult.notComputable(TestId.FISHER, why);
    }
    try {
      double p = FisherExact.pValue(t, maxWork);
      return new TestResult(TestId.FISHER, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), p,
          Optional.empty());
    } catch (FisherExact.TooLarge e) {
      return fisherSimulated(t).withNote(String.format(Locale.ROOT,
          "the %d x %d table with %d observations is beyond the exact algorithm's cap (%s)", t.length, t[0].length,
          total(t), e.getMessage()));
    }
  }

  /**
   * Fisher's test with a Monte-Carlo p (B = 2000 tables by Patefield's algorithm, fixed seed); as R's
   * {@code fisher.test(simulate.p.value = TRUE, B = 2000)} up to Monte-Carlo error.
   */
  public static TestResult fisherSimulated(long[][] counts) {
    long[][] t = dropEmpty(counts);
    String why = tooSmall(t);
    if (why != null) {
      return TestResult.notComputable(TestId.FISHER_SIMULATED, why);
    }
    double p = FisherSimulated.pValue(t, FisherSimulated.B, FisherSimulated.SEED).p();
    return new TestResult(TestId.FISHER_SIMULATED, OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), p, Optional.empty());
  }

  /** Expected counts under independence, r_i c_j / N. */
  public static double[][] expected(long[][] counts) {
    int r = counts.length;
    int c = counts[0].length;
    double[] rows = new double[r];
    double[] cols = new double[c];
    double n = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        rows[i] += counts[i][j];
        cols[j] += counts[i][j];
        n += counts[i][j];
      }
    }
    double[][] e = new double[r][c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        e[i][j] = rows[i] * cols[j] / n;
      }
    }
    return e;
  }

  /** The smallest expected count once empty rows and columns are dropped; NaN when nothing is left. */
  public static double smallestExpected(long[][] counts) {
    long[][] t = dropEmpty(counts);
    if (t.length == 0 || t[0].length == 0) {
      return Double.NaN;
    }
    double min = Double.POSITIVE_INFINITY;
    for (double[] row : expected(t)) {
      for (double v : row) {
        min = Math.min(min, v);
      }
    }
    return min;
  }

  /** The table without rows and columns that hold no observations. */
  public static long[][] dropEmpty(long[][] counts) {
    int r = counts.length;
    int c = r == 0 ? 0 : counts[0].length;
    boolean[] keepRow = new boolean[r];
    boolean[] keepCol = new boolean[c];
    int rows = 0;
    int cols = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        if (counts[i][j] < 0) {
          throw new IllegalArgumentException("negative count in a contingency table");
        }
        if (counts[i][j] > 0) {
          keepRow[i] = true;
          keepCol[j] = true;
        }
      }
    }
    for (boolean b : keepRow) {
      rows += b ? 1 : 0;
    }
    for (boolean b : keepCol) {
      cols += b ? 1 : 0;
    }
    long[][] out = new long[rows][cols];
    int oi = 0;
    for (int i = 0; i < r; i++) {
      if (!keepRow[i]) {
        continue;
      }
      int oj = 0;
      for (int j = 0; j < c; j++) {
        if (keepCol[j]) {
          out[oi][oj++] = counts[i][j];
        }
      }
      oi++;
    }
    return out;
  }

  private static String tooSmall(long[][] t) {
    if (t.length == 0) {
      return "no observations";
    }
    if (t.length < 2) {
      return "only one level is observed";
    }
    if (t[0].length < 2) {
      return "only one group has observations";
    }
    return null;
  }

  private static long total(long[][] t) {
    long n = 0;
    for (long[] row : t) {
      for (long v : row) {
        n += v;
      }
    }
    return n;
  }
}
