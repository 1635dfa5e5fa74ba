package studybook.report.figures;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import studybook.report.figures.Svg.Anchor;

/**
 * Draws a Love plot: one row per covariate, the absolute standardized mean difference before (open circle)
 * and after (filled circle) on a linear axis from 0, and a dashed line at the threshold.
 */
public final class LovePlotFigure {
  private static final double LABEL_SIZE = 12;
  private static final double NUMBER_SIZE = 11;
  private static final double MARGIN = 12;
  private static final double PLOT_WIDTH = 300;
  private static final double COLUMN_GAP = 18;
  private static final double ROW = 22;
  private static final double RADIUS = 4;

  private LovePlotFigure() {}

  /** The plot as an SVG document. */
  public static String svg(LovePlot plot, FigureNumbers numbers) {
    double labelWidth = 0;
    double max = plot.threshold();
    for (LovePlot.Row r : plot.rows()) {
      labelWidth = Math.max(labelWidth, TextMetrics.width(r.label(), LABEL_SIZE));
      for (double v : new double[] {r.smdBefore(), r.smdAfter()}) {
        if (Double.isFinite(v)) {
          max = Math.max(max, Math.abs(v));
        }
      }
    }
    double step = Ticks.linearStep(max, 5);
    int intervals = (int) Math.ceil(max / step - 1e-9);
    double high = step * intervals;
    double plotLeft = MARGIN + labelWidth + COLUMN_GAP;
    double plotRight = plotLeft + PLOT_WIDTH;
    DoubleUnaryOperator toPx = v -> plotLeft + v / high * PLOT_WIDTH;

    Svg svg = new Svg();
    double legendBaseline = MARGIN + LABEL_SIZE * TextMetrics.ASCENT;
    double lx = legend(svg, MARGIN, legendBaseline, "Before", false);
    double legendRight = legend(svg, lx + 24, legendBaseline, plot.afterLabel(), true);
    double rowsTop = legendBaseline + 16;
    double rowsBottom = rowsTop + ROW * plot.rows().size();
    for (int i = 0; i < plot.rows().size(); i += 2) {
      svg.rect("love-stripe", MARGIN / 2, rowsTop + i * ROW, plotRight - MARGIN / 2, ROW, "fill", "#f0f0f0");
    }
    double t = toPx.applyAsDouble(plot.threshold());
    svg.line("love-threshold", t, rowsTop, t, rowsBottom, "stroke", "#555555", "stroke-width", "1",
        "stroke-dasharray", "3 3");
    for (int i = 0; i < plot.rows().size(); i++) {
      LovePlot.Row r = plot.rows().get(i);
      double centre = rowsTop + (i + 0.5) * ROW;
      svg.open("g", "class", "love-row");
      svg.text("love-term", MARGIN, centre + LABEL_SIZE * (TextMetrics.ASCENT - TextMetrics.DESCENT) / 2, LABEL_SIZE,
          Anchor.START, r.label());
      if (Double.isFinite(r.smdBefore()) && Double.isFinite(r.smdAfter())) {
        svg.line("love-link", toPx.applyAsDouble(Math.abs(r.smdBefore())), centre,
            toPx.applyAsDouble(Math.abs(r.smdAfter())), centre, "stroke", "#999999", "stroke-width", "1");
      }
      point(svg, "love-before", r.smdBefore(), centre, false, toPx);
      point(svg, "love-after", r.smdAfter(), centre, true, toPx);
      svg.close("g");
    }
    double axisY = rowsBottom + 6;
    svg.line("axis", plotLeft, axisY, plotRight, axisY, "stroke", "#000000", "stroke-width", "1");
    List<Double> ticks = Ticks.linear(step, intervals);
    double tickBaseline = axisY + 5 + NUMBER_SIZE * TextMetrics.ASCENT + 2;
    for (double v : ticks) {
      double x = toPx.applyAsDouble(v);
      svg.line("axis-tick", x, axisY, x, axisY + 5, "stroke", "#000000", "stroke-width", "1");
      svg.text("axis-tick-label", x, tickBaseline, NUMBER_SIZE, Anchor.MIDDLE, numbers.tick().apply(v));
    }
    double titleBaseline = tickBaseline + NUMBER_SIZE * TextMetrics.DESCENT + 6 + LABEL_SIZE * TextMetrics.ASCENT;
    svg.text("axis-title", (plotLeft + plotRight) / 2, titleBaseline, LABEL_SIZE, Anchor.MIDDLE,
        "Absolute standardized mean difference");
    double width = Math.max(plotRight + TextMetrics.width(numbers.tick().apply(high), NUMBER_SIZE) / 2, legendRight)
        + MARGIN;
    double height = titleBaseline + LABEL_SIZE * TextMetrics.DESCENT + MARGIN;
    return svg.document("love-plot", width, height, plot.title());
  }

  private static void point(Svg svg, String cls, double smd, double y, boolean filled, DoubleUnaryOperator toPx) {
    if (!Double.isFinite(smd)) {
      return;
    }
    svg.element("circle", "class", cls, "cx", Svg.num(toPx.applyAsDouble(Math.abs(smd))), "cy", Svg.num(y),
        "r", Svg.num(RADIUS), "fill", filled ? "#000000" : "#ffffff", "stroke", "#000000", "stroke-width", "1.2");
  }

  private static double legend(Svg svg, double x, double baseline, String text, boolean filled) {
    double y = baseline - LABEL_SIZE * 0.3;
    svg.element("circle", "class", "legend-marker", "cx", Svg.num(x + RADIUS), "cy", Svg.num(y), "r", Svg.num(RADIUS),
        "fill", filled ? "#000000" : "#ffffff", "stroke", "#000000", "stroke-width", "1.2");
    svg.text("legend-label", x + 2 * RADIUS + 6, baseline, LABEL_SIZE, Anchor.START, text);
    return x + 2 * RADIUS + 6 + TextMetrics.width(text, LABEL_SIZE);
  }
}
