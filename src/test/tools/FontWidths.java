import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.File;
import java.util.Locale;

/**
 * Writes the advance-width table the Word writer measures table text with (src/main/resources/
 * studybook/report/docx/table-font-widths.txt), from Liberation Sans (metric-compatible with Arial, the
 * font the tables are set in) and, for characters it lacks, DejaVu Sans (LibreOffice's fallback).
 * A dev-time tool, not run by the build: the table is committed so that widths, and so the .docx bytes,
 * never depend on the fonts of the machine that runs the study.
 *
 *   java src/test/tools/FontWidths.java /usr/share/fonts/truetype/liberation2 src/main/resources/studybook/report/docx/fonts
 *
 * (the second folder is the DejaVu Sans studybook ships for its figures; the committed table is what
 * this command prints with Debian's fonts-liberation2 2.1.5.)
 */
public class FontWidths {
  public static void main(String[] args) throws Exception {
    Font regular = Font.createFont(Font.TRUETYPE_FONT, new File(args[0], "LiberationSans-Regular.ttf")).deriveFont(1000f);
    Font bold = Font.createFont(Font.TRUETYPE_FONT, new File(args[0], "LiberationSans-Bold.ttf")).deriveFont(1000f);
    Font fbRegular = Font.createFont(Font.TRUETYPE_FONT, new File(args[1], "DejaVuSans.ttf")).deriveFont(1000f);
    Font fbBold = Font.createFont(Font.TRUETYPE_FONT, new File(args[1], "DejaVuSans-Bold.ttf")).deriveFont(1000f);
    FontRenderContext frc = new FontRenderContext(null, true, true);
    int[][] ranges = {{0x20, 0x7E}, {0xA0, 0x17F}, {0x2B9, 0x2FF}, {0x370, 0x3FF}, {0x1D2C, 0x1DBF},
        {0x2010, 0x2064}, {0x2070, 0x209C}, {0x2190, 0x2199}, {0x2200, 0x22FF}};
    System.out.println("# code point (hex), advance in 1/1000 em regular, bold; Liberation Sans, else DejaVu Sans");
    for (int[] r : ranges) {
      for (int cp = r[0]; cp <= r[1]; cp++) {
        Font a = regular.canDisplay(cp) ? regular : fbRegular.canDisplay(cp) ? fbRegular : null;
        Font b = bold.canDisplay(cp) ? bold : fbBold.canDisplay(cp) ? fbBold : null;
        if (a == null || b == null) {
          continue;
        }
        String s = new String(Character.toChars(cp));
        long w = Math.round(Math.ceil(a.getStringBounds(s, frc).getWidth()));
        long wb = Math.round(Math.ceil(b.getStringBounds(s, frc).getWidth()));
        System.out.println(String.format(Locale.ROOT, "%04X %d %d", cp, w, wb));
      }
    }
  }
}
