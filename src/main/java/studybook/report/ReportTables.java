package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studybook.StudybookException;
import studybook.tables.Displayable;
import studybook.tables.TableModel;

/**
 * The tables one render places, in order: each {@link Displayable} result goes through the
 * small-cell suppression (when asked, on the model's counts); the template prints a mark, which the
 * {@link DocumentBuilder} makes the tables' typed blocks (every output renders them through the one
 * {@link TableRenderer}).
 */
final class ReportTables {
  private final TableRenderer renderer;
  private final Optional<SmallCellSuppression> suppression;
  private final List<TableRenderer.Rendered> placed = new ArrayList<>();
  private final List<SmallCellSuppression.MaskedCell> masked = new ArrayList<>();
  private final List<TableModel> suppressed = new ArrayList<>();
  private final Marks marks = new Marks();

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

  /**
   * The mark of every table of {@code result}, with {@code caption} on the first when not empty: the
   * template prints it, the document builder makes it the tables' blocks.
   */
  String place(String cell, Object result, String caption) {
    if (!(result instanceof Displayable d)) {
      throw new StudybookException("table: cell '" + cell + "' returns " + (result == null ? "nothing"
          : result.getClass().getSimpleName()) + ", which is not a table (a table result implements "
          + "studybook.tables.Displayable: GroupTable, Table1, RegressionTable, ClaimsReport ...)");
    }
    List<TableModel> models = d.display();
    List<TableModel> shown = new ArrayList<>();
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
      placed.add(renderer.render(m));
      shown.add(m);
    }
    // A line of its own, as the Markdown of the tables it stands for ended with a line break.
    return marks.table(cell, shown) + "\n";
  }

  /** The marks of this render: the tables placed here, the figures and numbers the templates placed. */
  Marks marks() {
    return marks;
  }

  TableRenderer renderer() {
    return renderer;
  }

  /** Every table placed, in order. */
  List<TableRenderer.Rendered> placed() {
    return placed;
  }

  /** Every cell the suppression masked, tables in order. */
  List<SmallCellSuppression.MaskedCell> masked() {
    return masked;
  }
}
