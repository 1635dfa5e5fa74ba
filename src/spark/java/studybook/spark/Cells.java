package studybook.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.text.Normalizer;
import studybook.data.AdhocLoader;
import studybook.data.Numbers;

/**
 * How one cell of a Spark row reads by the ad-hoc conventions (CONTRACT.md), the same rules as the local
 * loader: text is stripped of surrounding space and composed (NFC); empty and {@code NA} are missing; a
 * number is what {@link Numbers#looksNumeric} accepts. Parquet's typed cells read as their values.
 */
final class Cells implements Serializable {
  private static final long serialVersionUID = 1L;

  private Cells() {}

  static final int MISSING = 0;
  static final int NUMBER = 1;
  static final int TEXT = 2;

  /** The cell as a person reads it, or null when missing. */
  static String text(Object cell) {
    if (cell == null) {
      return null;
    }
    String t;
    if (cell instanceof String s) {
      t = s.strip();
      if (!Normalizer.isNormalized(t, Normalizer.Form.NFC)) {
        t = Normalizer.normalize(t, Normalizer.Form.NFC);
      }
    } else if (cell instanceof Boolean b) {
      t = b ? "TRUE" : "FALSE";
    } else if (cell instanceof Double || cell instanceof Float) {
      double v = ((Number) cell).doubleValue();
      if (Double.isNaN(v)) {
        return null;
      }
      t = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    } else if (cell instanceof BigDecimal d) {
      t = d.stripTrailingZeros().toPlainString();
    } else {
      t = cell.toString();
    }
    return AdhocLoader.MISSING_TOKENS.contains(t) ? null : t;
  }

  /** MISSING, NUMBER or TEXT. */
  static int kind(Object cell) {
    if (cell instanceof Number n) {
      return Double.isNaN(n.doubleValue()) ? MISSING : NUMBER;
    }
    String t = text(cell);
    return t == null ? MISSING : Numbers.looksNumeric(t) ? NUMBER : TEXT;
  }

  /** The number in a cell of kind NUMBER; NaN for a missing one. Negative zero reads as zero, as locally. */
  static double number(Object cell) {
    if (cell instanceof Number n) {
      double v = n.doubleValue();
      return v == 0.0 ? 0.0 : v;
    }
    String t = text(cell);
    return t == null ? Double.NaN : Numbers.parse(t);
  }
}
