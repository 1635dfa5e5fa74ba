package studybook.report.docx;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Run in a child JVM by {@link FigureRasterFontsTest}: prints the font families this JVM sees and what
 * it takes "DejaVu Sans" to be, then rasterises the SVG file {@code args[0]} to the PNG file {@code args[1]}.
 */
final class FigureRasterChild {
  private FigureRasterChild() {}

  public static void main(String[] args) throws Exception {
    System.out.println("families: " + String.join("|",
        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)));
    System.out.println("DejaVu Sans is: " + new Font(FigureRaster.FAMILY, Font.PLAIN, 12).getFontName(Locale.ROOT));
    String svg = Files.readString(Path.of(args[0]));
    Files.write(Path.of(args[1]), FigureRaster.png(new DocxFigure("Figure 1. Test", "test", svg), FigureRasterFontsTest.WIDTH));
  }
}
