package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocxWriterTest {
  static final DocxTable TABLE1 = new DocxTable("Table 1. Characteristics of the patients",
      List.of("Characteristic", "Curative (n = 180)", "Non-curative (n = 142)", "p"),
      List.of(List.of("Age, years", "57.2 (10.1)", "58.0 (9.8)", "0.47"),
          List.of("Sex, male", "112 (62.2)", "90 (63.4)", "0.91"),
          List.of("<script>alert(1)</script>", "a & b", "x\ny", "")),
      List.of("Values are mean (SD) or n (%).", "p: Welch t test; Pearson chi-squared test."));
  static final DocxTable TABLE2 = new DocxTable("Table 2. Odds ratios", List.of("Term", "OR (95% CI)"),
      List.of(List.of("Size > 10 mm", "3.20 (1.40\u20137.31)")), List.of());
  static final DocxDocument DOC = new DocxDocument("Endoscopic resection of rectal NETs",
      Optional.of("SYNTHETIC DATA: not the study's patients"), List.of(TABLE1, TABLE2));

  @Test
  void everyTableHeaderAndCellReadsBack(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("reports/report.docx");
    DocxWriter.write(DOC, file);
    try (InputStream in = Files.newInputStream(file); XWPFDocument doc = new XWPFDocument(in)) {
      assertEquals(2, doc.getTables().size());
      assertEquals(cells(TABLE1), cells(doc.getTables().get(0)));
      assertEquals(cells(TABLE2), cells(doc.getTables().get(1)));
      assertTrue(doc.getTables().get(0).getRow(0).isRepeatHeader(), "header row repeats on every page");
      List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertEquals("Endoscopic resection of rectal NETs", paragraphs.get(0));
      assertEquals("SYNTHETIC DATA: not the study's patients", paragraphs.get(1));
      assertTrue(paragraphs.containsAll(TABLE1.footnotes()));
      assertTrue(paragraphs.contains("Table 2. Odds ratios"));
    }
  }

  /** Issue 21: page numbers, in one footer that every section (portrait and landscape) names. */
  @Test
  void everySectionShowsThePageNumber() throws IOException {
    DocxTable wide = new DocxTable("Table 3. Wide", java.util.Collections.nCopies(12, "Column header"),
        List.of(java.util.Collections.nCopies(12, "1.234 (0.567\u20138.901)")), List.of());
    DocxDocument mixed = new DocxDocument("Pages", Optional.empty(), List.of(TABLE1, wide, TABLE2));
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(mixed)))) {
      assertEquals(1, doc.getFooterList().size());
      String footerXml = doc.getFooterList().get(0)._getHdrFtr().xmlText();
      assertTrue(footerXml.contains("w:instr=\" PAGE \""), footerXml);
      String id = doc.getRelationId(doc.getFooterList().get(0));
      List<org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr> sections = new ArrayList<>();
      for (XWPFParagraph p : doc.getParagraphs()) {
        if (p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr()) {
          sections.add(p.getCTP().getPPr().getSectPr());
        }
      }
      sections.add(doc.getDocument().getBody().getSectPr());
      assertTrue(sections.size() >= 3, "portrait, landscape, portrait: " + sections.size());
      for (var section : sections) {
        assertEquals(1, section.sizeOfFooterReferenceArray(), section.xmlText());
        assertEquals(id, section.getFooterReferenceArray(0).getId());
      }
    }
  }

  @Test
  void captionComesBeforeAndFootnotesAfterTheirTable() throws IOException {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(DOC)))) {
      List<String> order = new ArrayList<>();
      for (IBodyElement e : doc.getBodyElements()) {
        order.add(e instanceof XWPFTable t ? "[table " + t.getRow(0).getCell(0).getText() + "]"
            : ((XWPFParagraph) e).getText());
      }
      int table1 = order.indexOf("[table Characteristic]");
      assertEquals("Table 1. Characteristics of the patients", order.get(table1 - 1));
      assertEquals("Values are mean (SD) or n (%).", order.get(table1 + 1));
      assertEquals("p: Welch t test; Pearson chi-squared test.", order.get(table1 + 2));
      assertEquals("Table 2. Odds ratios", order.get(table1 + 3));
    }
  }

  @Test
  void markupInACellStaysLiteralText() throws IOException {
    byte[] bytes = DocxWriter.bytes(DOC);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      assertEquals("<script>alert(1)</script>", doc.getTables().get(0).getRow(3).getCell(0).getText());
    }
    String documentXml = entry(bytes, "word/document.xml");
    // XmlBeans escapes '<' (enough for XML) and leaves '>' as it is.
    assertTrue(documentXml.contains("&lt;script>alert(1)&lt;/script>"), documentXml);
    assertTrue(!documentXml.contains("<script>"));
  }

  @Test
  void withoutBannerTheTitleIsFollowedByTheFirstCaption() throws IOException {
    DocxDocument plain = new DocxDocument("Title", Optional.empty(), List.of(TABLE2));
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(plain)))) {
      assertEquals(List.of("Title", "Table 2. Odds ratios"),
          doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
    }
  }

  @Test
  void sameDocumentSameBytesWithNoClockInside() throws IOException {
    byte[] first = DocxWriter.bytes(DOC);
    byte[] second = DocxWriter.bytes(DOC);
    assertArrayEquals(first, second);
    String core = entry(first, "docProps/core.xml");
    assertTrue(!core.contains("dcterms:created"), core);
    assertTrue(!core.contains("dcterms:modified"), core);
    assertTrue(core.contains("<dc:creator>studybook</dc:creator>"), core);
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        assertEquals(DocxWriter.ZIP_TIME, e.getTimeLocal(), e.getName());
      }
    }
  }

  @Test
  void aRowOfTheWrongLengthIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DocxTable("T", List.of("a", "b"), List.of(List.of("1")), List.of()));
    assertTrue(e.getMessage().contains("row 1 has 1 cells for 2 columns"), e.getMessage());
  }

  private static List<List<String>> cells(DocxTable table) {
    List<List<String>> all = new ArrayList<>();
    all.add(table.headers());
    all.addAll(table.rows());
    return all;
  }

  private static List<List<String>> cells(XWPFTable table) {
    List<List<String>> all = new ArrayList<>();
    for (XWPFTableRow row : table.getRows()) {
      all.add(row.getTableCells().stream().map(c -> c.getText()).toList());
    }
    return all;
  }

  private static String entry(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no entry " + name);
  }
}
