package studybook.registry;

/**
 * A SplitMix64 generator (Steele, Lea and Flood 2014), written out here rather than taken from
 * {@link java.util.SplittableRandom} so that the registry's bytes for a seed are pinned by this code,
 * not by whichever JDK runs it; transcendental functions go through {@link StrictMath} for the same reason.
 */
final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform on [0, 1) with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform on (0, 1], safe to take the logarithm of. */
  double nextOpenDouble() {
    return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Standard normal by Box-Muller; one draw per call keeps the stream position easy to reason about. */
  double nextGaussian() {
    double radius = StrictMath.sqrt(-2.0 * StrictMath.log(nextOpenDouble()));
    return radius * StrictMath.cos(2.0 * StrictMath.PI * nextDouble());
  }

  /** Exponential with the given rate. */
  double nextExponential(double rate) {
    return -StrictMath.log(nextOpenDouble()) / rate;
  }
}
