package studybook.stats.propensity;

/**
 * One row of a balance table.
 *
 * @param term the covariate, or {@code variable=level}
 * @param level whether the row is a level indicator ("level") rather than a continuous covariate ("continuous")
 * @param smdBefore standardized mean difference, unweighted
 * @param smdAfter standardized mean difference, weighted (same denominator as before)
 * @param vrBefore variance ratio treated over control, unweighted; NaN for a level indicator
 * @param vrAfter variance ratio treated over control, weighted; NaN for a level indicator
 */
public record BalanceRow(String term, boolean level, double smdBefore, double smdAfter, double vrBefore,
    double vrAfter) {}
