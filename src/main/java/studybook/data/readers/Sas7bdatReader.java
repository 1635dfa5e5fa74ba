package studybook.data.readers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an uncompressed SAS dataset ({@code .sas7bdat}): the column names, labels and formats, and the
 * rows of the data and mixed pages. It is the fallback for files that parso (see {@link SasReader}) reads
 * with columns missing, such as those ReadStat-based tools write (R haven, pandas, readstat).
 *
 * <p>Written by hand from the published description of the format (M. S. Shotwell, "SAS7BDAT Database
 * Binary Format", the R package sas7bdat's vignette), because the one maintained Java library with a
 * compatible licence does not read these files correctly; no code was copied. Compressed files (RLE,
 * RDC) are left to parso.
 */
final class Sas7bdatReader {
  private Sas7bdatReader() {}

  private static final String WHAT = "SAS (a DATA step or PROC COPY to a .sas7bdat)";
  private static final int ROW_SIZE = 0xF7F7F7F7;
  private static final int COLUMN_SIZE = 0xF6F6F6F6;
  private static final int COLUMN_TEXT = 0xFFFFFFFD;
  private static final int COLUMN_NAME = 0xFFFFFFFF;
  private static final int COLUMN_ATTRIBUTES = 0xFFFFFFFC;
  private static final int COLUMN_FORMAT = 0xFFFFFBFE;

  private record Ref(int index, int offset, int length) {}

  static SourceTable read(Path file, byte[] bytes) {
    Meta m = scan(file, bytes, false);
    BinaryInput in = m.in;
    ByteOrder order = in.order();
    Charset cs = m.cs;
    int pageSize = m.pageSize;
    List<byte[]> texts = m.texts;
    List<Ref> names = m.names;
    List<long[]> attributes = m.attributes;
    List<Ref[]> formats = m.formats;
    long rowLength = m.rowLength;
    long rowCount = m.rowCount;
    long mixRows = m.mixRows;
    List<int[]> dataAt = m.dataAt;
    int ncol = (int) m.columnCount;
    List<String[]> rows = new ArrayList<>();
    String[] colNames = new String[ncol];
    String[] labels = new String[ncol];
    String[] fmt = new String[ncol];
    for (int c = 0; c < ncol; c++) {
      colNames[c] = text(in, texts, names.get(c), cs);
      labels[c] = c < formats.size() ? text(in, texts, formats.get(c)[1], cs) : "";
      fmt[c] = c < formats.size() ? text(in, texts, formats.get(c)[0], cs).toUpperCase(Locale.ROOT) : "";
    }
    long remaining = rowCount;
    long deleted = 0;
    for (int[] d : dataAt) {
      long onPage = d[2] >= 0 ? d[2] : Math.min(mixRows, remaining);
      for (long r = 0; r < onPage && remaining > 0; r++, remaining--) {
        long start = d[1] + r * rowLength;
        if (start + rowLength > d[0] + pageSize) {
          break;
        }
        if (d[3] >= 0 && (bytes[d[3] + (int) (r / 8)] & (0x80 >> (r % 8))) != 0) {
          deleted++; // an observation deleted in SAS: in the file, not in the dataset
          continue;
        }
        in.cells(start, 2, ncol);
        String[] row = new String[ncol];
        for (int c = 0; c < ncol; c++) {
          long[] a = attributes.get(c);
          int at = (int) (start + a[0]);
          int width = (int) a[1];
          if (a[2] == 1) {
            byte[] v = new byte[8];
            System.arraycopy(bytes, at, v, order == ByteOrder.LITTLE_ENDIAN ? 8 - width : 0, width);
            double x = ByteBuffer.wrap(v).order(order).getDouble();
            row[c] = Double.isNaN(x) ? "" : x == 0 ? "0" : String.valueOf(x);
          } else {
            row[c] = Cells.text(java.util.Arrays.copyOfRange(bytes, at, at + width), cs);
          }
        }
        rows.add(row);
      }
    }
    if (rows.size() + deleted < rowCount) {
      throw in.error(bytes.length, "the data end after " + rows.size() + " of " + rowCount + " observations",
          "the file is truncated; export it again from " + WHAT);
    }
    String[][] cells = new String[ncol][rows.size()];
    int[] caseNumbers = new int[rows.size()];
    List<SourceColumn> columns = new ArrayList<>();
    for (int c = 0; c < ncol; c++) {
      boolean numeric = attributes.get(c)[2] == 1;
      CellKind kind = !numeric ? CellKind.TEXT : XptReader.kindOf(fmt[c]);
      for (int r = 0; r < rows.size(); r++) {
        String v = rows.get(r)[c];
        try {
          cells[c][r] = !numeric || v.isEmpty() ? v : switch (kind) {
            case DATE -> Cells.date(Cells.DAYS_1960, Double.parseDouble(v));
            case DATETIME -> Cells.dateTime(Double.parseDouble(v) + Cells.DAYS_1960 * 86400.0);
            default -> Cells.number(Double.parseDouble(v));
          };
        } catch (Cells.BadValue e) {
          throw in.badValue(e, "observation", r + 1, colNames[c]);
        }
      }
      columns.add(new SourceColumn(colNames[c], labels[c], kind, Map.of(), List.of(), fmt[c]));
    }
    for (int r = 0; r < rows.size(); r++) {
      caseNumbers[r] = r + 1;
    }
    return new SourceTable(file, SourceFormat.SAS7BDAT, columns, cells, caseNumbers, "observation");
  }

  /**
   * The header and every page's subheaders, checked: each page pointer inside its page, each column
   * inside the row, the row on a page. {@code compressed}: the caller (parso) reads compressed rows, so
   * their pointers are passed over instead of refused. Runs before parso, which trusts these sizes.
   */
  static Meta scan(Path file, byte[] bytes, boolean compressed) {
    BinaryInput in = new BinaryInput(file, bytes, WHAT);
    checkLength(file, bytes);
    boolean u64 = bytes[32] == 0x33;
    int a1 = bytes[35] == 0x33 ? 4 : 0;
    ByteOrder order = bytes[37] == 0x01 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    in.order(order);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
    int headerLength = b.getInt(196 + a1);
    int pageSize = b.getInt(200 + a1);
    long pageCount = u64 ? b.getLong(204 + a1) : b.getInt(204 + a1) & 0xffffffffL;
    Meta m = new Meta();
    m.in = in;
    m.pageSize = pageSize;
    m.cs = (bytes[70] & 0xff) == 20 ? StandardCharsets.UTF_8
        : (bytes[70] & 0xff) == 29 ? StandardCharsets.ISO_8859_1 : Charset.forName("windows-1252");
    m.compressedToo = compressed;
    for (long p = 0; p < pageCount; p++) {
      int page = (int) (headerLength + p * pageSize);
      try {
        readPage(in, b, bytes, m, page, pageSize, u64, order);
      } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
        throw in.error(page, "page " + (p + 1) + " is damaged (a pointer or a length leads outside the page)",
            "the file is damaged; export it again from " + WHAT);
      }
    }
    long rowLength = m.rowLength;
    long columnCount = m.columnCount;
    List<long[]> attributes = m.attributes;
    if (compressed) {
      // Before parso: only what parso would trust is checked, columns against the row, rows against the budget.
      long known = Math.min(Math.max(columnCount, attributes.size()), attributes.size());
      for (int c = 0; c < known && rowLength >= 0; c++) {
        long[] a = attributes.get(c);
        if (a[0] < 0 || a[1] < 0 || a[0] + a[1] > rowLength || a[2] == 1 && a[1] > 8) {
          throw in.error(headerLength, "column " + (c + 1) + " declares " + a[1] + " bytes at " + a[0] + " in rows of "
              + rowLength + " bytes", "the file is damaged");
        }
      }
      if (!in.budget.fits(ReadBudget.times(ReadBudget.times(Math.max(0, m.rowCount), known), 2 * ReadBudget.CELL_BYTES))) {
        throw in.overBudget(headerLength, m.rowCount + " observations of " + known + " columns");
      }
      return m;
    }
    if (rowLength < 0 || columnCount < 0 || m.names.size() < columnCount || attributes.size() < columnCount) {
      throw in.error(headerLength, "the dataset's column descriptions are incomplete (" + m.names.size() + " names, "
          + attributes.size() + " attributes for " + columnCount + " columns)", "the file is damaged or not a SAS dataset");
    }
    if (!compressed && rowLength > pageSize) {
      throw in.error(headerLength, "rows of " + rowLength + " bytes do not fit on pages of " + pageSize, "the file is damaged");
    }
    for (int c = 0; c < columnCount; c++) {
      long[] a = attributes.get(c);
      if (a[0] < 0 || a[1] < 1 || a[0] + a[1] > rowLength || a[2] == 1 && a[1] > 8) {
        throw in.error(headerLength, "column " + (c + 1) + " declares " + a[1] + " bytes at " + a[0] + " in rows of "
            + rowLength + " bytes", "the file is damaged");
      }
    }
    if (m.rowCount < 0 || !in.budget.fits(ReadBudget.times(ReadBudget.times(m.rowCount, columnCount), 2 * ReadBudget.CELL_BYTES))) {
      throw in.overBudget(headerLength, m.rowCount + " observations of " + columnCount + " columns");
    }
    return m;
  }

  /** What the pages say about the dataset, gathered page by page. */
  static final class Meta {
    BinaryInput in;
    Charset cs;
    int pageSize;
    boolean compressedToo;
    final List<byte[]> texts = new ArrayList<>();
    final List<Ref> names = new ArrayList<>();
    final List<long[]> attributes = new ArrayList<>();
    final List<Ref[]> formats = new ArrayList<>();
    /** Per data or mixed page: [page offset, first row offset, rows on page (-1: the mixed-page count)]. */
    final List<int[]> dataAt = new ArrayList<>();
    long rowLength = -1;
    long rowCount = -1;
    long mixRows = 0;
    long columnCount = -1;
  }

  /** One page's subheaders into {@code m}; a pointer outside the page is an IndexOutOfBoundsException. */
  private static void readPage(BinaryInput in, ByteBuffer b, byte[] bytes, Meta m, int page, int pageSize, boolean u64,
      ByteOrder order) {
    int intSize = u64 ? 8 : 4;
    int pageBase = u64 ? 32 : 16;
    int pointerSize = u64 ? 24 : 12;
    ByteBuffer pg = b.duplicate().order(order);
    pg.limit(page + pageSize);
    b = pg;
    int type = b.getShort(page + pageBase) & 0xffff;
    int blocks = b.getShort(page + pageBase + 2) & 0xffff;
    int subheaders = b.getShort(page + pageBase + 4) & 0xffff;
    int kind = type & 0x0F00;
    if (kind == 0x0000 || kind == 0x0200 || type == 0x4000) {
      for (int s = 0; s < subheaders; s++) {
        int ptr = page + pageBase + 8 + s * pointerSize;
        long offset = u64 ? b.getLong(ptr) : b.getInt(ptr) & 0xffffffffL;
        long length = u64 ? b.getLong(ptr + 8) : b.getInt(ptr + 4) & 0xffffffffL;
        int compression = b.get(ptr + 2 * intSize);
        // Pointer compression codes: 0 a plain subheader, 1 a truncated one (nothing to read), 4 a compressed row.
        if (length == 0 || compression == 1) {
          continue;
        }
        if (compression != 0) {
          if (m.compressedToo) {
            continue;
          }
          throw in.error(page + offset, "the dataset is compressed", "export it uncompressed, or as .xpt or .sav");
        }
        if (offset < 0 || length < 0 || offset + length > pageSize) {
          if (m.compressedToo) {
            continue; // parso decides what such a pointer means; this scan only checks what it reads
          }
          throw in.error(ptr, "a subheader runs past its page", "the file is damaged");
        }
        int at = (int) (page + offset);
        int sig = order == ByteOrder.BIG_ENDIAN && u64 ? b.getInt(at + 4) : b.getInt(at);
        switch (sig) {
          case ROW_SIZE -> {
            m.rowLength = u64 ? b.getLong(at + 5 * intSize) : b.getInt(at + 5 * intSize);
            m.rowCount = u64 ? b.getLong(at + 6 * intSize) : b.getInt(at + 6 * intSize);
            m.mixRows = u64 ? b.getLong(at + 15 * intSize) : b.getInt(at + 15 * intSize);
          }
          case COLUMN_SIZE -> m.columnCount = u64 ? b.getLong(at + intSize) : b.getInt(at + intSize);
          case COLUMN_TEXT -> m.texts.add(java.util.Arrays.copyOfRange(bytes, at + intSize, (int) (at + length)));
          case COLUMN_NAME -> {
            int n = (int) ((length - 2 * intSize - 12) / 8);
            for (int i = 0; i < n; i++) {
              int e = at + intSize + 8 + i * 8;
              m.names.add(new Ref(b.getShort(e), b.getShort(e + 2), b.getShort(e + 4)));
            }
          }
          case COLUMN_ATTRIBUTES -> {
            int n = (int) ((length - 2 * intSize - 12) / (intSize + 8));
            for (int i = 0; i < n; i++) {
              int e = at + intSize + 8 + i * (intSize + 8);
              long colOffset = u64 ? b.getLong(e) : b.getInt(e);
              int width = b.getInt(e + intSize);
              int colType = bytes[e + intSize + 6];
              m.attributes.add(new long[] {colOffset, width, colType});
            }
          }
          case COLUMN_FORMAT -> m.formats.add(new Ref[] {
              new Ref(b.getShort(at + 3 * intSize + 22), b.getShort(at + 3 * intSize + 24), b.getShort(at + 3 * intSize + 26)),
              new Ref(b.getShort(at + 3 * intSize + 28), b.getShort(at + 3 * intSize + 30), b.getShort(at + 3 * intSize + 32))});
          default -> { }
        }
      }
      if (kind == 0x0200) {
        int first = page + pageBase + 8 + subheaders * pointerSize;
        first += first % 8 == 0 ? 0 : 4;
        m.dataAt.add(new int[] {page, first, -1, deletedMap(b, m, type, page, pageBase, subheaders, pointerSize,
            blocks - subheaders, u64)});
      }
    } else if (kind == 0x0100) {
      m.dataAt.add(new int[] {page, page + pageBase + 8, blocks, deletedMap(b, m, type, page, pageBase, 0, pointerSize,
          blocks, u64)});
    }
  }

  /**
   * Where a page's map of deleted observations starts (one bit per row, the first row in the high bit),
   * or -1 when the page has none (page types 0x0180 and 0x0280 have one: rows deleted in SAS stay in
   * the file, marked). Its place: after the page's rows, from a pointer at byte 12 (24 in 64-bit files),
   * aligned to 8 bytes, as parso's reader of such files (Apache-2.0, epam/parso) finds it.
   */
  private static int deletedMap(ByteBuffer b, Meta m, int type, int page, int pageBase, int subheaders, int pointerSize,
      int rows, boolean u64) {
    if ((type & 0x0080) == 0 || rows <= 0 || m.rowLength < 0) {
      return -1;
    }
    int pointer = b.getInt(page + (u64 ? 24 : 12));
    int bitOffset = pageBase + 8;
    int align = (bitOffset + 8 + subheaders * pointerSize) % 8;
    long at = page + (long) bitOffset + pointer + align + (long) subheaders * pointerSize + rows * m.rowLength;
    if (pointer < 0 || at + (rows + 7) / 8 > b.limit()) {
      throw new IndexOutOfBoundsException("deleted-row map");
    }
    return (int) at;
  }

  /** A truncated file is an error at its end: the header says how many pages of what size follow it. */
  static void checkLength(Path file, byte[] bytes) {
    BinaryInput in = new BinaryInput(file, bytes, WHAT);
    in.need(288, "the file header");
    int a1 = bytes[35] == 0x33 ? 4 : 0;
    ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[37] == 0x01 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int headerLength = b.getInt(196 + a1);
    int pageSize = b.getInt(200 + a1);
    long pageCount = bytes[32] == 0x33 ? b.getLong(204 + a1) : b.getInt(204 + a1) & 0xffffffffL;
    if (headerLength <= 0 || pageSize <= 0 || pageCount < 0 || headerLength + ReadBudget.times(pageCount, pageSize) > bytes.length) {
      throw in.error(bytes.length, "the file ends before its last page (" + pageCount + " pages of " + pageSize
          + " bytes after a header of " + headerLength + ")", "the file is truncated; export it again from " + WHAT);
    }
  }

  private static String text(BinaryInput in, List<byte[]> texts, Ref ref, Charset cs) {
    if (ref.length() <= 0) {
      return "";
    }
    if (ref.index() < 0 || ref.index() >= texts.size() || ref.offset() < 0
        || ref.offset() + ref.length() > texts.get(ref.index()).length) {
      throw in.error(0, "a column name or label points outside the dataset's text", "the file is damaged");
    }
    return new String(texts.get(ref.index()), ref.offset(), ref.length(), cs).strip();
  }
}
