package studybook.report.docx;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;

/**
 * A figure's SVG as a PNG at print resolution, by Apache Batik's transcoder: the picture every Word
 * reader shows (LibreOffice 7.4 and Word before 2016 draw only the PNG of a picture, not its SVG).
 * The same SVG gives the same bytes on one machine; the text is drawn with the fonts the machine has
 * (the SVG asks for DejaVu Sans first), so CI installs those fonts (.ci/install-libreoffice.sh).
 */
final class FigureRaster {
  /** Print resolution. */
  static final int DPI = 300;

  private FigureRaster() {}

  /**
   * The drawing rasterised {@code widthInches} wide at {@link #DPI} on white. Batik draws it; the JDK's
   * ImageIO encodes the PNG (Batik's own encoder is several times slower), which writes no clock.
   */
  static byte[] png(DocxFigure figure, double widthInches) {
    Capture transcoder = new Capture();
    transcoder.addTranscodingHint(ImageTranscoder.KEY_WIDTH, (float) Math.round(widthInches * DPI));
    transcoder.addTranscodingHint(ImageTranscoder.KEY_PIXEL_UNIT_TO_MILLIMETER, (float) (25.4 / DPI));
    transcoder.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, java.awt.Color.WHITE);
    try {
      transcoder.transcode(new TranscoderInput(new StringReader(figure.svg())), new TranscoderOutput());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(transcoder.image, "png", out);
      return out.toByteArray();
    } catch (TranscoderException e) {
      throw new IllegalStateException("figure '" + figure.name() + "' could not be drawn as PNG: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps the drawn image instead of encoding it. */
  private static final class Capture extends ImageTranscoder {
    private BufferedImage image;

    @Override
    public BufferedImage createImage(int width, int height) {
      // Opaque RGB: the background is white, and an alpha channel would only make the file larger.
      return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    @Override
    public void writeImage(BufferedImage img, TranscoderOutput output) {
      this.image = img;
    }
  }
}
