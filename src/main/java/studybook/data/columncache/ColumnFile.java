package studybook.data.columncache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cache's file format (written by hand: a dozen lines of layout, where Apache Arrow's IPC format
 * would cost more start-up than it saves here; bench/RESULTS.md has the numbers). All integers are
 * little-endian.
 *
 * <pre>
 * magic        8 bytes  "SBCOLS" 0x00 0x02 (format version 2)
 * content     32 bytes  SHA-256 of the data file's bytes
 * reader      32 bytes  SHA-256 of the reader's classes (a changed reader never reads an old entry)
 * columns, rows         int32, int32
 * lines                 int8 0, then int32 first line (records on consecutive lines), or
 *                       int8 1, then int32 line[rows]
 * per column:
 *   name                int32 byte length, UTF-8 bytes
 *   entries, arena      int32 distinct values, int32 their total byte length
 *   lengths             int8 width w (1, 2 or 4), then entries unsigned w-byte lengths
 *   ascii               int8 1 when every value is ASCII, else int8 0 and (entries + 7) / 8 bytes,
 *                       bit e % 8 of byte e / 8 set when value e is ASCII
 *   arena               the values' bytes, back to back
 *   codes               int8 width w (1, 2 or 4), then rows unsigned w-byte value indices
 * mac                  32 bytes HMAC-SHA256 of every byte before it, under the user's cache key
 * </pre>
 * A file that is short, has another magic or key, a MAC that this user's key does not give, or any
 * inconsistent length is not read (the cache treats it as a miss). Version 1 ended in a CRC-32C,
 * which anyone can recompute: an entry planted with other columns under a file's hash was read as
 * that file (issue 20).
 */
public final class ColumnFile {
  private ColumnFile() {}

  static final byte[] MAGIC = {'S', 'B', 'C', 'O', 'L', 'S', 0, 2};
  static final int MAC_BYTES = 32;

  /** Thrown for a file that is not a complete, intact entry with the expected key. */
  static final class Corrupt extends Exception {
    Corrupt(String why) {
      super(why, null, false, false);
    }
  }

  /** Writes {@code table} to {@code file} (created or replaced). */
  static long write(Path file, byte[] content, byte[] reader, ParsedTable table, byte[] key) throws IOException {
    int rows = table.rows();
    int[] lines = table.lines();
    boolean consecutive = true;
    for (int r = 1; r < rows && consecutive; r++) {
      consecutive = lines[r] == lines[r - 1] + 1;
    }
    long size = 8 + 32 + 32 + 8 + 1 + 4 + (consecutive ? 0 : 4L * rows) + MAC_BYTES;
    List<byte[]> names = new ArrayList<>();
    for (int c = 0; c < table.columns().size(); c++) {
      ParsedColumn col = table.columns().get(c);
      byte[] name = table.names().get(c).getBytes(StandardCharsets.UTF_8);
      names.add(name);
      size += 4 + name.length + 8 + 1 + (long) width(max(col.lengths())) * col.size() + 1
          + (allAscii(col) ? 0 : (col.size() + 7) / 8)
          + col.arena().length + 1 + (long) width(col.size() - 1) * rows;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("entry would be " + size + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put(content).put(reader).putInt(table.columns().size()).putInt(rows);
    if (consecutive) {
      b.put((byte) 0).putInt(rows == 0 ? 2 : lines[0]);
    } else {
      b.put((byte) 1);
      b.asIntBuffer().put(lines);
      b.position(b.position() + 4 * rows);
    }
    for (int c = 0; c < table.columns().size(); c++) {
      ParsedColumn col = table.columns().get(c);
      b.putInt(names.get(c).length).put(names.get(c));
      b.putInt(col.size()).putInt(col.arena().length);
      putUnsigned(b, col.lengths(), col.size(), width(max(col.lengths())));
      if (allAscii(col)) {
        b.put((byte) 1);
      } else {
        byte[] bits = new byte[(col.size() + 7) / 8];
        for (int e = 0; e < col.size(); e++) {
          if (col.ascii()[e]) {
            bits[e >>> 3] |= (byte) (1 << (e & 7));
          }
        }
        b.put((byte) 0).put(bits);
      }
      b.put(col.arena());
      putUnsigned(b, col.codes(), rows, width(col.size() - 1));
    }
    javax.crypto.Mac mac = mac(key);
    mac.update(b.array(), 0, b.position());
    b.put(mac.doFinal());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      b.flip();
      studybook.data.FileBytes.write(ch, b);
    }
    return size;
  }

  /**
   * Reads an entry written by {@link #write} with this key; a null key skips the MAC (only for an entry whose
   * unchanged stat the cache recorded after checking it, {@link ColumnCache#read(byte[], ColumnCache.Remembered)}).
   * Every other check (magic, keys, lengths, code ranges) is made either way.
   */
  static ParsedTable read(Path file, byte[] content, byte[] reader, byte[] key) throws IOException, Corrupt {
    ByteBuffer b;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8 + 64 + 8 + 5 + MAC_BYTES || size > Integer.MAX_VALUE) {
        throw new Corrupt("size " + size);
      }
      b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
    }
    try {
      return read(b, content, reader, key);
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
        | NegativeArraySizeException e) {
      throw new Corrupt(e.toString());
    }
  }

  private static ParsedTable read(ByteBuffer b, byte[] content, byte[] reader, byte[] key) throws Corrupt {
    int end = b.limit() - MAC_BYTES;
    if (key != null) {
      javax.crypto.Mac mac = mac(key);
      mac.update(b.duplicate().position(0).limit(end));
      byte[] given = new byte[MAC_BYTES];
      b.duplicate().position(end).get(given);
      if (!java.security.MessageDigest.isEqual(mac.doFinal(), given)) {
        throw new Corrupt("not written with this user's cache key: damaged, planted or from elsewhere");
      }
    }
    b.limit(end);
    if (!Arrays.equals(bytes(b, 8), MAGIC) || !Arrays.equals(bytes(b, 32), content)
        || !Arrays.equals(bytes(b, 32), reader)) {
      throw new Corrupt("key");
    }
    int columns = b.getInt();
    int rows = b.getInt();
    int[] lines = lines(b, rows);
    List<String> names = new ArrayList<>(columns);
    List<ParsedColumn> parsed = new ArrayList<>(columns);
    for (int c = 0; c < columns; c++) {
      names.add(new String(bytes(b, b.getInt()), StandardCharsets.UTF_8));
      int entries = b.getInt();
      int arenaLength = b.getInt();
      int[] lengths = getUnsigned(b, entries);
      long total = 0;
      for (int len : lengths) {
        total += len;
      }
      if (total != arenaLength) {
        throw new Corrupt("arena length");
      }
      boolean[] ascii = new boolean[entries];
      byte allAscii = b.get();
      if (allAscii == 1) {
        Arrays.fill(ascii, true);
      } else if (allAscii == 0) {
        byte[] bits = bytes(b, (entries + 7) / 8);
        for (int e = 0; e < entries; e++) {
          ascii[e] = (bits[e >>> 3] & (1 << (e & 7))) != 0;
        }
      } else {
        throw new Corrupt("ascii flag " + allAscii);
      }
      byte[] arena = bytes(b, arenaLength);
      int[] codes = getUnsigned(b, rows);
      if (max(codes) >= entries) {
        throw new Corrupt("code out of range");
      }
      parsed.add(new ParsedColumn(arena, lengths, ascii, codes));
    }
    if (b.hasRemaining()) {
      throw new Corrupt("trailing bytes");
    }
    return new ParsedTable(names, parsed, lines);
  }

  static javax.crypto.Mac mac(byte[] key) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  private static byte[] bytes(ByteBuffer b, int n) {
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  private static boolean allAscii(ParsedColumn col) {
    for (boolean a : col.ascii()) {
      if (!a) {
        return false;
      }
    }
    return true;
  }

  private static int max(int[] values) {
    int m = 0;
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static int width(int max) {
    return max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  }

  private static void putUnsigned(ByteBuffer b, int[] values, int n, int width) {
    b.put((byte) width);
    switch (width) {
      case 1 -> {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
          out[i] = (byte) values[i];
        }
        b.put(out);
      }
      case 2 -> {
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
          out[i] = (short) values[i];
        }
        b.asShortBuffer().put(out);
        b.position(b.position() + 2 * n);
      }
      default -> {
        b.asIntBuffer().put(values, 0, n);
        b.position(b.position() + 4 * n);
      }
    }
  }

  private static int[] getUnsigned(ByteBuffer b, int n) throws Corrupt {
    int width = b.get();
    int[] out = new int[n];
    switch (width) {
      case 1 -> {
        byte[] in = bytes(b, n);
        for (int i = 0; i < n; i++) {
          out[i] = in[i] & 0xff;
        }
      }
      case 2 -> {
        short[] in = new short[n];
        b.asShortBuffer().get(in);
        b.position(b.position() + 2 * n);
        for (int i = 0; i < n; i++) {
          out[i] = in[i] & 0xffff;
        }
      }
      case 4 -> {
        b.asIntBuffer().get(out);
        b.position(b.position() + 4 * n);
        for (int v : out) {
          if (v < 0) {
            throw new Corrupt("negative");
          }
        }
      }
      default -> throw new Corrupt("width " + width);
    }
    return out;
  }

  /**
   * The line in the file of each of {@code rows} rows, as an entry stores them: mode 0, consecutive lines from the
   * first (one int); mode 1, one int per row.
   */
  static int[] lines(java.nio.ByteBuffer b, int rows) throws Corrupt {
    if (rows < 0) {
      throw new Corrupt("negative count");
    }
    int[] lines = new int[rows];
    byte mode = b.get();
    if (mode == 0) {
      int first = b.getInt();
      for (int r = 0; r < rows; r++) {
        lines[r] = first + r;
      }
    } else if (mode == 1) {
      b.asIntBuffer().get(lines);
      b.position(b.position() + 4 * rows);
    } else {
      throw new Corrupt("lines mode " + mode);
    }
    return lines;
  }
}
