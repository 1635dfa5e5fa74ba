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

  private final SmallCellSuppressionLedger ledger;

  ReportTables(TableRenderer renderer, Optional<SmallCellSuppression> suppression) {
    this.renderer = renderer;
    this.suppression = suppression;
    this.ledger = null;
  }

  /** Tables suppressed together by {@code ledger}, which knows every table of the run. */
  ReportTables(TableRenderer renderer, SmallCellSuppressionLedger ledger) {
    this.renderer = renderer;
    this.suppression = Optional.of(ledger.rule());
    this.ledger = ledger;
  }

  /** The number style for text and figures: with the ledger's masking of counts when suppressing. */
  NumberStyle style(NumberStyle plain) {
    return ledger == null ? plain : ledger.style(plain);
  }

  /** {@link #style} for the templates, which print Markdown: the mask escaped. */
  NumberStyle markdownStyle(NumberStyle plain) {
    return ledger == null ? plain : ledger.markdownStyle(plain);
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
      if (ledger != null) {
        SmallCellSuppression.ModelResult r = ledger.table(cell, i, m);
        m = r.model();
        if (i == 0 && !caption.isEmpty()) {
          m = m.withCaption(caption);
        }
        String name = m.caption().isEmpty() ? m.name() : m.caption();
        for (SmallCellSuppression.MaskedCell x : r.masked()) {
          masked.add(new SmallCellSuppression.MaskedCell(name, x.row(), x.column(), x.rowIndex(), x.columnIndex(),
              x.reason()));
        }
        suppressed.add(m);
      } else if (i == 0 && !caption.isEmpty()) {
        m = m.withCaption(caption);
      }
      if (ledger == null && suppression.isPresent()) {
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
