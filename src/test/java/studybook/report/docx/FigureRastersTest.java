package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Hashes;

/** Kept figure rasters are the drawn rasters, are found again, and are never trusted when damaged or stale. */
class FigureRastersTest {
  private static final DocxFigure FIGURE = new DocxFigure("Figure 1.", "test", FigureRasterFontsTest.SVG);
  private static final double WIDTH = 2.0;

  @TempDir Path dir;

  @Test
  void aKeptRasterIsTheDrawnOneAndIsTakenInsteadOfDrawing() throws IOException {
    byte[] drawn = FigureRaster.png(FIGURE, WIDTH);
    FigureRasters kept = FigureRasters.keptIn(dir, "rasteriser 1");
    assertArrayEquals(drawn, kept.png(FIGURE, WIDTH), "the first use draws");
    Path entry = onlyEntry();
    assertArrayEquals(drawn, Files.readAllBytes(entry));

    // Replace the entry (with a matching hash): a later use returns it, so it did not draw again.
    byte[] marker = "not drawn".getBytes(StandardCharsets.UTF_8);
    Files.write(entry, marker);
    Files.writeString(sha(entry), Hashes.of(marker) + "\n");
    assertArrayEquals(marker, FigureRasters.keptIn(dir, "rasteriser 1").png(FIGURE, WIDTH));

    // Another rasteriser, another width or another drawing is another entry: drawn, not the marker.
    assertArrayEquals(drawn, FigureRasters.keptIn(dir, "rasteriser 2").png(FIGURE, WIDTH));
    assertFalse(java.util.Arrays.equals(marker, FigureRasters.keptIn(dir, "rasteriser 1").png(FIGURE, WIDTH + 0.5)));
    DocxFigure edited = new DocxFigure("Figure 1.", "test", FIGURE.svg().replace("Mono 123", "Mono 124"));
    assertFalse(java.util.Arrays.equals(marker, FigureRasters.keptIn(dir, "rasteriser 1").png(edited, WIDTH)));
    // Drawn now never looks at the folder.
    assertArrayEquals(drawn, FigureRasters.drawn().png(FIGURE, WIDTH));
  }

  @Test
  void aDamagedEntryIsDrawnAgainAndReplaced() throws IOException {
    byte[] drawn = FigureRasters.keptIn(dir, "r").png(FIGURE, WIDTH);
    Path entry = onlyEntry();
    Files.write(entry, java.util.Arrays.copyOf(drawn, drawn.length / 2));
    assertArrayEquals(drawn, FigureRasters.keptIn(dir, "r").png(FIGURE, WIDTH), "a truncated PNG is not used");
    assertArrayEquals(drawn, Files.readAllBytes(entry), "and is replaced");
    Files.delete(sha(entry));
    assertArrayEquals(drawn, FigureRasters.keptIn(dir, "r").png(FIGURE, WIDTH), "a PNG without its hash is not used");
    assertTrue(Files.isRegularFile(sha(entry)));
  }

  @Test
  void preparedRastersAreTheDrawnOnesAndADrawingErrorNamesTheFigure() {
    byte[] drawn = FigureRaster.png(FIGURE, DocxWriter.widthTwips(FIGURE) / 1440.0);
    DocxFigure broken = new DocxFigure("", "broken", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\">"
        + "<rect width=\"oops\"/></svg>");
    for (FigureRasters rasters : List.of(FigureRasters.drawn(), FigureRasters.keptIn(dir, "r"))) {
      rasters.prepare(List.of(FIGURE, broken));
      assertArrayEquals(drawn, rasters.png(FIGURE, DocxWriter.widthTwips(FIGURE) / 1440.0));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> rasters.png(broken, DocxWriter.widthTwips(broken) / 1440.0));
      assertTrue(e.getMessage().startsWith("figure 'broken' could not be drawn as PNG"), e.getMessage());
    }
  }

  @Test
  void theFolderKeepsTheMostRecentEntries() throws IOException {
    FigureRasters kept = FigureRasters.keptIn(dir, "r");
    for (int i = 0; i < FigureRasters.KEEP + 3; i++) {
      kept.png(new DocxFigure("", "f" + i, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\">"
          + "<rect width=\"" + (i + 1) + "\" height=\"2\"/></svg>"), 0.01);
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertEquals(FigureRasters.KEEP, names.stream().filter(n -> n.endsWith(".png")).count(), names.toString());
      assertEquals(FigureRasters.KEEP, names.stream().filter(n -> n.endsWith(".sha256")).count(), names.toString());
    }
  }

  private Path onlyEntry() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> png = files.filter(f -> f.getFileName().toString().endsWith(".png")).toList();
      assertEquals(1, png.size(), png.toString());
      return png.get(0);
    }
  }

  private static Path sha(Path png) {
    String name = png.getFileName().toString();
    return png.resolveSibling(name.substring(0, name.length() - ".png".length()) + ".sha256");
  }
}
