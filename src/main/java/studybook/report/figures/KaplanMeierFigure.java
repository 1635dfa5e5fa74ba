package studybook.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import studybook.report.figures.Svg.Anchor;

/**
 * Draws Kaplan-Meier curves by group: right-continuous step functions from 100% at time 0, a tick
 * at every time with censoring (at most one per pixel the curve passes, so that the figure looks the
 * same and stays small at any number of patients), drawn under all curves so that curves running flat
 * through a run of ticks stay visible, an optional shaded pointwise confidence band, and a
 * numbers-at-risk table under the time axis aligned with its ticks. The y axis always spans 0-100% so that curves
 * with few events are not exaggerated; when no group has an event the plot says "no events" and its ticks
 * stand at least {@link #NO_EVENTS_TICK_GAP} pixels apart, so that they read as ticks and not as a bar.
 */
public final class KaplanMeierFigure {
  private static final double TICK_SIZE = 11;
  private static final double LABEL_SIZE = 12;
  private static final double MARGIN = 12;
  private static final double PLOT_WIDTH = 520;
  private static final double PLOT_HEIGHT = 260;
  private static final double TICK_LENGTH = 5;
  private static final double CENSOR_HALF = 4;
  private static final double SAMPLE = 26;
  private static final String NO_EVENTS = "no events";
  /**
   * Without any event every curve runs flat along 100% and its ticks, one per distinct censoring time,
   * would fuse into a bar over the lines: they are drawn at least this many pixels apart (each still at
   * a censored time's exact place; the numbers at risk below say how many were censored).
   */
  static final double NO_EVENTS_TICK_GAP = 4;
  private static final String CENSORED = "Censored";

  private KaplanMeierFigure() {}

  /** The figure as an SVG document. */
  public static String svg(KmPlot plot, FigureNumbers numbers) {
    List<KmCurve> curves = plot.curves();
    double maxTime = 0;
    for (KmCurve c : curves) {
      if (!c.time().isEmpty()) {
        maxTime = Math.max(maxTime, c.time().get(c.time().size() - 1));
      }
    }
    if (!(maxTime > 0)) {
      maxTime = 1;
    }
    List<Double> xTicks = timeTicks(maxTime, curves, numbers);
    double xMax = xTicks.get(xTicks.size() - 1);
    List<Double> yTicks = List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);

    double maxYTick = 0;
    for (double t : yTicks) {
      maxYTick = Math.max(maxYTick, TextMetrics.width(numbers.tick().apply(t), TICK_SIZE));
    }
    double maxGroup = 0;
    for (KmCurve c : curves) {
      maxGroup = Math.max(maxGroup, TextMetrics.width(c.group(), TICK_SIZE));
    }
    double firstCountHalf = 0;
    double lastOverhang = TextMetrics.width(numbers.tick().apply(xMax), TICK_SIZE) / 2;
    for (KmCurve c : curves) {
      firstCountHalf = Math.max(firstCountHalf, TextMetrics.width(count(numbers, c.atRiskAt(0)), TICK_SIZE) / 2);
      lastOverhang = Math.max(lastOverhang, TextMetrics.width(count(numbers, c.atRiskAt(xMax)), TICK_SIZE) / 2);
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
    DoubleUnaryOperator yPx = s -> plotBottom - s * PLOT_HEIGHT;

    // Grid and y axis.
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
    svg.text("axis-title y", yTitleX, yTitleY, LABEL_SIZE, Anchor.MIDDLE, plot.survivalLabel() + " (%)",
        "transform", "rotate(-90 " + Svg.num(yTitleX) + " " + Svg.num(yTitleY) + ")");

    if (plot.band() == ConfidenceBand.SHOWN) {
      for (int g = 0; g < curves.size(); g++) {
        band(svg, curves.get(g), SeriesStyle.of(g), xPx, yPx);
      }
    }
    // Censor marks first, curves over them: where many patients are censored (above all with no
    // events, when every curve runs flat along 100%) the marks would otherwise hide the lines.
    boolean noEvents = curves.stream().allMatch(c -> c.totalEvents() == 0);
    for (int g = 0; g < curves.size(); g++) {
      censorMarks(svg, curves.get(g), SeriesStyle.of(g), xPx, yPx, noEvents ? NO_EVENTS_TICK_GAP : 0);
    }
    for (int g = 0; g < curves.size(); g++) {
      curve(svg, curves.get(g), SeriesStyle.of(g), xPx, yPx);
    }
    if (curves.stream().allMatch(c -> c.totalEvents() == 0)) {
      svg.text("km-no-events", (plotLeft + plotRight) / 2, yPx.applyAsDouble(0.5), LABEL_SIZE, Anchor.MIDDLE,
          NO_EVENTS, "fill", "#555555", "font-style", "italic");
    }

    List<TimeAxisWithRisk.RiskRow> rows = new ArrayList<>();
    curves.forEach(c -> rows.add(new TimeAxisWithRisk.RiskRow(c.group(), c::atRiskAt)));
    double height = TimeAxisWithRisk.draw(svg, "km", numbers, plotLeft, plotRight, plotTop, plotBottom, xTicks, xPx,
        plot.timeLabel() + (plot.timeUnit().isEmpty() ? "" : " (" + plot.timeUnit() + ")"), firstCountHalf, rows);
    return svg.document("kaplan-meier", width, height, plot.title());
  }

  private static String count(FigureNumbers numbers, int n) {
    return numbers.count().apply(n);
  }

  /**
   * Time ticks from 0 at a 1-2-5 step, coarsened until tick labels and at-risk counts fit under
   * their ticks without touching.
   */
  static List<Double> timeTicks(double maxTime, List<KmCurve> curves, FigureNumbers numbers) {
    double step = Ticks.linearStep(maxTime, 10);
    while (true) {
      int intervals = (int) Math.ceil(maxTime / step - 1e-9);
      List<Double> ticks = Ticks.linear(step, Math.max(1, intervals));
      double widest = 0;
      for (double t : ticks) {
        widest = Math.max(widest, TextMetrics.width(numbers.tick().apply(t), TICK_SIZE));
        for (KmCurve c : curves) {
          widest = Math.max(widest, TextMetrics.width(count(numbers, c.atRiskAt(t)), TICK_SIZE));
        }
      }
      if (PLOT_WIDTH / Math.max(1, intervals) >= widest + 10 || intervals <= 1) {
        return ticks;
      }
      step = Ticks.coarser(step);
    }
  }

  /** Legend entries left to right, wrapping onto a new line when the next would pass {@code right}. */
  private static double legend(Svg svg, KmPlot plot, double left, double right) {
    List<String> labels = new ArrayList<>();
    for (KmCurve c : plot.curves()) {
      labels.add(c.totalEvents() == 0 ? c.group() + " (" + NO_EVENTS + ")" : c.group());
    }
    boolean anyCensored = plot.curves().stream().anyMatch(c -> c.censored().stream().anyMatch(n -> n > 0));
    if (plot.logRankP().isPresent()) {
      double p = plot.logRankP().getAsDouble();
      // survdiff's p, three decimals as a P column prints it (below 0.001: "< 0.001")
      labels.add(p < 0.001 ? "Log-rank P < 0.001" : "Log-rank P = " + studybook.report.NumberStyle.Plain.fixed(p, 3));
    } else if (plot.logRankNotComputable().isPresent()) {
      // the test was run but has no p: say so briefly (the table's footnote gives the whole reason)
      boolean noEvents = plot.curves().stream().allMatch(c -> c.totalEvents() == 0);
      labels.add(noEvents ? "Log-rank test: no events" : "Log-rank test: not computable");
    }
    int curveCount = plot.curves().size();
    double x = left;
    double baseline = MARGIN + LABEL_SIZE * TextMetrics.ASCENT;
    for (int i = 0; i <= labels.size(); i++) {
      boolean censorEntry = i == labels.size();
      if (censorEntry && !anyCensored) {
        break;
      }
      boolean pEntry = !censorEntry && i >= curveCount;
      String text = censorEntry ? CENSORED : labels.get(i);
      double entryWidth = (censorEntry ? 12 : pEntry ? 0 : SAMPLE + 6) + TextMetrics.width(text, LABEL_SIZE);
      if (x > left && x + entryWidth > right) {
        x = left;
        baseline += LABEL_SIZE + 8;
      }
      double y = baseline - LABEL_SIZE * 0.3;
      svg.open("g", "class", "legend-entry");
      if (pEntry) {
        svg.text("legend-label", x, baseline, LABEL_SIZE, Anchor.START, text);
      } else if (censorEntry) {
        svg.line("legend-censor", x + 3, y - CENSOR_HALF, x + 3, y + CENSOR_HALF,
            "stroke", "#000000", "stroke-width", "1");
        svg.text("legend-label", x + 12, baseline, LABEL_SIZE, Anchor.START, text);
      } else {
        svg.line("legend-line", x, y, x + SAMPLE, y, SeriesStyle.of(i).stroke(2));
        svg.text("legend-label", x + SAMPLE + 6, baseline, LABEL_SIZE, Anchor.START, text);
      }
      svg.close("g");
      x += entryWidth + 20;
    }
    return baseline + LABEL_SIZE * TextMetrics.DESCENT;
  }

  private static void curve(Svg svg, KmCurve c, SeriesStyle style, DoubleUnaryOperator xPx, DoubleUnaryOperator yPx) {
    if (c.time().isEmpty()) {
      return;
    }
    StringBuilder d = new StringBuilder();
    d.append('M').append(Svg.num(xPx.applyAsDouble(0))).append(' ').append(Svg.num(yPx.applyAsDouble(1)));
    double previous = 1;
    for (int i = 0; i < c.time().size(); i++) {
      double s = c.survival().get(i);
      if (s != previous) {
        d.append(" H").append(Svg.num(xPx.applyAsDouble(c.time().get(i))))
            .append(" V").append(Svg.num(yPx.applyAsDouble(s)));
        previous = s;
      }
    }
    d.append(" H").append(Svg.num(xPx.applyAsDouble(c.time().get(c.time().size() - 1))));
    String[] stroke = style.stroke(1.8);
    String[] attributes = new String[4 + stroke.length];
    attributes[0] = "class";
    attributes[1] = "km-curve";
    attributes[2] = "d";
    attributes[3] = d.toString();
    System.arraycopy(stroke, 0, attributes, 4, stroke.length);
    svg.open("g", "class", "km-group", "data-group", c.group());
    svg.element("path", attributes);
    svg.close("g");
  }

  /**
   * One tick per distinct censoring time of the group (as survminer and ggsurvfit draw them), not one
   * per patient, thinned to one per pixel cell; drawn thin so that a run of them stays a row of ticks.
   */
  private static void censorMarks(Svg svg, KmCurve c, SeriesStyle style, DoubleUnaryOperator xPx,
      DoubleUnaryOperator yPx, double minGap) {
    if (c.time().isEmpty()) {
      return;
    }
    svg.open("g", "class", "km-censor-group", "data-group", c.group());
    long lastCell = Long.MIN_VALUE;
    double lastX = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < c.time().size(); i++) {
      if (c.censored().get(i) > 0) {
        double x = xPx.applyAsDouble(c.time().get(i));
        double y = yPx.applyAsDouble(c.survival().get(i));
        long cell = pixelCell(x, y);
        if (cell == lastCell || x - lastX < minGap) {
          continue;
        }
        lastCell = cell;
        lastX = x;
        svg.line("km-censor", x, y - CENSOR_HALF, x, y + CENSOR_HALF, "stroke", style.colour(), "stroke-width", "1");
      }
    }
    svg.close("g");
  }

  /**
   * The whole-pixel cell (column, row) a censor tick falls in. Ticks are drawn in time order, and a
   * tick whose cell is the one of the previous drawn tick is left out: it would cover the same pixels.
   * A curve is monotone, so the cells it visits in order are distinct except for such repeats, and a
   * curve draws at most one tick per pixel column plus one per pixel row of the plot (about 800 at
   * any n), each at a censored time's exact place; every censored time has a tick within one pixel.
   */
  static long pixelCell(double x, double y) {
    return (long) Math.floor(x) * 1_000_003L + (long) Math.floor(y);
  }

  /** The band as one rectangle per interval between observed times; undefined limits leave a gap. */
  private static void band(Svg svg, KmCurve c, SeriesStyle style, DoubleUnaryOperator xPx, DoubleUnaryOperator yPx) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i + 1 < c.time().size(); i++) {
      double lo = c.lower().get(i);
      double hi = c.upper().get(i);
      if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
        continue;
      }
      double x0 = xPx.applyAsDouble(c.time().get(i));
      double x1 = xPx.applyAsDouble(c.time().get(i + 1));
      if (d.length() > 0) {
        d.append(' ');
      }
      d.append('M').append(Svg.num(x0)).append(' ').append(Svg.num(yPx.applyAsDouble(Math.min(hi, 1))))
          .append(" H").append(Svg.num(x1))
          .append(" V").append(Svg.num(yPx.applyAsDouble(Math.max(lo, 0))))
          .append(" H").append(Svg.num(x0)).append(" Z");
    }
    if (d.length() > 0) {
      svg.element("path", "class", "km-band", "d", d.toString(), "fill", style.colour(), "fill-opacity", "0.15",
          "stroke", "none");
    }
  }
}
