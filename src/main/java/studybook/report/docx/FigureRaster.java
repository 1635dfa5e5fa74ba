package studybook.report.docx;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

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

  /** The drawing rasterised {@code widthInches} wide at {@link #DPI}. */
  static byte[] png(DocxFigure figure, double widthInches) {
    PNGTranscoder transcoder = new PNGTranscoder();
    transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) Math.round(widthInches * DPI));
    transcoder.addTranscodingHint(PNGTranscoder.KEY_PIXEL_UNIT_TO_MILLIMETER, (float) (25.4 / DPI));
    transcoder.addTranscodingHint(PNGTranscoder.KEY_BACKGROUND_COLOR, java.awt.Color.WHITE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      transcoder.transcode(new TranscoderInput(new StringReader(figure.svg())), new TranscoderOutput(out));
    } catch (TranscoderException e) {
      throw new IllegalStateException("figure '" + figure.name() + "' could not be drawn as PNG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
