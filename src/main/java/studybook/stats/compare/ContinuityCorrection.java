package studybook.stats.compare;

/** Whether Pearson's chi-square statistic of a 2 x 2 table is corrected for continuity. */
public enum ContinuityCorrection {
  /** The plain Pearson statistic (studybook's default; R's chisq.test(correct = FALSE)). */
  NONE,
  /** Yates: |O - E| reduced by min(0.5, |O - E|), 2 x 2 tables only; R's chisq.test default. */
  YATES
}
