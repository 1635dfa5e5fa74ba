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

  /**
   * Word's table as the page's one Markdown header row prints it: a spanning header row folded into
   * the headers (its text before the first header it spans, "Univariable OR") and a two-line group
   * header on one line ("Overall\nN = 322" as "Overall, N = 322").
   */
  public static List<List<String>> oneHeaderRow(XWPFTable t) {
    List<List<String>> rows = of(t);
    List<XWPFTableRow> word = t.getRows();
    boolean spanners = word.size() > 1 && word.get(0).getTableCells().stream().anyMatch(c -> c.getCTTc().getTcPr() != null
        && c.getCTTc().getTcPr().isSetGridSpan());
    List<String> header = new ArrayList<>(rows.get(spanners ? 1 : 0));
    if (spanners) {
      int column = 0;
      for (var cell : word.get(0).getTableCells()) {
        String text = plain(cell.getText()).strip();
        if (!text.isEmpty()) {
          header.set(column, text + " " + header.get(column));
        }
        column += cell.getCTTc().getTcPr() != null && cell.getCTTc().getTcPr().isSetGridSpan()
            ? cell.getCTTc().getTcPr().getGridSpan().getVal().intValue() : 1;
      }
    }
    List<List<String>> out = new ArrayList<>();
    out.add(header.stream().map(h -> h.replace("\n", ", ")).toList());
    out.addAll(rows.subList(spanners ? 2 : 1, rows.size()));
    return out;
  }

  public static List<List<String>> of(Element table) {
    List<List<String>> out = new ArrayList<>();
    for (Element tr : table.select("tr")) {
      // Element::text, not eachText(): eachText() drops empty cells, and an empty cell is part of the table.
      out.add(tr.select("th, td").stream().map(e -> plain(e.text())).toList());
    }
    return out;
  }
}
