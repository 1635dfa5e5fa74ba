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
 * are kept, so every block of the report still has its style. Page setup is not taken (the kernel's
 * table layout is measured on A4 with 2.54 cm margins).
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
