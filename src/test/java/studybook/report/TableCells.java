package studybook.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jsoup.nodes.Element;

/** The text of a table's cells, row by row, from the page or from Word, so the two can be compared. */
public final class TableCells {
  private TableCells() {}

  /** jsoup's text() turns no-break spaces into spaces and Word keeps them: compare them as spaces. */
  private static String plain(String text) {
    return text.replace('\u00a0', ' ');
  }

  public static List<List<String>> of(XWPFTable t) {
    List<List<String>> out = new ArrayList<>();
    for (XWPFTableRow r : t.getRows()) {
      out.add(r.getTableCells().stream().map(c -> plain(c.getText())).toList());
    }
    return out;
  }

  /** Word's table as the page's text reads it: a cell's lines (a group's size on a line of its own) joined by a space. */
  public static List<List<String>> asPage(XWPFTable t) {
    return of(t).stream().map(r -> r.stream().map(c -> c.replace("\n", " ")).toList()).toList();
  }

  public static List<List<String>> of(Element table) {
    List<List<String>> out = new ArrayList<>();
    // The notes row (the table's notes as the last row of its body, kept with its rows in print) is the notes,
    // which Word sets as paragraphs under the table: not a row of cells.
    for (Element tr : table.select("tr:not(.notes)")) {
      // Element::text, not eachText(): eachText() drops empty cells, and an empty cell is part of the table.
      out.add(tr.select("th, td").stream().map(e -> plain(e.text())).toList());
    }
    return out;
  }
}
