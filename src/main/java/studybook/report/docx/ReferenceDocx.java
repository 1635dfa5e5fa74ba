package studybook.report.docx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import studybook.StudybookException;

/**
 * A journal's Word template ({@code style.reference_docx}, as pandoc's and Quarto's reference doc):
 * its styles (paragraph, character and table styles, and the document defaults that carry the fonts)
 * replace the kernel's, and the kernel's styles it lacks (the three-line table, table text and notes)
 * are kept, so every block of the report still has its style. Its page setup (paper size and margins of
 * its last section, {@link #page}) is the report's page, on which the tables are laid out.
 */
public final class ReferenceDocx {
  private ReferenceDocx() {}

  /** The styles of the reference document {@code file}; {@code setting} names where it was asked for, for errors. */
  public static CTStyles styles(Path file, String setting) {
    if (!Files.isRegularFile(file)) {
      throw new StudybookException(setting + ": " + file + " is no file");
    }
    try (InputStream in = Files.newInputStream(file); XWPFDocument doc = new XWPFDocument(in)) {
      CTStyles styles = doc.getStyle();
      if (styles == null) {
        throw new StudybookException(setting + ": " + file + " has no styles");
      }
      return (CTStyles) styles.copy();
    } catch (IOException | XmlException | RuntimeException e) {
      if (e instanceof StudybookException s) {
        throw s;
      }
      throw new StudybookException(setting + ": " + file + " is not a readable Word .docx file (" + e.getMessage() + ")");
    }
  }

  /**
   * The page of the reference document {@code file}: its body's (last) section's paper size and margins;
   * A4 with 2.54 cm margins for what it does not say. A landscape reference gives the same paper (its
   * portrait pages upright) and keeps its margins as they are.
   */
  public static PageSetup page(Path file, String setting) {
    try (InputStream in = Files.newInputStream(file); XWPFDocument doc = new XWPFDocument(in)) {
      org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBody body = doc.getDocument().getBody();
      if (body == null || !body.isSetSectPr()) {
        return PageSetup.A4;
      }
      var sect = body.getSectPr();
      PageSetup a4 = PageSetup.A4;
      int w = a4.shortSide();
      int h = a4.longSide();
      if (sect.isSetPgSz()) {
        w = twips(sect.getPgSz().getW(), w);
        h = twips(sect.getPgSz().getH(), h);
      }
      int top = a4.top();
      int bottom = a4.bottom();
      int left = a4.left();
      int right = a4.right();
      int header = a4.header();
      int footer = a4.footer();
      if (sect.isSetPgMar()) {
        var m = sect.getPgMar();
        top = Math.abs(twips(m.getTop(), top));
        bottom = Math.abs(twips(m.getBottom(), bottom));
        left = twips(m.getLeft(), left);
        right = twips(m.getRight(), right);
        header = twips(m.getHeader(), header);
        footer = twips(m.getFooter(), footer);
      }
      try {
        return new PageSetup(Math.min(w, h), Math.max(w, h), top, bottom, left, right, header, footer);
      } catch (IllegalArgumentException e) {
        throw new StudybookException(setting + ": " + file + ": its page setup cannot hold a table (" + e.getMessage() + ")");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof StudybookException s) {
        throw s;
      }
      throw new StudybookException(setting + ": " + file + " is not a readable Word .docx file (" + e.getMessage() + ")");
    }
  }

  /** A twips measure as an int (Word writes them as integers; POI gives BigInteger or Object). */
  private static int twips(Object value, int otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return new java.math.BigDecimal(value.toString()).intValue();
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** The reference's styles, plus each of the kernel's whose id the reference lacks. */
  static CTStyles merged(CTStyles kernel, Optional<CTStyles> reference) {
    if (reference.isEmpty()) {
      return kernel;
    }
    CTStyles out = (CTStyles) reference.get().copy();
    Set<String> ids = new HashSet<>();
    for (CTStyle s : out.getStyleList()) {
      ids.add(s.getStyleId());
    }
    for (CTStyle s : kernel.getStyleList()) {
      if (!ids.contains(s.getStyleId())) {
        out.addNewStyle().set(s);
      }
    }
    return out;
  }
}
