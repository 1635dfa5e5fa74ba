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
   * Reads a printed number: optional "&lt;", optional sign, digits with an optional decimal point.
   * Trailing zeros count ("31.0" has one decimal). No exponents, thousands separators or decimal commas.
   *
   * @throws IllegalArgumentException with a reason when {@code text} is not such a number
   */
  public static PrintedValue parse(String text) {
    String t = text.strip();
    boolean below = t.startsWith("<");
    String number = below ? t.substring(1).strip() : t;
    if (!number.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
      throw new IllegalArgumentException(number.contains(",")
          ? "not a printed number: write it with a decimal point and no thousands separator"
          : "not a printed number");
    }
    BigDecimal v = new BigDecimal(number);
    return new PrintedValue(t, v, Math.max(0, v.scale()), below);
  }
}
