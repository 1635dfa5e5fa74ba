package studybook.stats;

import java.io.Serializable;

/**
 * A sum accurate to about one rounding of the exact total whatever the order of its terms: the second-order
 * Kahan-Babuska sum (Klein 2006), whose error terms are themselves summed with compensation. Partial sums over
 * parts of the data combine exactly enough ({@link #add(AccurateSum)}) that the local engine's sum in row order
 * and the Spark engine's partial sums added in partition order give, but for a total within about n^2 eps^3 of a
 * rounding boundary, the same double: the per-time sums of a Cox pass, and the means and scales that centre its
 * covariates, are then the same bits on both engines, and so is everything the driver computes from them.
 */
public final class AccurateSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private double sum;
  private double cs;
  private double ccs;

  /** Adds a term. */
  public void add(double x) {
    double t = sum + x;
    double c = Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
    t = cs + c;
    double cc = Math.abs(cs) >= Math.abs(c) ? (cs - t) + c : (c - t) + cs;
    cs = t;
    ccs += cc;
  }

  /** Adds another partial sum. */
  public void add(AccurateSum other) {
    add(other.sum);
    add(other.cs);
    add(other.ccs);
  }

  /** The sum. */
  public double value() {
    return sum + (cs + ccs);
  }

  /** The same sum kept in three arrays at index k (for many sums at once without an object each). */
  public static void add(double[] sum, double[] cs, double[] ccs, int k, double x) {
    double s = sum[k];
    double t = s + x;
    double c = Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
    sum[k] = t;
    double a = cs[k];
    t = a + c;
    double cc = Math.abs(a) >= Math.abs(c) ? (a - t) + c : (c - t) + a;
    cs[k] = t;
    ccs[k] += cc;
  }
}
