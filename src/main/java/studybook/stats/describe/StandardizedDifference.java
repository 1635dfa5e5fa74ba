package studybook.stats.describe;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Standardized differences between two groups as R's tableone reports them (absolute values;
 * Yang and Dalton 2012). NaN when a group has no values.
 */
public final class StandardizedDifference {
  private StandardizedDifference() {}

  /** |m1 - m2| / sqrt((s1^2 + s2^2) / 2) over non-missing values; as tableone's continuous SMD. */
  public static double continuous(double[] first, double[] second) {
    Summary a = Descriptives.summarize(first);
    Summary b = Descriptives.summarize(second);
    double diff = a.mean() - b.mean();
    if (diff == 0 && a.n() > 0 && b.n() > 0) {
      return 0;
    }
    return Math.abs(diff / Math.sqrt((a.sd() * a.sd() + b.sd() * b.sd()) / 2));
  }

  /**
   * sqrt((T - C)' S^+ (T - C)) with T, C the level proportions without the first level and S the mean of
   * the two multinomial covariance matrices, S^+ its Moore-Penrose inverse; Yang and Dalton 2012, as
   * tableone (MASS::ginv).
   */
  public static double categorical(LevelCounts first, LevelCounts second) {
    if (first.levelCount() != second.levelCount()) {
      throw new IllegalArgumentException("both groups need the same levels");
    }
    int k = first.levelCount() - 1;
    if (first.n() == 0 || second.n() == 0) {
      return Double.NaN;
    }
    if (k < 1) {
      return 0;
    }
    double[] t = proportionsWithoutFirst(first);
    double[] c = proportionsWithoutFirst(second);
    if (Arrays.equals(t, c)) {
      return 0;
    }
    RealMatrix s = covariance(t).add(covariance(c)).scalarMultiply(0.5);
    RealVector d = new ArrayRealVector(t).subtract(new ArrayRealVector(c));
    return Math.sqrt(Math.max(0, d.dotProduct(pseudoInverse(s).operate(d))));
  }

  private static double[] proportionsWithoutFirst(LevelCounts counts) {
    double n = counts.n();
    double[] p = new double[counts.levelCount() - 1];
    for (int i = 0; i < p.length; i++) {
      p[i] = counts.count(i + 1) / n;
    }
    return p;
  }

  /** Moore-Penrose inverse dropping singular values below sqrt(machine epsilon) times the largest, as MASS::ginv. */
  static RealMatrix pseudoInverse(RealMatrix m) {
    SingularValueDecomposition svd = new SingularValueDecomposition(m);
    double[] d = svd.getSingularValues();
    double tol = Math.sqrt(Math.ulp(1.0)) * d[0];
    RealMatrix v = svd.getV().copy();
    for (int j = 0; j < d.length; j++) {
      double scale = d[j] > tol ? 1 / d[j] : 0;
      for (int i = 0; i < v.getRowDimension(); i++) {
        v.setEntry(i, j, v.getEntry(i, j) * scale);
      }
    }
    return v.multiply(svd.getUT());
  }

  private static RealMatrix covariance(double[] p) {
    RealMatrix m = new Array2DRowRealMatrix(p.length, p.length);
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        m.setEntry(i, j, i == j ? p[i] * (1 - p[i]) : -p[i] * p[j]);
      }
    }
    return m;
  }
}
