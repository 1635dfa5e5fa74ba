package studybook.data;

/** How a variable is analysed: as levels to count, or as numbers to summarise. */
public enum VariableKind {
  /** Levels in a declared order; the first is the reference level. */
  CATEGORICAL,
  /** Numbers; missing values are NaN. */
  CONTINUOUS
}
