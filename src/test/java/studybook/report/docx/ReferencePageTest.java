package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/** Issue 22 item 5: a reference .docx's page setup (size, margins) is the report's, tables laid out on it. */
class ReferencePageTest {
  /** US Letter, 0.75 inch margins, made by POI as a journal's template would be. */
  static Path letter(Path dir) throws IOException {
    Path file = dir.resolve("letter.docx");
    try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
      doc.createParagraph().createRun().setText("Journal template");
      CTSectPr s = doc.getDocument().getBody().addNewSectPr();
      s.addNewPgSz().setW(BigInteger.valueOf(12240));
      s.getPgSz().setH(BigInteger.valueOf(15840));
      var m = s.addNewPgMar();
      for (var set : List.<java.util.function.Consumer<BigInteger>>of(m::setTop, m::setBottom, m::setLeft, m::setRight)) {
        set.accept(BigInteger.valueOf(1080));
      }
      m.setHeader(BigInteger.valueOf(720));
      m.setFooter(BigInteger.valueOf(720));
      doc.write(out);
    }
    return file;
  }

  @Test
  void aLetterReferenceSetsEverySectionAndTheTablesWidths(@TempDir Path dir) throws IOException {
    PageSetup page = ReferenceDocx.page(letter(dir), "style.reference_docx");
    assertEquals(new PageSetup(12240, 15840, 1080, 1080, 1080, 1080, 720, 720), page);
    DocxTable narrow = new DocxTable("Table 1. Narrow", List.of("a", "b"), List.of(List.of("1", "2")), List.of());
    DocxTable wide = new DocxTable("Table 2. Wide", Collections.nCopies(8, "Column header"),
        List.of(Collections.nCopies(8, "1.234 (0.567\u20138.901)")), List.of());
    byte[] bytes = DocxWriter.bytes(new DocxDocument("Letter", Optional.empty(), List.of(narrow, wide)),
        FigureRasters.drawn(), Optional.empty(), page);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      List<CTSectPr> sections = new ArrayList<>();
      for (XWPFParagraph p : doc.getParagraphs()) {
        if (p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr()) {
          sections.add(p.getCTP().getPPr().getSectPr());
        }
      }
      sections.add(doc.getDocument().getBody().getSectPr());
      assertEquals(3, sections.size(), "portrait, landscape, portrait");
      for (CTSectPr s : sections) {
        boolean landscape = s.getPgSz().isSetOrient();
        assertEquals(landscape ? 15840 : 12240, ((BigInteger) s.getPgSz().getW()).intValue(), s.xmlText());
        assertEquals(landscape ? 12240 : 15840, ((BigInteger) s.getPgSz().getH()).intValue(), s.xmlText());
        assertEquals(1080, ((BigInteger) s.getPgMar().getLeft()).intValue(), s.xmlText());
        assertEquals(1080, ((BigInteger) s.getPgMar().getTop()).intValue(), s.xmlText());
      }
      assertEquals(12240 - 2160, ((BigInteger) doc.getTables().get(0).getCTTbl().getTblPr().getTblW().getW()).intValue(),
          "the portrait table fills Letter's text width");
      assertEquals(15840 - 2160, ((BigInteger) doc.getTables().get(1).getCTTbl().getTblPr().getTblW().getW()).intValue(),
          "the landscape table fills Letter's landscape text width");
    }
  }

  @Test
  void withoutAReferenceThePageIsA4() throws IOException {
    assertEquals(DocxWriter.PORTRAIT_TEXT, PageSetup.A4.portraitText());
    assertEquals(DocxWriter.LANDSCAPE_TEXT, PageSetup.A4.landscapeText());
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxWriter.bytes(DocxWriterTest.DOC)))) {
      CTSectPr s = doc.getDocument().getBody().getSectPr();
      assertEquals(11906, ((BigInteger) s.getPgSz().getW()).intValue());
      assertEquals(1440, ((BigInteger) s.getPgMar().getLeft()).intValue());
      assertTrue(doc.getTables().size() == 2);
    }
  }
}
