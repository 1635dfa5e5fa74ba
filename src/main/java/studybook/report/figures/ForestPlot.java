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
 */
public record ForestPlot(String title, String primaryMethod, String secondaryMethod, List<ForestRow> rows) {
  public ForestPlot {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(primaryMethod, "primaryMethod");
    Objects.requireNonNull(secondaryMethod, "secondaryMethod");
    rows = List.copyOf(rows);
  }

  boolean hasSecondary() {
    return rows.stream().anyMatch(r -> r.secondary().isPresent());
  }
}
