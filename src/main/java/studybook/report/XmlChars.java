package studybook.report;

/**
 * Characters that no output may carry: those XML 1.0 does not allow (C0 controls but tab, line feed
 * and carriage return; U+FFFE, U+FFFF; unpaired surrogates), which HTML5 also counts as parse errors.
 * POI writes them as they are (or as character references XML forbids too): one in a study's title
 * made the Word file's docProps/core.xml unreadable. The Word writer passes every text through
 * {@link #legal}, and so do {@link NumberStyle#md} and every rendered template (report.md and the page).
 */
public final class XmlChars {
  private XmlChars() {}

  /** {@code text} with each character XML 1.0 does not allow replaced by U+FFFD (null stays null). */
  public static String legal(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      boolean ok = pair || c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c < 0xD800 || c > 0xDFFF && c < 0xFFFE;
      if (!ok && b == null) {
        b = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (b != null) {
        b.append(ok ? c : '\uFFFD');
        if (pair) {
          b.append(text.charAt(i + 1));
        }
      }
      if (pair) {
        i++;
      }
    }
    return b == null ? text : b.toString();
  }
}
