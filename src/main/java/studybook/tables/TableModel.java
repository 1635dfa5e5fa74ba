package studybook.tables;

import java.util.List;
import java.util.Objects;

/**
 * A table as a journal prints it, before any number is formatted (as gtsummary's table body before
 * styling): typed cells ({@link TableValue}), rows that know their kind, columns that know their
 * alignment and the group size their header shows, and the footnotes. One renderer
 * ({@code studybook.report.TableRenderer}) writes it as Markdown (so HTML) and as Word's table; the
 * small-cell suppression works on its counts.
 *
 * @param name the table's name (its cell's; the CSV's file stem)
 * @param caption the caption, e.g. "Table 1. Characteristics ..."; empty when the report's heading says it
 * @param columns the columns, the first being the row labels
 * @param rows the body rows; each row has one cell per column after the first
 * @param tests the tests whose p-values the table shows, in footnote order (letters a, b, c ...)
 * @param notes further footnotes, each a sentence (excluded counts, abbreviations, warnings)
 * @param describes what its numbers come from: the data (a synthetic study's tables say so) or printed numbers only
 * @param spanners headers spanning adjacent value columns, above the column headers, left to right (as
 *     gtsummary's {@code tbl_merge} puts "Univariable" and "Multivariable" over their columns); may be empty
 */
public record TableModel(String name, String caption, List<Column> columns, List<Row> rows, List<Test> tests,
    List<String> notes, Describes describes, List<Spanner> spanners) {

  /** A table of the data. */
  public TableModel(String name, String caption, List<Column> columns, List<Row> rows, List<Test> tests,
      List<String> notes) {
    this(name, caption, columns, rows, tests, notes, Describes.DATA);
  }

  /** A table without spanning headers. */
  public TableModel(String name, String caption, List<Column> columns, List<Row> rows, List<Test> tests,
      List<String> notes, Describes describes) {
    this(name, caption, columns, rows, tests, notes, describes, List.of());
  }

  /**
   * A header spanning {@code columns} adjacent columns of the model, starting at column {@code first}
   * (0 is the label column, so a spanner starts at 1 or later).
   *
   * @param text e.g. "Multivariable"
   * @param first the first column it covers
   * @param columns how many columns it covers, at least 1
   */
  public record Spanner(String text, int first, int columns) {
    public Spanner {
      Objects.requireNonNull(text, "text");
      if (first < 1 || columns < 1) {
        throw new IllegalArgumentException("spanner '" + text + "' covers columns " + first + " to "
            + (first + columns - 1) + "; a spanner covers value columns (1 and after)");
      }
    }
  }

  /** What a table's numbers come from. */
  public enum Describes {
    /** The study's data: a synthetic study's note goes under it. */
    DATA,
    /** Printed numbers only (e.g. consistency checks of a paper's numbers): no data note. */
    PRINTED_NUMBERS
  }

  public TableModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(describes, "describes");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    tests = List.copyOf(tests);
    notes = List.copyOf(notes);
    spanners = List.copyOf(spanners);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table '" + name + "' has no columns");
    }
    int next = 1;
    for (Spanner s : spanners) {
      if (s.first() < next || s.first() + s.columns() > columns.size()) {
        throw new IllegalArgumentException("table '" + name + "': spanner '" + s.text()
            + "' overlaps another or runs past the last column");
      }
      next = s.first() + s.columns();
    }
    for (Row r : rows) {
      if (r.cells().size() != columns.size() - 1) {
        throw new IllegalArgumentException("table '" + name + "': row '" + r.label() + "' has " + r.cells().size()
            + " cells for " + (columns.size() - 1) + " value columns");
      }
    }
  }

  /** How a column's cells line up. */
  public enum Align {
    LEFT,
    RIGHT,
    CENTER
  }

  /** What a row is. */
  public enum RowKind {
    /** A categorical variable's heading: its label (and test), its levels below. */
    HEADING,
    /** One level of the variable above, indented under its heading. */
    LEVEL,
    /** A variable shown in one row (a number, or a dichotomous variable's one level). */
    SINGLE,
    /** Any other row (a step, a claim, a group). */
    PLAIN
  }

  /**
   * A column.
   *
   * @param header its header text
   * @param n the group size the header shows as "(n = N)", or -1 for none
   * @param align how its cells line up
   */
  public record Column(String header, long n, Align align) {
    public static Column label(String header) {
      return new Column(header, -1, Align.LEFT);
    }

    public static Column number(String header) {
      return new Column(header, -1, Align.RIGHT);
    }

    public static Column group(String header, long n) {
      return new Column(header, n, Align.RIGHT);
    }

    public static Column text(String header) {
      return new Column(header, -1, Align.LEFT);
    }
  }

  /**
   * A row.
   *
   * @param kind what it is
   * @param label its label (a heading's shows emphasised)
   * @param detail text after the label, not emphasised (", mean ± SD", " (3 missing)"); may be empty
   * @param variable the variable it belongs to, or empty
   * @param cells one value per column after the label column
   */
  public record Row(RowKind kind, String label, String detail, String variable, List<TableValue> cells) {
    public Row {
      cells = List.copyOf(cells);
    }

    public static Row plain(String label, List<TableValue> cells) {
      return new Row(RowKind.PLAIN, label, "", "", cells);
    }
  }

  /**
   * A test named in the footnotes.
   *
   * @param name the name p-values refer to it by, e.g. {@code chisq}
   * @param footnote e.g. "Pearson chi-square test without continuity correction"
   * @param rCall the R call it matches; empty for none
   * @param symbol its statistic's symbol (χ², t, W ...); empty when it has none
   */
  public record Test(String name, String footnote, String rCall, String symbol) {}

  /** The same table with other rows (suppression, subsetting). */
  public TableModel withRows(List<Row> newRows) {
    return new TableModel(name, caption, columns, newRows, tests, notes, describes, spanners);
  }

  /** The same table with another caption. */
  public TableModel withCaption(String newCaption) {
    return new TableModel(name, newCaption, columns, rows, tests, notes, describes, spanners);
  }

  /** The same table with these spanning headers. */
  public TableModel withSpanners(List<Spanner> above) {
    return new TableModel(name, caption, columns, rows, tests, notes, describes, above);
  }

  /** The same table with other notes (e.g. an abbreviation note added). */
  public TableModel withNotes(List<String> newNotes) {
    return new TableModel(name, caption, columns, rows, tests, newNotes, describes, spanners);
  }
}
