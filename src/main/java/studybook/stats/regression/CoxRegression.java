package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Cox proportional-hazards regression by maximum partial likelihood; as R's
 * {@code coxph(Surv(time, status) ~ terms + strata(s), ties = "efron")} with
 * {@code summary(fit)}, {@code AIC(fit)}, {@code exp(confint(fit))} and {@code cox.zph(fit)}.
 *
 * <p>Defaults ({@link #withDefaults()}): Efron's approximation for tied event times, as coxph.
 * Breslow's on request ({@code with(Ties.BRESLOW)}). Strata come with the design.
 *
 * <p>A coefficient diverges (monotone likelihood, e.g. a level in which nobody has an event) when
 * the fit converges in log-likelihood while one more Newton step would still move it by more than
 * {@code sqrt(1e-9)} of its size: coxph's own test behind its warning "Loglik converged before
 * variable ...; coefficient may be infinite". Such a coefficient is reported as diverged, with no
 * numbers; the other coefficients, the log-likelihoods and the likelihood-ratio and score tests stay
 * valid (they are the limits as the diverged coefficient goes to infinity).
 *
 * <pre>{@code
 * CoxFit fit = CoxRegression.withDefaults().fit(design);
 * double hr = fit.coefficient("sex=2").hazardRatio();
 * }</pre>
 */
public final class CoxRegression {
  /** How tied event times enter the partial likelihood. */
  public enum Ties {
    /** Efron's approximation (coxph's default, {@code ties = "efron"}). */
    EFRON("efron"),
    /** Breslow's approximation ({@code ties = "breslow"}). */
    BRESLOW("breslow");

    private final String rName;

    Ties(String rName) {
      this.rName = rName;
    }

    /** The name R's coxph uses for it, e.g. "efron". */
    public String rName() {
      return rName;
    }
  }

  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
  private static final double Z975 = NORMAL.inverseSurvivalProbability(0.025);

  private final Ties ties;

  private CoxRegression(Ties ties) {
    this.ties = ties;
  }

  /** Efron ties. */
  public static CoxRegression withDefaults() {
    return new CoxRegression(Ties.EFRON);
  }

  /** The same regression with another handling of ties. */
  public CoxRegression with(Ties t) {
    return new CoxRegression(t);
  }

  public Ties ties() {
    return ties;
  }

  /**
   * Fits the model. With no events at all nothing is estimable: the fit says so
   * ({@link CoxFit#estimable()} false) and holds no numbers but n.
   */
  public CoxFit fit(CoxDesign design) {
    design = timefix(design);
    int n = design.n();
    int p = design.columns().size();
    if (p == 0) {
      throw new IllegalArgumentException("a Cox model needs at least one term");
    }
    if (!design.countingProcess()) {
      return fit(new LocalCoxPasses(design, null), design.columns(), design.terms());
    }
    if (design.events() == 0) {
      return CoxFit.noEvents(n, ties, design.columns());
    }
    boolean efron = ties == Ties.EFRON;
    CoxNewton.Result r = new CoxNewton(design, efron).fit();
    double[] lp = linearPredictor(design, r.beta(), r);
    CoxConcordance concordance = CoxConcordance.of(design.startView(), design.timeView(), design.eventView(),
        design.stratumView(), lp);
    return finish(n, design.events(), design.columns(), r, concordance, CoxPhTest.of(design, r.beta(), lp, efron));
  }

  /**
   * Fits right-censored data from the passes of any engine (the local engine's arrays, Spark's partitions): coxph's
   * Newton-Raphson loop, the convergence, rank and infinite-coefficient checks, the tests, the concordance and
   * cox.zph, all finished here from the per-time sums the passes return. {@code columns} names the covariates and
   * {@code terms} gives each term's columns. With no events nothing is estimable ({@link CoxFit#estimable()} false).
   */
  public CoxFit fit(CoxPasses passes, List<String> columns, Map<String, int[]> terms) {
    CoxGroups groups = passes.groups();
    int n = Math.toIntExact(groups.n());
    int events = Math.toIntExact(groups.totalEvents());
    if (columns.isEmpty() || passes.columns() != columns.size()) {
      throw new IllegalArgumentException("a Cox model needs at least one term, and one name per covariate");
    }
    if (events == 0) {
      return CoxFit.noEvents(n, ties, columns);
    }
    boolean efron = ties == Ties.EFRON;
    CoxNewton.Result r = new CoxNewton(passes, efron).fit();
    CoxConcordance concordance = passes.concordance(r.beta(), r.means());
    CoxPhTest ph = CoxPhTest.of(passes, r.beta(), r.means(), efron, terms);
    return finish(n, events, columns, r, concordance, ph);
  }

  /** The coefficients (diverged ones without numbers), the tests and the fit, from the Newton result. */
  private CoxFit finish(int n, int events, List<String> columns, CoxNewton.Result r, CoxConcordance concordance,
      CoxPhTest ph) {
    int p = columns.size();
    double[] beta = r.beta();
    double[][] var = r.variance();
    // coxph.fit: infs <- abs(u %*% var), the size of one more Newton step
    boolean[] diverged = new boolean[p];
    for (int j = 0; j < p; j++) {
      double step = 0;
      for (int k = 0; k < p; k++) {
        step += r.score()[k] * var[k][j];
      }
      step = Math.abs(step);
      diverged[j] = !Double.isFinite(r.score()[j]) || step > CoxNewton.EPS && step > CoxNewton.TOLER_INF * Math.abs(beta[j])
          || var[j][j] == 0;
    }
    List<CoxCoefficient> coefficients = new ArrayList<>();
    List<String> divergedNames = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      String term = columns.get(j);
      double se = Math.sqrt(var[j][j]);
      double z = beta[j] / se;
      if (diverged[j]) {
        coefficients.add(CoxCoefficient.diverged(term, se, z, 2 * NORMAL.survivalProbability(Math.abs(z))));
        divergedNames.add(term);
        continue;
      }
      coefficients.add(new CoxCoefficient(term, beta[j], se, z, 2 * NORMAL.survivalProbability(Math.abs(z)),
          Math.exp(beta[j]), Math.exp(beta[j] - Z975 * se), Math.exp(beta[j] + Z975 * se),
          CoxCoefficient.Estimability.ESTIMATED));
    }
    double lr = 2 * (r.logLik() - r.logLikInit());
    double wald = waldStatistic(beta, var);
    return new CoxFit(n, events, ties, r.converged(), r.iterations(), r.logLik(), r.logLikInit(),
        -2 * r.logLik() + 2 * p, test(lr, p), test(wald, p), test(r.scoreTest(), p), concordance, coefficients,
        var, divergedNames, ph);
  }

  /**
   * A Cox fit with a robust variance: {@code fit} holds the robust standard errors, z, p, limits, covariance
   * and Wald test (its likelihood-ratio and score tests are the model's, its concordance the weighted one with
   * the cluster-summed jackknife se, as coxph's, and its proportional-hazards test absent), and {@code seNaive} the model-based standard errors
   * ({@code sqrt(diag(fit$naive.var))}).
   */
  public record RobustCoxFit(CoxFit fit, double[] seNaive) {
    public RobustCoxFit {
      seNaive = seNaive.clone();
    }

    @Override
    public double[] seNaive() {
      return seNaive.clone();
    }
  }

  /**
   * Fits with case weights and the robust (sandwich) variance, as {@code coxph(..., weights = w, robust =
   * TRUE)} or, with clusters, {@code coxph(..., cluster = g)}: the variance is D'D with D the weighted dfbeta
   * residuals ({@code residuals(fit, "dfbeta", weighted = TRUE)}, score residuals times the naive variance)
   * summed within each cluster (each row its own cluster without clusters). Counting-process data
   * ({@code Surv(start, stop, event)}) take their score residuals from {@link CountingScoreResiduals}, so that
   * {@code coxph(Surv(start, stop, event) ~ x, weights = w, cluster = id)} is matched too.
   *
   * @param weights one positive weight per row, or null for all 1
   * @param cluster one cluster index per row, or null for none
   * @throws IllegalArgumentException when the data hold no event
   */
  public RobustCoxFit fitRobust(CoxDesign design, double[] weights, int[] cluster) {
    design = timefix(design);
    int n = design.n();
    int events = design.events();
    int p = design.columns().size();
    if (p == 0) {
      throw new IllegalArgumentException("a Cox model needs at least one term");
    }
    if (events == 0) {
      throw new IllegalArgumentException("no events among the " + n + " rows: the Cox model is not estimable");
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = weights == null ? 1 : weights[i];
      if (!(w[i] > 0) || !Double.isFinite(w[i])) {
        throw new IllegalArgumentException("weights must be positive and finite, not " + w[i]);
      }
    }
    boolean efron = ties == Ties.EFRON;
    CoxNewton.Result r = new CoxNewton(design, efron, w).fit();
    double[] beta = r.beta();
    double[][] naive = r.variance();
    double[] lp = linearPredictor(design, beta, r);
    double[][] resid = design.countingProcess() ? CountingScoreResiduals.of(design, lp, w, efron)
        : scoreResiduals(design, lp, w, efron);
    // dfbeta = score residuals %*% naive variance, times the case weight, summed per cluster
    java.util.Map<Integer, double[]> sums = new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      double[] d = sums.computeIfAbsent(cluster == null ? i : cluster[i], k -> new double[p]);
      for (int j = 0; j < p; j++) {
        double s = 0;
        for (int k = 0; k < p; k++) {
          s += resid[i][k] * naive[k][j];
        }
        d[j] += w[i] * s;
      }
    }
    double[][] var = new double[p][p];
    for (double[] d : sums.values()) {
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          var[a][b] += d[a] * d[b];
        }
      }
    }
    List<CoxCoefficient> coefficients = new ArrayList<>();
    List<String> divergedNames = new ArrayList<>();
    double[] seNaive = new double[p];
    for (int j = 0; j < p; j++) {
      String term = design.columns().get(j);
      seNaive[j] = Math.sqrt(naive[j][j]);
      double step = 0;
      for (int k = 0; k < p; k++) {
        step += r.score()[k] * naive[k][j];
      }
      step = Math.abs(step);
      boolean diverged = !Double.isFinite(r.score()[j])
          || step > CoxNewton.EPS && step > CoxNewton.TOLER_INF * Math.abs(beta[j]) || naive[j][j] == 0;
      double se = Math.sqrt(var[j][j]);
      double z = beta[j] / se;
      if (diverged) {
        coefficients.add(CoxCoefficient.diverged(term, se, z, 2 * NORMAL.survivalProbability(Math.abs(z))));
        divergedNames.add(term);
        continue;
      }
      coefficients.add(new CoxCoefficient(term, beta[j], se, z, 2 * NORMAL.survivalProbability(Math.abs(z)),
          Math.exp(beta[j]), Math.exp(beta[j] - Z975 * se), Math.exp(beta[j] + Z975 * se),
          CoxCoefficient.Estimability.ESTIMATED));
    }
    double lr = 2 * (r.logLik() - r.logLikInit());
    CoxFit fit = new CoxFit(n, events, ties, r.converged(), r.iterations(), r.logLik(), r.logLikInit(),
        -2 * r.logLik() + 2 * p, test(lr, p), test(waldStatistic(beta, var), p), test(r.scoreTest(), p),
        CoxConcordance.of(design.startView(), design.timeView(), design.eventView(), design.stratumView(), lp, w,
            cluster), coefficients, var, divergedNames, null);
    return new RobustCoxFit(fit, seNaive);
  }

  /**
   * Score residuals in row order, as survival's coxscore2 (residuals(fit, type = "score")): rows sorted by
   * stratum, time and events before censorings; Breslow or Efron ties; {@code lp} the linear predictor.
   */
  private static double[][] scoreResiduals(CoxDesign design, double[] lp, double[] weights, boolean efron) {
    int n = design.n();
    int p = design.columns().size();
    double[] t0 = design.timeView();
    boolean[] e0 = design.eventView();
    int[] s0 = design.stratumView();
    double[][] x0 = design.xView();
    int[] order = CoxOrder.sort(n, (i, j) -> s0[i] != s0[j] ? Integer.compare(s0[i], s0[j])
        : t0[i] != t0[j] ? Double.compare(t0[i], t0[j]) : Boolean.compare(e0[j], e0[i]));
    double[] time = new double[n];
    boolean[] status = new boolean[n];
    boolean[] last = new boolean[n];
    double[][] x = new double[n][];
    double[] score = new double[n];
    double[] w = new double[n];
    for (int k = 0; k < n; k++) {
      int i = order[k];
      time[k] = t0[i];
      status[k] = e0[i];
      last[k] = k == n - 1 || s0[order[k + 1]] != s0[i];
      x[k] = x0[i];
      score[k] = Math.exp(lp[i]);
      w[k] = weights[i];
    }
    double[][] resid = new double[n][p];
    double[] a = new double[p];
    double[] a2 = new double[p];
    double denom = 0;
    double eDenom = 0;
    double deaths = 0;
    double meanwt = 0;
    for (int i = n - 1; i >= 0; i--) {
      if (last[i]) {
        denom = 0;
        java.util.Arrays.fill(a, 0);
      }
      double risk = score[i] * w[i];
      denom += risk;
      if (status[i]) {
        deaths++;
        eDenom += risk;
        meanwt += w[i];
        for (int j = 0; j < p; j++) {
          a2[j] += risk * x[i][j];
        }
      }
      for (int j = 0; j < p; j++) {
        a[j] += risk * x[i][j];
      }
      if (deaths > 0 && (i == 0 || last[i - 1] || time[i] != time[i - 1])) {
        if (deaths < 2 || !efron) {
          double hazard = meanwt / denom;
          for (int j = 0; j < p; j++) {
            double xbar = a[j] / denom;
            for (int k = i; k < n; k++) {
              double d = x[k][j] - xbar;
              if (time[k] == time[i] && status[k]) {
                resid[k][j] += d;
              }
              resid[k][j] -= d * score[k] * hazard;
              if (last[k]) {
                break;
              }
            }
          }
        } else {
          meanwt /= deaths;
          for (int dd = 0; dd < deaths; dd++) {
            double downwt = dd / deaths;
            double temp = denom - downwt * eDenom;
            double hazard = meanwt / temp;
            for (int j = 0; j < p; j++) {
              double mean = (a[j] - downwt * a2[j]) / temp;
              for (int k = i; k < n; k++) {
                double d = x[k][j] - mean;
                if (time[k] == time[i] && status[k]) {
                  resid[k][j] += d / deaths;
                  resid[k][j] -= d * score[k] * hazard * (1 - downwt);
                } else {
                  resid[k][j] -= d * score[k] * hazard;
                }
                if (last[k]) {
                  break;
                }
              }
            }
          }
        }
        eDenom = 0;
        deaths = 0;
        meanwt = 0;
        java.util.Arrays.fill(a2, 0);
      }
    }
    double[][] out = new double[n][];
    for (int k = 0; k < n; k++) {
      out[order[k]] = resid[k];
    }
    return out;
  }

  /**
   * Times that differ by rounding error only are made equal, as coxph does by default
   * ({@code coxph.control(timefix = TRUE)}, survival's {@code aeqSurv}): sorted distinct times whose gap is
   * at most sqrt(machine epsilon), absolutely or relative to the mean distinct time, are tied to the
   * smaller one. Times computed from dates (days / 30.44) otherwise split ties R sees.
   */
  static CoxDesign timefix(CoxDesign design) {
    double[] time = design.timeView();
    double[] start = design.startView();
    double[] all = start == null ? time : java.util.stream.DoubleStream.concat(java.util.Arrays.stream(time),
        java.util.Arrays.stream(start)).toArray();
    double[] c = timefixCuts(java.util.Arrays.stream(all).sorted().distinct().toArray());
    if (c == null) {
      return design;
    }
    double[] fixed = snap(time, c);
    double[] fixedStart = start == null ? null : snap(start, c);
    if (fixedStart != null) {
      for (int i = 0; i < fixed.length; i++) {
        if (!(fixedStart[i] < fixed[i])) {
          throw new IllegalArgumentException("row " + i + ": start and stop times differ by rounding error only");
        }
      }
    }
    return new CoxDesign(fixed, design.eventView(), design.stratumView(), design.strata(), design.xView(),
        design.columns(), design.terms(), fixedStart);
  }

  /**
   * coxph's timefix ({@code aeqSurv}) on the sorted distinct times {@code y}: the times left after those whose gap
   * to the previous one is at most sqrt(machine epsilon), absolutely or relative to the mean |time|, are tied to
   * it (sorted); null when no two times are tied so.
   */
  static double[] timefixCuts(double[] y) {
    if (y.length < 2) {
      return null;
    }
    double tolerance = Math.sqrt(Math.ulp(1.0));
    double meanAbs = 0;
    for (double v : y) {
      meanAbs += Math.abs(v);
    }
    meanAbs /= y.length;
    List<Double> cuts = new ArrayList<>();
    cuts.add(y[0]);
    boolean anyTied = false;
    for (int k = 1; k < y.length; k++) {
      double dy = y[k] - y[k - 1];
      boolean tied = dy <= tolerance || dy / meanAbs <= tolerance;
      anyTied |= tied;
      if (!tied) {
        cuts.add(y[k]);
      }
    }
    return anyTied ? cuts.stream().mapToDouble(Double::doubleValue).toArray() : null;
  }

  private static double[] snap(double[] time, double[] c) {
    double[] fixed = new double[time.length];
    for (int i = 0; i < time.length; i++) {
      int k = java.util.Arrays.binarySearch(c, time[i]);
      fixed[i] = k >= 0 ? c[k] : c[-k - 2];
    }
    return fixed;
  }

  /** lp = X b - sum(b * means), as coxph's linear.predictors. */
  private static double[] linearPredictor(CoxDesign design, double[] beta, CoxNewton.Result r) {
    double[][] x = design.xView();
    double centre = centre(beta, r.means());
    double[] lp = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      lp[i] = linearPredictor(x[i], beta, centre);
    }
    return lp;
  }

  /** sum(b * means), the centre of coxph's linear predictor. */
  public static double centre(double[] beta, double[] means) {
    double centre = 0;
    for (int j = 0; j < beta.length; j++) {
      centre += beta[j] * means[j];
    }
    return centre;
  }

  /** One row's linear predictor x'b - centre, as coxph's linear.predictors (the same arithmetic on every engine). */
  public static double linearPredictor(double[] x, double[] beta, double centre) {
    double s = 0;
    for (int j = 0; j < beta.length; j++) {
      s += x[j] * beta[j];
    }
    return s - centre;
  }

  /** coxph.wtest: b' V^-1 b, by survival's Cholesky with its tolerance. */
  private static double waldStatistic(double[] beta, double[][] var) {
    int p = beta.length;
    double[][] m = new double[p][p];
    for (int i = 0; i < p; i++) {
      m[i] = var[i].clone();
    }
    CoxNewton.cholesky2(m, p, CoxNewton.TOLER_CHOL);
    double[] b = beta.clone();
    CoxNewton.chsolve2(m, p, b);
    double s = 0;
    for (int j = 0; j < p; j++) {
      s += beta[j] * b[j];
    }
    return s;
  }

  private static CoxFit.ModelTest test(double chisq, int df) {
    return new CoxFit.ModelTest(chisq, df, ChiSquaredDistribution.of(df).survivalProbability(chisq));
  }
}
