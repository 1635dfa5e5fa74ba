package studybook.stats.regression;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The numerical engine shared by every fit: the (penalized) log-likelihood of a logistic model and
 * its maximisation by Newton's method with step-halving, optionally with some coefficients held
 * fixed (profiles, likelihood-ratio tests). Firth's modified score is the exact gradient of
 * l(b) + 0.5 log det I(b), so the same Newton loop maximises either objective.
 */
final class Newton {
  /** Newton steps beyond which a fit is declared not converged. */
  static final int MAX_ITERATIONS = 200;
  /** Firth steps are clipped to this size on the log-odds scale, as logistf's maxstep. */
  static final double MAX_STEP = 5;

  private Newton() {}

  static double expit(double eta) {
    return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  /** log(1 + exp(eta)) without overflow. */
  static double log1pExp(double eta) {
    return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
  }

  /** The quantities at one coefficient vector. */
  record Point(double[] beta, double logLik, double objective, double[] gradient, double[][] information,
      double[][] inverse, boolean singular) {}

  /** Evaluates log-likelihood, Fisher information and the (modified) score at {@code beta} over rows in memory. */
  static Point evaluate(double[][] x, double[] y, double[] beta, boolean firth) {
    return evaluate(new RowPasses(x, y), beta, firth);
  }

  /**
   * The point at {@code beta} from the passes, wherever the rows are: the log-likelihood, score and information
   * (one pass), the information inverted here, and for Firth the modified score (a second pass, with the inverse)
   * and the penalized objective l(b) + 0.5 log det I(b).
   */
  static Point evaluate(LogisticPasses passes, double[] beta, boolean firth) {
    LogisticPasses.Likelihood l = passes.likelihood(beta);
    Inverse inv = invert(l.information());
    double[] gradient = firth ? passes.firthScore(beta, inv.inverse()) : l.score();
    double objective = firth ? l.logLik() + 0.5 * inv.logDet() : l.logLik();
    return new Point(beta.clone(), l.logLik(), objective, gradient, l.information(), inv.inverse(), inv.singular());
  }

  /**
   * The likelihood from chunks' partial sums (each the information's lower triangle in rows 0..p-1 and the
   * log-likelihood in element [p][0]), added in chunk order (one chunk: its own sums), with the score.
   */
  static LogisticPasses.Likelihood likelihood(double[][][] partial, double[] gradient) {
    int p = gradient.length;
    double logLik = 0;
    double[][] info = new double[p][p];
    for (double[][] part : partial) {
      logLik += part[p][0];
      for (int j = 0; j < p; j++) {
        for (int k = 0; k <= j; k++) {
          info[j][k] += part[j][k];
        }
      }
    }
    if (partial.length == 1) {
      logLik = partial[0][p][0];
      info = java.util.Arrays.copyOf(partial[0], p);
    }
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < j; k++) {
        info[k][j] = info[j][k];
      }
    }
    return new LogisticPasses.Likelihood(logLik, gradient, info);
  }

  /** Rows per chunk of the parallel sums; fixed, so the summation order never varies. */
  static final int CHUNK_ROWS = 1 << 16;

  /** The inverse of a (symmetric) information matrix and its log-determinant; LU when Cholesky fails (singular). */
  record Inverse(double[][] inverse, double logDet, boolean singular) {}

  static Inverse invert(double[][] info) {
    int p = info.length;
    RealMatrix m = new Array2DRowRealMatrix(info, false);
    try {
      CholeskyDecomposition chol = new CholeskyDecomposition(m, 1e-14, 1e-300);
      return new Inverse(chol.getSolver().getInverse().getData(), Math.log(chol.getDeterminant()), false);
    } catch (RuntimeException e) {
      DecompositionSolver lu = new LUDecomposition(m, 1e-300).getSolver();
      return new Inverse(lu.isNonSingular() ? lu.getInverse().getData() : new double[p][p], Double.NEGATIVE_INFINITY,
          true);
    }
  }

  /** Outcome of a maximisation. */
  record Result(Point point, boolean converged, int iterations) {}

  /**
   * Maximises the objective over the coefficients not marked {@code fixed}, starting at {@code start}
   * (fixed ones keep their start value). Step-halving guards every step; converged means the largest
   * free step fell below 1e-10 (relative to the coefficient size) with a free score below 1e-8.
   */
  static Result maximise(double[][] x, double[] y, double[] start, boolean[] fixed, boolean firth) {
    return maximise(new RowPasses(x, y), start, fixed, firth);
  }

  /** As {@link #maximise(double[][], double[], double[], boolean[], boolean)}, each point from {@code passes}. */
  static Result maximise(LogisticPasses passes, double[] start, boolean[] fixed, boolean firth) {
    return maximise(evaluate(passes, start, firth), beta -> evaluate(passes, beta, firth), fixed, firth);
  }

  /**
   * As {@link #maximise(double[][], double[], double[], boolean[], boolean)}, from a point already evaluated
   * (so a caller that needs it too evaluates it once) with {@code evaluator} giving the point at any beta.
   */
  static Result maximise(Point start, java.util.function.Function<double[], Point> evaluator, boolean[] fixed,
      boolean firth) {
    int[] free = freeIndices(fixed);
    Point current = start;
    for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
      double[] step = newtonStep(current, free);
      if (firth) {
        double largest = 0;
        for (double s : step) {
          largest = Math.max(largest, Math.abs(s));
        }
        if (largest > MAX_STEP) {
          for (int k = 0; k < step.length; k++) {
            step[k] *= MAX_STEP / largest;
          }
        }
      }
      Point next = null;
      double factor = 1;
      for (int halving = 0; halving < 60; halving++) {
        double[] beta = current.beta().clone();
        for (int k = 0; k < free.length; k++) {
          beta[free[k]] += factor * step[k];
        }
        Point candidate = evaluator.apply(beta);
        // a tiny tolerance: near the optimum rounding may lower the objective by an ulp
        if (Double.isFinite(candidate.objective())
            && candidate.objective() >= current.objective() - 1e-12 * (1 + Math.abs(current.objective()))) {
          next = candidate;
          break;
        }
        factor /= 2;
      }
      if (next == null) {
        return new Result(current, smallScore(current, free), iteration);
      }
      double change = 0;
      for (int k = 0; k < free.length; k++) {
        int j = free[k];
        change = Math.max(change, Math.abs(next.beta()[j] - current.beta()[j]) / (1 + Math.abs(next.beta()[j])));
      }
      current = next;
      if (change < 1e-10 && smallScore(current, free)) {
        return new Result(current, true, iteration);
      }
    }
    return new Result(current, false, MAX_ITERATIONS);
  }

  private static boolean smallScore(Point point, int[] free) {
    for (int j : free) {
      if (!(Math.abs(point.gradient()[j]) < 1e-8 * (1 + Math.abs(point.objective())))) {
        return false;
      }
    }
    return true;
  }

  static int[] freeIndices(boolean[] fixed) {
    int count = 0;
    for (boolean f : fixed) {
      if (!f) {
        count++;
      }
    }
    int[] free = new int[count];
    for (int j = 0, k = 0; j < fixed.length; j++) {
      if (!fixed[j]) {
        free[k++] = j;
      }
    }
    return free;
  }

  /** Solves I[free,free] d = U[free]. */
  static double[] newtonStep(Point point, int[] free) {
    int m = free.length;
    double[][] sub = new double[m][m];
    double[] rhs = new double[m];
    for (int a = 0; a < m; a++) {
      rhs[a] = point.gradient()[free[a]];
      for (int b = 0; b < m; b++) {
        sub[a][b] = point.information()[free[a]][free[b]];
      }
    }
    if (m == 0) {
      return rhs;
    }
    RealMatrix matrix = new Array2DRowRealMatrix(sub, false);
    DecompositionSolver solver = new LUDecomposition(matrix, 1e-300).getSolver();
    if (!solver.isNonSingular()) {
      return new double[m];
    }
    return solver.solve(new org.apache.commons.math3.linear.ArrayRealVector(rhs, false)).toArray();
  }
}
