package studybook.report.docx;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a table is set on the page: its font size, the page's orientation and each column's width,
 * from the width of its text (as flextable's {@code autofit()} sizes gtsummary tables).
 *
 * <p>A column of numbers is never narrower than its widest cell, so a token such as {@code <0.001},
 * {@code 0.961–1.028} or {@code 61.971} never breaks; the label column and the headers wrap at spaces
 * only, never inside a word. The table is tried in portrait at the body size first, then in
 * landscape at falling sizes down to {@link #SMALLEST} points; a table that fits nowhere is set at the
 * smallest size in landscape with its columns at their minimum, wider than the page (and the check
 * says so). Hand-written: no library lays out Word tables.
 *
 * @param points the font size of the table's text
 * @param orientation the page the table needs
 * @param widths each column's width in twips (1/20 point)
 */
record TableLayout(double points, Orientation orientation, List<Integer> widths) {
  /** A page's orientation. */
  enum Orientation {
    PORTRAIT,
    LANDSCAPE
  }

  /** The table's body size, as journals set tables (a point below the text). */
  static final double BODY = 9;
  /** The smallest size a table is set in before it is allowed to overflow. */
  static final double SMALLEST = 6.5;
  /** Left plus right cell margin, twips. */
  static final int CELL_MARGINS = 2 * 85;
  /** Indent of a level row under its variable, twips. */
  static final int INDENT = 200;
  /** Added to every measured width: rounding in the viewer's layout and the table's borders. */
  private static final double SLACK = 1.04;
  private static final int SLACK_TWIPS = 30;
  private static final Pattern SPACES = Pattern.compile("\\s+");

  TableLayout {
    widths = List.copyOf(widths);
  }

  /** The table's total width, twips. */
  int total() {
    return widths.stream().mapToInt(Integer::intValue).sum();
  }

  /** Lays {@code table} out for a page whose text is {@code portrait} or {@code landscape} twips wide. */
  static TableLayout of(DocxTable table, int portrait, int landscape) {
    TableLayout fit = fit(table, BODY, Orientation.PORTRAIT, portrait);
    if (fit != null) {
      return fit;
    }
    for (double size = BODY; size >= SMALLEST; size -= 0.5) {
      fit = fit(table, size, Orientation.LANDSCAPE, landscape);
      if (fit != null) {
        return fit;
      }
    }
    return new TableLayout(SMALLEST, Orientation.LANDSCAPE, minimum(table, SMALLEST));
  }

  /** Widths that fit {@code available} twips at {@code size} points, or null when none do. */
  private static TableLayout fit(DocxTable table, double size, Orientation orientation, int available) {
    List<Integer> min = minimum(table, size);
    List<Integer> natural = natural(table, size);
    int minSum = min.stream().mapToInt(Integer::intValue).sum();
    if (minSum > available) {
      return null;
    }
    int naturalSum = natural.stream().mapToInt(Integer::intValue).sum();
    List<Integer> widths = new ArrayList<>();
    if (naturalSum <= available) {
      // Everything on one line; the rest of the line is shared out evenly, so the table spans the text.
      int extra = (available - naturalSum) / natural.size();
      for (int n : natural) {
        widths.add(n + extra);
      }
    } else {
      // The label column is widened first (a label on one line reads best), then the headers that wrap
      // share what is left in proportion to their need; cells of numbers are at their full width already.
      int room = available - minSum;
      int label = Math.min(room, natural.get(0) - min.get(0));
      room -= label;
      long need = 0;
      for (int c = 1; c < min.size(); c++) {
        need += natural.get(c) - min.get(c);
      }
      widths.add(min.get(0) + label);
      for (int c = 1; c < min.size(); c++) {
        widths.add(min.get(c) + (need == 0 ? 0 : (int) ((long) room * (natural.get(c) - min.get(c)) / need)));
      }
    }
    int used = widths.stream().mapToInt(Integer::intValue).sum();
    widths.set(0, widths.get(0) + available - used);
    return new TableLayout(size, orientation, widths);
  }

  /** Each column's narrowest width: its widest unbreakable piece (whole cells of numbers, words of text). */
  static List<Integer> minimum(DocxTable table, double size) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < table.headers().size(); c++) {
      double w = longestWord(table.headers().get(c), true, size);
      for (int r = 0; r < table.rows().size(); r++) {
        String cell = table.rows().get(r).get(c);
        if (c == 0) {
          w = Math.max(w, longestWord(cell, table.strong().get(r) > 0, size) + indent(table, r));
        } else {
          w = Math.max(w, widest(cell, size));
        }
      }
      out.add(twips(w));
    }
    return out;
  }

  /** Each column's width with no cell wrapped. */
  static List<Integer> natural(DocxTable table, double size) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < table.headers().size(); c++) {
      double w = widest(table.headers().get(c), size, true);
      for (int r = 0; r < table.rows().size(); r++) {
        String cell = table.rows().get(r).get(c);
        if (c == 0) {
          w = Math.max(w, labelWidth(cell, table.strong().get(r), size) + indent(table, r));
        } else {
          w = Math.max(w, widest(cell, size));
        }
      }
      out.add(twips(w));
    }
    return out;
  }

  /** Points of indentation of row {@code r}'s label. */
  private static double indent(DocxTable table, int r) {
    return table.rowKinds().get(r) == DocxTable.RowKind.LEVEL ? INDENT / 20.0 : 0;
  }

  private static double labelWidth(String text, int strong, double size) {
    double w = 0;
    for (String line : text.split("\n", -1)) {
      int bold = Math.min(strong, line.length());
      w = Math.max(w, TextWidths.points(line.substring(0, bold), true, size)
          + TextWidths.points(line.substring(bold), false, size));
      strong -= Math.min(strong, line.length() + 1);
    }
    return w;
  }

  private static double widest(String text, double size) {
    return widest(text, size, false);
  }

  private static double widest(String text, double size, boolean bold) {
    double w = 0;
    for (String line : text.split("\n", -1)) {
      w = Math.max(w, TextWidths.points(line, bold, size));
    }
    return w;
  }

  private static double longestWord(String text, boolean bold, double size) {
    double w = 0;
    for (String word : SPACES.split(text)) {
      w = Math.max(w, TextWidths.points(word, bold, size));
    }
    return w;
  }

  private static int twips(double points) {
    return (int) Math.ceil(points * 20 * SLACK) + CELL_MARGINS + SLACK_TWIPS;
  }
}
