package studybook.stats.propensity;

/**
 * Per-group summaries of the scores and of the weights.
 *
 * @param psMin smallest propensity score in the group
 * @param psMedian median score (as R's median: the mean of the two middle values for an even count)
 * @param psMax largest score
 * @param weightSum sum of the weights over the rows with weight > 0
 * @param ess effective sample size (Σw)²/Σw² over those rows
 * @param weightMax largest weight
 */
public record GroupSummary(double psMin, double psMedian, double psMax, double weightSum, double ess,
    double weightMax) {}
