package studybook.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import studybook.report.figures.Svg.Anchor;
import studybook.stats.survival.CumulativeIncidenceCurve;

/**
 * Draws cumulative incidence with competing risks by group: right-continuous steps rising from 0 at time
 * 0, the competing incidence as a thin line of the same series when shown, and a numbers-at-risk table
 * under the time axis aligned with its ticks. Time ticks are chosen as for the Kaplan-Meier figure
 * ({@link KaplanMeierFigure#timeTicks}); the y axis runs from 0 to a round percentage above the highest
 * curve (at most 100%), so small incidences stay readable and the axis says where it stops.
 */
public final class CumulativeIncidenceFigure {
  private static final double TICK_SIZE = 11;
  private static final double LABEL_SIZE = 12;
  private static final double MARGIN = 12;
  private static final double PLOT_WIDTH = 520;
  private static final double PLOT_HEIGHT = 260;
  private static final double TICK_LENGTH = 5;
  private static final double SAMPLE = 26;
  private static final String NO_EVENTS = "no events";

  private CumulativeIncidenceFigure() {}

  /** The figure as an SVG document. */
  public static String svg(CumulativeIncidencePlot plot, FigureNumbers numbers) {
    List<CumulativeIncidenceCurve> curves = plot.curves();
    boolean competing = plot.competing() == CumulativeIncidencePlot.Competing.SHOWN;
    double maxTime = 0;
    double maxIncidence = 0;
    List<KmCurve> asKm = new ArrayList<>();
    for (CumulativeIncidenceCurve c : curves) {
      if (!c.time().isEmpty()) {
        maxTime = Math.max(maxTime, c.time().get(c.time().size() - 1));
        maxIncidence = Math.max(maxIncidence, c.incidence().get(c.incidence().size() - 1));
        if (competing) {
          maxIncidence = Math.max(maxIncidence, c.competingIncidence().get(c.competingIncidence().size() - 1));
        }
      }
      List<Integer> zeros = c.atRisk().stream().map(n -> 0).toList();
      asKm.add(new KmCurve(c.group(), c.time(), c.atRisk(), zeros, zeros, c.incidence(), c.incidence(), c.incidence()));
    }
    if (!(maxTime > 0)) {
      maxTime = 1;
    }
    List<Double> xTicks = KaplanMeierFigure.timeTicks(maxTime, asKm, numbers);
    double xMax = xTicks.get(xTicks.size() - 1);
    double yTop = yTop(maxIncidence * 100);
    double yStep = Ticks.linearStep(yTop, 5);
    List<Double> yTicks = Ticks.linear(yStep, (int) Math.round(yTop / yStep));

    double maxYTick = 0;
    for (double t : yTicks) {
      maxYTick = Math.max(maxYTick, TextMetrics.width(numbers.tick().apply(t), TICK_SIZE));
    }
    double maxGroup = 0;
    for (CumulativeIncidenceCurve c : curves) {
      maxGroup = Math.max(maxGroup, TextMetrics.width(c.group(), TICK_SIZE));
    }
    double firstCountHalf = 0;
    double lastOverhang = TextMetrics.width(numbers.tick().apply(xMax), TICK_SIZE) / 2;
    for (CumulativeIncidenceCurve c : curves) {
      firstCountHalf = Math.max(firstCountHalf, TextMetrics.width(numbers.count().apply(c.atRiskAt(0)), TICK_SIZE) / 2);
      lastOverhang = Math.max(lastOverhang, TextMetrics.width(numbers.count().apply(c.atRiskAt(xMax)), TICK_SIZE) / 2);
    }
    double yTitleHeight = LABEL_SIZE * (TextMetrics.ASCENT + TextMetrics.DESCENT);
    double plotLeft = Math.max(MARGIN + yTitleHeight + 8 + maxYTick + TICK_LENGTH + 4,
        MARGIN + SAMPLE + 6 + maxGroup + 8 + firstCountHalf);
    double plotRight = plotLeft + PLOT_WIDTH;
    double width = plotRight + Math.max(MARGIN, lastOverhang + 6);

    Svg svg = new Svg();
    double legendBottom = legend(svg, plot, plotLeft, width - MARGIN);
    double plotTop = legendBottom + 14;
    double plotBottom = plotTop + PLOT_HEIGHT;
    DoubleUnaryOperator xPx = t -> plotLeft + t / xMax * PLOT_WIDTH;
    DoubleUnaryOperator yPx = f -> plotBottom - f * 100 / yTop * PLOT_HEIGHT;

    for (double t : yTicks) {
      double y = yPx.applyAsDouble(t / 100);
      if (t > 0) {
        svg.line("grid", plotLeft, y, plotRight, y, "stroke", "#e3e3e3", "stroke-width", "1");
      }
      svg.line("axis-tick", plotLeft - TICK_LENGTH, y, plotLeft, y, "stroke", "#000000", "stroke-width", "1");
      svg.text("axis-tick-label y", plotLeft - TICK_LENGTH - 3, ForestPlotFigure.middleBaseline(y, TICK_SIZE),
          TICK_SIZE, Anchor.END, numbers.tick().apply(t));
    }
    double yTitleX = MARGIN + LABEL_SIZE * TextMetrics.ASCENT;
    double yTitleY = (plotTop + plotBottom) / 2;
    svg.text("axis-title y", yTitleX, yTitleY, LABEL_SIZE, Anchor.MIDDLE, plot.incidenceLabel() + " (%)",
        "transform", "rotate(-90 " + Svg.num(yTitleX) + " " + Svg.num(yTitleY) + ")");

    for (int g = 0; g < curves.size(); g++) {
      CumulativeIncidenceCurve c = curves.get(g);
      svg.open("g", "class", "cif-group", "data-group", c.group());
      if (competing) {
        steps(svg, "cif-competing", c.time(), c.competingIncidence(), SeriesStyle.of(g), 1.1, "0.6", xPx, yPx);
      }
      steps(svg, "cif-curve", c.time(), c.incidence(), SeriesStyle.of(g), 2, "1", xPx, yPx);
      svg.close("g");
    }
    if (curves.stream().allMatch(c -> c.events() == 0)) {
      svg.text("cif-no-events", (plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2, LABEL_SIZE, Anchor.MIDDLE,
          NO_EVENTS, "fill", "#555555", "font-style", "italic");
    }

    List<TimeAxisWithRisk.RiskRow> rows = new ArrayList<>();
    curves.forEach(c -> rows.add(new TimeAxisWithRisk.RiskRow(c.group(), c::atRiskAt)));
    double height = TimeAxisWithRisk.draw(svg, "cif", numbers, plotLeft, plotRight, plotTop, plotBottom, xTicks, xPx,
        plot.timeLabel() + (plot.timeUnit().isEmpty() ? "" : " (" + plot.timeUnit() + ")"), firstCountHalf, rows);
    return svg.document("cumulative-incidence", width, height, plot.title());
  }

  /** The top of the y axis in percent: 10, 20, 50 or 100 (at least the highest value shown). */
  static double yTop(double maxPercent) {
    for (double top : new double[] {10, 20, 50}) {
      if (maxPercent <= top) {
        return top;
      }
    }
    return 100;
  }

  private static void steps(Svg svg, String cls, List<Double> time, List<Double> value, SeriesStyle style,
      double width, String opacity, DoubleUnaryOperator xPx, DoubleUnaryOperator yPx) {
    if (time.isEmpty()) {
      return;
    }
    StringBuilder d = new StringBuilder();
    d.append('M').append(Svg.num(xPx.applyAsDouble(0))).append(' ').append(Svg.num(yPx.applyAsDouble(0)));
    double previous = 0;
    for (int i = 0; i < time.size(); i++) {
      double v = value.get(i);
      if (v != previous) {
        d.append(" H").append(Svg.num(xPx.applyAsDouble(time.get(i)))).append(" V").append(Svg.num(yPx.applyAsDouble(v)));
        previous = v;
      }
    }
    d.append(" H").append(Svg.num(xPx.applyAsDouble(time.get(time.size() - 1))));
    String[] stroke = style.stroke(width);
    String[] attributes = new String[6 + stroke.length];
    attributes[0] = "class";
    attributes[1] = cls;
    attributes[2] = "d";
    attributes[3] = d.toString();
    attributes[4] = "stroke-opacity";
    attributes[5] = opacity;
    System.arraycopy(stroke, 0, attributes, 6, stroke.length);
    svg.element("path", attributes);
  }

  /** Legend entries left to right, wrapping when the next would pass {@code right}; the competing line last. */
  private static double legend(Svg svg, CumulativeIncidencePlot plot, double left, double right) {
    List<String> labels = new ArrayList<>();
    for (CumulativeIncidenceCurve c : plot.curves()) {
      labels.add(c.events() == 0 ? c.group() + " (" + NO_EVENTS + ")" : c.group());
    }
    boolean competing = plot.competing() == CumulativeIncidencePlot.Competing.SHOWN;
    double x = left;
    double baseline = MARGIN + LABEL_SIZE * TextMetrics.ASCENT;
    for (int i = 0; i <= labels.size(); i++) {
      boolean competingEntry = i == labels.size();
      if (competingEntry && !competing) {
        break;
      }
      String text = competingEntry ? "thin lines: " + plot.competingLabel() : labels.get(i);
      double entryWidth = SAMPLE + 6 + TextMetrics.width(text, LABEL_SIZE);
      if (x > left && x + entryWidth > right) {
        x = left;
        baseline += LABEL_SIZE + 8;
      }
      double y = baseline - LABEL_SIZE * 0.3;
      svg.open("g", "class", "legend-entry");
      if (competingEntry) {
        svg.line("legend-line", x, y, x + SAMPLE, y, "stroke", "#555555", "stroke-width", "1.1", "fill", "none");
      } else {
        svg.line("legend-line", x, y, x + SAMPLE, y, SeriesStyle.of(i).stroke(2));
      }
      svg.text("legend-label", x + SAMPLE + 6, baseline, LABEL_SIZE, Anchor.START, text);
      svg.close("g");
      x += entryWidth + 20;
    }
    return baseline + LABEL_SIZE * TextMetrics.DESCENT;
  }
}
