package studybook.kernel;

/** How a run uses the on-disk cell cache. */
public enum CacheMode {
  /** Reuse a cell's cached result when its code, inputs and seed are unchanged; store new results. */
  USE,
  /** Recompute every cell ("forced") and store the new results. */
  REFRESH,
  /** Recompute every cell and leave the cache alone (as {@code check} does). */
  OFF
}
