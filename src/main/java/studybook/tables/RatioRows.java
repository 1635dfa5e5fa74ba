package studybook.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The body rows of an odds- or hazard-ratio table, a row per term or, with reference rows, as
 * gtsummary's {@code tbl_regression} lays a categorical variable out: its label as a heading, the
 * reference level with "—" in the ratio column of each model that holds the variable, its other
 * levels below with their estimates. Each model is {@code width} adjacent columns (ratio first).
 */
final class RatioRows {
  /** The mark of a reference level, as gtsummary prints it. */
  static final String REFERENCE = "\u2014";
  /** The footnote that says what the mark means. */
  static final String REFERENCE_NOTE = REFERENCE + ", reference level.";

  private RatioRows() {}

  /**
   * One term's row.
   *
   * @param term the term ({@code variable=level} or a variable)
   * @param variable its variable
   * @param label its one-row label ("Sex: Female vs Male")
   * @param level its level names, null for a continuous term
   * @param cells its cells, {@code width} per model
   */
  record Entry(String term, String variable, String label, TermLevel level, List<TableValue> cells) {}

  /** The rows of {@code entries} (in table order, a variable's terms adjacent). */
  static List<TableModel.Row> of(List<Entry> entries, boolean referenceRows, int width) {
    List<TableModel.Row> rows = new ArrayList<>();
    String heading = null;
    for (Entry e : entries) {
      if (!referenceRows || e.level() == null) {
        heading = null;
        rows.add(new TableModel.Row(TableModel.RowKind.PLAIN, e.label(), "", e.variable(), e.cells()));
        continue;
      }
      if (!e.variable().equals(heading)) {
        heading = e.variable();
        int columns = e.cells().size();
        rows.add(new TableModel.Row(TableModel.RowKind.HEADING, e.level().variableLabel(), "", e.variable(),
            Collections.nCopies(columns, TableValue.empty())));
        List<TableValue> reference = new ArrayList<>(Collections.nCopies(columns, TableValue.empty()));
        for (int m = 0; m < columns; m += width) {
          int model = m;
          boolean holds = entries.stream().anyMatch(o -> o.variable().equals(e.variable())
              && !(o.cells().get(model) instanceof TableValue.Empty));
          if (holds) {
            reference.set(m, TableValue.text(REFERENCE));
          }
        }
        rows.add(new TableModel.Row(TableModel.RowKind.LEVEL, e.level().referenceLabel(), "", e.variable(), reference));
      }
      rows.add(new TableModel.Row(TableModel.RowKind.LEVEL, e.level().levelLabel(), "", e.variable(), e.cells()));
    }
    return rows;
  }

  /** Whether any of {@code entries} shows as reference rows. */
  static boolean anyReference(List<Entry> entries, boolean referenceRows) {
    return referenceRows && entries.stream().anyMatch(e -> e.level() != null);
  }
}
