package studybook.report.docx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One table as the reader will see it: every cell is already text in the report's number style.
 *
 * <p>The layout facts a journal table needs travel with it: what each row is ({@link RowKind}: a
 * variable's header row, an indented level row under it, or a plain row), how each column is aligned,
 * how many leading characters of a row's label are set in bold (the variable's name in
 * "<b>Age, years</b>, mean ± SD"), and optional spanning headers above the column headers (as
 * gtsummary's {@code tbl_merge} puts "Univariable", "Multivariable" over their columns). The
 * four-argument constructor keeps the old shape: plain rows, label column left, the rest centred, no
 * bold, no spanners; the withers add the rest.
 *
 * @param caption the line above the table, e.g. "Table 1. Characteristics of the patients"; empty for none
 * @param headers the column headers
 * @param rows rows of cell text, each as long as {@code headers}
 * @param footnotes lines printed under the table, in order
 * @param rowKinds what each row is, one per row
 * @param alignments how each column is aligned, one per column
 * @param strong per row, how many leading characters of its first cell are bold (0: none)
 * @param spanners headers that span adjacent columns, above the column headers, left to right; may be empty
 * @param italicHeads per column, whether its header's first letter is set in italics (a journal's <i>P</i>)
 */
public record DocxTable(String caption, List<String> headers, List<List<String>> rows, List<String> footnotes,
    List<RowKind> rowKinds, List<Align> alignments, List<Integer> strong, List<Spanner> spanners,
    List<Boolean> italicHeads) implements DocxBlock {

  /** What a row is, for indentation and keeping together. */
  public enum RowKind {
    /** An ordinary row (e.g. a regression term, a continuous variable's one row). */
    PLAIN,
    /** A variable's header row: its label, and often its test's p, with the level cells empty. */
    VARIABLE,
    /** One level of the {@link #VARIABLE} row above it: indented, kept on the page with its siblings. */
    LEVEL
  }

  /** How a column's cells are aligned. */
  public enum Align {
    LEFT,
    CENTER,
    RIGHT
  }

  /**
   * A header spanning {@code columns} adjacent columns starting at column {@code first} (0-based).
   *
   * @param text the spanning header, e.g. "Multivariable"
   * @param first the first column it covers
   * @param columns how many columns it covers, at least 1
   */
  public record Spanner(String text, int first, int columns) {
    public Spanner {
      Objects.requireNonNull(text, "text");
      if (first < 0 || columns < 1) {
        throw new IllegalArgumentException("spanner '" + text + "' covers columns " + first + " to "
            + (first + columns - 1));
      }
    }
  }

  public DocxTable(String caption, List<String> headers, List<List<String>> rows, List<String> footnotes) {
    this(caption, headers, rows, footnotes, Collections.nCopies(rows.size(), RowKind.PLAIN),
        defaultAlignments(headers.size()), Collections.nCopies(rows.size(), 0), List.of());
  }

  /** A table whose headers are all upright. */
  public DocxTable(String caption, List<String> headers, List<List<String>> rows, List<String> footnotes,
      List<RowKind> rowKinds, List<Align> alignments, List<Integer> strong, List<Spanner> spanners) {
    this(caption, headers, rows, footnotes, rowKinds, alignments, strong, spanners,
        Collections.nCopies(headers.size(), false));
  }

  public DocxTable {
    Objects.requireNonNull(caption, "caption");
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    footnotes = List.copyOf(footnotes);
    rowKinds = List.copyOf(rowKinds);
    alignments = List.copyOf(alignments);
    strong = List.copyOf(strong);
    spanners = List.copyOf(spanners);
    italicHeads = List.copyOf(italicHeads);
    if (headers.isEmpty()) {
      throw new IllegalArgumentException("table '" + caption + "' has no columns");
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != headers.size()) {
        throw new IllegalArgumentException("table '" + caption + "': row " + (i + 1) + " has " + rows.get(i).size()
            + " cells for " + headers.size() + " columns");
      }
    }
    if (rowKinds.size() != rows.size() || strong.size() != rows.size()) {
      throw new IllegalArgumentException("table '" + caption + "': " + rows.size() + " rows but " + rowKinds.size()
          + " row kinds and " + strong.size() + " bold lengths");
    }
    if (italicHeads.size() != headers.size()) {
      throw new IllegalArgumentException("table '" + caption + "': " + headers.size() + " columns but "
          + italicHeads.size() + " italic-header flags");
    }
    if (alignments.size() != headers.size()) {
      throw new IllegalArgumentException("table '" + caption + "': " + headers.size() + " columns but "
          + alignments.size() + " alignments");
    }
    for (int i = 0; i < rows.size(); i++) {
      int n = strong.get(i);
      if (n < 0 || n > rows.get(i).get(0).length()) {
        throw new IllegalArgumentException("table '" + caption + "': row " + (i + 1) + " has " + n
            + " bold characters in a label of " + rows.get(i).get(0).length());
      }
    }
    int next = 0;
    for (Spanner s : spanners) {
      if (s.first() < next || s.first() + s.columns() > headers.size()) {
        throw new IllegalArgumentException("table '" + caption + "': spanner '" + s.text()
            + "' overlaps another or runs past the last column");
      }
      next = s.first() + s.columns();
    }
  }

  /** The same table with these row kinds, one per row. */
  public DocxTable withRowKinds(List<RowKind> kinds) {
    return new DocxTable(caption, headers, rows, footnotes, kinds, alignments, strong, spanners, italicHeads);
  }

  /** The same table with these column alignments, one per column. */
  public DocxTable withAlignments(List<Align> align) {
    return new DocxTable(caption, headers, rows, footnotes, rowKinds, align, strong, spanners, italicHeads);
  }

  /** The same table with these bold label lengths, one per row. */
  public DocxTable withStrong(List<Integer> boldLengths) {
    return new DocxTable(caption, headers, rows, footnotes, rowKinds, alignments, boldLengths, spanners, italicHeads);
  }

  /** The same table with these spanning headers above the column headers. */
  public DocxTable withSpanners(List<Spanner> above) {
    return new DocxTable(caption, headers, rows, footnotes, rowKinds, alignments, strong, above, italicHeads);
  }

  /** The same table with this caption. */
  public DocxTable withCaption(String text) {
    return new DocxTable(text, headers, rows, footnotes, rowKinds, alignments, strong, spanners, italicHeads);
  }

  /** The same table with these footnotes. */
  public DocxTable withFootnotes(List<String> notes) {
    return new DocxTable(caption, headers, rows, notes, rowKinds, alignments, strong, spanners, italicHeads);
  }

  /** The same table with these italic-header flags, one per column. */
  public DocxTable withItalicHeads(List<Boolean> italic) {
    return new DocxTable(caption, headers, rows, footnotes, rowKinds, alignments, strong, spanners, italic);
  }

  /** Label column left, every other column centred, as journals set a table's numbers. */
  static List<Align> defaultAlignments(int columns) {
    List<Align> out = new ArrayList<>(Collections.nCopies(columns, Align.CENTER));
    if (columns > 0) {
      out.set(0, Align.LEFT);
    }
    return out;
  }
}
