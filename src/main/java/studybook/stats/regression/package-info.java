/**
 * Binary logistic regression on primitive arrays: maximum likelihood and Firth's penalized likelihood,
 * Wald and profile-likelihood limits, term tests, separation checks, univariable screening; Cox
 * proportional-hazards regression as survival's coxph (with cox.zph and concordance). Returns
 * immutable records; never touches Tablesaw, files, Locale or text formatting.
 */
package studybook.stats.regression;
