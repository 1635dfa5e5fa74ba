package studybook.stats.impute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Chained-equations imputation (van Buuren and Groothuis-Oudshoorn 2011) as {@code mice(data, m, maxit = 5)} with
 * mice 3.15's default methods, on arrays:
 * <ul>
 *   <li>every variable with a missing value is imputed, visited left to right in each of {@code maxit} iterations
 *       (mice's {@code visitSequence = "roman"}); the chains start from random draws of each variable's observed
 *       values (mice's {@code initialize.imp});</li>
 *   <li>each is predicted from all the other variables (mice's default predictor matrix), a factor entering as
 *       indicators of its non-reference levels, a predictor with variance below 1e-4 among the observed rows left
 *       out (as mice's {@code remove.lindep});</li>
 *   <li>{@link Method#PMM} for numbers ({@code mice.impute.pmm}: the Bayesian linear-regression draw of
 *       {@code .norm.draw} with ridge 1e-5 when X'X is singular, type-1 matching, a donor drawn from the 5
 *       observed rows whose predicted values are nearest);</li>
 *   <li>{@link Method#LOGREG} for two-level factors ({@code mice.impute.logreg}: the logistic fit on the observed
 *       rows augmented as White, Daniel and Royston (2010), a normal draw of the coefficients from their
 *       covariance, a uniform draw against the predicted probability);</li>
 *   <li>{@link Method#POLYREG} for factors of three or more levels ({@code mice.impute.polyreg}: the multinomial
 *       logistic fit on the augmented observed rows, a draw from its predicted probabilities).</li>
 * </ul>
 * Deterministic: imputation k (0-based) runs its chain on the k-th {@link SplittableRandom#split()} of
 * {@code new SplittableRandom(seed)}, so the same seed and data give the same completed data sets. The draws
 * cannot equal mice's (R's generator differs); the distribution does, which the tests check against mice.
 */
public final class ChainedEquations {
  /** An imputation method, by mice's name. */
  public enum Method {
    /** Predictive mean matching. */
    PMM("pmm", "predictive mean matching"),
    /** Logistic regression (Bayesian draw). */
    LOGREG("logreg", "logistic regression"),
    /** Polytomous (multinomial) logistic regression. */
    POLYREG("polyreg", "polytomous logistic regression"),
    /** Complete: not imputed. */
    NONE("", "none");

    private final String rName;
    private final String words;

    Method(String rName, String words) {
      this.rName = rName;
      this.words = words;
    }

    /** mice's name for the method. */
    public String rName() {
      return rName;
    }

    /** The method in words, for footnotes. */
    public String words() {
      return words;
    }
  }

  /**
   * One variable of the imputation model.
   *
   * @param name its name, for messages
   * @param values its values, NaN where missing; a factor's level codes 0..levels-1
   * @param levels 0 for a number, else the factor's number of levels
   */
  public record Variable(String name, double[] values, int levels) {
    public Variable {
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    boolean missing(int r) {
      return Double.isNaN(values[r]);
    }
  }

  /** The default number of iterations (mice's maxit). */
  public static final int MAXIT = 5;
  /** The number of donors of predictive mean matching (mice's default). */
  public static final int DONORS = 5;
  static final double RIDGE = 1e-5;
  static final double LINDEP_EPS = 1e-4;

  private final List<Variable> variables;
  private final Method[] methods;
  private final int n;

  /**
   * The model for these variables, with mice's default method for each: none for a complete variable, else pmm for
   * a number, logreg for a two-level factor, polyreg for more levels.
   *
   * @throws IllegalArgumentException naming the variable when one is entirely missing or has a single level
   */
  public ChainedEquations(List<Variable> variables) {
    this.variables = List.copyOf(variables);
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("no variables to impute");
    }
    this.n = variables.get(0).values.length;
    this.methods = new Method[variables.size()];
    for (int j = 0; j < variables.size(); j++) {
      Variable v = variables.get(j);
      if (v.values.length != n) {
        throw new IllegalArgumentException("variable " + v.name() + " has " + v.values.length + " rows, not " + n);
      }
      int missing = 0;
      for (int r = 0; r < n; r++) {
        missing += v.missing(r) ? 1 : 0;
      }
      if (missing == n) {
        throw new IllegalArgumentException("the variable '" + v.name() + "' is missing in every row, so there is"
            + " nothing to impute it from");
      }
      if (missing > 0 && v.levels() == 1) {
        throw new IllegalArgumentException("the variable '" + v.name() + "' has a single level, so imputing it"
            + " would only copy that level");
      }
      methods[j] = missing == 0 ? Method.NONE : v.levels() == 0 ? Method.PMM
          : v.levels() == 2 ? Method.LOGREG : Method.POLYREG;
    }
  }

  /** The method of each variable, in order. */
  public List<Method> methods() {
    return List.of(methods);
  }

  /**
   * Runs m chains of {@code maxit} iterations.
   *
   * @return per imputation, per variable, the completed column (a factor's level codes)
   */
  public List<double[][]> impute(int m, int maxit, long seed) {
    if (m < 1 || maxit < 1) {
      throw new IllegalArgumentException("m and maxit must be 1 or more");
    }
    SplittableRandom root = new SplittableRandom(seed);
    List<double[][]> out = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      out.add(chain(root.split(), maxit));
    }
    return out;
  }

  private double[][] chain(SplittableRandom rng, int maxit) {
    int p = variables.size();
    double[][] cur = new double[p][];
    boolean[][] obs = new boolean[p][n];
    for (int j = 0; j < p; j++) {
      Variable v = variables.get(j);
      cur[j] = v.values.clone();
      List<Double> observed = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        obs[j][r] = !v.missing(r);
        if (obs[j][r]) {
          observed.add(v.values[r]);
        }
      }
      if (methods[j] != Method.NONE) {
        for (int r = 0; r < n; r++) {
          if (!obs[j][r]) {
            cur[j][r] = observed.get(rng.nextInt(observed.size()));
          }
        }
      }
    }
    for (int it = 0; it < maxit; it++) {
      for (int j = 0; j < p; j++) {
        if (methods[j] == Method.NONE) {
          continue;
        }
        double[][] x = predictors(cur, j, obs[j]);
        double[] y = cur[j];
        double[] drawn = switch (methods[j]) {
          case PMM -> pmm(y, obs[j], x, rng);
          case LOGREG -> logreg(y, obs[j], x, rng);
          case POLYREG -> polyreg(y, obs[j], x, variables.get(j).levels(), rng);
          case NONE -> throw new IllegalStateException();
        };
        int i = 0;
        for (int r = 0; r < n; r++) {
          if (!obs[j][r]) {
            cur[j][r] = drawn[i++];
          }
        }
      }
    }
    return cur;
  }

  /** The predictor columns (no intercept) for target j: other numbers as themselves, factors as indicators. */
  private double[][] predictors(double[][] cur, int target, boolean[] ry) {
    List<double[]> cols = new ArrayList<>();
    for (int j = 0; j < variables.size(); j++) {
      if (j == target) {
        continue;
      }
      int levels = variables.get(j).levels();
      if (levels == 0) {
        cols.add(cur[j]);
      } else {
        for (int l = 1; l < levels; l++) {
          double[] d = new double[n];
          for (int r = 0; r < n; r++) {
            d[r] = cur[j][r] == l ? 1 : 0;
          }
          cols.add(d);
        }
      }
    }
    List<double[]> kept = new ArrayList<>();
    for (double[] c : cols) {
      if (variance(c, ry) >= LINDEP_EPS) {
        kept.add(c);
      }
    }
    double[][] x = new double[n][kept.size()];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < kept.size(); c++) {
        x[r][c] = kept.get(c)[r];
      }
    }
    return x;
  }

  private static double variance(double[] c, boolean[] rows) {
    double s = 0;
    int k = 0;
    for (int r = 0; r < c.length; r++) {
      if (rows[r]) {
        s += c[r];
        k++;
      }
    }
    if (k < 2) {
      return 0;
    }
    double mean = s / k;
    double ss = 0;
    for (int r = 0; r < c.length; r++) {
      if (rows[r]) {
        ss += (c[r] - mean) * (c[r] - mean);
      }
    }
    return ss / (k - 1);
  }

  private static double[] withIntercept(double[] row) {
    double[] out = new double[row.length + 1];
    out[0] = 1;
    System.arraycopy(row, 0, out, 1, row.length);
    return out;
  }

  /** mice.impute.pmm with its defaults (type-1 matching, 5 donors). */
  static double[] pmm(double[] y, boolean[] ry, double[][] x0, SplittableRandom rng) {
    int n = y.length;
    List<double[]> xo = new ArrayList<>();
    List<double[]> xm = new ArrayList<>();
    List<Double> yo = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (ry[r]) {
        xo.add(withIntercept(x0[r]));
        yo.add(y[r]);
      } else {
        xm.add(withIntercept(x0[r]));
      }
    }
    int q = xo.get(0).length;
    int no = xo.size();
    double[][] xtx = new double[q][q];
    double[] xty = new double[q];
    for (int i = 0; i < no; i++) {
      double[] xi = xo.get(i);
      for (int a = 0; a < q; a++) {
        xty[a] += xi[a] * yo.get(i);
        for (int b = 0; b < q; b++) {
          xtx[a][b] += xi[a] * xi[b];
        }
      }
    }
    RealMatrix v = inverse(xtx);
    double[] coef = v.operate(xty);
    double rss = 0;
    for (int i = 0; i < no; i++) {
      double e = yo.get(i) - dot(xo.get(i), coef);
      rss += e * e;
    }
    int df = Math.max(no - q, 1);
    double chi = ChiSquaredDistribution.of(df).inverseCumulativeProbability(uniformOpen(rng));
    double sigma = Math.sqrt(rss / chi);
    double[] z = normals(q, rng);
    double[] lz = lower(v).operate(z);
    double[] beta = new double[q];
    for (int a = 0; a < q; a++) {
      beta[a] = coef[a] + lz[a] * sigma;
    }
    double[] yhatObs = new double[no];
    for (int i = 0; i < no; i++) {
      yhatObs[i] = dot(xo.get(i), coef);
    }
    double[] out = new double[xm.size()];
    double[] yObs = yo.stream().mapToDouble(Double::doubleValue).toArray();
    int[] order = sortedAfterShuffle(yhatObs, rng);
    double[] sorted = new double[no];
    for (int i = 0; i < no; i++) {
      sorted[i] = yhatObs[order[i]];
    }
    int donors = Math.min(DONORS, no);
    for (int i = 0; i < xm.size(); i++) {
      double target = dot(xm.get(i), beta);
      out[i] = yObs[order[nearest(sorted, target, donors, rng)]];
    }
    return out;
  }

  /** Observed rows in order of their predicted value, ties in random order (mice's matcher shuffles first). */
  private static int[] sortedAfterShuffle(double[] values, SplittableRandom rng) {
    Integer[] idx = new Integer[values.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    for (int i = idx.length - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      Integer t = idx[i];
      idx[i] = idx[k];
      idx[k] = t;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b]));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  /** One of the {@code donors} positions of {@code sorted} nearest to {@code target}, drawn uniformly. */
  private static int nearest(double[] sorted, double target, int donors, SplittableRandom rng) {
    int hi = Arrays.binarySearch(sorted, target);
    if (hi < 0) {
      hi = -hi - 1;
    }
    int lo = hi - 1;
    int[] picked = new int[donors];
    for (int k = 0; k < donors; k++) {
      if (lo < 0 || (hi < sorted.length && sorted[hi] - target <= target - sorted[lo])) {
        picked[k] = hi++;
      } else {
        picked[k] = lo--;
      }
    }
    return picked[rng.nextInt(donors)];
  }

  /** mice.impute.logreg: augmented logistic fit, normal draw of the coefficients, uniform draw per row. */
  static double[] logreg(double[] y, boolean[] ry, double[][] x0, SplittableRandom rng) {
    Augmented a = augment(y, ry, x0, 2);
    int q = a.x.get(0).length;
    double[] beta = new double[q];
    double[][] info = null;
    for (int iter = 0; iter < 50; iter++) {
      double[][] h = new double[q][q];
      double[] g = new double[q];
      for (int i = 0; i < a.x.size(); i++) {
        double[] xi = a.x.get(i);
        double pr = 1 / (1 + Math.exp(-dot(xi, beta)));
        double w = a.w.get(i);
        for (int s = 0; s < q; s++) {
          g[s] += w * (a.y.get(i) - pr) * xi[s];
          for (int t = 0; t < q; t++) {
            h[s][t] += w * pr * (1 - pr) * xi[s] * xi[t];
          }
        }
      }
      info = h;
      double[] step = inverse(h).operate(g);
      double change = 0;
      for (int s = 0; s < q; s++) {
        beta[s] += step[s];
        change = Math.max(change, Math.abs(step[s]) / (Math.abs(beta[s]) + 0.1));
      }
      if (change < 1e-8) {
        break;
      }
    }
    double[] lz = lower(inverse(info)).operate(normals(q, rng));
    double[] out = new double[countMissing(ry)];
    int i = 0;
    for (int r = 0; r < y.length; r++) {
      if (!ry[r]) {
        double[] xr = withIntercept(x0[r]);
        double eta = 0;
        for (int s = 0; s < q; s++) {
          eta += xr[s] * (beta[s] + lz[s]);
        }
        double pr = 1 / (1 + Math.exp(-eta));
        out[i++] = rng.nextDouble() <= pr ? 1 : 0;
      }
    }
    return out;
  }

  /**
   * mice.impute.polyreg: the multinomial logistic fit (reference level 0) on the augmented observed rows, then a
   * draw from each row's predicted probabilities (mice draws no coefficients here either).
   */
  static double[] polyreg(double[] y, boolean[] ry, double[][] x0, int levels, SplittableRandom rng) {
    Augmented a = augment(y, ry, x0, levels);
    int q = a.x.get(0).length;
    int kk = levels - 1;
    int dim = q * kk;
    double[] beta = new double[dim];
    for (int iter = 0; iter < 100; iter++) {
      double[][] h = new double[dim][dim];
      double[] g = new double[dim];
      for (int i = 0; i < a.x.size(); i++) {
        double[] xi = a.x.get(i);
        double[] pr = probabilities(xi, beta, q, kk);
        double w = a.w.get(i);
        int yi = (int) (double) a.y.get(i);
        for (int c = 0; c < kk; c++) {
          double resid = (yi == c + 1 ? 1 : 0) - pr[c + 1];
          for (int s = 0; s < q; s++) {
            g[c * q + s] += w * resid * xi[s];
          }
          for (int d = 0; d < kk; d++) {
            double wcd = w * pr[c + 1] * ((c == d ? 1 : 0) - pr[d + 1]);
            for (int s = 0; s < q; s++) {
              for (int t = 0; t < q; t++) {
                h[c * q + s][d * q + t] += wcd * xi[s] * xi[t];
              }
            }
          }
        }
      }
      double[] step = inverse(h).operate(g);
      double change = 0;
      for (int s = 0; s < dim; s++) {
        beta[s] += step[s];
        change = Math.max(change, Math.abs(step[s]) / (Math.abs(beta[s]) + 0.1));
      }
      if (change < 1e-8) {
        break;
      }
    }
    double[] out = new double[countMissing(ry)];
    int i = 0;
    for (int r = 0; r < y.length; r++) {
      if (!ry[r]) {
        double[] pr = probabilities(withIntercept(x0[r]), beta, q, kk);
        double u = rng.nextDouble();
        int level = 0;
        double cum = pr[0];
        while (level < levels - 1 && u > cum) {
          level++;
          cum += pr[level];
        }
        out[i++] = level;
      }
    }
    return out;
  }

  private static double[] probabilities(double[] x, double[] beta, int q, int kk) {
    double[] eta = new double[kk + 1];
    double max = 0;
    for (int c = 0; c < kk; c++) {
      double e = 0;
      for (int s = 0; s < q; s++) {
        e += x[s] * beta[c * q + s];
      }
      eta[c + 1] = e;
      max = Math.max(max, e);
    }
    double sum = 0;
    for (int c = 0; c <= kk; c++) {
      eta[c] = Math.exp(eta[c] - max);
      sum += eta[c];
    }
    for (int c = 0; c <= kk; c++) {
      eta[c] /= sum;
    }
    return eta;
  }

  private record Augmented(List<double[]> x, List<Double> y, List<Double> w) {}

  /**
   * The observed rows (with an intercept) plus mice's {@code augment()} rows: for each predictor and each level of
   * y, two rows at the predictor's mean ± half its standard deviation (clamped to its range), the other predictors
   * at their means, with total weight p + 1; this keeps the fit finite under separation (White, Daniel and Royston
   * 2010).
   */
  private static Augmented augment(double[] y, boolean[] ry, double[][] x0, int levels) {
    int n = y.length;
    int p = x0.length == 0 ? 0 : x0[0].length;
    List<double[]> x = new ArrayList<>();
    List<Double> yy = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (ry[r]) {
        x.add(withIntercept(x0[r]));
        yy.add(y[r]);
        w.add(1.0);
      }
    }
    if (p == 0 || countMissing(ry) == 1) {
      return new Augmented(x, yy, w);
    }
    // mice computes these over all rows (the current imputations included)
    double[] mean = new double[p];
    double[] sd = new double[p];
    double[] min = new double[p];
    double[] max = new double[p];
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    for (int c = 0; c < p; c++) {
      double[] col = new double[n];
      min[c] = Double.POSITIVE_INFINITY;
      max[c] = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < n; r++) {
        col[r] = x0[r][c];
        mean[c] += col[r] / n;
        min[c] = Math.min(min[c], col[r]);
        max[c] = Math.max(max[c], col[r]);
      }
      sd[c] = Math.sqrt(variance(col, all));
    }
    int nr = 2 * p * levels;
    double weight = (p + 1.0) / nr;
    for (int c = 0; c < p; c++) {
      for (int level = 0; level < levels; level++) {
        for (double sign : new double[] {0.5, -0.5}) {
          double[] row = mean.clone();
          row[c] = Math.min(max[c], Math.max(min[c], mean[c] + sign * sd[c]));
          x.add(withIntercept(row));
          yy.add((double) level);
          w.add(weight);
        }
      }
    }
    return new Augmented(x, yy, w);
  }

  private static int countMissing(boolean[] ry) {
    int k = 0;
    for (boolean b : ry) {
      k += b ? 0 : 1;
    }
    return k;
  }

  /** (A)^-1 of a symmetric matrix; with mice's ridge (diag(A) * 1e-5 added) when A is not positive definite. */
  static RealMatrix inverse(double[][] a) {
    try {
      return new CholeskyDecomposition(new Array2DRowRealMatrix(a), 1e-10, 1e-12).getSolver().getInverse();
    } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
      double[][] r = new double[a.length][];
      for (int i = 0; i < a.length; i++) {
        r[i] = a[i].clone();
        r[i][i] += Math.max(a[i][i] * RIDGE, 1e-12);
      }
      return new CholeskyDecomposition(new Array2DRowRealMatrix(r), 1e-10, 0).getSolver().getInverse();
    }
  }

  /** The lower Cholesky factor L of a covariance (L L' = v), symmetrized first as mice's sym(). */
  private static RealMatrix lower(RealMatrix v) {
    RealMatrix s = v.add(v.transpose()).scalarMultiply(0.5);
    try {
      return new CholeskyDecomposition(s, 1e-6, 0).getL();
    } catch (NonPositiveDefiniteMatrixException e) {
      // rounding made a near-singular covariance indefinite: the ridge mice adds in the same case
      RealMatrix r = s.copy();
      for (int i = 0; i < r.getRowDimension(); i++) {
        r.addToEntry(i, i, Math.max(Math.abs(r.getEntry(i, i)) * RIDGE, 1e-12));
      }
      return new CholeskyDecomposition(r, 1e-6, 0).getL();
    }
  }

  private static double[] normals(int k, SplittableRandom rng) {
    double[] z = new double[k];
    for (int i = 0; i < k; i++) {
      z[i] = rng.nextGaussian();
    }
    return z;
  }

  private static double uniformOpen(SplittableRandom rng) {
    double u;
    do {
      u = rng.nextDouble();
    } while (u == 0);
    return u;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
