package studybook.stats.regression;

import java.io.Serializable;
import org.apache.commons.numbers.core.DD;

/**
 * The sums a least-squares fit is finished from, accumulated row by row wherever the rows are (the local
 * engine's arrays, or each partition of the Spark engine), then combined in a fixed order. Each sum is kept
 * as Ogita, Rump and Oishi's compensated dot product (Dot2: every product split exactly by a fused multiply-add,
 * every addition by Knuth's TwoSum, the rounding errors summed beside it), so it is as accurate as if computed in
 * twice the working precision; partial sums are added as double-double numbers ({@link DD}). Rounded to double,
 * the total is the same whatever the rows' order or partitioning (except on an exact tie at the last bit), so both
 * engines give the same numbers. Written by hand: the error-free transformations are four lines each, and no
 * library offers a streaming compensated Gram matrix.
 */
public final class LinearSums {
  private LinearSums() {}

  /** A vector of compensated sums: each entry a running sum and the sum of its rounding errors. */
  static final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] sum;
    final double[] error;

    Sums(int size) {
      sum = new double[size];
      error = new double[size];
    }

    /** Adds a * b to entry k, exactly split into the product and its rounding error. */
    void addProduct(int k, double a, double b) {
      double p = a * b;
      double pe = Math.fma(a, b, -p);
      double s = sum[k];
      double t = s + p;
      double bp = t - s;
      error[k] += (s - (t - bp)) + (p - bp) + pe;
      sum[k] = t;
    }

    /** Adds v to entry k. */
    void add(int k, double v) {
      double s = sum[k];
      double t = s + v;
      double bp = t - s;
      error[k] += (s - (t - bp)) + (v - bp);
      sum[k] = t;
    }

    /** Entry k as a double-double number. */
    DD value(int k) {
      return DD.ofSum(sum[k], error[k]);
    }

    /** Adds another partial's entries, as double-double numbers (the combine order is the caller's). */
    void add(Sums other) {
      for (int k = 0; k < sum.length; k++) {
        DD total = value(k).add(other.value(k));
        sum[k] = total.hi();
        error[k] = total.lo();
      }
    }
  }

  /**
   * The cross products of the design and the outcome, [X y]' W [X y] (lower triangle, row-packed: element (j, k),
   * k at most j, at j (j + 1) / 2 + k, with index p for y), the rows and the sum of the logarithms of the weights.
   */
  public static final class CrossProducts implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int p;
    private final Sums sums;
    private final Sums logWeights = new Sums(1);
    private long rows;

    /** Empty sums for a design of {@code p} columns. */
    public CrossProducts(int p) {
      this.p = p;
      this.sums = new Sums((p + 1) * (p + 2) / 2);
    }

    /** Adds one row: its design values {@code x} (p of them), outcome y and weight w (1 without weights). */
    public void add(double[] x, double y, double w) {
      int at = 0;
      for (int j = 0; j <= p; j++) {
        double xj = j == p ? y : x[j];
        double wx = w == 1 ? xj : w * xj;
        for (int k = 0; k <= j; k++) {
          sums.addProduct(at++, wx, k == p ? y : x[k]);
        }
      }
      if (w != 1) {
        logWeights.add(0, Math.log(w));
      }
      rows++;
    }

    /** Adds another partial (partials are added in a fixed order: the engine's row or partition order). */
    public void add(CrossProducts other) {
      if (other.p != p) {
        throw new IllegalArgumentException("partials of designs of different widths");
      }
      sums.add(other.sums);
      logWeights.add(other.logWeights);
      rows += other.rows;
    }

    /** The number of design columns. */
    public int columns() {
      return p;
    }

    /** The rows added. */
    public long rows() {
      return rows;
    }

    /** Element (j, k) of [X y]' W [X y] (index p is y), as a double-double number. */
    public DD at(int j, int k) {
      return j >= k ? sums.value(j * (j + 1) / 2 + k) : sums.value(k * (k + 1) / 2 + j);
    }

    /** The sum of the logarithms of the weights (0 without weights). */
    public double sumLogWeights() {
      return logWeights.value(0).doubleValue();
    }
  }

  /**
   * The meat of HC3, the sum over the rows of (e_i / (1 - h_i))^2 x_i x_i' over the estimable columns, with
   * e_i = sqrt(w_i) (y_i - x_i'b) and h_i = w_i x_i' (X'WX)^-1 x_i; as sandwich::vcovHC(type = "HC3").
   */
  public static final class Hc3Meat implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] kept;
    private final double[] beta;
    private final double[][] unscaled;
    private final Sums sums;
    private final double[] row;

    /**
     * @param kept the estimable columns of the design
     * @param beta their coefficients
     * @param unscaled (X'WX)^-1 over them
     */
    public Hc3Meat(int[] kept, double[] beta, double[][] unscaled) {
      this.kept = kept.clone();
      this.beta = beta.clone();
      this.unscaled = unscaled;
      int r = kept.length;
      this.sums = new Sums(r * (r + 1) / 2);
      this.row = new double[r];
    }

    /** Adds one row (its full design row {@code x}, outcome y and weight w). */
    public void add(double[] x, double y, double w) {
      int r = kept.length;
      double root = w == 1 ? 1 : Math.sqrt(w);
      double f = 0;
      for (int k = 0; k < r; k++) {
        f += x[kept[k]] * beta[k];
        row[k] = x[kept[k]] * root;
      }
      double e = (y - f) * root;
      double h = 0;
      for (int k = 0; k < r; k++) {
        double s = 0;
        for (int l = 0; l < r; l++) {
          s += unscaled[k][l] * row[l];
        }
        h += row[k] * s;
      }
      double u = e / (1 - h);
      double u2 = u * u;
      int at = 0;
      for (int k = 0; k < r; k++) {
        double uk = u2 * row[k];
        for (int l = 0; l <= k; l++) {
          sums.addProduct(at++, uk, row[l]);
        }
      }
    }

    /** Adds another partial. */
    public void add(Hc3Meat other) {
      sums.add(other.sums);
    }

    /** The meat as a full symmetric matrix over the estimable columns. */
    public double[][] meat() {
      int r = kept.length;
      double[][] m = new double[r][r];
      int at = 0;
      for (int k = 0; k < r; k++) {
        for (int l = 0; l <= k; l++) {
          m[k][l] = sums.value(at++).doubleValue();
          m[l][k] = m[k][l];
        }
      }
      return m;
    }
  }
}
