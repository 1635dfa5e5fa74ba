package studybook.kernel;

import java.util.Map;

/**
 * What happened to one cell in a run, for the manifest and the log.
 *
 * @param computed false when the result came from the cache
 * @param reason why it was computed ("not cached", "code changed", "input changed", "forced",
 *     "cache entry corrupt", "result not cacheable"), or "unchanged" when it was not
 * @param codeHash SHA-256 of the cell's script file
 * @param inputHashes the content hash of each input, by input name, in parameter order
 * @param outputHash the content hash of the result
 * @param seed the cell's seed, derived from the study seed and the cell name
 * @param cached whether the result is now in the cache (false for results that cannot round-trip, e.g. a Frame)
 */
public record CellOutcome(String name, String description, String script, boolean computed, String reason,
    long durationMicros, String codeHash, Map<String, String> inputHashes, String outputHash, long seed,
    boolean cached) {
  public CellOutcome {
    inputHashes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputHashes));
  }
}
