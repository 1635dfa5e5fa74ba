/**
 * Regression on primitive arrays: binary logistic regression (maximum likelihood and Firth's penalized
 * likelihood, Wald and profile-likelihood limits, term tests, separation checks, univariable screening),
 * linear regression (least squares, classical or HC3 standard errors) and Cox proportional-hazards
 * regression as survival's coxph (with cox.zph and concordance), with rank deficiency found as R finds
 * it ({@link studybook.stats.regression.RankRevealingQr}) and aliased terms reported. Returns immutable
 * records; never touches Tablesaw, files, Locale or text formatting.
 */
package studybook.stats.regression;
