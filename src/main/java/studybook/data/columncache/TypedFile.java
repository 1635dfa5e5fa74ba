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
 * The format of a typed frame in the column cache: a data file's columns as a loader typed them (numbers as
 * doubles, categories as level codes with their level lists), so a later command on the same bytes under the
 * same typing rules reads them instead of typing the file again. Written by hand like {@link ColumnFile}; all
 * integers and doubles little-endian.
 *
 * <pre>
 * magic        8 bytes  "SBTYPE" 0x00 0x01 (format version 1)
 * key         32 bytes  the typed key (content SHA-256, reader, typing rules: {@link ColumnCache#typedKey})
 * columns, rows         int32, int32
 * lines                 int8 0, then int32 first line (records on consecutive lines), or
 *                       int8 1, then int32 line[rows]
 * per column:
 *   name                int32 byte length, UTF-8 bytes
 *   kind                int8 0: continuous, then rows float64 values (NaN where missing)
 *                       int8 1: categorical, then int32 levels, each int32 byte length and UTF-8 bytes,
 *                       int8 width w (1, 2 or 4), rows unsigned w-byte codes, each the level index + 1
 *                       (0 where missing)
 *                       int8 2: continuous, consecutive whole numbers: float64 first (row r holds first + r)
 *                       int8 3: continuous by dictionary: int32 n, n float64 values, int8 width w (1, 2 or 4),
 *                       rows unsigned w-byte indices into the values
 * mac                  32 bytes HMAC-SHA256 of every byte before it, under the user's cache key
 * </pre>
 * A file with another magic or key, a MAC this user's key does not give, or any inconsistent length is not
 * read. Opening checks the layout and keeps each column's place; a column's values are copied out of the
 * mapping (one bulk copy for doubles) only when a command asks for that column.
 */
public final class TypedFile {
  private TypedFile() {}

  static final byte[] MAGIC = {'S', 'B', 'T', 'Y', 'P', 'E', 0, 1};

  /**
   * One typed column: categorical ({@code levels}, and {@code codes} the level of each row, -1 where missing), or
   * continuous: {@code values} per row (codes null), or a dictionary of {@code values} and the index of each row's
   * value in {@code codes}.
   */
  public record Column(String name, double[] values, List<String> levels, int[] codes) {
    public Column {
      if (levels != null ? values != null || codes == null : values == null) {
        throw new IllegalArgumentException("a column is continuous (values) or categorical (levels and codes)");
      }
      levels = levels == null ? null : List.copyOf(levels);
    }

    int length() {
      return codes != null ? codes.length : values.length;
    }
  }

  /**
   * A column of an opened typed frame, read from the entry when first asked for.
   */
  public static final class Stored {
    private final String name;
    private final List<String> levels;
    private final ByteBuffer data;
    private final int rows;
    private final int width;
    /** Kind 2: the first value; kind 3: the dictionary; else unused. */
    private final double first;
    private final double[] dictionary;

    Stored(String name, List<String> levels, ByteBuffer data, int rows, int width) {
      this(name, levels, data, rows, width, Double.NaN, null);
    }

    Stored(String name, List<String> levels, ByteBuffer data, int rows, int width, double first, double[] dictionary) {
      this.name = name;
      this.levels = levels;
      this.data = data;
      this.rows = rows;
      this.width = width;
      this.first = first;
      this.dictionary = dictionary;
    }

    /** The column's name. */
    public String name() {
      return name;
    }

    /** Whether it is categorical (levels and codes), else continuous (doubles). */
    public boolean categorical() {
      return levels != null;
    }

    /** The level order of a categorical column (null for a continuous one). */
    public List<String> levels() {
      return levels;
    }

    /** The number of rows. */
    public int rows() {
      return rows;
    }

    /** The values of a continuous column, a fresh array (one bulk copy out of the entry). */
    public double[] values() {
      double[] out = new double[rows];
      if (data == null) {
        for (int r = 0; r < rows; r++) {
          out[r] = first + r;
        }
      } else if (dictionary != null) {
        int[] index = indices(dictionary.length, 0);
        for (int r = 0; r < rows; r++) {
          out[r] = dictionary[index[r]];
        }
      } else {
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
      }
      return out;
    }

    /**
     * The level codes of a categorical column (-1 where missing), a fresh array.
     *
     * @throws IllegalStateException when a code is out of range (the entry changed after it was checked)
     */
    public int[] codes() {
      return indices(levels.size(), 1);
    }

    /** The stored unsigned codes less {@code offset}, each checked to lie in [-offset, n). */
    private int[] indices(int n, int offset) {
      int[] out = new int[rows];
      ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      int bad = 0;
      switch (width) {
        case 1 -> {
          byte[] in = new byte[rows];
          b.get(in);
          for (int i = 0; i < rows; i++) {
            int v = (in[i] & 0xff) - offset;
            out[i] = v;
            bad |= n - 1 - v;
          }
        }
        case 2 -> {
          short[] in = new short[rows];
          b.asShortBuffer().get(in);
          for (int i = 0; i < rows; i++) {
            int v = (in[i] & 0xffff) - offset;
            out[i] = v;
            bad |= n - 1 - v;
          }
        }
        default -> {
          b.asIntBuffer().get(out);
          for (int i = 0; i < rows; i++) {
            int v = out[i] - offset;
            out[i] = v;
            bad |= (n - 1 - v) | (v + offset);
          }
        }
      }
      if (bad < 0) {
        throw new IllegalStateException("the typed column cache entry of " + name + " holds a code out of range: it"
            + " changed after it was checked");
      }
      return out;
    }
  }

  /** Writes a typed frame to {@code file} (created or replaced); returns its size. */
  static long write(Path file, byte[] typedKey, List<Column> given, int[] lines, byte[] key) throws IOException {
    int rows = lines.length;
    // a continuous column with many distinct cells is stored by row (then perhaps as a running id)
    List<Column> columns = new ArrayList<>(given.size());
    for (Column c : given) {
      if (c.levels() == null && c.codes() != null && c.values().length > rows / 4 && c.codes().length == rows) {
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++) {
          v[r] = c.values()[c.codes()[r]];
        }
        c = new Column(c.name(), v, null, null);
      }
      columns.add(c);
    }
    boolean consecutive = true;
    for (int r = 1; r < rows && consecutive; r++) {
      consecutive = lines[r] == lines[r - 1] + 1;
    }
    long size = 8 + 32 + 8 + 1 + 4 + (consecutive ? 0 : 4L * rows) + ColumnFile.MAC_BYTES;
    List<byte[]> names = new ArrayList<>();
    List<List<byte[]>> levelBytes = new ArrayList<>();
    for (Column c : columns) {
      if (c.length() != rows) {
        throw new IllegalArgumentException("column " + c.name() + " has " + c.length() + " rows, not " + rows);
      }
      byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
      names.add(name);
      size += 4 + name.length + 1;
      if (c.levels() == null) {
        size += continuousBytes(c, rows);
        levelBytes.add(null);
      } else {
        List<byte[]> lv = new ArrayList<>();
        size += 4 + 1 + (long) width(c.levels().size()) * rows;
        for (String l : c.levels()) {
          byte[] b = l.getBytes(StandardCharsets.UTF_8);
          lv.add(b);
          size += 4 + b.length;
        }
        levelBytes.add(lv);
      }
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("entry would be " + size + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put(typedKey).putInt(columns.size()).putInt(rows);
    if (consecutive) {
      b.put((byte) 0).putInt(rows == 0 ? 2 : lines[0]);
    } else {
      b.put((byte) 1);
      b.asIntBuffer().put(lines);
      b.position(b.position() + 4 * rows);
    }
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      b.putInt(names.get(i).length).put(names.get(i));
      if (c.levels() == null) {
        putContinuous(b, c, rows);
      } else {
        b.put((byte) 1).putInt(c.levels().size());
        for (byte[] l : levelBytes.get(i)) {
          b.putInt(l.length).put(l);
        }
        putCodes(b, c.name(), c.codes(), c.levels().size(), 1);
      }
    }
    javax.crypto.Mac mac = ColumnFile.mac(key);
    mac.update(b.array(), 0, b.position());
    b.put(mac.doFinal());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      b.flip();
      studybook.data.FileBytes.write(ch, b);
    }
    return size;
  }

  /** How a continuous column is stored: 0 rows of doubles, 2 consecutive whole numbers, 3 a dictionary. */
  private static int continuousKind(Column c, int rows) {
    if (c.codes() != null && c.values().length <= rows / 4) {
      return 3;
    }
    double[] v = c.codes() == null ? c.values() : null;
    if (v != null && rows > 0 && v[0] == Math.rint(v[0]) && Math.abs(v[0]) + rows < 0x1p52) {
      boolean consecutive = true;
      for (int r = 0; r < rows && consecutive; r++) {
        consecutive = v[r] == v[0] + r;
      }
      if (consecutive) {
        return 2;
      }
    }
    return 0;
  }

  private static long continuousBytes(Column c, int rows) {
    return switch (continuousKind(c, rows)) {
      case 2 -> 8;
      case 3 -> 4 + 8L * c.values().length + 1 + (long) width(c.values().length - 1) * rows;
      default -> 8L * rows;
    };
  }

  private static void putContinuous(ByteBuffer b, Column c, int rows) {
    int kind = continuousKind(c, rows);
    b.put((byte) kind);
    switch (kind) {
      case 2 -> b.putDouble(c.values()[0]);
      case 3 -> {
        b.putInt(c.values().length);
        b.asDoubleBuffer().put(c.values());
        b.position(b.position() + 8 * c.values().length);
        putCodes(b, c.name(), c.codes(), c.values().length, 0);
      }
      default -> {
        double[] v = c.values();
        if (c.codes() != null) {
          v = new double[rows];
          for (int r = 0; r < rows; r++) {
            v[r] = c.values()[c.codes()[r]];
          }
        }
        b.asDoubleBuffer().put(v);
        b.position(b.position() + 8 * rows);
      }
    }
  }

  /** Writes codes in [-offset, n) as unsigned values code + offset of the width {@code n - 1 + offset} needs. */
  private static void putCodes(ByteBuffer b, String name, int[] codes, int n, int offset) {
    int rows = codes.length;
    int w = width(n - 1 + offset);
    b.put((byte) w);
    for (int r = 0; r < rows; r++) {
      if (codes[r] < -offset || codes[r] >= n) {
        throw new IllegalArgumentException("column " + name + ": code " + codes[r] + " out of range");
      }
    }
    switch (w) {
          case 1 -> {
            byte[] out = new byte[rows];
            for (int r = 0; r < rows; r++) {
              out[r] = (byte) (codes[r] + offset);
            }
            b.put(out);
          }
          case 2 -> {
            short[] out = new short[rows];
            for (int r = 0; r < rows; r++) {
              out[r] = (short) (codes[r] + offset);
            }
            b.asShortBuffer().put(out);
            b.position(b.position() + 2 * rows);
          }
          default -> {
            int[] out = new int[rows];
            for (int r = 0; r < rows; r++) {
              out[r] = codes[r] + offset;
            }
            b.asIntBuffer().put(out);
            b.position(b.position() + 4 * rows);
      }
    }
  }

  /** A typed frame opened from its entry: names, lines and columns whose values are read when asked for. */
  public record Opened(List<Stored> columns, int[] lines) {
    /** The number of rows. */
    public int rows() {
      return lines.length;
    }
  }

  /**
   * Opens an entry written by {@link #write} under {@code typedKey}; a null key skips the MAC (only for an entry
   * whose stat the cache recorded, unchanged, after checking it). Every other check (magic, key, lengths) is
   * made either way.
   */
  static Opened read(Path file, byte[] typedKey, byte[] key) throws IOException, ColumnFile.Corrupt {
    ByteBuffer b;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8 + 32 + 8 + 5 + ColumnFile.MAC_BYTES || size > Integer.MAX_VALUE) {
        throw new ColumnFile.Corrupt("size " + size);
      }
      b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
    }
    try {
      return read(b, typedKey, key);
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
        | NegativeArraySizeException e) {
      throw new ColumnFile.Corrupt(e.toString());
    }
  }

  private static Opened read(ByteBuffer b, byte[] typedKey, byte[] key) throws ColumnFile.Corrupt {
    int end = b.limit() - ColumnFile.MAC_BYTES;
    if (key != null) {
      javax.crypto.Mac mac = ColumnFile.mac(key);
      mac.update(b.duplicate().position(0).limit(end));
      byte[] given = new byte[ColumnFile.MAC_BYTES];
      b.duplicate().position(end).get(given);
      if (!java.security.MessageDigest.isEqual(mac.doFinal(), given)) {
        throw new ColumnFile.Corrupt("not written with this user's cache key: damaged, planted or from elsewhere");
      }
    }
    b.limit(end);
    if (!Arrays.equals(bytes(b, 8), MAGIC) || !Arrays.equals(bytes(b, 32), typedKey)) {
      throw new ColumnFile.Corrupt("key");
    }
    int columns = b.getInt();
    int rows = b.getInt();
    if (columns < 0 || rows < 0) {
      throw new ColumnFile.Corrupt("negative count");
    }
    int[] lines = ColumnFile.lines(b, rows);
    List<Stored> out = new ArrayList<>(columns);
    for (int c = 0; c < columns; c++) {
      String name = new String(bytes(b, b.getInt()), StandardCharsets.UTF_8);
      byte kind = b.get();
      if (kind == 0) {
        out.add(new Stored(name, null, slice(b, 8L * rows), rows, 8));
      } else if (kind == 1) {
        int n = b.getInt();
        if (n < 0 || n > rows) {
          throw new ColumnFile.Corrupt("levels " + n);
        }
        List<String> levels = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
          levels.add(new String(bytes(b, b.getInt()), StandardCharsets.UTF_8));
        }
        int w = b.get();
        if (w != width(n)) {
          throw new ColumnFile.Corrupt("width " + w);
        }
        out.add(new Stored(name, List.copyOf(levels), slice(b, (long) w * rows), rows, w));
      } else if (kind == 2) {
        double first = b.getDouble();
        if (first != Math.rint(first) || Math.abs(first) + rows >= 0x1p52) {
          throw new ColumnFile.Corrupt("first " + first);
        }
        out.add(new Stored(name, null, null, rows, 0, first, null));
      } else if (kind == 3) {
        int n = b.getInt();
        if (n <= 0 || n > rows) {
          throw new ColumnFile.Corrupt("dictionary " + n);
        }
        double[] dictionary = new double[n];
        b.asDoubleBuffer().get(dictionary);
        b.position(b.position() + 8 * n);
        int w = b.get();
        if (w != width(n - 1)) {
          throw new ColumnFile.Corrupt("width " + w);
        }
        out.add(new Stored(name, null, slice(b, (long) w * rows), rows, w, Double.NaN, dictionary));
      } else {
        throw new ColumnFile.Corrupt("kind " + kind);
      }
    }
    if (b.hasRemaining()) {
      throw new ColumnFile.Corrupt("trailing bytes");
    }
    return new Opened(List.copyOf(out), lines);
  }

  /** The next {@code n} bytes as their own buffer; the position moves past them. */
  private static ByteBuffer slice(ByteBuffer b, long n) throws ColumnFile.Corrupt {
    if (n > b.remaining()) {
      throw new ColumnFile.Corrupt("short column");
    }
    ByteBuffer s = b.slice(b.position(), (int) n);
    b.position(b.position() + (int) n);
    return s;
  }

  private static byte[] bytes(ByteBuffer b, int n) {
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  /** The byte width of unsigned codes up to {@code max}. */
  static int width(int max) {
    return max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  }
}
