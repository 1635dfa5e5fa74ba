package studybook.claims;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number as the paper prints it.
 *
 * @param text the printed text, e.g. {@code <0.001} or {@code 31.0}
 * @param value the number, without a leading "&lt;"
 * @param decimals the number of printed decimals (0 for {@code 322}, 1 for {@code 31.0})
 * @param below whether the text starts with "&lt;"
 */
public record PrintedValue(String text, BigDecimal value, int decimals, boolean below) {
  public PrintedValue {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Reads a printed number: optional "&lt;", optional sign, digits with an optional decimal point, and
   * an optional exponent as R prints one ({@code 4.0225e-06}: ten decimals; {@code <2e-16}). Trailing
   * zeros count ("31.0" has one decimal). No thousands separators or decimal commas.
   *
   * @throws IllegalArgumentException with a reason when {@code text} is not such a number
   */
  public static PrintedValue parse(String text) {
    String t = text.strip();
    boolean below = t.startsWith("<");
    String number = below ? t.substring(1).strip() : t;
    if (!number.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw new IllegalArgumentException(number.contains(",")
          ? "not a printed number: write it with a decimal point and no thousands separator"
          : "not a printed number");
    }
    BigDecimal v = new BigDecimal(number);
    return new PrintedValue(t, v, Math.max(0, v.scale()), below);
  }

  /** Whether the paper printed it in scientific notation, as R does ({@code 4.0225e-06}). */
  public boolean scientific() {
    return text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
  }

  /**
   * The bound a "&lt;" value stands for: R prints every p below its machine epsilon (2.22e-16) as
   * {@code <2e-16}, so that text means below 2.220446049250313e-16; any other, its own value.
   */
  public double belowBound() {
    return below && scientific() && value.compareTo(new BigDecimal("2e-16")) == 0 ? Math.ulp(1.0) : value.doubleValue();
  }
}
