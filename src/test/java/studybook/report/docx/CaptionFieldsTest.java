package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

/** Issue 22 item 5: a caption's number in Word is a SEQ field, so Word renumbers when an author moves a table. */
class CaptionFieldsTest {
  static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\"><rect width=\"10\" height=\"10\"/></svg>";

  @Test
  void tableAndFigureCaptionNumbersAreSeqFieldsWithTheirValueCached() throws IOException {
    DocxTable t1 = new DocxTable("Table 1. Characteristics", List.of("a", "b"), List.of(List.of("1", "2")), List.of());
    DocxTable t2 = new DocxTable("Table 2. Odds ratios", List.of("a", "b"), List.of(List.of("1", "2")), List.of());
    DocxTable plain = new DocxTable("Reproducibility", List.of("a"), List.of(List.of("1")), List.of());
    DocxFigure f = new DocxFigure("Figure 1. Flow", "flow", SVG);
    DocxDocument d = new DocxDocument("Captions", Optional.empty(), List.of(t1, f, t2, plain));
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(d)))) {
      List<XWPFParagraph> captions = doc.getParagraphs().stream().filter(p -> "Caption".equals(p.getStyle())).toList();
      assertEquals(List.of("Table 1. Characteristics", "Figure 1. Flow", "Table 2. Odds ratios", "Reproducibility"),
          captions.stream().map(XWPFParagraph::getText).toList(), "the text a reader sees stays as written");
      String x1 = captions.get(0).getCTP().xmlText();
      assertTrue(x1.contains("SEQ Table \\* ARABIC"), x1);
      assertTrue(x1.matches("(?s).*w:fldCharType=\"separate\".*<w:t>1</w:t>.*w:fldCharType=\"end\".*"), x1);
      assertTrue(x1.contains("<w:bookmarkStart"), "the caption's label is a bookmark a REF can point at: " + x1);
      String xf = captions.get(1).getCTP().xmlText();
      assertTrue(xf.contains("SEQ Figure \\* ARABIC"), xf);
      String x2 = captions.get(2).getCTP().xmlText();
      assertTrue(x2.matches("(?s).*SEQ Table.*<w:t>2</w:t>.*"), x2);
      assertTrue(!captions.get(3).getCTP().xmlText().contains("SEQ"), "a caption without a number gets no field");
    }
  }
}
