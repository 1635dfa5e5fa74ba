package studybook;

/**
 * Text from files made safe for a terminal: control characters (C0, DEL, C1), line and paragraph
 * separators and the bidirectional and zero-width format characters are shown as escapes
 * ({@code \e}, {@code \n}, {@code \u202E}), so a committed file cannot move the cursor, recolour the
 * screen, reorder what is shown or print a line of its own (a fake "check: ... passes").
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every unsafe character escaped; a backslash is kept as is. */
  public static String safe(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (b != null) {
        if (escape != null) {
          b.append(escape);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? text : b.toString();
  }

  /**
   * Whether {@code c} is one of the characters {@link #safe} escapes: a control character, a line or
   * paragraph separator, or an invisible bidirectional or zero-width format character (U+200B-U+200F,
   * U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+FEFF, U+061C), which can reorder or hide text.
   */
  public static boolean isUnsafe(char c) {
    return escape(c) != null;
  }

  /** The first unsafe character of {@code text} as {@code U+XXXX}, or null when there is none. */
  public static String firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isUnsafe(text.charAt(i))) {
        return String.format(java.util.Locale.ROOT, "U+%04X", (int) text.charAt(i));
      }
    }
    return null;
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case 0x1B:
        return "\\e";
      default:
        break;
    }
    boolean unsafe = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
        || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069)
        || c == 0xFEFF || c == 0x061C;
    return unsafe ? String.format(java.util.Locale.ROOT, "\\u%04X", (int) c) : null;
  }
}
