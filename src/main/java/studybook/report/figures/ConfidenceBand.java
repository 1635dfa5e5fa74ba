package studybook.report.figures;

/** Whether a Kaplan-Meier figure shades the pointwise confidence band. */
public enum ConfidenceBand {
  SHOWN,
  HIDDEN
}
