package studybook.data.readers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Path;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * A cursor over the bytes of a binary data file whose every failure names the file and the byte
 * offset: reading past the end is a truncated file, not an exception from deep inside a reader.
 */
final class BinaryInput {
  final Path file;
  final byte[] bytes;
  final String what;
  /** The memory this read may take; shared by the inputs of one read (a .zsav's inflated data). */
  final ReadBudget budget;
  private ByteBuffer buf;

  BinaryInput(Path file, byte[] bytes, String what) {
    this(file, bytes, what, new ReadBudget());
  }

  BinaryInput(Path file, byte[] bytes, String what, ReadBudget budget) {
    this.file = file;
    this.bytes = bytes;
    this.what = what;
    this.budget = budget;
    this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Checks a declared count before anything is allocated for it: {@code n} items of at least
   * {@code bytesEach} bytes must fit in what remains of the file.
   */
  void count(long n, long bytesEach, String reading) {
    long need = ReadBudget.times(n, bytesEach);
    if (n < 0 || need > buf.remaining()) {
      throw error(buf.position(), "the file declares " + n + " " + reading + ", which would take "
          + (need == Long.MAX_VALUE ? "more bytes than any file has" : need + " bytes") + ", but " + buf.remaining()
          + " bytes remain", "the file is damaged or truncated; export it again from " + what);
    }
  }

  /** Takes {@code rows x columns} text cells from the memory budget, or refuses the file at {@code offset}. */
  void cells(long offset, long rows, long columns) {
    if (!budget.take(ReadBudget.times(ReadBudget.times(rows, columns), ReadBudget.CELL_BYTES))) {
      throw overBudget(offset, rows + " rows of " + columns + " columns");
    }
  }

  /** Takes {@code n} bytes (inflated data, a table) from the memory budget, or refuses the file at {@code offset}. */
  void take(long offset, long n, String what) {
    if (!budget.take(n)) {
      throw overBudget(offset, what + " of " + n + " bytes");
    }
  }

  /** A value no cell can carry, located by its row (case, observation) and column. */
  DataException badValue(Cells.BadValue e, String rowWord, long row, String column) {
    return Cells.located(file, e, rowWord, row, column);
  }

  DataException overBudget(long offset, String what) {
    return error(offset, "the file declares " + what + ", more than the memory budget of one read ("
        + ReadBudget.megabytes(budget.limitBytes()) + ") holds", "the file is damaged, or larger than studybook reads:"
        + " read an extract, or raise the budget (STUDYBOOK_JAVA_OPTS=-Dstudybook.readBudget=BYTES)");
  }

  void order(ByteOrder o) {
    buf.order(o);
  }

  ByteOrder order() {
    return buf.order();
  }

  int pos() {
    return buf.position();
  }

  void seek(long p) {
    if (p < 0 || p > bytes.length) {
      throw error(p, "points past the end of the file (" + bytes.length + " bytes)", "the file is truncated or damaged");
    }
    buf.position((int) p);
  }

  int remaining() {
    return buf.remaining();
  }

  void need(int n, String reading) {
    if (n < 0 || buf.remaining() < n) {
      throw truncated(reading);
    }
  }

  DataException truncated(String reading) {
    return error(buf.position(), "the file ends while reading " + reading + " (" + bytes.length + " bytes in all)",
        "the file is truncated; export it again from " + what);
  }

  DataException error(long offset, String message, String hint) {
    return new DataException(new DataProblem(file, 0, null, null, "at byte offset " + offset + ": " + message, hint));
  }

  int u8(String reading) {
    need(1, reading);
    return buf.get() & 0xff;
  }

  int i16(String reading) {
    need(2, reading);
    return buf.getShort();
  }

  int u16(String reading) {
    need(2, reading);
    return buf.getShort() & 0xffff;
  }

  int i32(String reading) {
    need(4, reading);
    return buf.getInt();
  }

  long i64(String reading) {
    need(8, reading);
    return buf.getLong();
  }

  float f32(String reading) {
    need(4, reading);
    return buf.getFloat();
  }

  double f64(String reading) {
    need(8, reading);
    return buf.getDouble();
  }

  byte[] raw(int n, String reading) {
    need(n, reading);
    byte[] b = new byte[n];
    buf.get(b);
    return b;
  }

  void skip(long n, String reading) {
    if (n > Integer.MAX_VALUE) {
      throw truncated(reading);
    }
    need((int) n, reading);
    buf.position(buf.position() + (int) n);
  }

  /** {@code n} bytes as text, cut at the first NUL, trailing spaces removed. */
  String text(int n, Charset cs, String reading) {
    return Cells.text(raw(n, reading), cs);
  }
}
