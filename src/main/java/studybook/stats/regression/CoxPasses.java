package studybook.stats.regression;

/**
 * The passes over a Cox design that a fit needs, wherever the rows are: the local engine's arrays and the Spark
 * engine's partitions each implement them, and {@link CoxRegression#fit(CoxPasses, java.util.List, java.util.Map)}
 * does the rest on the driver (coxph's Newton-Raphson loop with its step-halving and convergence criterion, the
 * risk sets as cumulative sums from the last time down, Breslow or Efron ties, the rank and infinite-coefficient
 * checks, the tests, cox.zph), so both engines follow one set of rules. Each method returns sums over all rows;
 * how they are added (in row order, or compensated over partitions in partition order) is the implementation's.
 * Right-censored data only (counting-process rows have risk sets that are not cumulative sums).
 */
public interface CoxPasses {
  /** The number of covariates. */
  int columns();

  /** The strata and distinct (fixed) times, with their rows and events. */
  CoxGroups groups();

  /** The total case weight, the weighted sum of each covariate, and whether each covariate is 0, 1 or -1 only. */
  Moments moments();

  /** The weighted sum of |x_j - centre_j| of each covariate. */
  double[] absoluteDeviations(double[] centre);

  /** One pass: the sums of {@link CoxTimeSums} per group of {@link #groups()}. */
  CoxTimeSums timeSums(CoxTimeSums.Pass pass);

  /**
   * Harrell's concordance of the linear predictor lp = x'beta - beta'means ({@link CoxRegression#linearPredictor})
   * with the fixed times, within strata, as {@link CoxConcordance}.
   */
  CoxConcordance concordance(double[] beta, double[] means);

  /** What {@link #moments()} returns. */
  record Moments(double weight, double[] sums, boolean[] zeroOne) {}
}
