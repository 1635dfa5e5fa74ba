/**
 * Propensity scores on primitive arrays: the score from the logistic model of treatment on covariates
 * (R's glm, through {@link studybook.stats.regression.LogisticRegression}), inverse-probability weights for
 * the ATE or the ATT (optionally stabilized), greedy nearest-neighbour matching without replacement with a
 * ratio and a caliper (MatchIt's rule), and the balance diagnostics journals print: standardized mean
 * differences and variance ratios before and after, effective sample sizes. Returns immutable records;
 * never touches Tablesaw, files, Locale or text formatting.
 */
package studybook.stats.propensity;
