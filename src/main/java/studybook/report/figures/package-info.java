/**
 * Figures as SVG: pure functions from small immutable records to deterministic SVG text (cohort flow,
 * forest plot, Kaplan-Meier). Numbers become text only through the formatters handed in; nothing is recomputed.
 */
package studybook.report.figures;
