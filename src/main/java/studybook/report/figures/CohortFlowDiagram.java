package studybook.report.figures;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import studybook.report.figures.Svg.Anchor;

/**
 * Draws a cohort flow diagram: one box per {@link FlowBox}, children below their parent, joined by
 * elbow arrows. A tidy-tree layout: each subtree gets the width it needs, a parent is centred over
 * its children, so no two boxes (and no two labels) can overlap.
 */
public final class CohortFlowDiagram {
  private static final double LABEL_SIZE = 13;
  private static final double COUNT_SIZE = 12;
  private static final double LINE_GAP = 4;
  private static final double PAD_X = 12;
  private static final double PAD_Y = 9;
  private static final double MAX_TEXT_WIDTH = 200;
  private static final double SIBLING_GAP = 28;
  private static final double LEVEL_GAP = 44;
  private static final double MARGIN = 12;
  private static final double ARROW = 6;

  private CohortFlowDiagram() {}

  /** The diagram as an SVG document; {@code title} is its accessible name. */
  public static String svg(String title, FlowBox root, FigureNumbers numbers) {
    return svg(title, root, box -> numbers.count().apply(box.count()));
  }

  /**
   * As above, each box's n printed as {@code count} says (small-cell suppression decides box by box,
   * since a box's n is also the sum of its children's).
   */
  public static String svg(String title, FlowBox root, java.util.function.Function<FlowBox, String> count) {
    Map<FlowBox, Box> boxes = new IdentityHashMap<>();
    measure(root, count, boxes);
    List<Double> levelHeights = new ArrayList<>();
    levelHeights(root, 0, boxes, levelHeights);
    List<Double> levelTops = new ArrayList<>();
    double y = MARGIN;
    for (double h : levelHeights) {
      levelTops.add(y);
      y += h + LEVEL_GAP;
    }
    double height = y - LEVEL_GAP + MARGIN;
    double width = subtreeWidth(root, boxes) + 2 * MARGIN;
    place(root, MARGIN, 0, boxes, levelTops);

    Svg svg = new Svg();
    draw(root, boxes, levelHeights, svg);
    return svg.document("cohort-flow", width, height, title);
  }

  /** A box's text lines and, once placed, its position. */
  private static final class Box {
    final List<String> labelLines;
    final String countLine;
    final double width;
    final double height;
    double subtreeWidth;
    double centreX;
    double top;
    int level;

    Box(List<String> labelLines, String countLine) {
      this.labelLines = labelLines;
      this.countLine = countLine;
      double w = TextMetrics.width(countLine, COUNT_SIZE);
      for (String line : labelLines) {
        w = Math.max(w, TextMetrics.width(line, LABEL_SIZE));
      }
      this.width = w + 2 * PAD_X;
      this.height = 2 * PAD_Y + labelLines.size() * (LABEL_SIZE + LINE_GAP) + COUNT_SIZE;
    }
  }

  private static void measure(FlowBox node, java.util.function.Function<FlowBox, String> count,
      Map<FlowBox, Box> boxes) {
    boxes.put(node, new Box(wrap(node.label(), LABEL_SIZE, MAX_TEXT_WIDTH), "n = " + count.apply(node)));
    for (FlowBox child : node.children()) {
      measure(child, count, boxes);
    }
  }

  private static void levelHeights(FlowBox node, int level, Map<FlowBox, Box> boxes, List<Double> heights) {
    Box box = boxes.get(node);
    box.level = level;
    if (heights.size() <= level) {
      heights.add(box.height);
    } else {
      heights.set(level, Math.max(heights.get(level), box.height));
    }
    for (FlowBox child : node.children()) {
      levelHeights(child, level + 1, boxes, heights);
    }
  }

  private static double subtreeWidth(FlowBox node, Map<FlowBox, Box> boxes) {
    Box box = boxes.get(node);
    double children = 0;
    for (FlowBox child : node.children()) {
      children += subtreeWidth(child, boxes);
    }
    children += SIBLING_GAP * Math.max(0, node.children().size() - 1);
    box.subtreeWidth = Math.max(box.width, children);
    return box.subtreeWidth;
  }

  private static void place(FlowBox node, double left, int level, Map<FlowBox, Box> boxes, List<Double> tops) {
    Box box = boxes.get(node);
    box.top = tops.get(level);
    if (node.children().isEmpty()) {
      box.centreX = left + box.subtreeWidth / 2;
      return;
    }
    double childrenWidth = SIBLING_GAP * (node.children().size() - 1);
    for (FlowBox child : node.children()) {
      childrenWidth += boxes.get(child).subtreeWidth;
    }
    double x = left + (box.subtreeWidth - childrenWidth) / 2;
    double first = 0;
    double last = 0;
    for (int i = 0; i < node.children().size(); i++) {
      FlowBox child = node.children().get(i);
      place(child, x, level + 1, boxes, tops);
      if (i == 0) {
        first = boxes.get(child).centreX;
      }
      last = boxes.get(child).centreX;
      x += boxes.get(child).subtreeWidth + SIBLING_GAP;
    }
    box.centreX = (first + last) / 2;
  }

  private static void draw(FlowBox node, Map<FlowBox, Box> boxes, List<Double> levelHeights, Svg svg) {
    Box box = boxes.get(node);
    double left = box.centreX - box.width / 2;
    svg.open("g", "class", "flow-node");
    svg.rect("flow-box", left, box.top, box.width, box.height,
        "rx", "4", "fill", "#f4f7fb", "stroke", "#1f2d3d", "stroke-width", "1.2");
    double baseline = box.top + PAD_Y + LABEL_SIZE * TextMetrics.ASCENT;
    for (String line : box.labelLines) {
      svg.text("flow-label", box.centreX, baseline, LABEL_SIZE, Anchor.MIDDLE, line, "fill", "#1f2d3d");
      baseline += LABEL_SIZE + LINE_GAP;
    }
    baseline += COUNT_SIZE * TextMetrics.ASCENT - LABEL_SIZE * TextMetrics.ASCENT;
    svg.text("flow-count", box.centreX, baseline, COUNT_SIZE, Anchor.MIDDLE, box.countLine,
        "fill", "#1f2d3d", "font-weight", "bold");
    svg.close("g");

    if (!node.children().isEmpty()) {
      double bottom = box.top + box.height;
      double rowTop = box.top + levelHeights.get(box.level) + LEVEL_GAP;
      double elbow = bottom + (rowTop - bottom) / 2;
      StringBuilder d = new StringBuilder();
      d.append("M").append(Svg.num(box.centreX)).append(' ').append(Svg.num(bottom))
          .append(" V").append(Svg.num(elbow));
      double minX = box.centreX;
      double maxX = box.centreX;
      for (FlowBox child : node.children()) {
        double cx = boxes.get(child).centreX;
        minX = Math.min(minX, cx);
        maxX = Math.max(maxX, cx);
      }
      if (maxX > minX) {
        d.append(" M").append(Svg.num(minX)).append(' ').append(Svg.num(elbow))
            .append(" H").append(Svg.num(maxX));
      }
      for (FlowBox child : node.children()) {
        Box c = boxes.get(child);
        d.append(" M").append(Svg.num(c.centreX)).append(' ').append(Svg.num(elbow))
            .append(" V").append(Svg.num(c.top - ARROW));
      }
      svg.element("path", "class", "flow-arrow", "d", d.toString(),
          "fill", "none", "stroke", "#1f2d3d", "stroke-width", "1.2");
      for (FlowBox child : node.children()) {
        Box c = boxes.get(child);
        svg.element("path", "class", "flow-arrowhead", "d",
            "M" + Svg.num(c.centreX - ARROW / 2) + " " + Svg.num(c.top - ARROW)
                + " L" + Svg.num(c.centreX + ARROW / 2) + " " + Svg.num(c.top - ARROW)
                + " L" + Svg.num(c.centreX) + " " + Svg.num(c.top) + " Z",
            "fill", "#1f2d3d");
      }
      for (FlowBox child : node.children()) {
        draw(child, boxes, levelHeights, svg);
      }
    }
  }

  /** Greedy word wrap; a single word wider than the limit keeps a line of its own. */
  static List<String> wrap(String text, double size, double maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      if (line.length() > 0 && TextMetrics.width(line + " " + word, size) > maxWidth) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
