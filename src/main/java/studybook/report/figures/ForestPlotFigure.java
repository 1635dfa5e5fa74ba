package studybook.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import studybook.report.figures.Svg.Anchor;

/**
 * Draws a forest plot of odds or hazard ratios ({@link ForestPlot.Ratio}) with 95% confidence intervals on a log axis: term labels on the
 * left, a reference line at 1, and "OR (95% CI)" (or "HR") text on the right. A second estimate per row (e.g.
 * Firth beside maximum likelihood) is drawn just below the first with its own marker and dash.
 */
public final class ForestPlotFigure {
  static final double LABEL_SIZE = 12;
  static final double NUMBER_SIZE = 11;
  private static final double MARGIN = 12;
  private static final double PLOT_WIDTH = 300;
  private static final double MIN_PLOT_WIDTH = 200;
  private static final double MIN_LABEL_WIDTH = 120;
  /**
   * The widest the plot is drawn, px. A Word page prints a figure at most at the 451 pt text width of an
   * A4 page with 2.54 cm margins, scaling the drawing's px with it: at 700 px the 11 px numbers print at
   * 7.1 pt, the least a journal accepts. Long term labels wrap and the axis narrows to stay within it.
   */
  static final double MAX_WIDTH = 700;
  private static final double LINE_STEP = LABEL_SIZE * 1.2;
  private static final double COLUMN_GAP = 18;
  private static final double ROW_SINGLE = 24;
  private static final double ROW_DOUBLE = 36;
  private static final double MARKER = 7;
  private static final double ARROW = 6;
  /** Limits beyond these (as under separation) are drawn as arrows rather than squashing the axis. */
  private static final double AXIS_FLOOR = 1e-3;
  private static final double AXIS_CEILING = 1e3;
  private static final String PRIMARY_COLOUR = "#000000";
  private static final String SECONDARY_COLOUR = "#D55E00";
  private static final String SECONDARY_DASH = "4 2";
  private static final String NOT_ESTIMABLE = "not estimable";

  private ForestPlotFigure() {}

  /** The plot as an SVG document. */
  public static String svg(ForestPlot plot, FigureNumbers numbers) {
    boolean two = plot.hasSecondary();
    double rowHeight = two ? ROW_DOUBLE : ROW_SINGLE;

    double labelWidth = 0;
    double textWidth = TextMetrics.width(plot.ratio().header(), NUMBER_SIZE);
    for (ForestRow row : plot.rows()) {
      labelWidth = Math.max(labelWidth, TextMetrics.width(row.term(), LABEL_SIZE));
      textWidth = Math.max(textWidth, 14 + TextMetrics.width(ciText(row.primary(), numbers), NUMBER_SIZE));
      if (row.secondary().isPresent()) {
        textWidth = Math.max(textWidth, 14 + TextMetrics.width(ciText(row.secondary().get(), numbers), NUMBER_SIZE));
      }
    }

    // Within MAX_WIDTH: first a narrower axis, then term labels wrapped at spaces.
    double fixed = 2 * MARGIN + 2 * COLUMN_GAP + textWidth;
    double plotWidth = Math.max(MIN_PLOT_WIDTH, Math.min(PLOT_WIDTH, MAX_WIDTH - fixed - labelWidth));
    double labelBudget = Math.max(MIN_LABEL_WIDTH, MAX_WIDTH - fixed - plotWidth);
    List<List<String>> termLines = new ArrayList<>();
    int maxLines = 1;
    labelWidth = 0;
    for (ForestRow row : plot.rows()) {
      List<String> lines = wrap(row.term(), labelBudget);
      termLines.add(lines);
      maxLines = Math.max(maxLines, lines.size());
      for (String line : lines) {
        labelWidth = Math.max(labelWidth, TextMetrics.width(line, LABEL_SIZE));
      }
    }
    rowHeight = Math.max(rowHeight, maxLines * LINE_STEP + 8);
    double plotSpan = plotWidth;

    double[] range = axisRange(plot);
    double low = range[0];
    double high = range[1];
    double plotLeft = MARGIN + labelWidth + COLUMN_GAP;
    double plotRight = plotLeft + plotSpan;
    DoubleUnaryOperator toPx = v -> plotLeft + (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) * plotSpan;
    double textX = plotRight + COLUMN_GAP;

    Svg svg = new Svg();
    // Legend, one entry per method, on one line above the header.
    double legendBaseline = MARGIN + LABEL_SIZE * TextMetrics.ASCENT;
    double lx = MARGIN;
    lx = legendEntry(svg, lx, legendBaseline, plot.primaryMethod(), false);
    if (two) {
      legendEntry(svg, lx + 24, legendBaseline, plot.secondaryMethod(), true);
    }
    double legendRight = MARGIN + 34 + TextMetrics.width(plot.primaryMethod(), LABEL_SIZE)
        + (two ? 24 + 34 + TextMetrics.width(plot.secondaryMethod(), LABEL_SIZE) : 0);

    double headerBaseline = legendBaseline + 26;
    svg.text("forest-header", textX, headerBaseline, NUMBER_SIZE, Anchor.START, plot.ratio().header(), "font-weight", "bold");
    double rowsTop = headerBaseline + 10;
    double rowsBottom = rowsTop + rowHeight * plot.rows().size();

    for (int i = 0; i < plot.rows().size(); i += 2) {
      svg.rect("forest-stripe", MARGIN / 2, rowsTop + i * rowHeight, textX + textWidth - MARGIN / 2, rowHeight,
          "fill", "#f0f0f0");
    }
    double one = toPx.applyAsDouble(1.0);
    svg.line("forest-reference", one, rowsTop, one, rowsBottom,
        "stroke", "#555555", "stroke-width", "1", "stroke-dasharray", "3 3");

    for (int i = 0; i < plot.rows().size(); i++) {
      ForestRow row = plot.rows().get(i);
      double centre = rowsTop + (i + 0.5) * rowHeight;
      svg.open("g", "class", "forest-row");
      List<String> lines = termLines.get(i);
      double firstCentre = centre - (lines.size() - 1) * LINE_STEP / 2;
      for (int l = 0; l < lines.size(); l++) {
        svg.text(l == 0 ? "forest-term" : "forest-term-line", MARGIN,
            middleBaseline(firstCentre + l * LINE_STEP, LABEL_SIZE), LABEL_SIZE, Anchor.START, lines.get(l));
      }
      double primaryY = two ? centre - 7 : centre;
      drawEstimate(svg, row.primary(), primaryY, false, toPx, low, high, plotLeft, plotRight, textX, numbers);
      if (row.secondary().isPresent()) {
        drawEstimate(svg, row.secondary().get(), centre + 7, true, toPx, low, high, plotLeft, plotRight, textX, numbers);
      }
      svg.close("g");
    }

    // Axis.
    double axisY = rowsBottom + 6;
    svg.line("axis", plotLeft, axisY, plotRight, axisY, "stroke", "#000000", "stroke-width", "1");
    List<Double> ticks = Ticks.logTicks(low, high, toPx, numbers.tick(), NUMBER_SIZE, 8);
    double tickBaseline = axisY + 5 + NUMBER_SIZE * TextMetrics.ASCENT + 2;
    for (double t : ticks) {
      double x = toPx.applyAsDouble(t);
      svg.line("axis-tick", x, axisY, x, axisY + 5, "stroke", "#000000", "stroke-width", "1");
      svg.text("axis-tick-label", x, tickBaseline, NUMBER_SIZE, Anchor.MIDDLE, numbers.tick().apply(t));
    }
    double titleBaseline = tickBaseline + NUMBER_SIZE * TextMetrics.DESCENT + 6 + LABEL_SIZE * TextMetrics.ASCENT;
    svg.text("axis-title", (plotLeft + plotRight) / 2, titleBaseline, LABEL_SIZE, Anchor.MIDDLE, plot.ratio().axisTitle());

    // Tick labels at the ends may stick out half their width beyond the plot.
    double tickOverhang = 0;
    for (double t : List.of(ticks.get(0), ticks.get(ticks.size() - 1))) {
      tickOverhang = Math.max(tickOverhang, TextMetrics.width(numbers.tick().apply(t), NUMBER_SIZE) / 2);
    }
    double width = Math.max(textX + textWidth, Math.max(legendRight, plotRight + tickOverhang)) + MARGIN;
    double height = titleBaseline + LABEL_SIZE * TextMetrics.DESCENT + MARGIN;
    return svg.document("forest-plot", width, height, plot.title());
  }

  private static double legendEntry(Svg svg, double x, double baseline, String text, boolean secondary) {
    double y = baseline - LABEL_SIZE * 0.3;
    String colour = secondary ? SECONDARY_COLOUR : PRIMARY_COLOUR;
    String[] stroke = secondary
        ? new String[] {"stroke", colour, "stroke-width", "1.5", "stroke-dasharray", SECONDARY_DASH}
        : new String[] {"stroke", colour, "stroke-width", "1.5"};
    svg.line("legend-line", x, y, x + 26, y, stroke);
    marker(svg, "legend-marker", x + 13, y, secondary);
    svg.text("legend-label", x + 34, baseline, LABEL_SIZE, Anchor.START, text);
    return x + 34 + TextMetrics.width(text, LABEL_SIZE);
  }

  private static void drawEstimate(Svg svg, OddsRatioEstimate e, double y, boolean secondary,
      DoubleUnaryOperator toPx, double low, double high, double plotLeft, double plotRight, double textX,
      FigureNumbers numbers) {
    String which = secondary ? "secondary" : "primary";
    String colour = secondary ? SECONDARY_COLOUR : PRIMARY_COLOUR;
    marker(svg, "forest-text-marker " + which, textX + 4, y, secondary);
    svg.text("forest-estimate " + which, textX + 14, middleBaseline(y, NUMBER_SIZE), NUMBER_SIZE, Anchor.START,
        ciText(e, numbers));
    if (!e.estimable()) {
      return;
    }
    double point = e.oddsRatio();
    boolean pointShown = point >= low && point <= high;
    double pointX = toPx.applyAsDouble(Math.min(Math.max(point, low), high));
    double left = pointX;
    boolean leftArrow = false;
    if (!Double.isNaN(e.lower())) {
      leftArrow = e.lower() < low;
      left = leftArrow ? plotLeft : toPx.applyAsDouble(Math.min(e.lower(), high));
    }
    double right = pointX;
    boolean rightArrow = false;
    if (!Double.isNaN(e.upper())) {
      rightArrow = e.upper() > high;
      right = rightArrow ? plotRight : toPx.applyAsDouble(Math.max(e.upper(), low));
    }
    String[] stroke = secondary
        ? new String[] {"stroke", colour, "stroke-width", "1.5", "stroke-dasharray", SECONDARY_DASH}
        : new String[] {"stroke", colour, "stroke-width", "1.5"};
    if (right > left) {
      svg.line("forest-ci " + which, left, y, right, y, stroke);
    }
    if (leftArrow) {
      arrow(svg, plotLeft, y, -1, colour);
    }
    if (rightArrow) {
      arrow(svg, plotRight, y, 1, colour);
    }
    if (pointShown) {
      marker(svg, "forest-marker " + which, pointX, y, secondary);
    }
  }

  /** A filled square for the first estimate, an open circle for the second: distinct without colour. */
  private static void marker(Svg svg, String cls, double x, double y, boolean secondary) {
    if (secondary) {
      svg.element("circle", "class", cls, "cx", Svg.num(x), "cy", Svg.num(y), "r", Svg.num(MARKER / 2),
          "fill", "#ffffff", "stroke", SECONDARY_COLOUR, "stroke-width", "1.5");
    } else {
      svg.rect(cls, x - MARKER / 2, y - MARKER / 2, MARKER, MARKER, "fill", PRIMARY_COLOUR);
    }
  }

  private static void arrow(Svg svg, double tipX, double y, int direction, String colour) {
    double baseX = tipX - direction * ARROW;
    svg.element("path", "class", "forest-arrow", "d",
        "M" + Svg.num(baseX) + " " + Svg.num(y - ARROW / 2) + " L" + Svg.num(tipX) + " " + Svg.num(y)
            + " L" + Svg.num(baseX) + " " + Svg.num(y + ARROW / 2) + " Z",
        "fill", colour);
  }

  /** A term's label in lines no wider than {@code width}, broken at spaces (a single long word stays whole). */
  static List<String> wrap(String text, double width) {
    List<String> lines = new ArrayList<>();
    String line = "";
    for (String word : text.split(" ")) {
      String trial = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && TextMetrics.width(trial, LABEL_SIZE) > width) {
        lines.add(line);
        line = word;
      } else {
        line = trial;
      }
    }
    lines.add(line);
    return lines;
  }

  static String ciText(OddsRatioEstimate e, FigureNumbers numbers) {
    if (!e.estimable()) {
      return NOT_ESTIMABLE;
    }
    return numbers.estimate().apply(e.oddsRatio()) + " (" + numbers.estimate().apply(e.lower()) + "\u2013"
        + numbers.estimate().apply(e.upper()) + ")";
  }

  /** The baseline that centres a line of text vertically on {@code y}. */
  static double middleBaseline(double y, double size) {
    return y + size * (TextMetrics.ASCENT - TextMetrics.DESCENT) / 2;
  }

  /** A 1-2-5 range covering every finite estimate and limit and 1, clamped to [0.001, 1000]. */
  static double[] axisRange(ForestPlot plot) {
    List<Double> values = new ArrayList<>();
    values.add(1.0);
    for (ForestRow row : plot.rows()) {
      addFinite(values, row.primary());
      row.secondary().ifPresent(e -> addFinite(values, e));
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double low = Ticks.niceAtMost(Math.max(min, AXIS_FLOOR));
    double high = Ticks.niceAtLeast(Math.min(max, AXIS_CEILING));
    if (low >= 1) {
      low = 0.5;
    }
    if (high <= 1) {
      high = 2;
    }
    return new double[] {low, high};
  }

  private static void addFinite(List<Double> values, OddsRatioEstimate e) {
    if (!e.estimable()) {
      return;
    }
    for (double v : new double[] {e.oddsRatio(), e.lower(), e.upper()}) {
      if (Double.isFinite(v) && v > 0) {
        values.add(v);
      }
    }
  }
}
