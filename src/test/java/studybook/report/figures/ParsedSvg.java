package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG figure parsed as XML, with the queries the figure tests need. */
final class ParsedSvg {
  /** Text boxes are widened by this factor, so a layout that only just fits the estimate fails. */
  static final double SLACK = 1.05;

  final Document document;
  final String source;

  private ParsedSvg(Document document, String source) {
    this.document = document;
    this.source = source;
  }

  static ParsedSvg parse(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      return new ParsedSvg(doc, svg);
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
    }
  }

  Element root() {
    return document.getDocumentElement();
  }

  /** Elements of a tag whose class list contains every one of {@code classes}. */
  List<Element> select(String tag, String... classes) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = document.getElementsByTagNameNS("*", tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      List<String> have = Arrays.asList(e.getAttribute("class").split("\\s+"));
      if (have.containsAll(Arrays.asList(classes))) {
        out.add(e);
      }
    }
    return out;
  }

  List<String> texts(String... classes) {
    return select("text", classes).stream().map(Element::getTextContent).toList();
  }

  static double num(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }

  record Box(String text, double x0, double y0, double x1, double y1) {
    boolean overlaps(Box o) {
      double tol = 0.01;
      return x0 < o.x1 - tol && o.x0 < x1 - tol && y0 < o.y1 - tol && o.y0 < y1 - tol;
    }

    boolean inside(double left, double top, double right, double bottom) {
      return x0 >= left && x1 <= right && y0 >= top && y1 <= bottom;
    }
  }

  private static final Pattern ROTATE = Pattern.compile("rotate\\(\\s*(-?90)\\s+([-0-9.]+)\\s+([-0-9.]+)\\s*\\)");

  /** The estimated bounding box of a text element, honouring text-anchor and a +-90 degree rotation. */
  static Box box(Element text) {
    double size = num(text, "font-size");
    double x = num(text, "x");
    double y = num(text, "y");
    String content = text.getTextContent();
    double w = TextMetrics.width(content, size) * SLACK;
    double start = switch (text.getAttribute("text-anchor")) {
      case "middle" -> x - w / 2;
      case "end" -> x - w;
      default -> x;
    };
    Box flat = new Box(content, start, y - size * TextMetrics.ASCENT, start + w, y + size * TextMetrics.DESCENT);
    String transform = text.getAttribute("transform");
    if (transform.isEmpty()) {
      return flat;
    }
    Matcher m = ROTATE.matcher(transform);
    if (!m.matches() || !m.group(1).equals("-90")) {
      fail("unexpected transform " + transform);
    }
    double cx = Double.parseDouble(m.group(2));
    double cy = Double.parseDouble(m.group(3));
    // rotate(-90): (dx, dy) -> (dy, -dx) about the centre.
    double ax = cx + (flat.y0 - cy);
    double bx = cx + (flat.y1 - cy);
    double ay = cy - (flat.x0 - cx);
    double by = cy - (flat.x1 - cx);
    return new Box(content, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }

  List<Box> textBoxes() {
    return select("text").stream().map(ParsedSvg::box).toList();
  }

  /** Pairs of text elements whose estimated boxes overlap, for an assertion message. */
  List<String> overlappingTexts() {
    List<Box> boxes = textBoxes();
    List<String> clashes = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        if (boxes.get(i).overlaps(boxes.get(j))) {
          clashes.add(boxes.get(i) + " x " + boxes.get(j));
        }
      }
    }
    return clashes;
  }

  /** Every text box lies inside the SVG's viewport. */
  List<String> textsOutsideViewport() {
    double w = num(root(), "width");
    double h = num(root(), "height");
    return textBoxes().stream().filter(b -> !b.inside(0, 0, w, h)).map(Box::toString).toList();
  }
}
