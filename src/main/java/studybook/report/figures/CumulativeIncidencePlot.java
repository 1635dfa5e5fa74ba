package studybook.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import studybook.stats.survival.CumulativeIncidenceCurve;

/**
 * What a cumulative-incidence figure shows: per group, the incidence of the event of interest rising from
 * 0 as a step function and, when asked, the summed incidence of the competing events as a thin line of the
 * same series; a numbers-at-risk table under the time axis.
 *
 * @param title the accessible name of the figure
 * @param timeLabel x axis label without its unit
 * @param timeUnit the unit of the times; printed in parentheses after the label
 * @param incidenceLabel y axis label without its unit, e.g. "Cumulative incidence of recurrence"; "(%)" is added
 * @param competingLabel the legend's name of the competing events, e.g. "death without recurrence"
 * @param curves one per group, in legend order
 * @param competing whether the competing incidence is drawn
 */
public record CumulativeIncidencePlot(String title, String timeLabel, String timeUnit, String incidenceLabel,
    String competingLabel, List<CumulativeIncidenceCurve> curves, Competing competing) {

  /** Whether the competing events' incidence is drawn beside the event of interest. */
  public enum Competing {
    SHOWN,
    HIDDEN
  }

  public CumulativeIncidencePlot {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(timeLabel, "timeLabel");
    Objects.requireNonNull(timeUnit, "timeUnit");
    Objects.requireNonNull(incidenceLabel, "incidenceLabel");
    Objects.requireNonNull(competingLabel, "competingLabel");
    Objects.requireNonNull(competing, "competing");
    curves = List.copyOf(curves);
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("a cumulative-incidence figure needs at least one curve");
    }
  }

  /** The curves with their groups relabelled for display (e.g. by the codebook's level labels). */
  public static List<CumulativeIncidenceCurve> relabelled(List<CumulativeIncidenceCurve> curves,
      UnaryOperator<String> label) {
    List<CumulativeIncidenceCurve> out = new ArrayList<>();
    for (CumulativeIncidenceCurve c : curves) {
      out.add(new CumulativeIncidenceCurve(label.apply(c.group()), c.n(), c.events(), c.competingEvents(), c.time(),
          c.atRisk(), c.incidence(), c.competingIncidence()));
    }
    return out;
  }
}
