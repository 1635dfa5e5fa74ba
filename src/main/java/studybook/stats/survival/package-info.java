/**
 * Survival analysis on primitive arrays: Kaplan-Meier curves, medians and numbers at risk, the log-rank
 * test and median follow-up, each as an immutable record that names its method. Never reads files or formats numbers.
 */
package studybook.stats.survival;
