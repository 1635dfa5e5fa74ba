package studybook.report.figures;

/**
 * Text width estimated from character classes, deliberately on the wide side of DejaVu Sans and
 * Arial. Font metrics from AWT would depend on the fonts installed on the machine and so break
 * byte-identical output; an estimate that errs wide only costs a little white space.
 */
public final class TextMetrics {
  /** Height above the baseline, as a fraction of the font size. */
  public static final double ASCENT = 0.80;
  /** Depth below the baseline, as a fraction of the font size. */
  public static final double DESCENT = 0.25;

  private TextMetrics() {}

  /** Estimated advance width in px of {@code text} at {@code size} px. */
  public static double width(String text, double size) {
    double em = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      em += advance(cp);
      i += Character.charCount(cp);
    }
    return em * size;
  }

  /** Advance widths in em, rounded up from DejaVu Sans (the widest of the usual sans-serif fonts). */
  private static double advance(int cp) {
    if ("ijl.,:;'|!".indexOf(cp) >= 0) {
      return 0.32;
    }
    if (cp == ' ' || "frt()[]{}-/\\\"".indexOf(cp) >= 0) {
      return 0.42;
    }
    if (cp == 'm' || cp == 'w' || cp == 'M' || cp == 'W' || cp == '%' || cp == '@') {
      return 0.98;
    }
    if (cp >= '0' && cp <= '9') {
      return 0.64;
    }
    if (cp >= 'A' && cp <= 'Z') {
      return 0.76;
    }
    if (cp >= 'a' && cp <= 'z') {
      return 0.63;
    }
    if (cp == '=' || cp == '+' || cp == '<' || cp == '>' || cp == '\u2013' || cp == '\u2212') {
      return 0.84;
    }
    return 0.80;
  }
}
