package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PNG a figure becomes in report.docx does not depend on the fonts of the machine: a child JVM
 * that sees a different "DejaVu Sans" (only its Bold face, through a fontconfig file of its own)
 * draws the same bytes as this JVM with the machine's fonts.
 */
class FigureRasterFontsTest {
  static final double WIDTH = 3.0;

  /** Regular, bold and italic text, a generic and a named family, and characters beyond ASCII (one DejaVu Sans lacks). */
  static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"120\" viewBox=\"0 0 300 120\""
      + " font-family=\"DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif\">\n"
      + "<rect x=\"0\" y=\"0\" width=\"300\" height=\"120\" fill=\"#ffffff\"/>\n"
      + "<text x=\"10\" y=\"20\" font-size=\"13\">Recurrence-free survival (%) 0.961\u20131.028</text>\n"
      + "<text x=\"10\" y=\"45\" font-size=\"13\" font-weight=\"bold\">n = 322 \u2264 p &lt; 0.001</text>\n"
      + "<text x=\"10\" y=\"70\" font-size=\"12\" font-style=\"italic\" fill=\"#555555\">no events \u03c7\u00b2</text>\n"
      + "<text x=\"10\" y=\"95\" font-size=\"12\" font-family=\"Times New Roman, serif\">Serif asked \u4e2d</text>\n"
      + "<text x=\"290\" y=\"115\" font-size=\"10\" text-anchor=\"end\" font-family=\"monospace\">Mono 123</text>\n"
      + "</svg>\n";

  @Test
  void aMachineWithOtherFontsDrawsTheSameBytes(@TempDir Path dir) throws Exception {
    byte[] here = FigureRaster.png(new DocxFigure("Figure 1. Test", "test", SVG), WIDTH);

    // The other machine: its only font is DejaVu Sans Bold, so "DejaVu Sans" there is the bold face.
    Path fonts = Files.createDirectories(dir.resolve("fonts"));
    try (InputStream bold = FigureRaster.class.getResourceAsStream(FigureRaster.FONT_DIR + "DejaVuSans-Bold.ttf")) {
      Files.copy(bold, fonts.resolve("DejaVuSans-Bold.ttf"));
    }
    Path conf = dir.resolve("fonts.conf");
    Files.writeString(conf, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"
        + "  <dir>" + fonts + "</dir>\n  <cachedir>" + dir.resolve("fc-cache") + "</cachedir>\n</fontconfig>\n",
        StandardCharsets.UTF_8);
    Path svg = dir.resolve("figure.svg");
    Files.writeString(svg, SVG, StandardCharsets.UTF_8);
    Path png = dir.resolve("figure.png");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true",
        // the JDK caches what fontconfig found under ~/.java/fonts; a fresh home makes it ask again
        "-Duser.home=" + Files.createDirectories(dir.resolve("home")),
        "-cp", System.getProperty("java.class.path"), FigureRasterChild.class.getName(), svg.toString(), png.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("FONTCONFIG_FILE", conf.toString());
    builder.environment().remove("FONTCONFIG_PATH");
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(0, child.exitValue(), output);

    // the child really had other fonts: no upright DejaVu Sans, no Liberation Sans, no serif
    assertTrue(output.contains("DejaVu Sans is: DejaVu Sans Bold"), output);
    String families = output.lines().filter(l -> l.startsWith("families: ")).findFirst().orElseThrow();
    assertFalse(families.contains("Liberation"), families);
    assertEquals("families: DejaVu Sans|Dialog|DialogInput|Monospaced|SansSerif|Serif", families);

    assertArrayEquals(here, Files.readAllBytes(png), "the figure's PNG differs on a machine with other fonts");
  }

  @Test
  void everyFontFamilyIsDrawnWithTheShippedFont() throws IOException {
    byte[] asked = FigureRaster.png(new DocxFigure("Figure 1. Test", "test", SVG), WIDTH);
    String serif = SVG.replace("font-family=\"DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif\"",
        "font-family=\"Liberation Serif, Times New Roman, serif\"").replace("font-family=\"monospace\"", "");
    assertFalse(serif.equals(SVG));
    assertArrayEquals(asked, FigureRaster.png(new DocxFigure("Figure 1. Test", "test", serif), WIDTH));
  }

  @Test
  void boldAndItalicAreTheirOwnFaces() {
    byte[] regular = FigureRaster.png(new DocxFigure("c", "t", one("")), WIDTH);
    byte[] bold = FigureRaster.png(new DocxFigure("c", "t", one(" font-weight=\"bold\"")), WIDTH);
    byte[] italic = FigureRaster.png(new DocxFigure("c", "t", one(" font-style=\"italic\"")), WIDTH);
    assertFalse(java.util.Arrays.equals(regular, bold));
    assertFalse(java.util.Arrays.equals(regular, italic));
    assertFalse(java.util.Arrays.equals(bold, italic));
  }

  private static String one(String style) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"20\" font-family=\"sans-serif\">"
        + "<text x=\"2\" y=\"15\" font-size=\"12\"" + style + ">no events</text></svg>";
  }
}
