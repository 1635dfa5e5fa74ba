package studybook.manuscript;

import java.math.BigDecimal;
import java.math.RoundingMode;
import studybook.claims.Comparison;
import studybook.claims.PrintedValue;
import studybook.claims.Window;

/**
 * One number in a paragraph of the manuscript, with the words that say what it is.
 *
 * @param paragraph the paragraph it is in
 * @param start where its text starts in the paragraph (at the {@code P} of a p-value)
 * @param end where it ends (after a {@code %})
 * @param head what precedes the relation in its text: {@code "P "} in {@code P = 0.041}, else empty
 * @param relation {@code =}, {@code <} or empty
 * @param gap the spaces between the relation and the digits
 * @param digits the number as printed, e.g. {@code 0.041}, {@code 1,234}, {@code ·5}
 * @param tail what follows the digits in its text: {@code %} or empty
 * @param printed the number as the claims machinery reads it
 * @param kind what its words say it is
 * @param strong whether only results of {@code kind} can print it (p-values, odds and hazard ratios, a CI's ends)
 * @param context the sentence around it
 * @param ignored why it is not checked (a year, a citation, a confidence level...), or null
 * @param sdt the token of the studybook content control binding it, or -1
 * @param binding the result path of that binding, or null
 */
record Mention(WordText.Paragraph paragraph, int start, int end, String head, String relation, String gap,
    String digits, String tail, PrintedValue printed, NumberKind kind, boolean strong, String context, String ignored,
    int sdt, String binding) {

  /** The number with the words that are part of it, as printed: {@code P = 0.041}, {@code 31.0%}. */
  String text() {
    return head + relation + gap + digits + tail;
  }

  Mention inContext(String sentence) {
    return new Mention(paragraph, start, end, head, relation, gap, digits, tail, printed, kind, strong, sentence,
        ignored, sdt, binding);
  }

  /** How the printed number is read: "&lt;" below; a p printed as the smallest value its decimals show means at least it. */
  Comparison comparison() {
    if (relation.equals("<")) {
      return Comparison.BELOW;
    }
    if (kind == NumberKind.P && printed.value().compareTo(BigDecimal.ONE.movePointLeft(printed.decimals())) == 0) {
      return Comparison.FLOOR_HALF_UP;
    }
    return Comparison.HALF_UP;
  }

  /** The recomputed values that print as this number (the claims machinery's window). */
  Window window() {
    return comparison().window(printed, kind.claimKind());
  }

  /** The text a result of {@code value} prints as, in this number's own form and decimals. */
  String print(double value) {
    int d = printed.decimals();
    if (kind == NumberKind.P) {
      BigDecimal smallest = BigDecimal.ONE.movePointLeft(d);
      if (value < smallest.doubleValue() && d > 0) {
        return head + "<" + (relation.isEmpty() ? "" : gap) + digits(smallest) + tail;
      }
      return head + (relation.equals("<") ? "=" : relation) + gap + digits(BigDecimal.valueOf(value)) + tail;
    }
    return head + relation + gap + digits(BigDecimal.valueOf(value)) + tail;
  }

  /** {@code v} rounded half-up at this number's decimals, with its decimal mark, thousands commas, leading zero and minus sign. */
  private String digits(BigDecimal v) {
    BigDecimal r = v.setScale(printed.decimals(), RoundingMode.HALF_UP);
    boolean negative = r.signum() < 0;
    String plain = r.abs().toPlainString();
    String whole = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
    String fraction = plain.contains(".") ? plain.substring(plain.indexOf('.') + 1) : "";
    if (digits.contains(",")) {
      whole = String.format(java.util.Locale.ROOT, "%,d", new java.math.BigInteger(whole));
    }
    String unsigned = digits.replaceFirst("^[-\u2212]", "");
    if (!fraction.isEmpty() && whole.equals("0") && (unsigned.startsWith(".") || unsigned.startsWith("\u00B7"))) {
      whole = "";
    }
    char mark = digits.contains("\u00B7") ? '\u00B7' : '.';
    String minus = digits.startsWith("\u2212") ? "\u2212" : "-";
    return (negative ? minus : "") + whole + (fraction.isEmpty() ? "" : mark + fraction);
  }
}
