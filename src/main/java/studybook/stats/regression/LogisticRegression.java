package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Binary logistic regression, configured with enums and withers.
 *
 * <p>Defaults ({@link #withDefaults()}): {@link Method#ML} (iteratively reweighted least squares as R's
 * glm, started as glm does and stopped by glm's default deviance criterion, so estimates, standard errors
 * and tests are summary(glm(...))'s; profile limits and LR tests use the fully converged maximum) and
 * {@link Limits#WALD} 95% limits. The first column of {@code x} is the intercept.
 */
public final class LogisticRegression {
  /** How the coefficients are estimated. */
  public enum Method {
    /** Maximum likelihood; as R's glm(family = binomial). */
    ML,
    /** Firth's penalized likelihood l(b) + 0.5 log det I(b) (Firth 1993); as R's logistf. */
    FIRTH
  }

  /** How the 95% limits of the odds ratios are made. */
  public enum Limits {
    /** exp(estimate -/+ 1.96 se); as exp(confint.default(fit)). */
    WALD,
    /** Exact roots of the (penalized) likelihood-ratio criterion in each coefficient, other coefficients re-fitted. */
    PROFILE
  }

  /** glm's default convergence tolerance on the relative deviance change, and its iteration limit. */
  static final double GLM_EPSILON = 1e-8;
  static final int GLM_MAXIT = 25;

  private static final double LEVEL = 0.95;
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
  private static final ChiSquaredDistribution CHISQ1 = ChiSquaredDistribution.of(1);

  private final Method method;
  private final Limits limits;

  private LogisticRegression(Method method, Limits limits) {
    this.method = method;
    this.limits = limits;
  }

  /** Maximum likelihood with Wald limits. */
  public static LogisticRegression withDefaults() {
    return new LogisticRegression(Method.ML, Limits.WALD);
  }

  public LogisticRegression with(Method m) {
    return new LogisticRegression(Objects.requireNonNull(m), limits);
  }

  public LogisticRegression with(Limits l) {
    return new LogisticRegression(method, Objects.requireNonNull(l));
  }

  public Method method() {
    return method;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Fits the model. ML: Wald z and p, as glm (with separation: where glm's 25 iterations stop, its
   * standard errors, and NaN profile limits, since the likelihood has no maximum to profile from); Firth: estimates as logistf, p from the penalized
   * likelihood-ratio test (Heinze and Schemper 2002).
   *
   * @param x n rows by p columns, column 0 the intercept of ones; a column that is a linear combination of
   *     earlier ones is aliased (NaN numbers, named in {@link LogisticFit#aliased()}), as glm reports NA
   * @param y 0/1 outcomes
   * @param termNames one name per column
   */
  public LogisticFit fit(double[][] x, double[] y, List<String> termNames) {
    check(x, y, termNames);
    // Rank deficiency as glm finds it (its QR's tolerance, R's limited pivoting): aliased columns are
    // fitted out and reported with NaN numbers, as glm reports NA, never as a fit with zero SEs.
    RankRevealingQr qr = RankRevealingQr.aliasing(x, RankRevealingQr.GLM_TOLERANCE);
    if (qr.rank() == termNames.size()) {
      return fullRankFit(x, y, termNames, List.of());
    }
    int[] kept = qr.kept();
    List<String> keptNames = new ArrayList<>();
    for (int j : kept) {
      keptNames.add(termNames.get(j));
    }
    LogisticFit reduced = fullRankFit(RankRevealingQr.columns(x, kept), y, keptNames, qr.aliasedNames(termNames));
    return reduced.withAliased(termNames, qr);
  }

  private LogisticFit fullRankFit(double[][] x, double[] y, List<String> termNames, List<String> aliased) {
    RowPasses rows = new RowPasses(x, y);
    return fullRankFit(rows, termNames, aliased, glm(rows, false));
  }

  /**
   * As {@link #fit(double[][], double[], List)} for a design given column by column ({@code columns[j]} holds
   * column j of every row; column 0 the intercept): the same fit, the same bits. Maximum likelihood with Wald
   * limits on a full-rank design runs on the columns (the ad-hoc command's case, where a million small row
   * arrays cost more than the arithmetic); anything else (aliased columns, Firth, profile limits, a fit that
   * may be separated) works on rows as before.
   */
  public LogisticFit fitColumns(double[][] columns, double[] y, List<String> termNames) {
    int p = termNames.size();
    if (columns.length != p || columns.length == 0) {
      throw new IllegalArgumentException("one column of x per term name expected");
    }
    for (double[] c : columns) {
      if (c.length != y.length || c.length == 0) {
        throw new IllegalArgumentException("x and y need the same, positive number of rows");
      }
    }
    for (double v : y) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("y must be 0 or 1, not " + v);
      }
    }
    ColumnMajor.Passes passes = new ColumnMajor.Passes(columns, y);
    GlmRun glm = method == Method.ML && limits == Limits.WALD ? glm(passes, true) : null;
    if (glm == null) {
      // Firth, profile limits, or a design glm's first cross products cannot certify as full rank: on rows
      return fit(ColumnMajor.toRows(columns), y, termNames);
    }
    return fullRankFit(passes, termNames, List.of(), glm);
  }

  /**
   * The fit of a full-rank design held wherever {@code passes} reads it (the Spark engine's partitions, for one):
   * glm's IRLS loop on the passes' X'WX, X'Wz and deviance, then the same polish, separation verdict and table as
   * {@link #fit(double[][], double[], List)}, by either method and with either limits: Firth's fit, its penalized
   * likelihood-ratio tests and the profile limits are sequences of points, each from the passes.
   *
   * @param termNames one name per design column, column 0 the intercept
   */
  public LogisticFit fit(LogisticPasses passes, List<String> termNames) {
    if (passes.columns() != termNames.size() || passes.rows() == 0) {
      throw new IllegalArgumentException("one term name per design column and at least one row expected");
    }
    return fullRankFit(passes, termNames, List.of(), glm(passes, false));
  }

  /**
   * The fit of a full-rank design from glm's iterations; every point (the ML log-likelihood, score and information,
   * Firth's penalized ones) comes from {@code passes} ({@link Newton#evaluate(LogisticPasses, double[], boolean)}),
   * and so does the separation verdict from the polished ML fit.
   */
  private LogisticFit fullRankFit(LogisticPasses passes, List<String> termNames, List<String> aliased, GlmRun glm) {
    int p = termNames.size();
    int n = passes.rows();
    int events = passes.events();
    java.util.function.Function<double[], Newton.Point> evaluator = beta -> Newton.evaluate(passes, beta, false);
    // The ML fit comes first, for either method: when it converges inside (0, 1) it certifies that
    // the data are not separated, so the linear program is needed only where separation is possible.
    // Its polish starts from glm's last estimate, evaluated once: that point is also what ML reports.
    Newton.Point stop = evaluator.apply(glm.beta);
    Newton.Result ml = Newton.maximise(stop, evaluator, new boolean[p], false);
    boolean separation = passes.separated(ml.converged(), ml.point().beta());
    boolean firth = method == Method.FIRTH;
    Newton.Result result;
    boolean converged;
    int iterations;
    if (firth) {
      result = Newton.maximise(passes, new double[p], new boolean[p], true);
      converged = result.converged();
      iterations = result.iterations();
    } else {
      converged = glm.converged;
      iterations = glm.iterations;
      // what summary(glm(...)) reports with glm's DEFAULT control: the estimate where its deviance criterion
      // stops IRLS and the covariance from the weights of its last iteration (the ones its final WLS solve
      // used), so se, z, p, Wald limits, loglik and aic match R's default output, not a polished optimum
      result = new Newton.Result(new Newton.Point(stop.beta(), stop.logLik(), stop.objective(), stop.gradient(),
          stop.information(), glm.covariance, stop.singular()), converged, iterations);
    }
    Newton.Point at = result.point();
    // profile limits are defined by the likelihood's maximum: anchored on the fully converged ML fit
    Newton.Point anchor = firth ? at : ml.point();
    // with separation the ML likelihood has no maximum to anchor a profile on: no profile limits
    boolean noProfile = separation && !firth;
    double[] beta = at.beta();
    double z975 = NORMAL.inverseCumulativeProbability(0.5 + LEVEL / 2);
    List<Coefficient> coefficients = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      double se = Math.sqrt(at.inverse()[j][j]);
      double z = beta[j] / se;
      double pValue = firth ? penalizedLikelihoodRatioP(passes, at, j) : 2 * NORMAL.survivalProbability(Math.abs(z));
      double low;
      double high;
      if (limits == Limits.WALD) {
        low = Math.exp(beta[j] - z975 * se);
        high = Math.exp(beta[j] + z975 * se);
      } else if (noProfile) {
        low = Double.NaN;
        high = Double.NaN;
      } else {
        low = Math.exp(profileLimit(passes, anchor, j, -1, firth));
        high = Math.exp(profileLimit(passes, anchor, j, +1, firth));
      }
      coefficients.add(new Coefficient(termNames.get(j), beta[j], se, z, pValue, Math.exp(beta[j]), low, high));
    }
    double logLik = at.objective();
    return new LogisticFit(n, events, method, converged, iterations, logLik, -2 * logLik, -2 * logLik + 2 * p,
        separation, limits, coefficients, at.inverse(), aliased);
  }

  /** {@link #fit(double[][], double[], List)} on a design. */
  public LogisticFit fit(Design design) {
    return fit(design.x(), design.y(), design.columns());
  }

  /** One likelihood-ratio test per term of the design (joint over a factor's levels); as drop1(fit, test = "LRT"). */
  public List<TermTest> termTests(Design design) {
    double[][] x = design.x();
    double[] y = design.y();
    List<TermTest> tests = new ArrayList<>();
    design.terms().forEach((term, columns) -> tests.add(termTest(x, y, term, columns)));
    return tests;
  }

  /**
   * Univariable models of each candidate design beside one multivariable model.
   *
   * @param univariable one design per candidate term (each with its own complete cases), keyed by term
   * @param excluded rows each univariable design left out, keyed by term
   */
  public Screening screen(java.util.Map<String, Design> univariable, java.util.Map<String, Integer> excluded,
      Design multivariable) {
    List<Screening.Univariable> rows = new ArrayList<>();
    univariable.forEach((term, design) -> {
      int[] columns = design.terms().get(term);
      if (columns == null) {
        throw new IllegalArgumentException("design for '" + term + "' has no such term");
      }
      rows.add(new Screening.Univariable(term, fit(design), termTest(design.x(), design.y(), term, columns),
          excluded.getOrDefault(term, 0)));
    });
    return new Screening(rows, fit(multivariable), termTests(multivariable));
  }

  /**
   * Likelihood-ratio test that all coefficients of {@code columns} are zero (one joint test for a
   * factor's indicator columns); as anova(reduced, full, test = "LRT") for ML, and the penalized
   * likelihood-ratio test with the coefficients held at zero under the full model's penalty for Firth.
   */
  public TermTest termTest(double[][] x, double[] y, String term, int... columns) {
    RankRevealingQr qr = RankRevealingQr.aliasing(x, RankRevealingQr.GLM_TOLERANCE);
    if (qr.rank() < x[0].length) {
      // test the term's estimable columns in the design without its aliased ones, as drop1 on glm's fit
      int[] kept = qr.kept();
      List<Integer> inTerm = new ArrayList<>();
      for (int k = 0; k < kept.length; k++) {
        for (int c : columns) {
          if (kept[k] == c) {
            inTerm.add(k);
          }
        }
      }
      if (inTerm.isEmpty()) {
        return new TermTest(term, method, 0, 0, Double.NaN);
      }
      return termTest(RankRevealingQr.columns(x, kept), y, term, inTerm.stream().mapToInt(Integer::intValue).toArray());
    }
    int p = x[0].length;
    boolean firth = method == Method.FIRTH;
    Newton.Result full = maximiseFrom(x, y, new boolean[p], firth);
    boolean[] fixed = new boolean[p];
    for (int c : columns) {
      fixed[c] = true;
    }
    double[] start = full.point().beta().clone();
    for (int c : columns) {
      start[c] = 0;
    }
    Newton.Result reduced = Newton.maximise(x, y, start, fixed, firth);
    double chisq = Math.max(0, 2 * (full.point().objective() - reduced.point().objective()));
    double pValue = ChiSquaredDistribution.of(columns.length).survivalProbability(chisq);
    return new TermTest(term, method, columns.length, chisq, pValue);
  }

  private Newton.Result maximiseFrom(double[][] x, double[] y, boolean[] fixed, boolean firth) {
    double[] start = firth ? new double[fixed.length] : glm(new RowPasses(x, y), false).beta;
    return Newton.maximise(x, y, start, fixed, firth);
  }

  private static double penalizedLikelihoodRatioP(LogisticPasses passes, Newton.Point at, int j) {
    double chisq = 2 * (at.objective() - constrained(passes, at.beta(), j, 0, true).objective());
    return CHISQ1.survivalProbability(Math.max(0, chisq));
  }

  /** The maximum of the objective with coefficient j held at {@code value}, started from {@code from}. */
  private static Newton.Point constrained(LogisticPasses passes, double[] from, int j, double value, boolean firth) {
    boolean[] fixed = new boolean[from.length];
    fixed[j] = true;
    double[] start = from.clone();
    start[j] = value;
    return Newton.maximise(passes, start, fixed, firth).point();
  }

  /**
   * One profile limit on the log-odds scale: the root of 2 (l(b) - l_j(t)) = qchisq(0.95, 1) on the
   * side {@code direction}, by bracketing outwards in steps of the standard error and Brent's method;
   * -/+ infinity when the profile never reaches the criterion (a separated direction).
   */
  private static double profileLimit(LogisticPasses passes, Newton.Point at, int j, int direction, boolean firth) {
    double target = CHISQ1.inverseCumulativeProbability(LEVEL);
    double estimate = at.beta()[j];
    double se = Math.sqrt(at.inverse()[j][j]);
    if (!(se > 0) || !Double.isFinite(se)) {
      se = 1;
    }
    double[] warm = at.beta().clone();
    double inner = estimate;
    double step = se;
    for (int expansion = 0; expansion < 40; expansion++) {
      double outer = estimate + direction * step;
      Newton.Point c = constrained(passes, warm, j, outer, firth);
      double g = 2 * (at.objective() - c.objective()) - target;
      if (g > 0) {
        final double[] start = warm;
        BrentSolver solver = new BrentSolver(1e-15, 1e-12 * Math.max(1, Math.abs(outer)));
        double a = Math.min(inner, outer);
        double b = Math.max(inner, outer);
        return solver.solve(500, t -> 2 * (at.objective() - constrained(passes, start, j, t, firth).objective())
            - target, a, b);
      }
      warm = c.beta();
      inner = outer;
      step *= 2;
      if (Math.abs(outer - estimate) > 1e4 * (1 + Math.abs(estimate))) {
        break;
      }
    }
    return direction * Double.POSITIVE_INFINITY;
  }

  /** What glm.fit's loop gives: its iteration count, its convergence verdict and its last estimate. */
  /** @param covariance the inverse of the last weighted cross-product, which summary.glm reports */
  private record GlmRun(double[] beta, int iterations, boolean converged, double[][] covariance) {}

  /**
   * IRLS exactly as glm.fit runs it: mu starts at (y + 0.5) / 2 and iterations stop when
   * |dev - dev_old| / (|dev| + 0.1) < 1e-8, at most 25; so the count matches R's {@code fit$iter}.
   * The logit link is clamped as R's C code clamps it (|eta| > 30), which is what stops separated
   * data from producing infinite working responses. With {@code certify}: null when the first cross products
   * cannot certify the design as full rank ({@link #clearlyFullRank}; the caller then decides aliasing by R's QR).
   * Per iteration the passes give X'WX and X'Wz at the current point, and the deviance at the new estimate; the
   * next cross products are asked for only when the deviance says go on.
   */
  private static GlmRun glm(LogisticPasses passes, boolean certify) {
    int p = passes.columns();
    double devOld = passes.deviance(null);
    double[] beta = new double[p];
    double[][] covariance = new double[p][p];
    for (int iteration = 1; iteration <= GLM_MAXIT; iteration++) {
      double[][] sums = passes.weightedCrossProducts();
      double[][] xtwx = new double[p][p];
      double[] xtwz = sums[p].clone();
      for (int j = 0; j < p; j++) {
        for (int k = 0; k <= j; k++) {
          xtwx[j][k] = sums[j][k];
          xtwx[k][j] = sums[j][k];
        }
      }
      if (certify && iteration == 1 && !clearlyFullRank(xtwx)) {
        return null;
      }
      DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(xtwx, false), 1e-300).getSolver();
      if (!solver.isNonSingular()) {
        return new GlmRun(beta, iteration, false, new double[p][p]);
      }
      beta = solver.solve(new ArrayRealVector(xtwz, false)).toArray();
      covariance = solver.getInverse().getData();
      double dev = passes.deviance(beta);
      if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < GLM_EPSILON) {
        return new GlmRun(beta, iteration, true, covariance);
      }
      devOld = dev;
    }
    return new GlmRun(beta, GLM_MAXIT, false, covariance);
  }

  /** Chunks' lower triangles of X'WX (rows 0..p-1) and X'Wz (row p) added in chunk order. */
  static double[][] addChunks(double[][][] partial, int p) {
    double[][] out = new double[p + 1][p];
    for (double[][] part : partial) {
      for (int j = 0; j < p; j++) {
        out[p][j] += part[p][j];
        for (int k = 0; k <= j; k++) {
          out[j][k] += part[j][k];
        }
      }
    }
    return out;
  }

  /** The smallest relative residual norm a column may keep to be certified as not aliased: far above glm's 1e-11. */
  static final double CERTAIN_RANK = 1e-5;

  /**
   * Whether the design is certainly of full rank, from X'WX at glm's start, where every weight is the same
   * (mu starts at 0.25 or 0.75, so w = mu (1 - mu) = 3/16): that matrix is a multiple of X'X, and its Cholesky
   * factor without pivoting gives, for each column, the norm of what is left of it after the earlier columns
   * are projected out (R's diagonal), relative to its own norm. R's QR (dqrdc2) moves a column to the end only
   * when that ratio falls below 1e-11; when every ratio is at least {@link #CERTAIN_RANK} no column moves and
   * the QR would find full rank, so the tall QR of the rows is not needed. Anything closer is left to the QR.
   */
  static boolean clearlyFullRank(double[][] a) {
    int p = a.length;
    double[][] l = new double[p][p];
    for (int j = 0; j < p; j++) {
      if (!(a[j][j] > 0) || !Double.isFinite(a[j][j])) {
        return false;
      }
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d >= CERTAIN_RANK * CERTAIN_RANK * a[j][j])) {
        return false;
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < p; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    return true;
  }

  private static final double R_THRESHOLD = 30;
  private static final double EPS = Math.ulp(1.0);

  /** R's logit_linkinv: exp(eta) replaced by DBL_EPSILON or 1/DBL_EPSILON beyond |eta| = 30. */
  public static double rLinkInverse(double eta) {
    double t = eta < -R_THRESHOLD ? EPS : eta > R_THRESHOLD ? 1 / EPS : Math.exp(eta);
    return t / (1 + t);
  }

  /** R's logit_mu_eta: DBL_EPSILON beyond |eta| = 30. */
  public static double rMuEta(double eta) {
    if (Math.abs(eta) > R_THRESHOLD) {
      return EPS;
    }
    double opexp = 1 + Math.exp(eta);
    return Math.exp(eta) / (opexp * opexp);
  }

  /** log(1 + exp(eta)) without overflow: y eta minus it is a row's log-likelihood. */
  public static double log1pExp(double eta) {
    return Newton.log1pExp(eta);
  }

  /** A row's binomial deviance at mu: -2 log mu for y = 1, -2 log(1 - mu) for y = 0. */
  public static double binomialDeviance(double y, double mu) {
    return y == 1 ? -2 * Math.log(mu) : -2 * Math.log1p(-mu);
  }

  private static int check(double[][] x, double[] y, List<String> termNames) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("x and y need the same, positive number of rows");
    }
    for (double[] row : x) {
      if (row.length != termNames.size()) {
        throw new IllegalArgumentException("every row of x needs one value per term name");
      }
    }
    for (double v : y) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("y must be 0 or 1, not " + v);
      }
    }
    return x.length;
  }
}
