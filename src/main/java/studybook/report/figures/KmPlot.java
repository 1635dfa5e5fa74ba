package studybook.report.figures;

import java.util.List;
import java.util.Objects;

/**
 * What a Kaplan-Meier figure shows.
 *
 * @param title the accessible name of the figure
 * @param timeLabel x axis label without its unit, e.g. "Time since resection"
 * @param timeUnit the unit of the times, e.g. "months"; printed in parentheses after the label
 * @param survivalLabel y axis label without its unit, e.g. "Recurrence-free survival"; "(%)" is added
 * @param curves one per group, in legend order
 * @param band whether to shade the confidence band
 */
public record KmPlot(String title, String timeLabel, String timeUnit, String survivalLabel, List<KmCurve> curves,
    ConfidenceBand band) {
  public KmPlot {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(timeLabel, "timeLabel");
    Objects.requireNonNull(timeUnit, "timeUnit");
    Objects.requireNonNull(survivalLabel, "survivalLabel");
    Objects.requireNonNull(band, "band");
    curves = List.copyOf(curves);
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("a Kaplan-Meier figure needs at least one curve");
    }
  }
}
