package studybook.twin;

import java.util.function.Consumer;
import studybook.claims.ClaimsFile;

/**
 * What a {@link TwinGenerator} is asked to reproduce.
 *
 * @param claims the claims file the candidate must reproduce (through the study's own cells)
 * @param seed the seed given to {@code studybook twin} (or the study's seed)
 * @param attempt 0 for the first attempt, 1 for the second, ...: a generator draws a fresh random
 *     stream for each so that a failed attempt is not repeated
 * @param progress receives progress lines (printed to stderr by the command)
 */
public record TwinRequest(ClaimsFile claims, long seed, int attempt, Consumer<String> progress) {}
