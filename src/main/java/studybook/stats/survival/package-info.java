/**
 * Survival analysis on primitive arrays: Kaplan-Meier curves, medians and numbers at risk, the log-rank
 * test, median follow-up, the event coding of a status column as R's Surv reads it, and competing risks
 * (Aalen-Johansen cumulative incidence, Gray's test), each as an immutable record that names its method.
 * Never reads files or formats numbers.
 */
package studybook.stats.survival;
