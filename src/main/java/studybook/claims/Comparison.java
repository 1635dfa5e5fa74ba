package studybook.claims;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a printed value is read as the set of recomputed values it stands for. Each claim declares
 * one; rounding is half-up (half away from zero) unless a claim says otherwise.
 */
public enum Comparison {
  /** A count: the recomputed value must equal the printed one. */
  EXACT,
  /** The interval that rounds half-up to the printed value at its printed decimals: 0.041 means [0.0405, 0.0415). */
  HALF_UP,
  /** "&lt;0.001": strictly below the printed threshold (and not below 0 for non-negative kinds). */
  BELOW,
  /**
   * A printed value equal to the paper's "&lt;" threshold: in a paper that prints p &lt; 0.001 as
   * "&lt;0.001", a printed 0.001 cannot stand for 0.0005 <= p < 0.001, so it means [0.001, 0.0015).
   */
  FLOOR_HALF_UP;

  /** The token in the claims file, e.g. {@code half_up}. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Comparison> fromToken(String token) {
    return Arrays.stream(values()).filter(c -> c.token().equals(token)).findFirst();
  }

  public static List<String> tokens() {
    return Arrays.stream(values()).map(Comparison::token).toList();
  }

  /** The window of recomputed values that reproduce {@code printed} under this comparison. */
  public Window window(PrintedValue printed, ClaimKind kind) {
    BigDecimal v = printed.value();
    BigDecimal half = BigDecimal.ONE.movePointLeft(printed.decimals()).divide(BigDecimal.valueOf(2));
    return switch (this) {
      case EXACT -> new Window(v.doubleValue(), v.doubleValue(), true, true);
      case HALF_UP -> {
        int sign = v.signum();
        double low = v.subtract(half).doubleValue();
        double high = v.add(half).doubleValue();
        // Half away from zero: the boundary on the far side of zero belongs to the printed value.
        yield sign > 0 ? new Window(low, high, true, false)
            : sign < 0 ? new Window(low, high, false, true)
            : new Window(low, high, false, false);
      }
      case BELOW -> new Window(kind.nonNegative() ? 0.0 : Double.NEGATIVE_INFINITY, printed.belowBound(), true, false);
      case FLOOR_HALF_UP -> new Window(v.doubleValue(), v.add(half).doubleValue(), true, false);
    };
  }

  /**
   * The values that reproduce {@code printed} with room to spare, so that other software, differing
   * in the last digits, prints the same: the inner half of a rounding window (within a quarter of its
   * width of its centre) and, for "below t", the values up to t/2.
   */
  public Window safeWindow(PrintedValue printed, ClaimKind kind) {
    Window w = window(printed, kind);
    if (this == BELOW) {
      double t = printed.value().doubleValue();
      return t > 0 ? new Window(w.low(), t / 2, true, true) : w;
    }
    return w.innerHalf();
  }
}
