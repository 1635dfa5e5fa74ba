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
  /** Every table placed, as shown (rendered only when asked: each output renders the document's tables itself). */
  private final List<TableModel> placed = new ArrayList<>();
  private final List<SmallCellSuppression.MaskedCell> masked = new ArrayList<>();
  private final List<TableModel> suppressed = new ArrayList<>();
  private final Marks marks = new Marks();

  private final SmallCellSuppressionLedger ledger;
  /** The tables each cell's result made ({@code display()}), by cell; those of {@link #reuse} are not made again. */
  private final java.util.Map<String, List<TableModel>> displayed = new java.util.LinkedHashMap<>();
  private java.util.Map<String, List<TableModel>> reuse = java.util.Map.of();
  /** How many times a result's tables were made ({@code display()}): tests. */
  static final java.util.concurrent.atomic.AtomicLong DISPLAYED = new java.util.concurrent.atomic.AtomicLong();

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

  /**
   * The number style the templates print with: the plain style, also when suppressing, since the counts
   * the text prints are masked on their typed marks once the ledger knows them all ({@link #settle()}).
   */
  NumberStyle markdownStyle(NumberStyle plain) {
    return plain;
  }

  /**
   * The mark of every table of {@code result}, with {@code caption} (which may hold number marks) on the
   * first when not empty: the template prints it, the document builder makes it the tables' blocks. With a
   * ledger, the tables are suppressed only by {@link #settle()}, once the ledger knows every count.
   */
  String place(String cell, Object result, String caption) {
    if (!(result instanceof Displayable d)) {
      throw new StudybookException("table: cell '" + cell + "' returns " + (result == null ? "nothing"
          : result.getClass().getSimpleName()) + ", which is not a table (a table result implements "
          + "studybook.tables.Displayable: GroupTable, Table1, RegressionTable, ClaimsReport ...)");
    }
    List<TableModel> models = reuse.get(cell);
    if (models == null) {
      models = d.display();
      DISPLAYED.incrementAndGet();
    }
    displayed.put(cell, models);
    if (ledger != null) {
      pending.add(new Pending(marks.tables().size(), cell, models, caption));
      String mark = marks.table(cell, models);
      return mark + "\n";
    }
    String plainCaption = marks.plain(caption);
    List<TableModel> shown = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      TableModel m = models.get(i);
      if (i == 0 && !plainCaption.isEmpty()) {
        m = m.withCaption(plainCaption);
      }
      if (suppression.isPresent()) {
        SmallCellSuppression.ModelResult r = suppression.get().apply(m);
        m = r.model();
        masked.addAll(r.masked());
        suppressed.add(m);
      }
      placed.add(m);
      shown.add(m);
    }
    // A line of its own, as the Markdown of the tables it stands for ended with a line break.
    return marks.table(cell, shown) + "\n";
  }

  /** A table placed while suppressing with a ledger: suppressed by {@link #settle()}. */
  private record Pending(int index, String cell, List<TableModel> models, String caption) {}

  private final List<Pending> pending = new ArrayList<>();

  /**
   * With a ledger: every count the template printed masked as the ledger now says (the text's number
   * marks), and every table placed suppressed with all the others and captioned (its caption's numbers
   * as masked); the masked cells listed again. Called after the ledger has solved, and again when it
   * learns more; the template is not rendered again.
   */
  void settle() {
    String mask = ledger.rule().mask();
    marks.maskCounts(ledger::risky, mask, mask.replace("[", "\\[").replace("]", "\\]"));
    placed.clear();
    masked.clear();
    suppressed.clear();
    for (Pending p : pending) {
      List<TableModel> shown = new ArrayList<>();
      String caption = marks.plain(p.caption());
      for (int i = 0; i < p.models().size(); i++) {
        SmallCellSuppression.ModelResult r = ledger.table(p.cell(), i, p.models().get(i));
        TableModel m = r.model();
        if (i == 0 && !caption.isEmpty()) {
          m = m.withCaption(caption);
        }
        String name = m.caption().isEmpty() ? m.name() : m.caption();
        for (SmallCellSuppression.MaskedCell x : r.masked()) {
          masked.add(new SmallCellSuppression.MaskedCell(name, x.row(), x.column(), x.rowIndex(), x.columnIndex(),
              x.reason()));
        }
        suppressed.add(m);
        placed.add(m);
        shown.add(m);
      }
      marks.settleTable(p.index(), shown);
    }
  }

  /**
   * Takes the tables of the cells in {@code models} from there instead of making them from the result again:
   * serve's incremental build, for cells whose result did not change.
   */
  void reuse(java.util.Map<String, List<TableModel>> models) {
    this.reuse = models;
  }

  /** The tables each placed cell's result made, by cell. */
  java.util.Map<String, List<TableModel>> displayed() {
    return java.util.Collections.unmodifiableMap(displayed);
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
    return placed.stream().map(renderer::render).toList();
  }

  /** Every cell the suppression masked, tables in order. */
  List<SmallCellSuppression.MaskedCell> masked() {
    return masked;
  }
}
