package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
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
    int events = design.events();
    int p = design.columns().size();
    if (p == 0) {
      throw new IllegalArgumentException("a Cox model needs at least one term");
    }
    if (events == 0) {
      return CoxFit.noEvents(n, ties, design.columns());
    }
    boolean efron = ties == Ties.EFRON;
    CoxNewton.Result r = new CoxNewton(design, efron).fit();
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
      String term = design.columns().get(j);
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
    double[] lp = linearPredictor(design, beta, r);
    CoxConcordance concordance = CoxConcordance.of(design.timeView(), design.eventView(), design.stratumView(), lp);
    CoxPhTest ph = CoxPhTest.of(design, beta, lp, efron);
    return new CoxFit(n, events, ties, r.converged(), r.iterations(), r.logLik(), r.logLikInit(),
        -2 * r.logLik() + 2 * p, test(lr, p), test(wald, p), test(r.scoreTest(), p), concordance, coefficients,
        var, divergedNames, ph);
  }

  /**
   * Times that differ by rounding error only are made equal, as coxph does by default
   * ({@code coxph.control(timefix = TRUE)}, survival's {@code aeqSurv}): sorted distinct times whose gap is
   * at most sqrt(machine epsilon), absolutely or relative to the mean distinct time, are tied to the
   * smaller one. Times computed from dates (days / 30.44) otherwise split ties R sees.
   */
  static CoxDesign timefix(CoxDesign design) {
    double[] time = design.timeView();
    double[] y = java.util.Arrays.stream(time).sorted().distinct().toArray();
    if (y.length < 2) {
      return design;
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
    if (!anyTied) {
      return design;
    }
    double[] c = cuts.stream().mapToDouble(Double::doubleValue).toArray();
    double[] fixed = new double[time.length];
    for (int i = 0; i < time.length; i++) {
      int k = java.util.Arrays.binarySearch(c, time[i]);
      fixed[i] = k >= 0 ? c[k] : c[-k - 2];
    }
    return new CoxDesign(fixed, design.eventView(), design.stratumView(), design.strata(), design.xView(),
        design.columns(), design.terms());
  }

  /** lp = X b - sum(b * means), as coxph's linear.predictors. */
  private static double[] linearPredictor(CoxDesign design, double[] beta, CoxNewton.Result r) {
    double[][] x = design.xView();
    double[] means = r.means();
    double centre = 0;
    for (int j = 0; j < beta.length; j++) {
      centre += beta[j] * means[j];
    }
    double[] lp = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int j = 0; j < beta.length; j++) {
        s += x[i][j] * beta[j];
      }
      lp[i] = s - centre;
    }
    return lp;
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
