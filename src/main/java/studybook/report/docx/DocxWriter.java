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
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackageProperties;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Writes a {@link DocxDocument} as a .docx file: headings and paragraphs as text, tables as real Word
 * tables (a header row repeated on every page, then one row per data row), captions above and
 * footnotes below each table.
 *
 * <p>Deterministic: POI stamps a creation time into the core properties and the current time onto
 * every zip entry; both are removed (the creation time is left out, entries are re-zipped with the
 * DOS epoch), so the same document gives the same bytes.
 */
public final class DocxWriter {
  static final String CREATOR = "studybook";
  /** The earliest time a zip entry can carry; fixed so that the bytes do not depend on the clock. */
  static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final String FONT = "Calibri";
  private static final int BODY_POINTS = 10;
  private static final int FOOTNOTE_POINTS = 8;
  private static final String HEADER_SHADE = "D9D9D9";

  private DocxWriter() {}

  /** Writes the document to {@code file}, replacing it. */
  public static void write(DocxDocument document, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, bytes(document));
  }

  /** The document as .docx bytes. */
  /**
   * Starts POI on the second core: its first document loads XMLBeans' type system, most of a cold
   * render (~0.8 s). A run calls this before computing, so that by render time the classes are in.
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

  public static byte[] bytes(DocxDocument document) {
    awaitWarmUp();
    try (XWPFDocument doc = new XWPFDocument()) {
      PackageProperties properties = doc.getPackage().getPackageProperties();
      properties.setCreatedProperty(Optional.empty());
      properties.setModifiedProperty(Optional.empty());
      properties.setCreatorProperty(CREATOR);
      properties.setTitleProperty(document.title());

      XWPFRun title = doc.createParagraph().createRun();
      title.setBold(true);
      title.setFontSize(16);
      title.setFontFamily(FONT);
      title.setText(document.title());

      document.banner().ifPresent(text -> {
        XWPFParagraph paragraph = doc.createParagraph();
        paragraph.setBorderTop(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
        paragraph.setBorderBottom(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
        XWPFRun run = paragraph.createRun();
        run.setBold(true);
        run.setColor("C00000");
        run.setFontFamily(FONT);
        run.setFontSize(BODY_POINTS + 1);
        run.setText(text);
      });

      for (DocxBlock block : document.blocks()) {
        if (block instanceof DocxTable table) {
          addTable(doc, table);
        } else if (block instanceof DocxHeading heading) {
          addHeading(doc, heading);
        } else if (block instanceof DocxParagraph paragraph) {
          addParagraph(doc, paragraph);
        }
      }

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return normaliseZip(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not build the Word document: " + e.getMessage(), e);
    } catch (InvalidFormatException e) {
      // Only reachable if POI's own blank package were malformed.
      throw new IllegalStateException("POI produced an invalid package: " + e.getMessage(), e);
    }
  }

  private static void addHeading(XWPFDocument doc, DocxHeading heading) {
    XWPFParagraph p = doc.createParagraph();
    p.setSpacingBefore(240);
    p.setKeepNext(true);
    XWPFRun run = p.createRun();
    run.setBold(true);
    run.setFontFamily(FONT);
    // 16 pt is the title; headings step down from 14 pt and never below the body size.
    run.setFontSize(Math.max(BODY_POINTS + 1, 16 - 2 * heading.level()));
    run.setText(heading.text());
  }

  private static void addParagraph(XWPFDocument doc, DocxParagraph paragraph) {
    XWPFParagraph p = doc.createParagraph();
    XWPFRun run = p.createRun();
    run.setFontFamily(paragraph.style() == DocxParagraph.Style.CODE ? "Consolas" : FONT);
    run.setFontSize(BODY_POINTS + 1);
    if (paragraph.style() == DocxParagraph.Style.QUOTE) {
      p.setIndentationLeft(360);
      run.setItalic(true);
    }
    lines(run, paragraph.text());
  }

  private static void addTable(XWPFDocument doc, DocxTable table) {
    if (!table.caption().isEmpty()) {
      XWPFParagraph caption = doc.createParagraph();
      caption.setSpacingBefore(240);
      caption.setKeepNext(true);
      XWPFRun captionRun = caption.createRun();
      captionRun.setBold(true);
      captionRun.setFontFamily(FONT);
      captionRun.setFontSize(BODY_POINTS + 1);
      captionRun.setText(table.caption());
    }

    XWPFTable t = doc.createTable(1 + table.rows().size(), table.headers().size());
    t.setWidth("100%");
    XWPFTableRow header = t.getRow(0);
    header.setRepeatHeader(true);
    for (int c = 0; c < table.headers().size(); c++) {
      XWPFTableCell cell = header.getCell(c);
      cell.setColor(HEADER_SHADE);
      fill(cell, table.headers().get(c), true, c == 0);
    }
    for (int r = 0; r < table.rows().size(); r++) {
      XWPFTableRow row = t.getRow(r + 1);
      row.setCantSplitRow(true);
      for (int c = 0; c < table.headers().size(); c++) {
        fill(row.getCell(c), table.rows().get(r).get(c), false, c == 0);
      }
    }

    for (String footnote : table.footnotes()) {
      XWPFRun run = doc.createParagraph().createRun();
      run.setFontFamily(FONT);
      run.setFontSize(FOOTNOTE_POINTS);
      run.setText(footnote);
    }
  }

  /** Puts text in a cell; a newline in the text becomes a line break inside the cell. */
  private static void fill(XWPFTableCell cell, String text, boolean bold, boolean firstColumn) {
    XWPFParagraph paragraph = cell.getParagraphs().get(0);
    paragraph.setAlignment(firstColumn ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
    paragraph.setSpacingAfter(0);
    XWPFRun run = paragraph.createRun();
    run.setBold(bold);
    run.setFontFamily(FONT);
    run.setFontSize(BODY_POINTS);
    lines(run, text);
  }

  private static void lines(XWPFRun run, String text) {
    String[] lines = (text == null ? "" : text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        run.addBreak();
      }
      run.setText(lines[i], i);
    }
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
