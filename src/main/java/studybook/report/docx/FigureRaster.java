package studybook.report.docx;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.RenderingHints;
import java.awt.font.TextAttribute;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.AttributedCharacterIterator;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.FontFace;
import org.apache.batik.bridge.FontFamilyResolver;
import org.apache.batik.bridge.StrokingTextPainter;
import org.apache.batik.bridge.UserAgent;
import org.apache.batik.gvt.font.AWTGVTFont;
import org.apache.batik.gvt.font.GVTFont;
import org.apache.batik.gvt.font.GVTFontFace;
import org.apache.batik.gvt.font.GVTFontFamily;
import org.apache.batik.gvt.renderer.ImageRenderer;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;

/**
 * A figure's SVG as a PNG at print resolution, by Apache Batik's transcoder: the picture every Word
 * reader shows (LibreOffice 7.4 and Word before 2016 draw only the PNG of a picture, not its SVG).
 *
 * <p>The PNG bytes depend on the SVG and the JDK only, never on the fonts of the machine: all text is
 * drawn with DejaVu Sans 2.37 shipped in the kernel's resources ({@code fonts/}, with its licence), loaded
 * by {@link Font#createFont} and handed to Batik as font objects (not looked up by name, so an installed
 * font of the same name cannot stand in). Every {@code font-family} the SVG names, the default font and
 * the fallback for characters the font lacks (drawn as its missing-glyph box) resolve to it; bold
 * (weight 600 and up) is DejaVu Sans Bold, italic is the JDK's slant of the upright face. Text is filled
 * as glyph outlines with fixed rendering hints (anti-aliased, fractional metrics, pure strokes), so no
 * hinting of the machine's font rasteriser enters the pixels.
 */
final class FigureRaster {
  /** Print resolution. */
  static final int DPI = 300;
  /** The family every figure's text is drawn in. */
  static final String FAMILY = "DejaVu Sans";
  /** Where the shipped font files are, next to this class. */
  static final String FONT_DIR = "fonts/";

  private static final Font REGULAR = load("DejaVuSans.ttf");
  private static final Font BOLD = load("DejaVuSans-Bold.ttf");
  private static final GVTFontFamily SHIPPED = new ShippedFamily();
  private static final FontFamilyResolver RESOLVER = new ShippedResolver();
  private static final StrokingTextPainter TEXT_PAINTER = new StrokingTextPainter() {
    @Override
    protected FontFamilyResolver getFontFamilyResolver() {
      return RESOLVER;
    }
  };
  private static final RenderingHints HINTS = hints();

  private FigureRaster() {}

  /**
   * The drawing rasterised {@code widthInches} wide at {@link #DPI} on white. Batik draws it; the JDK's
   * ImageIO encodes the PNG (Batik's own encoder is several times slower), which writes no clock.
   */
  static byte[] png(DocxFigure figure, double widthInches) {
    Capture transcoder = new Capture();
    transcoder.addTranscodingHint(ImageTranscoder.KEY_WIDTH, (float) Math.round(widthInches * DPI));
    transcoder.addTranscodingHint(ImageTranscoder.KEY_PIXEL_UNIT_TO_MILLIMETER, (float) (25.4 / DPI));
    transcoder.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, Color.WHITE);
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

  /** The shipped face for a text run: bold from weight 600 (Batik's WEIGHT_MEDIUM) up, slanted when italic or oblique. */
  static Font face(Map<?, ?> attributes) {
    Object weight = attributes.get(TextAttribute.WEIGHT);
    Object posture = attributes.get(TextAttribute.POSTURE);
    boolean bold = weight instanceof Float w && w >= TextAttribute.WEIGHT_MEDIUM;
    boolean slanted = posture instanceof Float p && p > TextAttribute.POSTURE_REGULAR;
    Font face = bold ? BOLD : REGULAR;
    return slanted ? face.deriveFont(face.getStyle() | Font.ITALIC) : face;
  }

  private static Font load(String file) {
    try (InputStream in = FigureRaster.class.getResourceAsStream(FONT_DIR + file)) {
      if (in == null) {
        throw new IllegalStateException(FONT_DIR + file + " is missing from the kernel's resources");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(1f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException(FONT_DIR + file + " is not a TrueType font: " + e.getMessage(), e);
    }
  }

  private static RenderingHints hints() {
    RenderingHints h = new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    h.put(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    h.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    h.put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    // With text anti-aliasing on, pure strokes make Batik fill glyph outlines instead of asking the
    // JDK for hinted glyph bitmaps.
    h.put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    h.put(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    return h;
  }

  /** The shipped font as Batik's font family; faces are chosen per text run from its weight and posture. */
  private static final class ShippedFamily implements GVTFontFamily {
    private final GVTFontFace face = new GVTFontFace(FAMILY);

    @Override
    public String getFamilyName() {
      return FAMILY;
    }

    @Override
    public GVTFontFace getFontFace() {
      return face;
    }

    @Override
    public GVTFont deriveFont(float size, AttributedCharacterIterator aci) {
      return deriveFont(size, aci.getAttributes());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public GVTFont deriveFont(float size, Map attributes) {
      // the faces are 1 pt, so the scale is the size
      return new AWTGVTFont(face(attributes), size);
    }

    @Override
    public boolean isComplex() {
      return false;
    }
  }

  /** Every family name, the default and every fallback resolve to the shipped font. */
  private static final class ShippedResolver implements FontFamilyResolver {
    @Override
    public GVTFontFamily resolve(String familyName) {
      return SHIPPED;
    }

    @Override
    public GVTFontFamily resolve(String familyName, FontFace fontFace) {
      return SHIPPED;
    }

    @Override
    public GVTFontFamily loadFont(InputStream in, FontFace fontFace) {
      return SHIPPED;
    }

    @Override
    public GVTFontFamily getDefault() {
      return SHIPPED;
    }

    @Override
    public GVTFontFamily getFamilyThatCanDisplay(char c) {
      return SHIPPED;
    }
  }

  /** Draws with the shipped font and fixed hints, and keeps the drawn image instead of encoding it. */
  private static final class Capture extends ImageTranscoder {
    private BufferedImage image;

    @Override
    protected UserAgent createUserAgent() {
      return new SVGAbstractTranscoderUserAgent() {
        @Override
        public FontFamilyResolver getFontFamilyResolver() {
          return RESOLVER;
        }
      };
    }

    @Override
    protected BridgeContext createBridgeContext(String svgVersion) {
      BridgeContext context = super.createBridgeContext(svgVersion);
      context.setTextPainter(TEXT_PAINTER);
      return context;
    }

    @Override
    protected ImageRenderer createRenderer() {
      ImageRenderer renderer = super.createRenderer();
      renderer.setRenderingHints(HINTS);
      return renderer;
    }

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
