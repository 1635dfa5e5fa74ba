package studybook.data.readers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Stata dataset, formats 113 to 115 (Stata 8 to 12) and 117 to 119 (Stata 13 to 18): variable
 * labels, value labels, extended missing values {@code .a}-{@code .z} (written as those tokens), long
 * strings (strL) and dates ({@code %td}, days since 1960-01-01; {@code %tc}, milliseconds).
 *
 * <p>Written by hand from Stata's published description of the format ({@code help dta}, "Description
 * of .dta file format"), because no maintained Java library with a compatible licence reads it; no code
 * was copied.
 */
final class DtaReader {
  private DtaReader() {}

  private static final String WHAT = "Stata (File > Save as)";

  /** Storage types in the numbering of formats 117-119; older formats are mapped onto it. */
  private static final int DOUBLE = 65526;
  private static final int FLOAT = 65527;
  private static final int LONG = 65528;
  private static final int INT = 65529;
  private static final int BYTE = 65530;
  private static final int STRL = 32768;

  private static final class Layout {
    int release;
    int nvar;
    long nobs;
    int nameLength;
    int formatLength;
    int labelLength;
    Charset cs;
  }

  static SourceTable read(Path file, byte[] bytes) {
    BinaryInput in = new BinaryInput(file, bytes, WHAT);
    if (bytes.length > 0 && bytes[0] == '<') {
      return readTagged(in);
    }
    return readOld(in);
  }

  private static SourceTable readOld(BinaryInput in) {
    Layout l = new Layout();
    l.release = in.u8("the file header");
    if (l.release < 113 || l.release > 115) {
      throw in.error(0, l.release >= 102 && l.release < 113 ? "Stata format " + l.release + " is older than studybook reads (113-119)"
          : "is not a Stata dataset (no known format number at its start)",
          "save it from Stata 12 or later (File > Save as), or check that the file is what its name says");
    }
    int byteOrder = in.u8("the file header");
    in.order(byteOrder == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    in.skip(2, "the file header");
    l.nvar = in.u16("the file header");
    l.nobs = in.i32("the file header") & 0xffffffffL;
    in.skip(81 + 18, "the file header");
    l.nameLength = 33;
    l.formatLength = l.release == 113 ? 12 : 49;
    l.labelLength = 81;
    l.cs = Charset.forName("windows-1252");
    in.count(l.nvar, 1 + 2L * l.nameLength + l.formatLength + l.labelLength + 2, "variables");
    int[] types = new int[l.nvar];
    for (int i = 0; i < l.nvar; i++) {
      int t = in.u8("the variable types");
      types[i] = switch (t) {
        case 251 -> BYTE;
        case 252 -> INT;
        case 253 -> LONG;
        case 254 -> FLOAT;
        case 255 -> DOUBLE;
        default -> t;
      };
    }
    String[] names = texts(in, l.nvar, l.nameLength, l.cs, "the variable names");
    in.skip(2L * (l.nvar + 1), "the sort order");
    String[] formats = texts(in, l.nvar, l.formatLength, l.cs, "the display formats");
    String[] labelNames = texts(in, l.nvar, l.nameLength, l.cs, "the value-label names");
    String[] labels = texts(in, l.nvar, l.labelLength, l.cs, "the variable labels");
    while (true) {
      int type = in.u8("the expansion fields");
      int len = in.i32("the expansion fields");
      if (type == 0 && len == 0) {
        break;
      }
      in.skip(len, "the expansion fields");
    }
    String[][] cells = data(in, l, types, formats, names);
    Map<String, Map<String, String>> valueLabels = new HashMap<>();
    while (in.remaining() > 0) {
      int len = in.i32("a value-label table");
      String name = in.text(l.nameLength, l.cs, "a value-label table");
      in.skip(3, "a value-label table");
      valueLabels.put(name, labelTable(in, len, l.cs));
    }
    return table(in.file, l, names, types, formats, labelNames, labels, cells, valueLabels);
  }

  private static SourceTable readTagged(BinaryInput in) {
    Layout l = new Layout();
    expect(in, "<stata_dta><header><release>");
    String release = new String(in.raw(3, "the release"), StandardCharsets.US_ASCII);
    try {
      l.release = Integer.parseInt(release);
    } catch (NumberFormatException e) {
      throw in.error(28, "unknown Stata release '" + release + "'", "the file is damaged");
    }
    if (l.release < 117 || l.release > 119) {
      throw in.error(28, "Stata format " + l.release + " is not one studybook reads (113-115, 117-119)",
          "save it from Stata as a dta of version 118 (saveold ..., version(14))");
    }
    expect(in, "</release><byteorder>");
    String order = new String(in.raw(3, "the byte order"), StandardCharsets.US_ASCII);
    in.order(order.equals("MSF") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    expect(in, "</byteorder><K>");
    l.nvar = l.release == 119 ? in.i32("the number of variables") : in.u16("the number of variables");
    expect(in, "</K><N>");
    l.nobs = l.release == 117 ? in.i32("the number of observations") & 0xffffffffL : in.i64("the number of observations");
    expect(in, "</N><label>");
    int labelLen = l.release == 117 ? in.u8("the dataset label") : in.u16("the dataset label");
    in.skip(labelLen, "the dataset label");
    expect(in, "</label><timestamp>");
    in.skip(in.u8("the time stamp"), "the time stamp");
    expect(in, "</timestamp></header><map>");
    l.nameLength = l.release == 117 ? 33 : 129;
    l.formatLength = l.release == 117 ? 49 : 57;
    l.labelLength = l.release == 117 ? 81 : 321;
    l.cs = l.release == 117 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
    in.count(l.nvar, 2 + 2L * l.nameLength + l.formatLength + l.labelLength + 2, "variables");
    // The sections follow one another; the map's offsets are not trusted (Stata 13 writes 0 for some).
    in.skip(14 * 8, "the map");
    expect(in, "</map><variable_types>");
    int[] types = new int[l.nvar];
    for (int i = 0; i < l.nvar; i++) {
      types[i] = in.u16("the variable types");
    }
    expect(in, "</variable_types><varnames>");
    String[] names = texts(in, l.nvar, l.nameLength, l.cs, "the variable names");
    expect(in, "</varnames><sortlist>");
    in.skip((long) (l.release == 119 ? 4 : 2) * (l.nvar + 1), "the sort order");
    expect(in, "</sortlist><formats>");
    String[] formats = texts(in, l.nvar, l.formatLength, l.cs, "the display formats");
    expect(in, "</formats><value_label_names>");
    String[] labelNames = texts(in, l.nvar, l.nameLength, l.cs, "the value-label names");
    expect(in, "</value_label_names><variable_labels>");
    String[] labels = texts(in, l.nvar, l.labelLength, l.cs, "the variable labels");
    expect(in, "</variable_labels><characteristics>");
    while (startsWith(in, "<ch>")) {
      expect(in, "<ch>");
      in.skip(in.i32("a characteristic") & 0xffffffffL, "a characteristic");
      expect(in, "</ch>");
    }
    expect(in, "</characteristics><data>");
    int dataAt = in.pos();
    skipData(in, l, types);
    expect(in, "</data><strls>");
    Map<String, String> strls = new HashMap<>();
    while (startsWith(in, "GSO")) {
      expect(in, "GSO");
      long v = in.i32("a long string") & 0xffffffffL;
      long o = l.release == 117 ? in.i32("a long string") & 0xffffffffL : in.i64("a long string");
      int typeAt = in.pos();
      int t = in.u8("a long string");
      int len = in.i32("a long string");
      byte[] b = in.raw(len, "a long string");
      if (t == 129 && !isText(java.util.Arrays.copyOf(b, len > 0 && b[len - 1] == 0 ? len - 1 : len), l.cs)) {
        // A binary strL (Stata's fileread() of a file, e.g. an image): bytes, not text; read as text it is
        // garbage. A binary strL that holds text (fileread() of a text file) is read as text.
        String who = v >= 1 && v <= names.length ? "variable " + names[(int) v - 1] : "variable " + v;
        throw in.error(typeAt, who + ", observation " + o + ", holds binary data in a long string (a strL of "
            + len + " bytes, type 129), not text", "drop the variable in Stata (it holds files, not values), then save again");
      }
      int n = len > 0 && b[len - 1] == 0 ? len - 1 : len; // a text strL ends in NUL; a binary one holding text may too
      strls.put(v + ":" + o, new String(b, 0, n, l.cs));
    }
    expect(in, "</strls><value_labels>");
    int labelsAt = in.pos();
    in.seek(dataAt);
    String[][] cells = data(in, l, types, formats, names);
    for (int c = 0; c < l.nvar; c++) {
      if (types[c] == STRL) {
        for (int r = 0; r < cells[c].length; r++) {
          String key = cells[c][r];
          cells[c][r] = key.isEmpty() ? "" : strls.getOrDefault(key, "");
        }
      }
    }
    in.seek(labelsAt);
    Map<String, Map<String, String>> valueLabels = new HashMap<>();
    while (startsWith(in, "<lbl>")) {
      expect(in, "<lbl>");
      int len = in.i32("a value-label table");
      String name = in.text(l.nameLength, l.cs, "a value-label table");
      in.skip(3, "a value-label table");
      valueLabels.put(name, labelTable(in, len, l.cs));
      expect(in, "</lbl>");
    }
    return table(in.file, l, names, types, formats, labelNames, labels, cells, valueLabels);
  }

  /** Whether bytes are text: valid in the file's charset, without NUL or control characters but tab and line ends. */
  static boolean isText(byte[] b, java.nio.charset.Charset cs) {
    for (byte x : b) {
      if ((x & 0xff) < 0x20 && x != '\t' && x != '\n' && x != '\r') {
        return false;
      }
    }
    try {
      cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(BinaryInput in, String tag) {
    return in.remaining() >= tag.length()
        && new String(in.bytes, in.pos(), tag.length(), StandardCharsets.ISO_8859_1).equals(tag);
  }

  /** Moves past the data section (its length follows from the storage types), checking it is all there. */
  private static void skipData(BinaryInput in, Layout l, int[] types) {
    long recordLength = 0;
    for (int t : types) {
      recordLength += width(t);
    }
    long total = recordLength * l.nobs;
    if (total > in.remaining()) {
      long whole = recordLength == 0 ? 0 : in.remaining() / recordLength;
      throw in.error(in.pos() + whole * recordLength, "the data end inside observation " + (whole + 1) + " of " + l.nobs,
          "the file is truncated; export it again from " + WHAT);
    }
    in.skip(total, "the data");
  }

  private static void expect(BinaryInput in, String tag) {
    int at = in.pos();
    byte[] b = in.raw(tag.length(), tag);
    if (!new String(b, StandardCharsets.ISO_8859_1).equals(tag)) {
      throw in.error(at, "expected " + tag + " in the Stata file", at == 0
          ? "check that the file is what its name says" : "the file is damaged");
    }
  }

  private static String[] texts(BinaryInput in, int n, int width, Charset cs, String reading) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.text(width, cs, reading);
    }
    return out;
  }

  /** One value-label table: n, text length, offsets, values, then the texts. */
  private static Map<String, String> labelTable(BinaryInput in, int len, Charset cs) {
    int start = in.pos();
    int n = in.i32("a value-label table");
    int textLength = in.i32("a value-label table");
    in.count(n, 8, "labelled values");
    int[] offsets = new int[n];
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = in.i32("a value-label table");
    }
    for (int i = 0; i < n; i++) {
      values[i] = in.i32("a value-label table");
    }
    byte[] text = in.raw(textLength, "a value-label table");
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      if (offsets[i] < 0 || offsets[i] > text.length) {
        throw in.error(start, "a value label points outside its table", "the file is damaged");
      }
      int end = offsets[i];
      while (end < text.length && text[end] != 0) {
        end++;
      }
      String label = new String(text, offsets[i], Math.max(0, end - offsets[i]), cs);
      out.put(valueText(values[i]), label);
    }
    in.seek(start + len);
    return out;
  }

  /** A labelled integer as its cell text: an extended missing value (beyond 2147483620) as .a-.z. */
  private static String valueText(int v) {
    if (v > 2147483620) {
      int k = v - 2147483621;
      return k == 0 ? "" : "." + (char) ('a' + k - 1);
    }
    return Integer.toString(v);
  }

  private static int width(int type) {
    return switch (type) {
      case DOUBLE -> 8;
      case FLOAT, LONG -> 4;
      case INT -> 2;
      case BYTE -> 1;
      case STRL -> 8;
      default -> type;
    };
  }

  private static String[][] data(BinaryInput in, Layout l, int[] types, String[] formats, String[] names) {
    int recordLength = 0;
    for (int t : types) {
      if (t == 0 || t > 2045 && t != STRL && (t < DOUBLE || t > BYTE)) {
        throw in.error(in.pos(), "unknown storage type " + t, "the file is damaged");
      }
      recordLength += width(t);
    }
    if (l.nobs > Integer.MAX_VALUE) {
      throw in.error(in.pos(), "more observations than studybook holds (" + l.nobs + ")", null);
    }
    int n = (int) l.nobs;
    if (ReadBudget.times(recordLength, n) > in.remaining()) {
      long whole = recordLength == 0 ? 0 : in.remaining() / recordLength;
      throw in.error(in.pos() + whole * recordLength, "the data end inside observation " + (whole + 1) + " of " + n,
          "the file is truncated; export it again from " + WHAT);
    }
    in.cells(in.pos(), n, l.nvar);
    String[][] cells = new String[l.nvar][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < l.nvar; c++) {
        try {
          cells[c][r] = value(in, l, types[c], formats[c]);
        } catch (Cells.BadValue e) {
          throw in.badValue(e, "observation", r + 1, names[c]);
        }
      }
    }
    return cells;
  }

  private static String value(BinaryInput in, Layout l, int type, String format) {
    String where = "the data";
    double v;
    switch (type) {
      case BYTE -> {
        int b = (byte) in.u8(where);
        if (b > 100) {
          return missing(b - 101);
        }
        v = b;
      }
      case INT -> {
        int i = in.i16(where);
        if (i > 32740) {
          return missing(i - 32741);
        }
        v = i;
      }
      case LONG -> {
        int i = in.i32(where);
        if (i > 2147483620) {
          return missing(i - 2147483621);
        }
        v = i;
      }
      case FLOAT -> {
        float f = in.f32(where);
        int bits = Float.floatToRawIntBits(f);
        if (bits >= 0x7f000000 && bits <= 0x7fffffff) {
          return missing((bits - 0x7f000000) >> 11);
        }
        v = Double.parseDouble(Float.toString(f));
      }
      case DOUBLE -> {
        double d = in.f64(where);
        long bits = Double.doubleToRawLongBits(d);
        if (bits >= 0x7fe0000000000000L && bits <= 0x7fffffffffffffffL) {
          return missing((int) ((bits - 0x7fe0000000000000L) >> 40));
        }
        v = d;
      }
      case STRL -> {
        // (v, o): the variable and observation of the GSO that holds the text; 117 stores two 4-byte
        // numbers, 118 packs them into 8 bytes as 2 + 6, 119 as 3 + 5.
        long vv;
        long o;
        if (l.release == 117) {
          vv = in.i32(where) & 0xffffffffL;
          o = in.i32(where) & 0xffffffffL;
        } else {
          // v comes first in the file either way: the low-order bytes of a little-endian file, the high-order of a big-endian one.
          long all = in.i64(where);
          int vBits = l.release == 119 ? 24 : 16;
          if (in.order() == ByteOrder.LITTLE_ENDIAN) {
            vv = all & ((1L << vBits) - 1);
            o = all >>> vBits;
          } else {
            vv = all >>> (64 - vBits);
            o = all & ((1L << (64 - vBits)) - 1);
          }
        }
        return vv == 0 && o == 0 ? "" : vv + ":" + o;
      }
      default -> {
        return in.text(type, l.cs, where);
      }
    }
    String f = format.toLowerCase(java.util.Locale.ROOT);
    if (f.startsWith("%td") || f.startsWith("%d")) {
      return Cells.date(Cells.DAYS_1960, v);
    }
    if (f.startsWith("%tc") || f.startsWith("%tC")) {
      return Cells.dateTime(v / 1000.0 + Cells.DAYS_1960 * 86400.0);
    }
    return Cells.number(v);
  }

  /** System missing (0) is an empty cell; extended missing k is .a, .b, ... */
  private static String missing(int k) {
    return k <= 0 ? "" : "." + (char) ('a' + Math.min(k, 26) - 1);
  }

  private static SourceTable table(Path file, Layout l, String[] names, int[] types, String[] formats,
      String[] labelNames, String[] labels, String[][] cells, Map<String, Map<String, String>> valueLabels) {
    List<SourceColumn> columns = new ArrayList<>();
    for (int c = 0; c < l.nvar; c++) {
      String f = formats[c].toLowerCase(java.util.Locale.ROOT);
      boolean numeric = types[c] >= DOUBLE && types[c] <= BYTE;
      CellKind kind = !numeric ? CellKind.TEXT : f.startsWith("%td") || f.startsWith("%d") ? CellKind.DATE
          : f.startsWith("%tc") ? CellKind.DATETIME : CellKind.NUMBER;
      Set<String> missing = new LinkedHashSet<>();
      if (numeric) {
        for (String cell : cells[c]) {
          if (cell.startsWith(".")) {
            missing.add(cell);
          }
        }
      }
      Map<String, String> vl = new LinkedHashMap<>(valueLabels.getOrDefault(labelNames[c], Map.of()));
      vl.remove("");
      columns.add(new SourceColumn(names[c], labels[c], kind, numeric ? vl : Map.of(), List.copyOf(missing), formats[c]));
    }
    int[] rows = new int[cells.length == 0 ? 0 : cells[0].length];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r + 1;
    }
    return new SourceTable(file, SourceFormat.DTA, columns, cells, rows, "observation");
  }
}
