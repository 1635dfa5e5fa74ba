package studybook.report.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Stand-ins for the report's number style, so figure tests do not depend on it. */
final class Formats {
  private Formats() {}

  static String plain(double v) {
    if (Double.isNaN(v)) {
      return "NA";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  static String twoDecimals(double v) {
    if (!Double.isFinite(v)) {
      return plain(v);
    }
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String whole(double v) {
    return Long.toString(Math.round(v));
  }

  static final FigureNumbers NUMBERS = new FigureNumbers(Formats::plain, Formats::twoDecimals, Formats::whole);
}
