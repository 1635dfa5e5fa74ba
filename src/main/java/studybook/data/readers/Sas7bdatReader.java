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
 * Reads a SAS dataset ({@code .sas7bdat}): the column names, labels and formats, and the rows of the data
 * and mixed pages or, in a compressed dataset, of the row subheaders ({@link Decompress}); numbers cut to
 * 3-7 bytes, special missing values, observations deleted in SAS (left out, as SAS leaves them out), and
 * the unpadded mixed pages of Stat/Transfer's files.
 *
 * <p>Written by hand from the published description of the format (M. S. Shotwell, "SAS7BDAT Database
 * Binary Format", the R package sas7bdat's vignette), because the one maintained Java library with a
 * compatible licence (parso) passes on wrong values for such files; no code was copied.
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
    Meta m = scan(file, bytes);
    BinaryInput in = m.in;
    ByteOrder order = in.order();
    Charset cs = m.cs;
    int ncol = (int) m.columnCount;
    String[] colNames = new String[ncol];
    String[] labels = new String[ncol];
    String[] fmt = new String[ncol];
    for (int c = 0; c < ncol; c++) {
      colNames[c] = text(in, m.texts, m.names.get(c), cs);
      labels[c] = c < m.formats.size() ? text(in, m.texts, m.formats.get(c)[1], cs) : "";
      fmt[c] = c < m.formats.size() ? text(in, m.texts, m.formats.get(c)[0], cs).toUpperCase(Locale.ROOT) : "";
    }
    List<String[]> rows = new ArrayList<>();
    long remaining = m.rowCount;
    long deleted = 0;
    int rowLength = (int) m.rowLength;
    byte[] unpacked = new byte[rowLength];
    for (long[] block : m.blocks) {
      if (remaining <= 0) {
        break;
      }
      if (block[0] == DELETED_ROW) {
        deleted++;
        remaining--;
        continue;
      }
      if (block[0] == PACKED_ROW) {
        int at = (int) block[1];
        int length = (int) block[2];
        if (block[3] == 0) {
          if (length < rowLength) {
            throw in.error(at, "observation " + (rows.size() + deleted + 1) + " holds " + length + " bytes of a " + rowLength
                + "-byte row", "the file is damaged; export it again from " + WHAT);
          }
          System.arraycopy(bytes, at, unpacked, 0, rowLength);
        } else {
          Decompress.row(in, m.compression, at, length, unpacked, rows.size() + deleted + 1);
        }
        in.cells(at, 2, ncol);
        rows.add(row(in, m, unpacked, 0, ncol, rows.size() + 1, colNames));
        remaining--;
        continue;
      }
      int page = (int) block[1];
      long onPage = block[3] >= 0 ? block[3] : Math.min(m.mixRows, remaining);
      for (long r = 0; r < onPage && remaining > 0; r++, remaining--) {
        long start = block[2] + r * rowLength;
        if (start + rowLength > page + m.pageSize) {
          break;
        }
        if (block[4] >= 0 && (bytes[(int) block[4] + (int) (r / 8)] & (0x80 >> (r % 8))) != 0) {
          deleted++; // an observation deleted in SAS: in the file, not in the dataset
          continue;
        }
        in.cells(start, 2, ncol);
        rows.add(row(in, m, bytes, (int) start, ncol, rows.size() + 1, colNames));
      }
    }
    if (rows.size() + deleted < m.rowCount) {
      throw in.error(bytes.length, "the data end after " + (rows.size() + deleted) + " of " + m.rowCount + " observations",
          "the file is truncated; export it again from " + WHAT);
    }
    String[][] cells = new String[ncol][rows.size()];
    int[] caseNumbers = new int[rows.size()];
    List<SourceColumn> columns = new ArrayList<>();
    for (int c = 0; c < ncol; c++) {
      boolean numeric = m.attributes.get(c)[2] == 1;
      CellKind kind = !numeric ? CellKind.TEXT : XptReader.kindOf(fmt[c]);
      java.util.Set<String> missing = new java.util.LinkedHashSet<>();
      for (int r = 0; r < rows.size(); r++) {
        String v = rows.get(r)[c];
        try {
          cells[c][r] = !numeric || v.isEmpty() ? v : v.charAt(0) == '.' ? v : switch (kind) {
            case DATE -> Cells.date(Cells.DAYS_1960, Double.parseDouble(v));
            case DATETIME -> Cells.dateTime(Double.parseDouble(v) + Cells.DAYS_1960 * 86400.0);
            default -> Cells.number(Double.parseDouble(v));
          };
        } catch (Cells.BadValue e) {
          throw in.badValue(e, "observation", r + 1, colNames[c]);
        }
        if (numeric && v.startsWith(".")) {
          missing.add(v);
        }
      }
      columns.add(new SourceColumn(colNames[c], labels[c], kind, Map.of(), List.copyOf(missing), fmt[c]));
    }
    for (int r = 0; r < rows.size(); r++) {
      caseNumbers[r] = r + 1;
    }
    return new SourceTable(file, SourceFormat.SAS7BDAT, columns, cells, caseNumbers, "observation");
  }

  /**
   * One observation's cells from the row at {@code start} of {@code src}: a number stored in fewer than
   * 8 bytes is a double cut to its leading (most significant) bytes, the rest zero; a NaN is missing, its
   * special kind ({@code .A}-{@code .Z}, {@code ._}) in the third byte from the top, complemented.
   */
  private static String[] row(BinaryInput in, Meta m, byte[] src, int start, int ncol, long observation, String[] names) {
    ByteOrder order = in.order();
    String[] row = new String[ncol];
    for (int c = 0; c < ncol; c++) {
      long[] a = m.attributes.get(c);
      int at = (int) (start + a[0]);
      int width = (int) a[1];
      if (a[2] == 1) {
        byte[] v = new byte[8];
        System.arraycopy(src, at, v, order == ByteOrder.LITTLE_ENDIAN ? 8 - width : 0, width);
        long bits = ByteBuffer.wrap(v).order(order).getLong();
        double x = Double.longBitsToDouble(bits);
        if (Double.isNaN(x)) {
          int tag = ~(int) (bits >>> 40) & 0xff;
          // SAS stores .A-.Z as 2-27 and ._ as 0; ReadStat (R haven) stores the letter itself.
          row[c] = tag == 0 ? "._" : tag >= 2 && tag <= 27 ? "." + (char) ('A' + tag - 2)
              : tag >= 'A' && tag <= 'Z' ? "." + (char) tag : "";
        } else if (Double.isInfinite(x)) {
          throw in.badValue(new Cells.BadValue("the value is infinite; studybook's numbers are finite", x > 0 ? "Inf" : "-Inf"),
              "observation", observation, names[c]);
        } else {
          row[c] = x == 0 ? "0" : String.valueOf(x);
        }
      } else {
        byte[] b = java.util.Arrays.copyOfRange(src, at, at + width);
        int n = 0;
        while (n < b.length && b[n] != 0) {
          n++;
        }
        row[c] = Cells.text(java.util.Arrays.copyOf(b, Cells.wholeCharacters(b, n, m.cs)), m.cs);
      }
    }
    return row;
  }

  /** Kinds of entries in {@link Meta#blocks}. */
  static final long ROWS_ON_PAGE = 0;
  static final long PACKED_ROW = 1;
  static final long DELETED_ROW = 2;

  /**
   * The header and every page's subheaders, checked: each page pointer inside its page, each column
   * inside the row, the row on a page, the rows within the memory budget.
   */
  static Meta scan(Path file, byte[] bytes) {
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
    m.cs = charset(bytes[70]);
    // Stat/Transfer writes release 9.0000M0 and does not pad a mixed page's rows to 8 bytes (as ReadStat knows).
    int release = 216 + a1 + (u64 ? 8 : 0);
    m.statTransfer = release + 8 <= bytes.length
        && new String(bytes, release, 8, StandardCharsets.ISO_8859_1).equals("9.0000M0");
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
    if (m.columnCount < 0) {
      // Some files have no column-size subheader: the column names and attributes say how many there are.
      m.columnCount = Math.min(m.names.size(), m.attributes.size());
    }
    long columnCount = m.columnCount;
    List<long[]> attributes = m.attributes;
    if (columnCount == 0) {
      throw in.error(headerLength, "the dataset has no variables", "export a dataset with at least one variable");
    }
    if (rowLength < 0 || m.names.size() < columnCount || attributes.size() < columnCount) {
      throw in.error(headerLength, "the dataset's column descriptions are incomplete (" + m.names.size() + " names, "
          + attributes.size() + " attributes for " + columnCount + " columns)", "the file is damaged or not a SAS dataset");
    }
    if (rowLength > pageSize && m.compression.isEmpty()) {
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
    if (!m.compression.isEmpty() && !m.compression.equals(RLE) && !m.compression.equals(RDC)) {
      throw in.error(headerLength, "the dataset is compressed with " + m.compression + ", which studybook does not know",
          "export it uncompressed, or as .xpt or .sav");
    }
    return m;
  }

  /** RLE (COMPRESS=CHAR) and RDC (COMPRESS=BINARY), as the dataset's first column text names them. */
  static final String RLE = "SASYZCRL";
  static final String RDC = "SASYZCR2";

  /**
   * The charset of the dataset's text by the code at byte 70 of the header, from parso's table of SAS
   * encodings (com.epam.parso, Apache-2.0); 0 (none said) and unknown codes are read as Windows-1252, as
   * SAS on Windows writes. Shift_JIS is read as its Windows form (windows-31j), which SAS writes.
   */
  private static Charset charset(byte code) {
    String name = com.epam.parso.impl.SasFileConstants.SAS_CHARACTER_ENCODINGS.get(code);
    try {
      if ("Shift_JIS".equals(name)) {
        return Charset.forName("windows-31j");
      }
      return name == null ? Charset.forName("windows-1252") : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.forName("windows-1252");
    }
  }

  /** What the pages say about the dataset, gathered page by page. */
  static final class Meta {
    BinaryInput in;
    Charset cs;
    int pageSize;
    boolean statTransfer;
    /** The compression named in the first column text ("" for none). */
    String compression = "";
    final List<byte[]> texts = new ArrayList<>();
    final List<Ref> names = new ArrayList<>();
    final List<long[]> attributes = new ArrayList<>();
    final List<Ref[]> formats = new ArrayList<>();
    /**
     * Where the observations are, in the file's order: {ROWS_ON_PAGE, page offset, first row offset, rows on
     * the page (-1: the mixed-page count), deleted-row map offset or -1}, {PACKED_ROW, offset, length,
     * compression code} for a row held in a subheader, {DELETED_ROW} for a deleted one.
     */
    final List<long[]> blocks = new ArrayList<>();
    long rowLength = -1;
    long rowCount = -1;
    long mixRows = 0;
    long columnCount = -1;
  }

  private static final java.util.Set<Integer> SIGNATURES = java.util.Set.of(ROW_SIZE, COLUMN_SIZE, 0xFFFFFC00, COLUMN_TEXT,
      COLUMN_NAME, COLUMN_ATTRIBUTES, COLUMN_FORMAT, 0xFFFFFFFE);

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
    if ((type & 0xF000) == 0x9000) {
      return; // a page of compression tables (type 0x9000): no subheaders, no rows
    }
    if (kind == 0x0000 || kind == 0x0200 || kind == 0x0400) {
      for (int s = 0; s < subheaders; s++) {
        int ptr = page + pageBase + 8 + s * pointerSize;
        long offset = u64 ? b.getLong(ptr) : b.getInt(ptr) & 0xffffffffL;
        long length = u64 ? b.getLong(ptr + 8) : b.getInt(ptr + 4) & 0xffffffffL;
        int compression = b.get(ptr + 2 * intSize);
        int subType = b.get(ptr + 2 * intSize + 1);
        // Pointer compression codes: 0 a plain subheader, 1 a truncated one (nothing to read), 4 a compressed
        // row, 5 a compressed row deleted in SAS (in the file, not in the dataset).
        if (compression == 5) {
          m.blocks.add(new long[] {DELETED_ROW});
          continue;
        }
        if (length == 0 || compression == 1) {
          continue;
        }
        if (offset < 0 || length < 0 || offset + length > pageSize) {
          throw in.error(ptr, "a subheader runs past its page", "the file is damaged");
        }
        if (compression == 4) {
          m.blocks.add(new long[] {PACKED_ROW, page + offset, length, 4});
          continue;
        }
        if (compression != 0) {
          throw in.error(ptr, "a subheader has the compression code " + compression + ", which studybook does not know",
              "export the dataset uncompressed, or as .xpt or .sav");
        }
        int at = (int) (page + offset);
        int sig = b.getInt(at);
        if (order == ByteOrder.BIG_ENDIAN && u64 && (sig == 0 || sig == -1)) {
          sig = b.getInt(at + 4); // big-endian 64-bit signatures are 8 bytes, 00000000F7F7F7F7 or FFFFFFFFFFFFFFFD
        }
        if (!SIGNATURES.contains(sig)) {
          if (!m.compression.isEmpty() && subType == 1) {
            m.blocks.add(new long[] {PACKED_ROW, at, length, 0}); // a row a compressed dataset stores as it is
          }
          continue;
        }
        switch (sig) {
          case ROW_SIZE -> {
            m.rowLength = u64 ? b.getLong(at + 5 * intSize) : b.getInt(at + 5 * intSize);
            m.rowCount = u64 ? b.getLong(at + 6 * intSize) : b.getInt(at + 6 * intSize);
            m.mixRows = u64 ? b.getLong(at + 15 * intSize) : b.getInt(at + 15 * intSize);
          }
          case COLUMN_SIZE -> m.columnCount = u64 ? b.getLong(at + intSize) : b.getInt(at + intSize);
          case COLUMN_TEXT -> {
            byte[] text = java.util.Arrays.copyOfRange(bytes, at + intSize, (int) (at + length));
            if (m.texts.isEmpty()) {
              String head = new String(text, 0, Math.min(text.length, 64), StandardCharsets.ISO_8859_1);
              m.compression = head.contains(RLE) ? RLE : head.contains(RDC) ? RDC : "";
            }
            m.texts.add(text);
          }
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
        // Rows start on an 8-byte boundary, except in Stat/Transfer's files, whose padding is not blank.
        if ((first - page) % 8 == 4 && (!m.statTransfer || blank4(bytes, first))) {
          first += 4;
        }
        m.blocks.add(new long[] {ROWS_ON_PAGE, page, first, -1, deletedMap(b, m, type, page, pageBase, subheaders,
            pointerSize, blocks - subheaders, u64)});
      }
    } else if (kind == 0x0100) {
      m.blocks.add(new long[] {ROWS_ON_PAGE, page, page + pageBase + 8, blocks, deletedMap(b, m, type, page, pageBase, 0,
          pointerSize, blocks, u64)});
    }
  }

  private static boolean blank4(byte[] bytes, int at) {
    int zeros = 0;
    int blanks = 0;
    for (int i = at; i < at + 4 && i < bytes.length; i++) {
      zeros += bytes[i] == 0 ? 1 : 0;
      blanks += bytes[i] == ' ' ? 1 : 0;
    }
    return zeros == 4 || blanks == 4;
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
