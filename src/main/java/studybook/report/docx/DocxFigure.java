package studybook.report.docx;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure of the report, drawn as SVG, with its numbered caption (set below it, as journals do).
 *
 * @param caption e.g. "Figure 1. Cohort flow"
 * @param name the figure's file name without extension, e.g. "flow" (names the parts inside the .docx)
 * @param svg the drawing; its root element's {@code width} and {@code height} give its aspect ratio
 */
public record DocxFigure(String caption, String name, String svg) implements DocxBlock {
  private static final Pattern ROOT = Pattern.compile("<svg\\b[^>]*>");
  private static final Pattern WIDTH = Pattern.compile("\\swidth=\"([0-9.]+)\"");
  private static final Pattern HEIGHT = Pattern.compile("\\sheight=\"([0-9.]+)\"");

  public DocxFigure {
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(svg, "svg");
    size(svg, WIDTH, "width");
    size(svg, HEIGHT, "height");
  }

  /** The drawing's width in CSS px, from its root element. */
  public double width() {
    return size(svg, WIDTH, "width");
  }

  /** The drawing's height in CSS px, from its root element. */
  public double height() {
    return size(svg, HEIGHT, "height");
  }

  private static double size(String svg, Pattern attribute, String name) {
    Matcher root = ROOT.matcher(svg);
    if (!root.find()) {
      throw new IllegalArgumentException("not an SVG drawing: no <svg> element");
    }
    Matcher m = attribute.matcher(root.group());
    if (!m.find() || Double.parseDouble(m.group(1)) <= 0) {
      throw new IllegalArgumentException("the SVG drawing has no positive " + name + " in px on its <svg> element");
    }
    return Double.parseDouble(m.group(1));
  }
}
