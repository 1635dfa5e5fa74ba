package studybook.spark;

import java.io.Serializable;

/**
 * A compensated sum (Neumaier's variant of Kahan's): partial sums of the partitions are added on the driver in
 * partition order, so a result does not depend on which executor finished first, and each is accurate to
 * about one rounding of the total, so it agrees with the local engine's sums to far better than 1e-12.
 */
final class Sum implements Serializable {
  private static final long serialVersionUID = 1L;

  private double sum;
  private double compensation;

  void add(double v) {
    double t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) {
      compensation += (sum - t) + v;
    } else {
      compensation += (v - t) + sum;
    }
    sum = t;
  }

  void add(Sum other) {
    add(other.sum);
    add(other.compensation);
  }

  double value() {
    return sum + compensation;
  }
}
