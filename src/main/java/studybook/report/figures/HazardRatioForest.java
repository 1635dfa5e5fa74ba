package studybook.report.figures;

import java.util.ArrayList;
import java.util.List;
import studybook.tables.CoxTermRow;
import studybook.tables.HazardRatioRow;
import studybook.tables.HazardRatioTable;

/**
 * The forest plot of a hazard-ratio table: each term's multivariable hazard ratio with its Wald 95%
 * limits and, below it, the univariable one. A diverged or not estimable term is drawn as
 * "not estimable", never as a point.
 */
public final class HazardRatioForest {
  private HazardRatioForest() {}

  /** The plot of {@code table} titled {@code title}. */
  public static ForestPlot of(String title, HazardRatioTable table) {
    List<ForestRow> rows = new ArrayList<>();
    for (HazardRatioRow r : table.entries()) {
      if (r.multivariable() != null && r.univariable() != null) {
        rows.add(ForestRow.of(r.label(), estimate(r.multivariable()), estimate(r.univariable())));
      } else if (r.multivariable() != null) {
        rows.add(ForestRow.of(r.label(), estimate(r.multivariable())));
      }
    }
    return new ForestPlot(title, "Multivariable Cox, Wald 95% CI", "Univariable", rows, ForestPlot.Ratio.HAZARD);
  }

  private static OddsRatioEstimate estimate(CoxTermRow t) {
    return t.estimated() ? new OddsRatioEstimate(t.hazardRatio(), t.ciLow(), t.ciHigh())
        : new OddsRatioEstimate(Double.NaN, Double.NaN, Double.NaN);
  }
}
