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
  private ByteBuffer buf;

  BinaryInput(Path file, byte[] bytes, String what) {
    this.file = file;
    this.bytes = bytes;
    this.what = what;
    this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
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
