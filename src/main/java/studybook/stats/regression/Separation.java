package studybook.stats.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Whether the maximum-likelihood estimate of a logistic model exists. With s_i = 2 y_i - 1 it does not
 * (complete or quasi-complete separation; Albert and Anderson 1984) exactly when some direction b has
 * s_i x_i'b >= 0 for every row and > 0 for at least one. Konis' (2007) linear program finds one:
 * maximise sum_i s_i x_i'b subject to s_i x_i'b >= 0 and -1 <= b_k <= 1; the optimum is positive iff
 * the data are separated; as R's detectseparation / brglm2::detect_separation.
 */
public final class Separation {
  /** Distinct constraint rows up to which the linear program is solved (its dense tableau grows as rows squared). */
  static final int LP_ROW_LIMIT = 2000;

  /** Fitted probabilities this close to 0 or 1 void the certificate of {@link #certifiedAbsent}. */
  static final double BOUNDARY = 1e-8;

  private Separation() {}

  /**
   * Whether the data are separated, looking at the linear program only when the ML fit cannot rule
   * it out: a converged ML fit with every fitted probability strictly inside (0, 1) is a
   * certificate that the MLE exists (the weights |y_i - mu_i| are all positive and the score is zero:
   * Stiemke's alternative to a separating direction), and it costs nothing beyond the fit. Otherwise
   * the program is solved over the distinct rows; past {@link #LP_ROW_LIMIT} of them, where it would
   * not finish, the verdict is the ML iteration's: separated when it does not converge.
   */
  static boolean detect(double[][] x, double[] y, boolean mlConverged, double[] mlBeta) {
    if (certifiedAbsent(x, mlConverged, mlBeta)) {
      return false;
    }
    if (certifiedPresent(x, y, mlBeta)) {
      return true;
    }
    Map<List<Double>, Integer> rows = distinctConstraints(x, y);
    if (rows.size() > LP_ROW_LIMIT) {
      return !mlConverged;
    }
    // A simplex that lost its way numerically leaves the verdict to the ML iteration, as past the row limit.
    Boolean separated = program(rows, x[0].length);
    return separated != null ? separated : !mlConverged;
  }

  /**
   * Whether the ML iterate itself separates the data completely: s_i x_i'b > 0 for every row (with a
   * margin for rounding) is a separating direction, so it proves separation without the linear program
   * (whose dense simplex can fail numerically on a continuous covariate that separates, e.g. y = x > 5).
   */
  static boolean certifiedPresent(double[][] x, double[] y, double[] beta) {
    if (beta == null) {
      return false;
    }
    for (double b : beta) {
      if (!Double.isFinite(b)) {
        return false;
      }
    }
    for (int i = 0; i < x.length; i++) {
      double eta = 0;
      double size = 0;
      for (int k = 0; k < beta.length; k++) {
        eta += x[i][k] * beta[k];
        size += Math.abs(x[i][k] * beta[k]);
      }
      double s = y[i] == 1 ? 1 : -1;
      if (!(s * eta > 1e-9 * size) || size == 0) {
        return false;
      }
    }
    return true;
  }

  static boolean certifiedAbsent(double[][] x, boolean mlConverged, double[] beta) {
    if (!mlConverged) {
      return false;
    }
    for (double b : beta) {
      if (!Double.isFinite(b)) {
        return false;
      }
    }
    for (double[] row : x) {
      double eta = 0;
      for (int k = 0; k < beta.length; k++) {
        eta += row[k] * beta[k];
      }
      double mu = 1 / (1 + Math.exp(-eta));
      if (!(mu > BOUNDARY && mu < 1 - BOUNDARY)) {
        return false;
      }
    }
    return true;
  }

  /** Konis' program on every row; exact, but only for small data (kept for the tests' cross-check). */
  static boolean detect(double[][] x, double[] y) {
    return Boolean.TRUE.equals(program(distinctConstraints(x, y), x[0].length));
  }

  /**
   * The constraint rows s_i x_i (columns scaled to unit maximum so the positivity tolerance means the
   * same for every design), each distinct row once with its multiplicity: repeated rows add nothing to
   * the feasible set, and weighting the objective by positive counts keeps its optimum positive
   * exactly when it was.
   */
  private static Map<List<Double>, Integer> distinctConstraints(double[][] x, double[] y) {
    int p = x[0].length;
    // scale columns to unit maximum so the positivity tolerance means the same for every design
    double[] scale = new double[p];
    for (double[] row : x) {
      for (int k = 0; k < p; k++) {
        scale[k] = Math.max(scale[k], Math.abs(row[k]));
      }
    }
    Map<List<Double>, Integer> rows = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      double s = y[i] == 1 ? 1 : -1;
      Double[] a = new Double[p];
      for (int k = 0; k < p; k++) {
        a[k] = scale[k] == 0 ? 0.0 : s * x[i][k] / scale[k] + 0.0;
      }
      rows.merge(Arrays.asList(a), 1, Integer::sum);
    }
    return rows;
  }

  /**
   * Konis' program with b = u - v, 0 <= u, v <= 1: every variable non-negative. (Left free, as
   * commons-math's SimplexSolver handles b with one shared shift, the degenerate start b = 0 was
   * returned as optimal on MASS::birthwt, whose level ptl = 3 is quasi-separated.)
   */
  /**
   * Konis' program over distinct constraint rows s_i x_i (scaled, each with its multiplicity), as an engine
   * that aggregates them elsewhere (the Spark engine) hands them over: whether the data are separated, or null
   * when the simplex fails numerically (b = 0 is always feasible, so "no feasible solution" is rounding).
   */
  public static Boolean program(Map<List<Double>, Integer> rows, int p) {
    try {
      return linearProgram(rows, p);
    } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
      return null;
    }
  }

  private static boolean linearProgram(Map<List<Double>, Integer> rows, int p) {
    double[] objective = new double[2 * p];
    List<LinearConstraint> constraints = new ArrayList<>();
    for (Map.Entry<List<Double>, Integer> row : rows.entrySet()) {
      double[] a = new double[2 * p];
      for (int k = 0; k < p; k++) {
        a[k] = row.getKey().get(k);
        a[p + k] = -a[k];
        objective[k] += row.getValue() * a[k];
        objective[p + k] -= row.getValue() * a[k];
      }
      constraints.add(new LinearConstraint(a, Relationship.GEQ, 0));
    }
    for (int k = 0; k < 2 * p; k++) {
      double[] e = new double[2 * p];
      e[k] = 1;
      constraints.add(new LinearConstraint(e, Relationship.LEQ, 1));
    }
    PointValuePair optimum = new SimplexSolver(1e-10, 10, 1e-12).optimize(new MaxIter(100_000),
        new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), GoalType.MAXIMIZE,
        new NonNegativeConstraint(true));
    return optimum.getValue() > 1e-7;
  }
}
