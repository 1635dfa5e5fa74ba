package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every figure of the repo's study, at the width the Word file prints it, has no text smaller than
 * 7 pt (journals ask for 6-8 pt at least). The SVG's px scale with the picture: text of s px in a
 * drawing w px wide printed {@code widthTwips / 20} pt wide is {@code s * widthPt / w} pt.
 */
class FigurePrintSizeTest {
  static final double SMALLEST_PT = 7.0;
  private static final Pattern FONT_SIZE = Pattern.compile("font-size=\"([0-9.]+)\"");

  /** The smallest text size of the drawing, in pt, as {@link DocxWriter} prints it. */
  static double smallestPrintedPt(DocxFigure figure) {
    double smallestPx = Double.POSITIVE_INFINITY;
    Matcher m = FONT_SIZE.matcher(figure.svg());
    while (m.find()) {
      smallestPx = Math.min(smallestPx, Double.parseDouble(m.group(1)));
    }
    double printedPt = DocxWriter.widthTwips(figure) / 20.0;
    return smallestPx * printedPt / figure.width();
  }

  @Test
  void everyFigureOfTheRepoStudyPrintsItsSmallestTextAtLeast7Pt() throws IOException {
    List<Path> svgs;
    try (Stream<Path> files = Files.list(Path.of("reports", "figures"))) {
      svgs = files.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
    }
    assertFalse(svgs.isEmpty(), "the repo's study has figures under reports/figures");
    List<String> small = new ArrayList<>();
    for (Path p : svgs) {
      String name = p.getFileName().toString().replace(".svg", "");
      DocxFigure figure = new DocxFigure("Figure. " + name, name, Files.readString(p, StandardCharsets.UTF_8));
      double pt = smallestPrintedPt(figure);
      if (pt < SMALLEST_PT) {
        small.add(String.format(java.util.Locale.ROOT, "%s: %.2f pt (drawn %.0f px wide)", name, pt, figure.width()));
      }
    }
    assertTrue(small.isEmpty(), "figures whose smallest text prints below 7 pt in Word: " + small);
  }
}
