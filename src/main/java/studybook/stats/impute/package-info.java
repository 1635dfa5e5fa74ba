/**
 * Multiple imputation by chained equations, as R's mice with its defaults (predictive mean matching for numbers,
 * Bayesian logistic regression for binary factors, polytomous regression for unordered factors). Written by hand:
 * no Java library does this. Computes on arrays; the study facility is {@code studybook.tables.Imputation}.
 */
package studybook.stats.impute;
