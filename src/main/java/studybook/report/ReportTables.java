package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studybook.StudybookException;
import studybook.tables.Displayable;
import studybook.tables.TableModel;

/**
 * The tables one render places, in order: each {@link Displayable} result goes through the
 * small-cell suppression (when asked, on the model's counts) and the one {@link TableRenderer}; the
 * Markdown is what the template prints, and the same rendered text later becomes Word's tables.
 */
final class ReportTables {
  private final TableRenderer renderer;
  private final Optional<SmallCellSuppression> suppression;
  private final List<TableRenderer.Rendered> placed = new ArrayList<>();
  private final List<SmallCellSuppression.MaskedCell> masked = new ArrayList<>();
  private final List<TableModel> suppressed = new ArrayList<>();
  private final List<Placement> placements = new ArrayList<>();

  /** The Markdown one {@code <@table/>} printed and the cell whose result it is (serve's click-to-cell). */
  record Placement(String cell, String markdown) {}

  ReportTables(TableRenderer renderer, Optional<SmallCellSuppression> suppression) {
    this.renderer = renderer;
    this.suppression = suppression;
  }

  /** The Markdown of every table of {@code result}, with {@code caption} on the first when not empty. */
  String markdown(String cell, Object result, String caption) {
    if (!(result instanceof Displayable d)) {
      throw new StudybookException("table: cell '" + cell + "' returns " + (result == null ? "nothing"
          : result.getClass().getSimpleName()) + ", which is not a table (a table result implements "
          + "studybook.tables.Displayable: GroupTable, Table1, RegressionTable, ClaimsReport ...)");
    }
    StringBuilder b = new StringBuilder();
    List<TableModel> models = d.display();
    for (int i = 0; i < models.size(); i++) {
      TableModel m = models.get(i);
      if (i == 0 && !caption.isEmpty()) {
        m = m.withCaption(caption);
      }
      if (suppression.isPresent()) {
        SmallCellSuppression.ModelResult r = suppression.get().apply(m);
        m = r.model();
        masked.addAll(r.masked());
        suppressed.add(m);
      }
      TableRenderer.Rendered rendered = renderer.render(m);
      placed.add(rendered);
      b.append(i == 0 ? "" : "\n").append(renderer.markdown(rendered));
    }
    placements.add(new Placement(cell, b.toString()));
    return b.toString();
  }

  TableRenderer renderer() {
    return renderer;
  }

  /** Every table placed, in order. */
  List<TableRenderer.Rendered> placed() {
    return placed;
  }

  /** What each placed table printed and which cell made it, in order. */
  List<Placement> placements() {
    return placements;
  }

  /** Every cell the suppression masked, tables in order. */
  List<SmallCellSuppression.MaskedCell> masked() {
    return masked;
  }
}
