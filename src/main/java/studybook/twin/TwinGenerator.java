package studybook.twin;

import java.util.Optional;

/**
 * A study's generator of synthetic data: a public class with a public no-argument constructor in the
 * study's {@code analysis/twin/} folder implementing this interface. {@code studybook twin} asks it for
 * a candidate data file once per attempt and accepts the first candidate on which the study's own
 * cells, run through the kernel, reproduce every claim of the claims file. The generator knows the
 * study; the kernel only knows that a candidate must pass {@code verify}.
 *
 * <p>Example (a study with a codebook of {@code id,group,age}):
 * <pre>{@code
 * public class MyTwin implements TwinGenerator {
 *   public Optional<String> propose(TwinRequest request) {
 *     SplittableRandom random = new SplittableRandom(request.seed() + request.attempt());
 *     StringBuilder csv = new StringBuilder("id,group,age\n");
 *     ...
 *     return Optional.of(csv.toString());
 *   }
 * }
 * }</pre>
 */
public interface TwinGenerator {
  /**
   * A candidate data file for this attempt: the CSV text the study's {@code data} setting would name
   * (header first, LF line ends), deterministic for the request's seed and attempt; empty when this
   * attempt found no candidate worth checking (the next attempt is asked).
   */
  Optional<String> propose(TwinRequest request);
}
