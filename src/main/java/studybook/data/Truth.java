package studybook.data;

/**
 * A truth value with missing as the third value, as R's logical vectors: {@code NA & FALSE} is
 * FALSE, {@code NA & TRUE} is NA, {@code NA | TRUE} is TRUE, {@code NA | FALSE} is NA and {@code !NA}
 * is NA (Kleene's strong three-valued logic; R's {@code &}, {@code |} and {@code !}).
 */
public enum Truth {
  TRUE,
  FALSE,
  /** Not known: a value the condition needs is missing. */
  NA;

  /** TRUE or FALSE. */
  public static Truth of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** As R's {@code &}: FALSE wins over NA, NA over TRUE. */
  public Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == NA || other == NA ? NA : TRUE;
  }

  /** As R's {@code |}: TRUE wins over NA, NA over FALSE. */
  public Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == NA || other == NA ? NA : FALSE;
  }

  /** As R's {@code !}: NA stays NA. */
  public Truth not() {
    return this == NA ? NA : this == TRUE ? FALSE : TRUE;
  }

  /** Whether this is TRUE: what {@code dplyr::filter} and {@code case_when} keep (NA counts as not true). */
  public boolean isTrue() {
    return this == TRUE;
  }
}
