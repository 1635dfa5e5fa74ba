package studybook.kernel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import studybook.data.CodebookVariable;
import studybook.data.FilterStep;
import studybook.data.Frame;
import studybook.data.SummaryStyle;
import studybook.data.VariableKind;
import studybook.data.VariableType;

/**
 * A {@link Frame} as the cell cache stores it: column-major binary, each categorical column its level
 * codes as 4-byte ints and each continuous column its doubles' 8-byte IEEE bits, after the same
 * metadata the hashing JSON carries (names, levels, codebook entry, filter history, source lines).
 * A 1M-row frame of 22 columns is ~130 MB written and read in well under a second, where its JSON
 * (text numbers, read back through a tree) took tens of seconds and gigabytes.
 *
 * <p>Written by hand: it is a fixed layout of primitive arrays ({@link DataOutputStream} with bulk
 * {@link ByteBuffer} copies), not a general serialiser; the reader checks the magic, the version, every
 * length and every level code, and fails with an {@link IOException} on anything else.
 */
final class FrameCodec {
  private static final String MAGIC = "studybook-frame";
  private static final int VERSION = 1;
  private static final int CHUNK = 1 << 16;

  private FrameCodec() {}

  /** Writes {@code f}; the caller owns (and closes) the stream. */
  static void write(Frame f, OutputStream sink) throws IOException {
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(sink, CHUNK));
    out.writeUTF(MAGIC);
    out.writeInt(VERSION);
    string(out, f.source().toString());
    int rows = f.rowCount();
    out.writeInt(rows);
    out.writeInt(f.columnNames().size());
    byte[] buffer = new byte[CHUNK];
    for (String name : f.columnNames()) {
      string(out, name);
      boolean categorical = f.kind(name) == VariableKind.CATEGORICAL;
      out.writeByte(categorical ? 0 : 1);
      if (categorical) {
        strings(out, f.levels(name));
      }
      CodebookVariable meta = f.variable(name);
      string(out, meta.label());
      string(out, meta.type().token());
      strings(out, meta.levelLabels());
      string(out, meta.unit());
      string(out, meta.summary().token());
      string(out, meta.description());
      if (categorical) {
        ints(out, f.codes(name), buffer);
      } else {
        doubles(out, f.values(name), buffer);
      }
    }
    out.writeInt(f.filters().size());
    for (FilterStep step : f.filters()) {
      string(out, step.condition());
      out.writeInt(step.before());
      out.writeInt(step.kept());
      out.writeInt(step.droppedFalse());
      out.writeInt(step.droppedMissing());
    }
    ints(out, f.lines(), buffer);
    out.flush();
  }

  /**
   * Reads a frame written by {@link #write}; the whole stream must be that frame and nothing more.
   *
   * @param size the stream's length in bytes, so that a corrupt row count cannot ask for more memory than the data fill
   */
  static Frame read(InputStream source, long size) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(source, CHUNK));
    if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
      throw new IOException("not a studybook frame of version " + VERSION);
    }
    Path file = Path.of(string(in));
    int rows = count(in);
    int columns = count(in);
    if ((long) rows * Integer.BYTES * (columns + 1L) > size) {
      throw new IOException(rows + " rows of " + columns + " columns cannot fit in " + size + " bytes");
    }
    byte[] buffer = new byte[CHUNK];
    List<String> names = new ArrayList<>();
    Map<String, List<String>> levels = new LinkedHashMap<>();
    Map<String, int[]> codes = new HashMap<>();
    Map<String, double[]> values = new HashMap<>();
    List<CodebookVariable> variables = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      String name = string(in);
      names.add(name);
      int kind = in.readByte();
      if (kind != 0 && kind != 1) {
        throw new IOException("column " + name + ": unknown kind " + kind);
      }
      List<String> lv = kind == 0 ? strings(in) : List.of();
      String label = string(in);
      VariableType type = VariableType.fromToken(string(in))
          .orElseThrow(() -> new IOException("column " + name + ": unknown type"));
      List<String> labels = strings(in);
      String unit = string(in);
      SummaryStyle summary = SummaryStyle.fromToken(string(in))
          .orElseThrow(() -> new IOException("column " + name + ": unknown summary"));
      String description = string(in);
      if (kind == 0) {
        int[] code = ints(in, rows, buffer);
        for (int x : code) {
          if (x < -1 || x >= lv.size()) {
            throw new IOException("column " + name + ": level code " + x + " out of range");
          }
        }
        levels.put(name, lv);
        codes.put(name, code);
      } else {
        values.put(name, doubles(in, rows, buffer));
      }
      // As the JSON entries were read back (ResultJson.frameFrom): the entry's level list is the column's own.
      variables.add(new CodebookVariable(name, label, type, type.hasLevels() ? lv : List.of(),
          type.hasLevels() ? labels : List.of(), unit, OptionalDouble.empty(), OptionalDouble.empty(), List.of(),
          false, summary, description, 0));
    }
    int steps = count(in);
    List<FilterStep> filters = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      filters.add(new FilterStep(string(in), in.readInt(), in.readInt(), in.readInt(), in.readInt()));
    }
    int[] lines = ints(in, rows, buffer);
    if (in.read() != -1) {
      throw new IOException("bytes after the frame");
    }
    Frame frame;
    try {
      frame = Frame.ofColumns(file, names, levels, codes, values, lines);
      for (CodebookVariable v : variables) {
        frame = frame.withVariable(v);
      }
    } catch (RuntimeException e) {
      throw new IOException("inconsistent frame: " + e.getMessage(), e);
    }
    return frame.withFilters(filters);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative length " + n);
    }
    return n;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = count(in);
    if (n > CHUNK * 16) {
      throw new IOException("a text of " + n + " bytes");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  private static void strings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      string(out, s);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = count(in);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(string(in));
    }
    return out;
  }

  private static void ints(DataOutputStream out, int[] a, byte[] buffer) throws IOException {
    int per = buffer.length / Integer.BYTES;
    for (int off = 0; off < a.length; off += per) {
      int n = Math.min(per, a.length - off);
      ByteBuffer.wrap(buffer).asIntBuffer().put(a, off, n);
      out.write(buffer, 0, n * Integer.BYTES);
    }
  }

  private static int[] ints(DataInputStream in, int length, byte[] buffer) throws IOException {
    int[] a = new int[length];
    int per = buffer.length / Integer.BYTES;
    for (int off = 0; off < length; off += per) {
      int n = Math.min(per, length - off);
      in.readFully(buffer, 0, n * Integer.BYTES);
      ByteBuffer.wrap(buffer).asIntBuffer().get(a, off, n);
    }
    return a;
  }

  private static void doubles(DataOutputStream out, double[] a, byte[] buffer) throws IOException {
    int per = buffer.length / Double.BYTES;
    for (int off = 0; off < a.length; off += per) {
      int n = Math.min(per, a.length - off);
      ByteBuffer.wrap(buffer).asDoubleBuffer().put(a, off, n);
      out.write(buffer, 0, n * Double.BYTES);
    }
  }

  private static double[] doubles(DataInputStream in, int length, byte[] buffer) throws IOException {
    double[] a = new double[length];
    int per = buffer.length / Double.BYTES;
    for (int off = 0; off < length; off += per) {
      int n = Math.min(per, length - off);
      in.readFully(buffer, 0, n * Double.BYTES);
      ByteBuffer.wrap(buffer).asDoubleBuffer().get(a, off, n);
    }
    return a;
  }
}
