package studybook.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import studybook.stats.propensity.BalanceRow;
import studybook.tables.BalanceTable;

/**
 * What a Love plot shows: the absolute standardized mean difference of each covariate before and after
 * weighting or matching (cobalt's {@code love.plot(..., abs = TRUE)}), with a threshold line.
 *
 * @param title the accessible name of the figure
 * @param afterLabel legend text of the adjusted values, e.g. "After weighting"
 * @param rows one per balance row, top to bottom
 * @param threshold the SMD drawn as a dashed line (0.1 by convention)
 */
public record LovePlot(String title, String afterLabel, List<Row> rows, double threshold) {
  /** One covariate (or level): its label and SMDs. */
  public record Row(String label, double smdBefore, double smdAfter) {}

  public LovePlot {
    Objects.requireNonNull(title, "title");
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a Love plot needs at least one covariate");
    }
  }

  /** The plot of a balance table (its codebook labels), threshold 0.1. */
  public static LovePlot of(String title, BalanceTable table) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < table.entries().size(); i++) {
      BalanceRow b = table.entries().get(i);
      rows.add(new Row(table.labels().get(i), b.smdBefore(), b.smdAfter()));
    }
    String after = table.result().method() == studybook.stats.propensity.PropensityScore.Method.MATCH
        ? "After matching" : "After weighting";
    return new LovePlot(title, after, rows, 0.1);
  }
}
