package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import studybook.report.docx.DocxTable;
import studybook.tables.TableModel;
import studybook.tables.TableModel.Column;
import studybook.tables.TableModel.Row;
import studybook.tables.TableModel.RowKind;
import studybook.tables.TableValue;

/**
 * Journal-grade tables (issue 21, item 5): group headers on two lines, spanning headers, the minus
 * sign and "to" of negative intervals, the journal's italic P, in Markdown, HTML and Word alike.
 */
class JournalTablePagesTest {
  private static final String NB = "\u00A0";

  private static final TableModel GROUPS = new TableModel("t", "", List.of(Column.label("Characteristic"),
      Column.group("Overall", 322), Column.group("Non-curative resection", 142), Column.number("P")),
      List.of(new Row(RowKind.SINGLE, "Age", ", mean ± SD", "age", List.of(new TableValue.MeanSd(53.7, 11, 1),
          new TableValue.MeanSd(55.2, 10.7, 1), TableValue.PValue.of(0.033)))),
      List.of(), List.of());

  private static final TableModel MODELS = new TableModel("m", "", List.of(Column.label("Characteristic"),
      Column.number("OR"), Column.number("95% CI"), Column.number("P"), Column.number("OR"), Column.number("95% CI"),
      Column.number("P")),
      List.of(Row.plain("Age, per year", List.of(new TableValue.Ratio(0.994), new TableValue.Limits(0.961, 1.028),
          TableValue.PValue.of(0.727), new TableValue.Ratio(1.02), new TableValue.Limits(0.967, 1.076),
          TableValue.PValue.of(0.463)))),
      List.of(), List.of()).withSpanners(List.of(new TableModel.Spanner("Univariable", 1, 3),
          new TableModel.Spanner("Multivariable", 4, 3)));

  private static TableRenderer renderer(Map<String, String> settings) {
    return new TableRenderer(NumberStyle.of(settings), false, Optional.empty());
  }

  @Test
  void groupHeadersAreTwoLinesInWordAndHtmlAndNeverBreakInsideTheSize() {
    TableRenderer r = renderer(Map.of());
    TableRenderer.Rendered rendered = r.render(GROUPS);
    // Markdown (one header row, no raw HTML): gtsummary's "Overall, N = 322", the size unbreakable
    assertTrue(r.markdown(rendered).startsWith("| Characteristic | Overall, N" + NB + "=" + NB + "322 | "
        + "Non-curative resection, N" + NB + "=" + NB + "142 | P |\n"), r.markdown(rendered));
    DocxTable docx = r.docx(rendered, "Table 1.");
    assertEquals(List.of("Characteristic", "Overall\nN" + NB + "=" + NB + "322",
        "Non-curative resection\nN" + NB + "=" + NB + "142", "P"), docx.headers());
    String html = r.html(rendered);
    assertTrue(html.contains("<th align=\"right\">Overall<br />N" + NB + "=" + NB + "322</th>"), html);
    assertFalse(html.contains("(n = "), html);
  }

  @Test
  void spanningHeadersReachWordAndHtmlAndMarkdownKeepsOneHeaderRow() {
    TableRenderer r = renderer(Map.of());
    TableRenderer.Rendered rendered = r.render(MODELS);
    assertEquals(List.of("Characteristic", "Univariable OR", "95% CI", "P", "Multivariable OR", "95% CI", "P"),
        rendered.headers(), "the one-line headers of Markdown (a GFM table has one header row)");
    DocxTable docx = r.docx(rendered, "");
    assertEquals(List.of(new DocxTable.Spanner("Univariable", 1, 3), new DocxTable.Spanner("Multivariable", 4, 3)),
        docx.spanners());
    assertEquals(List.of("Characteristic", "OR", "95% CI", "P", "OR", "95% CI", "P"), docx.headers());
    String html = r.html(rendered);
    assertTrue(html.contains("<tr class=\"spanners\"><th></th><th colspan=\"3\" class=\"spanner\">Univariable</th>"
        + "<th colspan=\"3\" class=\"spanner\">Multivariable</th></tr>"), html);
  }

  @Test
  void spannersMoveRightOfAStatisticColumn() {
    TableModel m = new TableModel("s", "", List.of(Column.label("x"), Column.number("P"), Column.number("OR")),
        List.of(Row.plain("a", List.of(new TableValue.PValue(0.2, "w", 1.5, 1), new TableValue.Ratio(2)))),
        List.of(new TableModel.Test("w", "Wald", "", "z")), List.of())
        .withSpanners(List.of(new TableModel.Spanner("Model", 1, 2)));
    TableRenderer r = new TableRenderer(NumberStyle.of(Map.of()), true, Optional.empty());
    assertEquals(List.of(new TableModel.Spanner("Model", 1, 3)), r.render(m).spanners(),
        "the statistic column beside P lies under the same spanner");
  }

  @Test
  void negativeIntervalsPrintWithAMinusSignAndTo() {
    NumberStyle plain = NumberStyle.of(Map.of());
    assertEquals("\u221213.7 to 5.2", plain.interval(-13.72, 5.2, 1));
    assertEquals("\u22120.52 to 1.10", plain.ci(-0.52, 1.1));
    assertEquals("\u22123.0 to \u22121.0", plain.interval(-3, -1, 1));
    assertEquals("1.0\u20133.0", plain.interval(1, 3, 1), "positive limits keep the en dash");
    assertEquals("\u22120.025", plain.num(-0.0251));
    assertEquals("\u22120\u00B752 to 1\u00B710", NumberStyle.of(Map.of("style.journal", "lancet")).ci(-0.52, 1.1));
    TableRenderer r = renderer(Map.of());
    TableModel m = new TableModel("l", "", List.of(Column.label("x"), Column.number("95% CI")),
        List.of(Row.plain("a", List.of(new TableValue.Interval(-13.72, 5.2, 1)))), List.of(), List.of());
    String md = r.markdown(r.render(m));
    assertTrue(md.contains("| \u221213.7 to 5.2 |"), md);
    assertFalse(md.contains("-13.7"), md);
  }

  @Test
  void italicPWhereTheJournalAsks() {
    TableRenderer ama = renderer(Map.of("style.journal", "ama"));
    TableRenderer.Rendered rendered = ama.render(MODELS);
    assertEquals(List.of(false, false, false, true, false, false, true), rendered.italicHeaders());
    assertTrue(ama.markdown(rendered).contains("| 95% CI | *P* | Multivariable OR |"), ama.markdown(rendered));
    assertEquals(rendered.italicHeaders(), ama.docx(rendered, "").italicHeads());
    assertTrue(ama.html(rendered).contains("><em>P</em></th>"), ama.html(rendered));
    TableRenderer plain = renderer(Map.of());
    assertFalse(plain.markdown(plain.render(MODELS)).contains("*P*"));
    assertTrue(plain.render(MODELS).italicHeaders().stream().noneMatch(b -> b));
  }

  @Test
  void eachTableDefinesTheAbbreviationsItPrintsFromTheKernelAndTheStudy() {
    TableRenderer r = TableRenderer.of(Map.of("abbreviations.EMR", "endoscopic mucosal resection",
        "abbreviations.ESD", "endoscopic submucosal dissection", "abbreviations.LN", "lymph node"), false);
    TableModel t = new TableModel("t", "", List.of(Column.label("Characteristic"), Column.group("Overall", 10),
        Column.number("P")), List.of(
        new Row(RowKind.SINGLE, "Age", ", mean ± SD", "age", List.of(new TableValue.MeanSd(50, 9, 1),
            TableValue.PValue.of(0.2))),
        new Row(RowKind.HEADING, "Method", ", n (%)", "m", List.of(TableValue.empty(), TableValue.PValue.of(0.5))),
        new Row(RowKind.LEVEL, "Conventional EMR", "", "m", List.of(new TableValue.Count(4, 40), TableValue.empty())),
        new Row(RowKind.LEVEL, "ESD", "", "m", List.of(new TableValue.Count(6, 60), TableValue.empty()))),
        List.of(), List.of());
    List<String> notes = r.render(t).footnotes();
    assertEquals("Abbreviations: EMR, endoscopic mucosal resection; ESD, endoscopic submucosal dissection; SD, standard deviation.",
        notes.get(notes.size() - 1), "only what the table prints (no LN, no IQR), alphabetically");
    // a note that already defines an abbreviation is not repeated
    TableModel models = MODELS.withNotes(List.of("OR, odds ratio; CI, 95% confidence interval."));
    assertEquals(List.of("OR, odds ratio; CI, 95% confidence interval."), r.render(models).footnotes());
    assertEquals("Abbreviations: CI, confidence interval; OR, odds ratio.", r.render(MODELS).footnotes().get(0));
  }

  @Test
  void wordMergesTheSpannersCellsAndSetsTheGroupSizeOnItsOwnLineAndPInItalics() throws Exception {
    TableRenderer r = renderer(Map.of("style.journal", "ama"));
    studybook.report.docx.DocxDocument doc = new studybook.report.docx.DocxDocument("t", Optional.empty(),
        List.of(r.docx(r.render(MODELS), "Table 3."), r.docx(r.render(GROUPS), "Table 1.")));
    try (var word = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(
        studybook.report.docx.DocxWriter.bytes(doc)))) {
      var models = word.getTables().get(0);
      var spanRow = models.getRow(0).getTableCells();
      assertEquals(List.of("", "Univariable", "Multivariable"), spanRow.stream().map(c -> c.getText()).toList());
      assertEquals(3, spanRow.get(1).getCTTc().getTcPr().getGridSpan().getVal().intValue());
      assertEquals("OR", models.getRow(1).getCell(1).getText());
      var p = models.getRow(1).getCell(3).getParagraphs().get(0).getRuns();
      assertTrue(p.stream().anyMatch(run -> "P".equals(run.text()) && run.isItalic()), "an italic P under AMA");
      var groups = word.getTables().get(1);
      String overall = groups.getRow(0).getCell(1).getText();
      assertEquals("Overall\nN" + NB + "=" + NB + "322", overall, "a line break, then the size");
    }
  }
}
