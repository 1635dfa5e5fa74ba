package studybook.report.docx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Width of table text set in Arial, from a committed table of advance widths (Liberation Sans, which
 * is metric-compatible with Arial, and for the characters it lacks the DejaVu Sans shipped in
 * {@code fonts/} for the figures, which gives the same table; made by
 * {@code src/test/tools/FontWidths.java}). Hand-written because the fonts of the machine that runs a
 * study (what java.awt.font would measure) must not change the .docx bytes; a character outside the
 * table counts as one em, so an unknown character errs wide.
 */
final class TextWidths {
  /** The font the tables are set in; Word has it, LibreOffice substitutes the metric-compatible Liberation Sans. */
  static final String FONT = "Arial";
  private static final Map<Integer, int[]> WIDTHS = load();

  private TextWidths() {}

  /** Advance width in points of {@code text} at {@code points}, regular or bold. */
  static double points(String text, boolean bold, double points) {
    long milliEm = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int[] w = WIDTHS.get(cp);
      milliEm += w == null ? 1000 : w[bold ? 1 : 0];
      i += Character.charCount(cp);
    }
    return milliEm * points / 1000.0;
  }

  private static Map<Integer, int[]> load() {
    Map<Integer, int[]> out = new HashMap<>();
    try (InputStream in = TextWidths.class.getResourceAsStream("table-font-widths.txt")) {
      if (in == null) {
        throw new IllegalStateException("table-font-widths.txt is missing from the kernel's resources");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split(" ");
        out.put(Integer.parseInt(f[0], 16), new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
