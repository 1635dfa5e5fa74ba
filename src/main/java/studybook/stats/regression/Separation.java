package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
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
final class Separation {
  private Separation() {}

  static boolean detect(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length;
    // scale columns to unit maximum so the positivity tolerance means the same for every design
    double[] scale = new double[p];
    for (double[] row : x) {
      for (int k = 0; k < p; k++) {
        scale[k] = Math.max(scale[k], Math.abs(row[k]));
      }
    }
    double[] objective = new double[p];
    List<LinearConstraint> constraints = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double s = y[i] == 1 ? 1 : -1;
      double[] a = new double[p];
      for (int k = 0; k < p; k++) {
        a[k] = scale[k] == 0 ? 0 : s * x[i][k] / scale[k];
        objective[k] += a[k];
      }
      constraints.add(new LinearConstraint(a, Relationship.GEQ, 0));
    }
    for (int k = 0; k < p; k++) {
      double[] e = new double[p];
      e[k] = 1;
      constraints.add(new LinearConstraint(e, Relationship.LEQ, 1));
      constraints.add(new LinearConstraint(e, Relationship.GEQ, -1));
    }
    PointValuePair optimum = new SimplexSolver(1e-10, 10, 1e-12).optimize(new MaxIter(100_000),
        new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), GoalType.MAXIMIZE,
        new NonNegativeConstraint(false));
    return optimum.getValue() > 1e-7;
  }
}
