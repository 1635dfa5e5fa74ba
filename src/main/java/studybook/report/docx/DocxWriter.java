package studybook.report.docx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackageProperties;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.drawingml.x2006.main.CTBlip;
import org.openxmlformats.schemas.drawingml.x2006.main.CTOfficeArtExtension;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblLook;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/**
 * Writes a {@link DocxDocument} as a .docx file set as journals set a manuscript: A4 with 2.54 cm
 * margins or a reference document's page ({@link PageSetup}); headings, title, captions and quotes in Word's built-in styles (resources styles.xml), so
 * a journal template restyles them; tables laid out by {@link TableLayout} in a three-line style with
 * repeated header rows, the caption kept with the table and the notes directly below, a table too
 * wide for portrait in its own landscape section; figures as pictures at the text width with their
 * caption below (see {@link FigureRaster}).
 *
 * <p>Deterministic: POI stamps a creation time into the core properties and the current time onto
 * every zip entry; both are removed (the creation time is left out, entries are re-zipped with the
 * DOS epoch), so the same document gives the same bytes.
 */
public final class DocxWriter {
  static final String CREATOR = "studybook";
  /** The earliest time a zip entry can carry; fixed so that the bytes do not depend on the clock. */
  static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  /** A4's short and long sides and the page margin (2.54 cm), twips. */
  static final int A4_SHORT = 11906;
  static final int A4_LONG = 16838;
  static final int MARGIN = 1440;
  static final int PORTRAIT_TEXT = A4_SHORT - 2 * MARGIN;
  static final int LANDSCAPE_TEXT = A4_LONG - 2 * MARGIN;
  /** A figure is at most this tall (about 60% of the portrait text height), twips. */
  private static final double MAX_FIGURE_HEIGHT = 0.6 * (A4_LONG - 2 * MARGIN);
  private static final int EMU_PER_TWIP = 635;
  /** Word 2016's extension that puts an SVG beside a picture's PNG. */
  private static final String SVG_BLIP_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}";
  private static final String SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main";
  private static final String R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private DocxWriter() {}

  /** Writes the document to {@code file}, replacing it. */
  public static void write(DocxDocument document, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, bytes(document));
  }

  /**
   * Starts POI on the second core: the first document loads XMLBeans' type system, most of a cold
   * Word render. A run calls this before computing, so that by render time the classes are in. Batik
   * is not warmed here: a run's figures usually come from the kept rasters ({@link FigureRasters}), and
   * those it must draw are drawn on their own thread while the other outputs render
   * ({@link FigureRasters#prepare}); warming Batik here too cost a second of CPU that the render then
   * waited for.
   */
  public static synchronized void warmUpInBackground() {
    if (warmUp != null) {
      return;
    }
    warmUp = new Thread(() -> {
      try {
        bytes(new DocxDocument("warm-up", java.util.Optional.empty(), java.util.List.of(new DocxTable("", java.util.List.of("a"),
            java.util.List.of(java.util.List.of("1")), java.util.List.of()))));
      } catch (RuntimeException | LinkageError e) {
        // the render will meet the same problem and report it where it matters
      }
    }, "docx-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** The warm-up thread, if one was started; its POI classes are initialised on that thread alone. */
  private static Thread warmUp;

  /**
   * Waits for a warm-up in progress, so that POI's classes are never initialised by two threads at
   * once (static initialisers that depend on each other can deadlock when two threads start them).
   */
  private static void awaitWarmUp() {
    Thread t;
    synchronized (DocxWriter.class) {
      t = warmUp;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The document as .docx bytes, every figure drawn now. */
  public static byte[] bytes(DocxDocument document) {
    return bytes(document, FigureRasters.drawn());
  }

  /** The document as .docx bytes, with the figures' PNGs from {@code rasters}. */
  public static byte[] bytes(DocxDocument document, FigureRasters rasters) {
    return bytes(document, rasters, java.util.Optional.empty());
  }

  /** As {@link #bytes(DocxDocument, FigureRasters)}, in a journal template's styles ({@link ReferenceDocx}). */
  public static byte[] bytes(DocxDocument document, FigureRasters rasters,
      java.util.Optional<org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles> reference) {
    return bytes(document, rasters, reference, PageSetup.A4);
  }

  /**
   * As {@link #bytes(DocxDocument, FigureRasters, Optional)}, set on {@code page} (a reference document's,
   * {@link ReferenceDocx#page}): every section has its size and margins, tables are laid out on its text
   * width and figures are as wide as it.
   */
  public static byte[] bytes(DocxDocument document, FigureRasters rasters,
      java.util.Optional<org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles> reference, PageSetup page) {
    awaitWarmUp();
    try (XWPFDocument doc = new XWPFDocument()) {
      PackageProperties properties = doc.getPackage().getPackageProperties();
      properties.setCreatedProperty(Optional.empty());
      properties.setModifiedProperty(Optional.empty());
      properties.setCreatorProperty(CREATOR);
      properties.setTitleProperty(xmlText(document.title()));
      doc.createStyles().setStyles(ReferenceDocx.merged(styles(), reference));

      XWPFParagraph title = doc.createParagraph();
      title.setStyle("Title");
      lines(title.createRun(), document.title());

      document.banner().ifPresent(text -> {
        XWPFParagraph paragraph = doc.createParagraph();
        paragraph.setBorderTop(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
        paragraph.setBorderBottom(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
        XWPFRun run = paragraph.createRun();
        run.setBold(true);
        run.setColor("C00000");
        run.setText(xmlText(text));
      });

      // One footer, the page number centred; every section names it (a section without a reference of its own
      // would take the previous section's, and the first section would have none).
      org.apache.poi.xwpf.usermodel.XWPFFooter footer = doc.createFooter(org.apache.poi.wp.usermodel.HeaderFooterType.DEFAULT);
      XWPFParagraph pageNumber = footer.createParagraph();
      pageNumber.setAlignment(org.apache.poi.xwpf.usermodel.ParagraphAlignment.CENTER);
      org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField field = pageNumber.getCTP().addNewFldSimple();
      field.setInstr(" PAGE ");
      field.addNewR().addNewT().setStringValue("1");

      int top = document.blocks().stream().filter(DocxHeading.class::isInstance).mapToInt(b -> ((DocxHeading) b).level())
          .min().orElse(1);
      int figure = 0;
      for (DocxBlock block : document.blocks()) {
        if (block instanceof DocxTable table) {
          addTable(doc, table, page);
        } else if (block instanceof DocxHeading heading) {
          XWPFParagraph p = doc.createParagraph();
          p.setStyle("Heading" + Math.min(4, heading.level() - top + 1));
          lines(p.createRun(), heading.text());
        } else if (block instanceof DocxParagraph paragraph) {
          addParagraph(doc, paragraph);
        } else if (block instanceof DocxFigure f) {
          addFigure(doc, f, ++figure, rasters, page);
        }
      }
      section(doc, doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
          : doc.getDocument().getBody().addNewSectPr(), TableLayout.Orientation.PORTRAIT, page);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return normaliseZip(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not build the Word document: " + e.getMessage(), e);
    } catch (InvalidFormatException | XmlException e) {
      // Only reachable if POI's own blank package or the kernel's styles were malformed.
      throw new IllegalStateException("POI produced an invalid package: " + e.getMessage(), e);
    }
  }

  /** The document's styles: Word's built-in names (Heading 1-4, Title, Caption, Quote, Table Grid) plus table ones. */
  private static CTStyles styles() throws IOException, XmlException {
    try (InputStream in = DocxWriter.class.getResourceAsStream("styles.xml")) {
      if (in == null) {
        throw new IllegalStateException("styles.xml is missing from the kernel's resources");
      }
      return StylesDocument.Factory.parse(in).getStyles();
    }
  }

  private static void addParagraph(XWPFDocument doc, DocxParagraph paragraph) {
    XWPFParagraph p = doc.createParagraph();
    switch (paragraph.style()) {
      case QUOTE -> p.setStyle("Quote");
      case CODE -> p.setStyle("HTMLPreformatted");
      case BODY -> { }
    }
    int at = 0;
    for (DocxParagraph.Ref r : paragraph.refs()) {
      if (r.start() > at) {
        lines(p.createRun(), paragraph.text().substring(at, r.start()));
      }
      field(p, " REF " + r.bookmark() + " \\h ", paragraph.text().substring(r.start(), r.end()));
      at = r.end();
    }
    if (at < paragraph.text().length() || paragraph.refs().isEmpty()) {
      lines(p.createRun(), paragraph.text().substring(at));
    }
  }

  /**
   * A figure scaled to the text width (at most {@link #MAX_FIGURE_HEIGHT} tall) with its numbered
   * caption below it: a 300 dpi PNG that every reader shows, and beside it the SVG (Word 2016's
   * {@code asvg:svgBlip} extension) that Word 2016 and later draw as vectors instead.
   */
  private static void addFigure(XWPFDocument doc, DocxFigure figure, int number, FigureRasters rasters, PageSetup page)
      throws IOException, InvalidFormatException {
    double widthTwips = widthTwips(figure, page);
    double heightTwips = Math.min(page.maxFigureHeight(), page.portraitText() * figure.height() / figure.width());
    XWPFParagraph p = doc.createParagraph();
    p.setStyle("Figure");
    XWPFRun run = p.createRun();
    byte[] png = rasters.png(figure, widthTwips / 1440.0);
    XWPFPicture picture = run.addPicture(new ByteArrayInputStream(png), Document.PICTURE_TYPE_PNG,
        figure.name() + ".png", (int) Math.round(widthTwips * EMU_PER_TWIP), (int) Math.round(heightTwips * EMU_PER_TWIP));
    String svgId = doc.addPictureData(figure.svg().getBytes(StandardCharsets.UTF_8), Document.PICTURE_TYPE_SVG);
    CTBlip blip = picture.getCTPicture().getBlipFill().getBlip();
    CTOfficeArtExtension ext = blip.addNewExtLst().addNewExt();
    ext.setUri(SVG_BLIP_URI);
    try (XmlCursor c = ext.newCursor()) {
      c.toEndToken();
      c.beginElement(new QName(SVG_NS, "svgBlip", "asvg"));
      c.insertAttributeWithValue(new QName(R_NS, "embed", "r"), svgId);
    }
    XWPFParagraph caption = doc.createParagraph();
    caption.setStyle("Caption");
    caption.setKeepNext(false);
    caption(caption, figure.caption().isEmpty() ? "Figure " + number + "." : figure.caption());
  }

  /** A figure's width in the document: the text width, or less when it would be more than {@link #MAX_FIGURE_HEIGHT} tall. */
  static double widthTwips(DocxFigure figure) {
    return widthTwips(figure, PageSetup.A4);
  }

  /** As {@link #widthTwips(DocxFigure)} on {@code page}. */
  static double widthTwips(DocxFigure figure, PageSetup page) {
    double widthTwips = page.portraitText();
    double heightTwips = widthTwips * figure.height() / figure.width();
    double max = page.maxFigureHeight();
    return heightTwips > max ? widthTwips * (max / heightTwips) : widthTwips;
  }

  private static void addTable(XWPFDocument doc, DocxTable table, PageSetup page) {
    TableLayout layout = TableLayout.of(table, page.portraitText(), page.landscapeText());
    boolean landscape = layout.orientation() == TableLayout.Orientation.LANDSCAPE;
    if (landscape) {
      // A section ends at the paragraph that carries its properties: close the portrait one here.
      XWPFParagraph end = doc.createParagraph();
      end.setSpacingAfter(0);
      section(doc, end.getCTP().getPPr().addNewSectPr(), TableLayout.Orientation.PORTRAIT, page);
    }
    if (!table.caption().isEmpty()) {
      XWPFParagraph caption = doc.createParagraph();
      caption.setStyle("Caption");
      caption(caption, table.caption());
    }

    int headRows = table.spanners().isEmpty() ? 1 : 2;
    int columns = table.headers().size();
    XWPFTable t = doc.createTable(headRows + table.rows().size(), columns);
    CTTblPr tblPr = t.getCTTbl().getTblPr();
    if (tblPr.isSetTblBorders()) {
      tblPr.unsetTblBorders();
    }
    t.setStyleID("ThreeLineTable");
    CTTblLook look = tblPr.isSetTblLook() ? tblPr.getTblLook() : tblPr.addNewTblLook();
    look.setVal(new byte[] {0x04, 0x20});
    t.setWidthType(TableWidthType.DXA);
    t.setWidth(layout.total());
    (tblPr.isSetTblLayout() ? tblPr.getTblLayout() : tblPr.addNewTblLayout()).setType(STTblLayoutType.FIXED);
    CTTblGrid grid = t.getCTTbl().getTblGrid() != null ? t.getCTTbl().getTblGrid() : t.getCTTbl().addNewTblGrid();
    while (grid.sizeOfGridColArray() > 0) {
      grid.removeGridCol(0);
    }
    for (int w : layout.widths()) {
      grid.addNewGridCol().setW(BigInteger.valueOf(w));
    }
    int halfPoints = (int) Math.round(layout.points() * 2);

    if (headRows == 2) {
      XWPFTableRow spanRow = t.getRow(0);
      spanRow.setRepeatHeader(true);
      spanRow.setCantSplitRow(true);
      // Merge each spanner's cells (from the right, so indices stay valid) and underline it alone.
      List<DocxTable.Spanner> spanners = new ArrayList<>(table.spanners());
      java.util.Collections.reverse(spanners);
      boolean[] spanned = new boolean[columns];
      for (DocxTable.Spanner s : spanners) {
        for (int c = s.first(); c < s.first() + s.columns(); c++) {
          spanned[c] = true;
        }
      }
      for (int c = 0; c < columns; c++) {
        cell(spanRow.getCell(c), layout.widths().get(c), "", DocxTable.Align.CENTER, halfPoints, true, 0, 0);
        border(spanRow.getCell(c), spanned[c] ? STBorder.SINGLE : STBorder.NIL);
      }
      for (DocxTable.Spanner s : spanners) {
        XWPFTableCell first = spanRow.getCell(s.first());
        int width = 0;
        for (int c = s.first(); c < s.first() + s.columns(); c++) {
          width += layout.widths().get(c);
        }
        for (int c = s.first() + s.columns() - 1; c > s.first(); c--) {
          spanRow.removeCell(c);
        }
        first.getCTTc().getTcPr().addNewGridSpan().setVal(BigInteger.valueOf(s.columns()));
        first.getCTTc().getTcPr().getTcW().setW(BigInteger.valueOf(width));
        first.getParagraphs().get(0).getRuns().forEach(r -> r.setText("", 0));
        XWPFRun run = first.getParagraphs().get(0).getRuns().get(0);
        run.setBold(true);
        run.setText(xmlText(s.text()), 0);
      }
    }
    XWPFTableRow header = t.getRow(headRows - 1);
    header.setRepeatHeader(true);
    header.setCantSplitRow(true);
    for (int c = 0; c < columns; c++) {
      XWPFTableCell cell = header.getCell(c);
      cell(cell, layout.widths().get(c), table.headers().get(c), table.alignments().get(c), halfPoints, true, 0, 0);
      if (table.italicHeads().get(c) && !table.headers().get(c).isEmpty()) {
        // A journal's italic P: the header's first letter in its own italic run, the rest as it was.
        XWPFParagraph p = cell.getParagraphs().get(0);
        XWPFRun rest = p.getRuns().get(p.getRuns().size() - 1);
        String text = table.headers().get(c);
        rest.setText(xmlText(text.substring(1)), 0);
        XWPFRun letter = p.insertNewRun(p.getRuns().size() - 1);
        letter.setBold(true);
        letter.setItalic(true);
        letter.setFontSize(halfPoints / 2.0);
        letter.setText(xmlText(text.substring(0, 1)));
      }
      cell.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.BOTTOM);
      border(cell, STBorder.SINGLE);
    }
    int last = table.rows().size() - 1;
    for (int r = 0; r <= last; r++) {
      XWPFTableRow row = t.getRow(headRows + r);
      row.setCantSplitRow(true);
      DocxTable.RowKind kind = table.rowKinds().get(r);
      DocxTable.RowKind next = r < last ? table.rowKinds().get(r + 1) : null;
      // A variable keeps its levels on its page, and the last row keeps the footnotes under the table.
      boolean keep = kind == DocxTable.RowKind.VARIABLE && next == DocxTable.RowKind.LEVEL
          || kind == DocxTable.RowKind.LEVEL && next == DocxTable.RowKind.LEVEL
          || r == last && !table.footnotes().isEmpty();
      for (int c = 0; c < columns; c++) {
        int indent = c == 0 && kind == DocxTable.RowKind.LEVEL ? TableLayout.INDENT : 0;
        XWPFTableCell cell = row.getCell(c);
        cell(cell, layout.widths().get(c), table.rows().get(r).get(c), table.alignments().get(c), halfPoints, false,
            c == 0 ? table.strong().get(r) : 0, indent);
        if (keep) {
          cell.getParagraphs().get(0).setKeepNext(true);
        }
      }
    }

    XWPFParagraph end = null;
    for (int i = 0; i < table.footnotes().size(); i++) {
      end = doc.createParagraph();
      end.setStyle("TableNote");
      if (i < table.footnotes().size() - 1) {
        end.setKeepNext(true);
      }
      lines(end.createRun(), table.footnotes().get(i));
    }
    if (landscape) {
      if (end == null) {
        end = doc.createParagraph();
        end.setSpacingAfter(0);
      }
      section(doc, end.getCTP().isSetPPr() ? end.getCTP().getPPr().addNewSectPr() : end.getCTP().addNewPPr().addNewSectPr(),
          TableLayout.Orientation.LANDSCAPE, page);
    }
  }

  /** Fills a table cell: width, alignment, size, the bold leading part of a label, an indent. */
  private static void cell(XWPFTableCell cell, int width, String text, DocxTable.Align align, int halfPoints,
      boolean bold, int strong, int indent) {
    cell.setWidthType(TableWidthType.DXA);
    cell.setWidth(Integer.toString(width));
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setStyle("TableText");
    p.setAlignment(switch (align) {
      case LEFT -> ParagraphAlignment.LEFT;
      case CENTER -> ParagraphAlignment.CENTER;
      case RIGHT -> ParagraphAlignment.RIGHT;
    });
    if (indent > 0) {
      p.setIndentationLeft(indent);
    }
    if (strong > 0) {
      XWPFRun head = p.createRun();
      head.setBold(true);
      head.setFontSize(halfPoints / 2.0);
      lines(head, text.substring(0, strong));
    }
    XWPFRun run = p.createRun();
    run.setBold(bold);
    run.setFontSize(halfPoints / 2.0);
    lines(run, text.substring(strong));
  }

  private static void border(XWPFTableCell cell, STBorder.Enum kind) {
    CTTcPr tcPr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
    CTTcBorders borders = tcPr.isSetTcBorders() ? tcPr.getTcBorders() : tcPr.addNewTcBorders();
    CTBorder bottom = borders.isSetBottom() ? borders.getBottom() : borders.addNewBottom();
    bottom.setVal(kind);
    if (kind != STBorder.NIL) {
      bottom.setSz(BigInteger.valueOf(4));
      bottom.setSpace(BigInteger.ZERO);
      bottom.setColor("auto");
    }
  }

  /** The page (A4 with 2.54 cm margins unless a reference document sets another), in the given orientation, with the page-number footer. */
  private static void section(XWPFDocument doc, CTSectPr sectPr, TableLayout.Orientation orientation, PageSetup page) {
    // The footer's reference, which createFooter put in the document's last section (the body's).
    CTSectPr last = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr() : null;
    if (last != null && last != sectPr && last.sizeOfFooterReferenceArray() > 0
        && sectPr.sizeOfFooterReferenceArray() == 0) {
      String footerId = last.getFooterReferenceArray(0).getId();
      org.openxmlformats.schemas.wordprocessingml.x2006.main.CTHdrFtrRef ref = sectPr.addNewFooterReference();
      ref.setType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STHdrFtr.DEFAULT);
      ref.setId(footerId);
    }
    CTPageSz size = sectPr.isSetPgSz() ? sectPr.getPgSz() : sectPr.addNewPgSz();
    boolean landscape = orientation == TableLayout.Orientation.LANDSCAPE;
    size.setW(BigInteger.valueOf(landscape ? page.longSide() : page.shortSide()));
    size.setH(BigInteger.valueOf(landscape ? page.shortSide() : page.longSide()));
    if (landscape) {
      size.setOrient(STPageOrientation.LANDSCAPE);
    }
    CTPageMar margins = sectPr.isSetPgMar() ? sectPr.getPgMar() : sectPr.addNewPgMar();
    margins.setTop(BigInteger.valueOf(page.top()));
    margins.setBottom(BigInteger.valueOf(page.bottom()));
    margins.setLeft(BigInteger.valueOf(page.left()));
    margins.setRight(BigInteger.valueOf(page.right()));
    margins.setHeader(BigInteger.valueOf(page.header()));
    margins.setFooter(BigInteger.valueOf(page.footer()));
    margins.setGutter(BigInteger.ZERO);
  }

  /** A caption's leading label and number, "Table 3" or "Figure 1", as every output writes it. */
  public static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("(Table|Figure) ([0-9]+)\\b");

  /**
   * The bookmark around a caption's label and number, which a cross-reference's REF field names
   * ({@code _RefTable3}; Word hides bookmarks whose name starts with "_").
   */
  public static String bookmark(String label, int number) {
    return "_Ref" + label + number;
  }

  /**
   * A caption: a leading "Table N" or "Figure N" is the label, then a {@code SEQ Table \* ARABIC} field whose
   * cached result is N (so Word renumbers the captions when an author moves a table and updates the fields),
   * the two inside a bookmark a cross-reference's REF field shows; the rest is text. Any other caption is text.
   */
  private static void caption(XWPFParagraph p, String text) {
    java.util.regex.Matcher m = NUMBERED.matcher(text == null ? "" : text);
    if (!m.lookingAt()) {
      lines(p.createRun(), text);
      return;
    }
    String label = m.group(1);
    int number = Integer.parseInt(m.group(2));
    org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBookmark start = p.getCTP().addNewBookmarkStart();
    // The id from the name, so the bytes depend on the document alone.
    BigInteger id = BigInteger.valueOf((label.equals("Table") ? 100_000L : 200_000L) + number);
    start.setId(id);
    start.setName(bookmark(label, number));
    lines(p.createRun(), label + " ");
    field(p, " SEQ " + label + " \\* ARABIC ", Integer.toString(number));
    p.getCTP().addNewBookmarkEnd().setId(id);
    lines(p.createRun(), text.substring(m.end()));
  }

  /** A complex field: its instruction and the result Word shows until it updates the field. */
  static void field(XWPFParagraph p, String instruction, String cached) {
    p.createRun().getCTR().addNewFldChar().setFldCharType(
        org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.BEGIN);
    org.openxmlformats.schemas.wordprocessingml.x2006.main.CTText instr = p.createRun().getCTR().addNewInstrText();
    instr.setStringValue(instruction);
    instr.setSpace(org.apache.xmlbeans.impl.xb.xmlschema.SpaceAttribute.Space.PRESERVE);
    p.createRun().getCTR().addNewFldChar().setFldCharType(
        org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.SEPARATE);
    lines(p.createRun(), cached);
    p.createRun().getCTR().addNewFldChar().setFldCharType(
        org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.END);
  }

  private static void lines(XWPFRun run, String text) {
    String[] lines = (text == null ? "" : text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        run.addBreak();
      }
      run.setText(xmlText(lines[i]), i);
    }
  }

  /** {@code text} as XML 1.0 allows it ({@link studybook.report.XmlChars#legal}): every text this writer puts in the package passes here. */
  static String xmlText(String text) {
    return studybook.report.XmlChars.legal(text);
  }

  /** Re-zips with every entry stamped {@link #ZIP_TIME}, keeping POI's entry order. */
  static byte[] normaliseZip(byte[] zip) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTimeLocal(ZIP_TIME);
        z.putNextEntry(copy);
        in.transferTo(z);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
