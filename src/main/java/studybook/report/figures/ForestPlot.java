package studybook.report.figures;

import java.util.List;
import java.util.Objects;

/**
 * What a forest plot shows.
 *
 * @param title the accessible name of the figure
 * @param primaryMethod legend text of the first estimate, e.g. "Maximum likelihood"
 * @param secondaryMethod legend text of the second estimate, e.g. "Firth"; unused when no row has one
 * @param rows one per term, top to bottom
 * @param ratio which ratio the rows hold (names the axis and the estimate column); odds ratios when null
 */
public record ForestPlot(String title, String primaryMethod, String secondaryMethod, List<ForestRow> rows, Ratio ratio) {
  /** The ratio a forest plot shows. */
  public enum Ratio {
    ODDS("Odds ratio (log scale)", "OR (95% CI)"),
    HAZARD("Hazard ratio (log scale)", "HR (95% CI)");

    private final String axisTitle;
    private final String header;

    Ratio(String axisTitle, String header) {
      this.axisTitle = axisTitle;
      this.header = header;
    }

    String axisTitle() {
      return axisTitle;
    }

    String header() {
      return header;
    }
  }

  public ForestPlot {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(primaryMethod, "primaryMethod");
    Objects.requireNonNull(secondaryMethod, "secondaryMethod");
    rows = List.copyOf(rows);
    ratio = ratio == null ? Ratio.ODDS : ratio;
  }

  /** A forest plot of odds ratios. */
  public ForestPlot(String title, String primaryMethod, String secondaryMethod, List<ForestRow> rows) {
    this(title, primaryMethod, secondaryMethod, rows, Ratio.ODDS);
  }

  boolean hasSecondary() {
    return rows.stream().anyMatch(r -> r.secondary().isPresent());
  }
}
