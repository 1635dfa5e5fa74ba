package studybook.tables;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an odds- or hazard-ratio table is shown, beside what it estimates: reference rows or not, and
 * the decimals of its ratios and limits, per table and per term.
 *
 * @param referenceRows whether each categorical variable shows as a heading, its reference level with
 *     "—" (as gtsummary prints it), and its other levels below; otherwise a row per term
 *     ("Sex: Female vs Male")
 * @param digits the decimals of every ratio and limit, or {@link TableValue#STYLE} for
 *     {@code style.or_decimals} (widened where a nonzero ratio would print as 0)
 * @param termDigits decimals of single terms ({@code "age"}, {@code "sex=female"}), over {@code digits}
 */
public record RatioDisplay(boolean referenceRows, int digits, Map<String, Integer> termDigits) {
  /** A row per term, the style's decimals. */
  public static final RatioDisplay DEFAULT = new RatioDisplay(false, TableValue.STYLE, Map.of());

  public RatioDisplay {
    termDigits = Collections.unmodifiableMap(new TreeMap<>(termDigits));
    check(digits, "digits(" + digits + ")");
  }

  /** The decimals of {@code term}. */
  int of(String term) {
    return termDigits.getOrDefault(term, digits);
  }

  RatioDisplay withReferenceRows(boolean on) {
    return new RatioDisplay(on, digits, termDigits);
  }

  RatioDisplay withDigits(int decimals) {
    check(decimals, "digits(" + decimals + ")");
    return new RatioDisplay(referenceRows, decimals, termDigits);
  }

  RatioDisplay withDigits(String term, int decimals) {
    check(decimals, "digits(\"" + term + "\", " + decimals + ")");
    Map<String, Integer> d = new TreeMap<>(termDigits);
    d.put(term, decimals);
    return new RatioDisplay(referenceRows, digits, d);
  }

  private static void check(int decimals, String call) {
    if (decimals != TableValue.STYLE && (decimals < 0 || decimals > 15)) {
      throw new studybook.StudybookException(call + ": decimals are 0 to 15");
    }
  }
}
