package studybook.stats.regression;

/**
 * The passes over a linear design that a least-squares fit needs, wherever the rows are: the local engine's
 * arrays and the Spark engine's partitions each implement them, and
 * {@link LinearRegression#fit(LinearPasses, java.util.List)} does the rest (R's aliasing rule, the solve, the
 * residual variance, R², the F test, the standard errors and the t table), so both give the same numbers. Each
 * method returns sums over all rows, accumulated by {@link LinearSums} and combined in a fixed order.
 */
public interface LinearPasses {
  /** The number of design columns (column 0 the intercept of ones). */
  int columns();

  /** One pass: the rows, [X y]' W [X y] and the sum of the logarithms of the weights. */
  LinearSums.CrossProducts crossProducts();

  /**
   * A second pass, for HC3 standard errors only: the meat at the fitted coefficients.
   *
   * @param kept the estimable columns
   * @param beta their coefficients
   * @param unscaled (X'WX)^-1 over them
   */
  double[][] hc3Meat(int[] kept, double[] beta, double[][] unscaled);

  /** Whether the rows carry clusters (cluster-robust standard errors). */
  default boolean clustered() {
    return false;
  }

  /**
   * The cluster-robust covariance (as sandwich::vcovCL with its defaults) at the fitted coefficients; only for
   * passes that are {@link #clustered()}.
   */
  default double[][] clusterCovariance(int[] kept, double[] beta, double[][] unscaled) {
    throw new UnsupportedOperationException("these rows carry no clusters");
  }
}
