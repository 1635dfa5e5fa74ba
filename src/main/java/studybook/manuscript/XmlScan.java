package studybook.manuscript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat list of the tags and texts of one XML document, each with its offsets in the source text, so
 * that an edit can splice the source and leave every other byte as it was.
 *
 * <p>Written by hand because no XML library gives this: DOM and XmlBeans (POI) re-serialise the whole
 * part (namespace declarations, quoting, whitespace change), and StAX reports no exact source offsets
 * of an event. Office parts are plain well-formed XML without a DTD; comments, CDATA and processing
 * instructions are kept as opaque tokens. A document that is not well formed enough to scan is an
 * {@link IllegalArgumentException} with the offset.
 */
final class XmlScan {
  enum Type { START, END, EMPTY, TEXT, OTHER }

  /** One token: [start, end) in the source; name and attributes for tags. */
  record Token(Type type, int start, int end, String name, Map<String, String> attributes) {
    boolean opens(String n) {
      return (type == Type.START || type == Type.EMPTY) && name.equals(n);
    }

    boolean closes(String n) {
      return type == Type.END && name.equals(n);
    }

    String attribute(String n) {
      return attributes.get(n);
    }
  }

  private XmlScan() {}

  static List<Token> scan(String xml) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = xml.length();
    while (i < n) {
      if (xml.charAt(i) != '<') {
        int j = xml.indexOf('<', i);
        j = j < 0 ? n : j;
        out.add(new Token(Type.TEXT, i, j, null, Map.of()));
        i = j;
      } else if (xml.startsWith("<!--", i)) {
        i = opaque(xml, out, i, "-->");
      } else if (xml.startsWith("<![CDATA[", i)) {
        i = opaque(xml, out, i, "]]>");
      } else if (xml.startsWith("<?", i)) {
        i = opaque(xml, out, i, "?>");
      } else if (xml.startsWith("<!", i)) {
        i = opaque(xml, out, i, ">");
      } else {
        int j = tagEnd(xml, i);
        boolean end = xml.charAt(i + 1) == '/';
        boolean empty = !end && xml.charAt(j - 2) == '/';
        String body = xml.substring(i + (end ? 2 : 1), j - (empty ? 2 : 1));
        int k = 0;
        while (k < body.length() && !Character.isWhitespace(body.charAt(k))) {
          k++;
        }
        String name = body.substring(0, k);
        if (name.isEmpty()) {
          throw new IllegalArgumentException("a tag without a name at offset " + i);
        }
        out.add(new Token(end ? Type.END : empty ? Type.EMPTY : Type.START, i, j, name,
            end ? Map.of() : attributes(body.substring(k), i)));
        i = j;
      }
    }
    return out;
  }

  private static int opaque(String xml, List<Token> out, int i, String close) {
    int j = xml.indexOf(close, i);
    if (j < 0) {
      throw new IllegalArgumentException("unterminated markup at offset " + i);
    }
    out.add(new Token(Type.OTHER, i, j + close.length(), null, Map.of()));
    return j + close.length();
  }

  /** The offset just past the '>' closing the tag at {@code i}, skipping quoted attribute values. */
  private static int tagEnd(String xml, int i) {
    char quote = 0;
    for (int j = i + 1; j < xml.length(); j++) {
      char c = xml.charAt(j);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return j + 1;
      } else if (c == '<') {
        break;
      }
    }
    throw new IllegalArgumentException("unterminated tag at offset " + i);
  }

  private static Map<String, String> attributes(String s, int at) {
    Map<String, String> a = new LinkedHashMap<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("an attribute without a value at offset " + at);
      }
      String name = s.substring(i, eq).strip();
      int q = eq + 1;
      while (q < s.length() && Character.isWhitespace(s.charAt(q))) {
        q++;
      }
      if (q >= s.length() || (s.charAt(q) != '"' && s.charAt(q) != '\'')) {
        throw new IllegalArgumentException("an unquoted attribute value at offset " + at);
      }
      int close = s.indexOf(s.charAt(q), q + 1);
      if (close < 0) {
        throw new IllegalArgumentException("an unterminated attribute value at offset " + at);
      }
      a.put(name, unescape(s.substring(q + 1, close)));
      i = close + 1;
    }
    return a;
  }

  /** Text with its five entities and character references resolved. */
  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int semi = c == '&' ? s.indexOf(';', i) : -1;
      if (semi < 0) {
        b.append(c);
        i++;
        continue;
      }
      String e = s.substring(i + 1, semi);
      switch (e) {
        case "lt" -> b.append('<');
        case "gt" -> b.append('>');
        case "amp" -> b.append('&');
        case "quot" -> b.append('"');
        case "apos" -> b.append('\'');
        default -> {
          if (e.startsWith("#x") || e.startsWith("#X")) {
            b.appendCodePoint(Integer.parseInt(e.substring(2), 16));
          } else if (e.startsWith("#")) {
            b.appendCodePoint(Integer.parseInt(e.substring(1)));
          } else {
            throw new IllegalArgumentException("unknown entity &" + e + ";");
          }
        }
      }
      i = semi + 1;
    }
    return b.toString();
  }

  /** Text escaped for element content or a double-quoted attribute value. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
