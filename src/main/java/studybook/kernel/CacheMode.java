package studybook.kernel;

/** How a run uses the on-disk cell cache. */
public enum CacheMode {
  /** Reuse a cell's cached result when its code, inputs and seed are unchanged; store new results. */
  USE,
  /** Recompute every cell ("forced") and store the new results; compile the scripts from source ({@code verify}). */
  REFRESH,
  /**
   * Recompute every cell ("forced") and store the new results, taking the compiled scripts from the
   * class cache when it holds them for the same source hashes, javac and class path ({@code run --no-cache}).
   */
  RECOMPUTE,
  /** Recompute every cell and leave the cache alone (as {@code check} does). */
  OFF
}
