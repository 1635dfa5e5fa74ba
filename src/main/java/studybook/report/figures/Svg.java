package studybook.report.figures;

import java.util.Locale;

/**
 * A minimal SVG writer. Hand-written rather than JFreeSVG's Graphics2D because the figures need
 * text-anchor (centred and right-aligned labels that stay aligned whatever font the viewer picks),
 * semantic class attributes that tests and stylesheets can select, and no document-global ids
 * (several figures are inlined into one HTML page).
 */
final class Svg {
  static final String FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

  enum Anchor {
    START("start"), MIDDLE("middle"), END("end");

    final String attribute;

    Anchor(String attribute) {
      this.attribute = attribute;
    }
  }

  private final StringBuilder body = new StringBuilder();

  /** Coordinates rounded to 0.01 px and written the same way on every machine. */
  static String num(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("non-finite coordinate " + value);
    }
    long hundredths = Math.round(value * 100.0);
    if (hundredths == 0) {
      return "0";
    }
    String sign = hundredths < 0 ? "-" : "";
    long abs = Math.abs(hundredths);
    long whole = abs / 100;
    long frac = abs % 100;
    if (frac == 0) {
      return sign + whole;
    }
    String fraction = frac % 10 == 0 ? Long.toString(frac / 10) : String.format(Locale.ROOT, "%02d", frac);
    return sign + whole + "." + fraction;
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // XML 1.0 allows neither control characters other than tab/newline, nor U+FFFE/U+FFFF, nor
          // a lone surrogate: the first become a space, the others U+FFFD, so the SVG always parses.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append(' ');
          } else if (c == 0xFFFE || c == 0xFFFF) {
            out.append('\uFFFD');
          } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** An empty element; attributes come as name, value pairs. */
  Svg element(String name, String... attributes) {
    body.append('<').append(name);
    appendAttributes(attributes);
    body.append("/>\n");
    return this;
  }

  Svg open(String name, String... attributes) {
    body.append('<').append(name);
    appendAttributes(attributes);
    body.append(">\n");
    return this;
  }

  Svg close(String name) {
    body.append("</").append(name).append(">\n");
    return this;
  }

  Svg line(String cls, double x1, double y1, double x2, double y2, String... style) {
    String[] base = {"class", cls, "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2)};
    return element("line", concat(base, style));
  }

  Svg rect(String cls, double x, double y, double width, double height, String... style) {
    String[] base = {"class", cls, "x", num(x), "y", num(y), "width", num(width), "height", num(height)};
    return element("rect", concat(base, style));
  }

  Svg text(String cls, double x, double y, double size, Anchor anchor, String content, String... extra) {
    body.append("<text class=\"").append(escape(cls)).append("\" x=\"").append(num(x))
        .append("\" y=\"").append(num(y)).append("\" font-size=\"").append(num(size))
        .append("\" text-anchor=\"").append(anchor.attribute).append('"');
    appendAttributes(extra);
    body.append('>').append(escape(content)).append("</text>\n");
    return this;
  }

  /** The complete document; {@code kind} becomes a class so a stylesheet can tell figures apart. */
  String document(String kind, double width, double height, String title) {
    String w = num(Math.ceil(width));
    String h = num(Math.ceil(height));
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"studybook-figure " + escape(kind)
        + "\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h
        + "\" role=\"img\" font-family=\"" + FONT_FAMILY + "\">\n"
        + "<title>" + escape(title) + "</title>\n"
        + "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + w + "\" height=\"" + h + "\" fill=\"#ffffff\"/>\n"
        + body
        + "</svg>\n";
  }

  private void appendAttributes(String[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      body.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
