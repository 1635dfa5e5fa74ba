package studybook.stats.describe;

/**
 * The summary of a continuous variable over its non-missing values.
 *
 * <p>Quartiles and median follow R's default {@code quantile(type = 7)}; {@code sd} has the n - 1
 * denominator. Statistics that need more values than there are (the mean of nothing, the SD of one
 * value) are NaN.
 *
 * @param n non-missing values
 * @param missing missing (NaN) values
 */
public record Summary(int n, int missing, double mean, double sd, double median, double q1, double q3,
    double min, double max) {}
