package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

class TableLayoutTest {
  /** Ten columns of regression output, as the paper's Table 3. */
  static DocxTable wide() {
    List<String> headers = List.of("Characteristic", "Univariable OR", "95% CI", "P", "Multivariable OR", "95% CI", "P",
        "Firth OR", "95% CI", "P");
    List<List<String>> rows = List.of(
        List.of("Initial diagnosis: Forceps biopsy vs Resected as a polyp", "0.061", "0.020\u20130.183", "<0.001", "0.096",
            "0.022\u20130.424", "0.002", "0.133", "0.030\u20130.455", "<0.001"),
        List.of("Lymphovascular invasion: Positive vs Negative", "6.724", "2.499\u201318.091", "<0.001", "61.971",
            "6.259\u2013613.591", "<0.001", "33.992", "5.522\u2013370.254", "<0.001"));
    return new DocxTable("Table 3. Wide", headers, rows, List.of("OR, odds ratio."));
  }

  static DocxTable characteristics() {
    return new DocxTable("Table 1. Narrow", List.of("Characteristic", "Overall (n = 322)", "P"),
        List.of(List.of("Sex, n (%)", "", "0.472\u1d43"), List.of("Male", "181 (56.2%)", ""),
            List.of("Female", "141 (43.8%)", "")), List.of("\u1d43 Pearson chi-square test."))
        .withRowKinds(List.of(DocxTable.RowKind.VARIABLE, DocxTable.RowKind.LEVEL, DocxTable.RowKind.LEVEL))
        .withStrong(List.of(3, 0, 0));
  }

  @Test
  void everyCellOfNumbersFitsItsColumnOnOneLine() {
    DocxTable table = wide();
    TableLayout layout = TableLayout.of(table, DocxWriter.PORTRAIT_TEXT, DocxWriter.LANDSCAPE_TEXT);
    for (int c = 1; c < table.headers().size(); c++) {
      for (List<String> row : table.rows()) {
        double twips = TextWidths.points(row.get(c), false, layout.points()) * 20 + TableLayout.CELL_MARGINS;
        assertTrue(layout.widths().get(c) >= twips, "column " + c + " cell " + row.get(c) + " needs " + twips
            + " twips, has " + layout.widths().get(c));
      }
    }
  }

  @Test
  void aTableTooWideForPortraitIsLandscapeAndFitsItsPage() {
    TableLayout wide = TableLayout.of(wide(), DocxWriter.PORTRAIT_TEXT, DocxWriter.LANDSCAPE_TEXT);
    assertEquals(TableLayout.Orientation.LANDSCAPE, wide.orientation());
    assertEquals(DocxWriter.LANDSCAPE_TEXT, wide.total());
    TableLayout narrow = TableLayout.of(characteristics(), DocxWriter.PORTRAIT_TEXT, DocxWriter.LANDSCAPE_TEXT);
    assertEquals(TableLayout.Orientation.PORTRAIT, narrow.orientation());
    assertEquals(DocxWriter.PORTRAIT_TEXT, narrow.total());
    assertEquals(TableLayout.BODY, narrow.points());
  }

  @Test
  void tooManyColumnsForLandscapeShrinkTheFont() {
    List<String> headers = new ArrayList<>(List.of("Label"));
    List<String> row = new ArrayList<>(List.of("x"));
    for (int i = 0; i < 10; i++) {
      headers.add("OR " + i);
      row.add("10.740\u2013110.820");
    }
    TableLayout layout = TableLayout.of(new DocxTable("", headers, List.of(row), List.of()), DocxWriter.PORTRAIT_TEXT,
        DocxWriter.LANDSCAPE_TEXT);
    assertEquals(TableLayout.Orientation.LANDSCAPE, layout.orientation());
    assertTrue(layout.points() < TableLayout.BODY, "smaller than the body size: " + layout.points());
    assertTrue(layout.total() <= DocxWriter.LANDSCAPE_TEXT);
  }

  @Test
  void theWideTableHasItsOwnLandscapeSectionBetweenPortraitOnes() throws IOException {
    DocxDocument document = new DocxDocument("T", Optional.empty(),
        List.of(DocxParagraph.of("before"), wide(), DocxParagraph.of("after")));
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(document)))) {
      List<String> orientations = new ArrayList<>();
      for (XWPFParagraph p : doc.getParagraphs()) {
        if (p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr()) {
          orientations.add(orientation(p.getCTP().getPPr().getSectPr()) + " ends at '" + p.getText() + "'");
        }
      }
      orientations.add(orientation(doc.getDocument().getBody().getSectPr()) + " ends the document");
      assertEquals(List.of("portrait ends at ''", "landscape ends at 'OR, odds ratio.'", "portrait ends the document"),
          orientations);
      XWPFTable t = doc.getTables().get(0);
      assertTrue(t.getRow(0).isRepeatHeader());
      assertEquals("ThreeLineTable", t.getStyleID());
      List<XWPFParagraph> all = doc.getParagraphs();
      int caption = all.indexOf(all.stream().filter(p -> p.getText().equals("Table 3. Wide")).findFirst().orElseThrow());
      assertEquals("Caption", all.get(caption).getStyle());
    }
  }

  @Test
  void levelRowsAreIndentedAndKeptWithTheirVariable() throws IOException {
    DocxDocument document = new DocxDocument("T", Optional.empty(), List.of(characteristics()));
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(document)))) {
      XWPFTable t = doc.getTables().get(0);
      XWPFParagraph variable = t.getRow(1).getCell(0).getParagraphs().get(0);
      XWPFParagraph male = t.getRow(2).getCell(0).getParagraphs().get(0);
      XWPFParagraph female = t.getRow(3).getCell(0).getParagraphs().get(0);
      assertTrue(variable.isKeepNext(), "the variable row stays with its first level");
      assertTrue(male.isKeepNext(), "a level stays with the next level");
      assertEquals(-1, variable.getIndentationLeft());
      assertEquals(TableLayout.INDENT, male.getIndentationLeft());
      assertEquals(TableLayout.INDENT, female.getIndentationLeft());
      assertTrue(variable.getRuns().get(0).isBold());
      assertEquals("Sex", variable.getRuns().get(0).text());
      assertEquals(", n (%)", variable.getRuns().get(1).text());
    }
  }

  @Test
  void headingsUseWordsBuiltInStyles() throws IOException {
    DocxDocument document = new DocxDocument("T", Optional.empty(),
        List.of(new DocxHeading(2, "Methods"), DocxParagraph.of("text"), new DocxHeading(3, "Patients")));
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(document)))) {
      List<String> styles = doc.getParagraphs().stream().map(p -> String.valueOf(p.getStyle())).toList();
      assertEquals(List.of("Title", "Heading1", "null", "Heading2"), styles);
      assertEquals("heading 1", doc.getStyles().getStyle("Heading1").getName());
      assertEquals("caption", doc.getStyles().getStyle("Caption").getName());
    }
  }

  @Test
  void aFigureIsAPictureWithItsSvgAndIsTheSameEveryTime() throws IOException {
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\">"
        + "<rect x=\"10\" y=\"10\" width=\"50\" height=\"50\" fill=\"#336699\"/></svg>";
    DocxDocument document = new DocxDocument("T", Optional.empty(),
        List.of(new DocxFigure("Figure 1. A square", "square", svg)));
    byte[] first = DocxWriter.bytes(document);
    assertTrue(java.util.Arrays.equals(first, DocxWriter.bytes(document)), "same figure, same bytes");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(first))) {
      List<String> names = new ArrayList<>(doc.getAllPictures().stream().map(p -> p.getFileName()).toList());
      Collections.sort(names);
      assertEquals(List.of("image1.png", "image2.svg"), names);
      var picture = doc.getParagraphs().get(1).getRuns().get(0).getEmbeddedPictures().get(0);
      // Scaled to the text width, aspect ratio kept.
      assertEquals(DocxWriter.PORTRAIT_TEXT * 635L, picture.getCTPicture().getSpPr().getXfrm().getExt().getCx());
      assertEquals(DocxWriter.PORTRAIT_TEXT * 635L / 2, picture.getCTPicture().getSpPr().getXfrm().getExt().getCy());
      assertTrue(picture.getCTPicture().getBlipFill().getBlip().xmlText().contains("svgBlip"));
      assertEquals("Figure 1. A square", doc.getParagraphs().get(2).getText());
      assertEquals("Caption", doc.getParagraphs().get(2).getStyle());
    }
  }

  private static String orientation(CTSectPr sectPr) {
    return sectPr.getPgSz().isSetOrient() && sectPr.getPgSz().getOrient() == STPageOrientation.LANDSCAPE
        ? "landscape" : "portrait";
  }
}
