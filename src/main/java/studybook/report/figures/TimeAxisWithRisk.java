package studybook.report.figures;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import studybook.report.figures.Svg.Anchor;

/**
 * The part a Kaplan-Meier and a cumulative-incidence figure share: the time axis with its ticks and
 * title, then the numbers-at-risk table, one row per group with its line sample, each count under its tick.
 * The class prefix ({@code km}, {@code cif}) keeps each figure's CSS classes its own.
 */
final class TimeAxisWithRisk {
  static final double TICK_SIZE = 11;
  static final double LABEL_SIZE = 12;
  static final double MARGIN = 12;
  static final double TICK_LENGTH = 5;
  static final double ROW_STEP = 17;
  static final double SAMPLE = 26;
  static final String AT_RISK_TITLE = "Number at risk";

  /** One group's row: its label and its number at risk at a time. */
  record RiskRow(String group, java.util.function.DoubleToIntFunction atRiskAt) {}

  private TimeAxisWithRisk() {}

  /** Draws the axes (last, so curves at 0 and 100% do not hide them) and the table; returns the figure's height. */
  static double draw(Svg svg, String prefix, FigureNumbers numbers, double plotLeft, double plotRight,
      double plotTop, double plotBottom, List<Double> xTicks, DoubleUnaryOperator xPx, String xTitle,
      double firstCountHalf, List<RiskRow> rows) {
    svg.line("axis x", plotLeft, plotBottom, plotRight, plotBottom, "stroke", "#000000", "stroke-width", "1");
    svg.line("axis y", plotLeft, plotTop, plotLeft, plotBottom, "stroke", "#000000", "stroke-width", "1");
    double tickBaseline = plotBottom + TICK_LENGTH + 3 + TICK_SIZE * TextMetrics.ASCENT;
    for (double t : xTicks) {
      double x = xPx.applyAsDouble(t);
      svg.line("axis-tick", x, plotBottom, x, plotBottom + TICK_LENGTH, "stroke", "#000000", "stroke-width", "1");
      svg.text("axis-tick-label x", x, tickBaseline, TICK_SIZE, Anchor.MIDDLE, numbers.tick().apply(t));
    }
    double xTitleBaseline = tickBaseline + TICK_SIZE * TextMetrics.DESCENT + 6 + LABEL_SIZE * TextMetrics.ASCENT;
    svg.text("axis-title x", (plotLeft + plotRight) / 2, xTitleBaseline, LABEL_SIZE, Anchor.MIDDLE, xTitle);

    double rowBaseline = xTitleBaseline + LABEL_SIZE * TextMetrics.DESCENT + 14 + TICK_SIZE * TextMetrics.ASCENT;
    svg.text(prefix + "-at-risk-title", MARGIN, rowBaseline, TICK_SIZE, Anchor.START, AT_RISK_TITLE,
        "font-weight", "bold");
    double labelRight = plotLeft - firstCountHalf - 8;
    for (int g = 0; g < rows.size(); g++) {
      RiskRow r = rows.get(g);
      rowBaseline += ROW_STEP;
      svg.open("g", "class", prefix + "-at-risk-row");
      double labelLeft = labelRight - TextMetrics.width(r.group(), TICK_SIZE);
      double sampleY = rowBaseline - TICK_SIZE * 0.3;
      svg.line(prefix + "-at-risk-sample", labelLeft - 6 - SAMPLE, sampleY, labelLeft - 6, sampleY,
          SeriesStyle.of(g).stroke(1.8));
      svg.text(prefix + "-at-risk-group", labelRight, rowBaseline, TICK_SIZE, Anchor.END, r.group());
      for (double t : xTicks) {
        svg.text(prefix + "-at-risk", xPx.applyAsDouble(t), rowBaseline, TICK_SIZE, Anchor.MIDDLE,
            numbers.count().apply(r.atRiskAt().applyAsInt(t)));
      }
      svg.close("g");
    }
    return rowBaseline + TICK_SIZE * TextMetrics.DESCENT + MARGIN;
  }
}
