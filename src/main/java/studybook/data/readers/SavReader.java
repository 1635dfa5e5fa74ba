package studybook.data.readers;

import java.io.ByteArrayOutputStream;
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
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads an SPSS system file ({@code .sav}: uncompressed or bytecode-compressed; {@code .zsav}: zlib),
 * with variable labels, value labels, user-missing values (discrete values and ranges), long variable
 * names, very long strings, the character encoding the file names, and SPSS dates (seconds since
 * 1582-10-14) written as ISO dates.
 *
 * <p>Written by hand from the published description of the format (GNU PSPP manual, appendix "System
 * File Format"), because no maintained Java library with a compatible licence reads it; no code was
 * copied. An encrypted (password-protected) file is refused with its own message.
 */
final class SavReader {
  private SavReader() {}

  private static final String WHAT = "SPSS (File > Save As > SPSS Statistics, without a password)";
  /** Print-format types that hold dates (DATE, ADATE, JDATE, MOYR, QYR, WKYR, EDATE, SDATE) and date-times. */
  private static final Set<Integer> DATE_FORMATS = Set.of(20, 23, 24, 28, 29, 30, 38, 39);
  private static final Set<Integer> DATETIME_FORMATS = Set.of(22, 41);
  private static final long SYSMIS_BITS = Double.doubleToRawLongBits(-Double.MAX_VALUE);

  /** A variable record as stored, decoded once the file's encoding is known. */
  private record VarRecord(int type, int printType, byte[] name, byte[] label, int missingCount, byte[][] missing) {}

  /** A value-label record and the 1-based slot indices of the variables it labels. */
  private record LabelSet(List<byte[]> values, List<byte[]> labels, int[] slots) {}

  /** One variable of the file: the first slot it occupies and how many. */
  private static final class Var {
    String name;
    /** The 8-byte name of the variable record, by which records 7.14 and 7.21/7.22 may name it. */
    String shortName;
    String label = "";
    int width;
    int printType;
    int firstSlot;
    int slots;
    /** For a very long string, the widths of its 255-byte segments' slots, in order. */
    List<int[]> segments = new ArrayList<>();
    int missingCount;
    byte[][] missingRaw = new byte[0][];
    final Map<String, String> valueLabels = new LinkedHashMap<>();
    final Set<String> missingTokens = new LinkedHashSet<>();
    double rangeLow = Double.NaN;
    double rangeHigh = Double.NaN;
  }

  static SourceTable read(Path file, byte[] bytes) {
    BinaryInput in = new BinaryInput(file, bytes, WHAT);
    String start = new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.ISO_8859_1);
    if (start.contains("ENCRYPTEDSAV")) {
      throw in.error(start.indexOf("ENCRYPTEDSAV"), "the SPSS file is encrypted (password-protected)",
          "open it in SPSS with its password and save a copy without encryption");
    }
    String magic = new String(in.raw(4, "the file header"), StandardCharsets.ISO_8859_1);
    if (!magic.equals("$FL2") && !magic.equals("$FL3")) {
      throw in.error(0, "is not an SPSS system file (it does not start with $FL2 or $FL3)",
          "check that the file is what its name says, or declare data.format");
    }
    in.skip(60, "the file header");
    int layout = in.i32("the file header");
    if (layout != 2 && layout != 3) {
      in.order(ByteOrder.BIG_ENDIAN);
      in.seek(in.pos() - 4);
      layout = in.i32("the file header");
      if (layout != 2 && layout != 3) {
        throw in.error(64, "unknown layout code " + layout, "the file is damaged");
      }
    }
    in.i32("the file header");
    int compression = in.i32("the file header");
    in.i32("the file header");
    int ncases = in.i32("the file header");
    double bias = in.f64("the file header");
    in.skip(9 + 8 + 64 + 3, "the file header");

    List<VarRecord> records = new ArrayList<>();
    List<LabelSet> labelSets = new ArrayList<>();
    List<byte[]> pendingValues = null;
    List<byte[]> pendingLabels = null;
    byte[] longNames = null;
    byte[] veryLong = null;
    byte[] longLabels = null;
    byte[] longMissing = null;
    Charset cs = Charset.forName("windows-1252");
    while (true) {
      int at = in.pos();
      int recordType = in.i32("the dictionary");
      if (recordType == 999) {
        in.i32("the end of the dictionary");
        break;
      }
      switch (recordType) {
        case 2 -> {
          int type = in.i32("a variable record");
          int hasLabel = in.i32("a variable record");
          int missingCount = in.i32("a variable record");
          if (missingCount < -3 || missingCount == -1 || missingCount > 3) {
            throw in.error(at + 12, "a variable declares " + missingCount + " missing values (SPSS allows -3 to 3, not -1)",
                "the file is damaged");
          }
          int print = in.i32("a variable record");
          in.i32("a variable record");
          byte[] name = in.raw(8, "a variable name");
          byte[] label = new byte[0];
          if (hasLabel == 1) {
            int len = in.i32("a variable label");
            label = in.raw(len, "a variable label");
            in.skip((4 - len % 4) % 4, "a variable label");
          }
          byte[][] missing = new byte[Math.abs(missingCount)][];
          for (int i = 0; i < missing.length; i++) {
            missing[i] = in.raw(8, "a missing value");
          }
          records.add(new VarRecord(type, (print >> 16) & 0xff, name, label, missingCount, missing));
        }
        case 3 -> {
          int count = in.i32("a value-label record");
          in.count(count, 9, "value labels");
          pendingValues = new ArrayList<>();
          pendingLabels = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            pendingValues.add(in.raw(8, "a labelled value"));
            int len = in.u8("a value label");
            pendingLabels.add(in.raw(len, "a value label"));
            in.skip((8 - (len + 1) % 8) % 8, "a value label");
          }
        }
        case 4 -> {
          int count = in.i32("a value-label variable record");
          in.count(count, 4, "labelled variables");
          int[] slots = new int[count];
          for (int i = 0; i < count; i++) {
            slots[i] = in.i32("a value-label variable record");
          }
          if (pendingValues == null) {
            throw in.error(at, "value-label variables without their labels", "the file is damaged");
          }
          labelSets.add(new LabelSet(pendingValues, pendingLabels, slots));
          pendingValues = null;
        }
        case 6 -> in.skip(80L * in.i32("a document record"), "a document record");
        case 7 -> {
          int subtype = in.i32("an extension record");
          int size = in.i32("an extension record");
          int count = in.i32("an extension record");
          in.count(count, Math.max(0, size), "items of " + size + " bytes in an extension record");
          if (size < 0) {
            throw in.error(at + 8, "an extension record declares items of " + size + " bytes", "the file is damaged");
          }
          byte[] data = in.raw((int) ((long) size * count), "an extension record");
          if (subtype == 3 && data.length >= 32) {
            cs = codePage(ByteBuffer.wrap(data).order(in.order()).getInt(28), cs);
          } else if (subtype == 20) {
            cs = named(new String(data, StandardCharsets.US_ASCII).trim(), cs);
          } else if (subtype == 13) {
            longNames = data;
          } else if (subtype == 14) {
            veryLong = data;
          } else if (subtype == 21) {
            longLabels = data;
          } else if (subtype == 22) {
            longMissing = data;
          }
        }
        default -> throw in.error(at, "unknown dictionary record type " + recordType,
            "the file is damaged, or not an SPSS system file");
      }
    }

    // Variables from the records: a string wider than 8 bytes continues over records of type -1.
    List<Var> vars = new ArrayList<>();
    Map<Integer, Var> bySlot = new HashMap<>();
    int slot = 0;
    for (VarRecord r : records) {
      slot++;
      if (r.type() < 0) {
        if (vars.isEmpty()) {
          throw in.error(176, "a string continuation without its variable", "the file is damaged");
        }
        vars.get(vars.size() - 1).slots++;
        continue;
      }
      Var v = new Var();
      v.name = Cells.text(r.name(), cs);
      v.shortName = v.name;
      v.label = new String(r.label(), cs).strip();
      v.width = r.type();
      v.printType = r.printType();
      v.firstSlot = slot - 1;
      v.slots = 1;
      v.missingCount = r.missingCount();
      v.missingRaw = r.missing();
      vars.add(v);
      bySlot.put(slot, v);
    }
    int caseSlots = slot;
    ByteOrder order = in.order();
    if (longNames != null) {
      Map<String, String> names = pairs(new String(longNames, cs), "\t");
      for (Var v : vars) {
        v.name = names.getOrDefault(v.name, v.name);
      }
    }
    if (veryLong != null) {
      mergeVeryLongStrings(in, vars, pairs(new String(veryLong, cs), "\u0000\t"));
    }
    Map<String, Var> byName = new HashMap<>();
    for (Var v : vars) {
      byName.putIfAbsent(v.shortName, v);
    }
    for (Var v : vars) {
      byName.put(v.name, v);
    }
    if (longLabels != null) {
      longStringLabels(in, longLabels, order, cs, byName);
    }
    if (longMissing != null) {
      longStringMissing(in, longMissing, order, cs, byName);
    }
    for (Var v : vars) {
      try {
        missingValues(v, order, cs);
      } catch (Cells.BadValue e) {
        throw new studybook.data.DataException(new studybook.data.DataProblem(file, 0, v.name, e.value,
            "a user-missing value of the variable is infinite", "the file is damaged; " + Cells.BAD_VALUE_HINT));
      }
    }
    for (LabelSet set : labelSets) {
      in.take(in.pos(), ReadBudget.times(set.values().size(), set.slots().length) * 2 * ReadBudget.CELL_BYTES,
          "value labels");
      for (int s : set.slots()) {
        Var v = bySlot.get(s);
        if (v == null) {
          continue;
        }
        for (int i = 0; i < set.values().size(); i++) {
          double d = ByteBuffer.wrap(set.values().get(i)).order(order).getDouble();
          if (v.width == 0 && Double.isInfinite(d)) {
            throw new studybook.data.DataException(new studybook.data.DataProblem(file, 0, v.name, Double.toString(d),
                "a value label labels an infinite value", "the file is damaged; " + Cells.BAD_VALUE_HINT));
          }
          String value = v.width == 0 ? Cells.number(d) : Cells.text(set.values().get(i), cs);
          v.valueLabels.put(value, new String(set.labels().get(i), cs).strip());
        }
      }
    }

    SlotStream stream = switch (compression) {
      case 0 -> new SlotStream(in, false, bias);
      case 1 -> new SlotStream(in, true, bias);
      case 2 -> new SlotStream(new BinaryInput(file, inflate(in), WHAT, in.budget), true, bias);
      default -> throw in.error(72, "unknown compression code " + compression, "the file is damaged");
    };
    if (ncases > 0 && !in.budget.fits(ReadBudget.times(ReadBudget.times(ncases, vars.size()), ReadBudget.CELL_BYTES))) {
      throw in.overBudget(80, ncases + " cases of " + vars.size() + " variables");
    }
    List<String[]> rows = new ArrayList<>();
    byte[][] caseSlotsRaw = new byte[caseSlots][];
    while (ncases < 0 || rows.size() < ncases) {
      int caseNo = rows.size() + 1;
      int offset = stream.in.pos();
      boolean any = false;
      for (int s = 0; s < caseSlots; s++) {
        byte[] b = stream.next();
        if (b == null) {
          if (s == 0 && (ncases < 0 || !any && rows.size() == ncases)) {
            break;
          }
          throw stream.in.error(stream.in.pos(), "the data end inside case " + caseNo
              + (ncases >= 0 ? " of " + ncases : ""), "the file is truncated; export it again from " + WHAT);
        }
        any = true;
        caseSlotsRaw[s] = b;
      }
      if (!any) {
        if (ncases >= 0 && rows.size() < ncases) {
          throw stream.in.error(offset, "the data end after " + rows.size() + " of " + ncases + " cases",
              "the file is truncated; export it again from " + WHAT);
        }
        break;
      }
      stream.in.cells(offset, 2, vars.size()); // the row, and the column arrays made of the rows
      String[] row = new String[vars.size()];
      for (int i = 0; i < vars.size(); i++) {
        try {
          row[i] = cell(vars.get(i), caseSlotsRaw, order, cs);
        } catch (Cells.BadValue e) {
          throw in.badValue(e, "case", caseNo, vars.get(i).name);
        }
      }
      rows.add(row);
    }

    List<SourceColumn> columns = new ArrayList<>();
    String[][] cells = new String[vars.size()][rows.size()];
    int[] caseNumbers = new int[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      caseNumbers[r] = r + 1;
      for (int c = 0; c < vars.size(); c++) {
        cells[c][r] = rows.get(r)[c];
      }
    }
    for (Var v : vars) {
      CellKind kind = v.width > 0 ? CellKind.TEXT : DATE_FORMATS.contains(v.printType) ? CellKind.DATE
          : DATETIME_FORMATS.contains(v.printType) ? CellKind.DATETIME : CellKind.NUMBER;
      columns.add(new SourceColumn(v.name, v.label, kind, v.valueLabels, List.copyOf(v.missingTokens),
          "format " + v.printType));
    }
    return new SourceTable(file, SourceFormat.SAV, columns, cells, caseNumbers, "case");
  }

  private static String cell(Var v, byte[][] raw, ByteOrder order, Charset cs) {
    if (v.width == 0) {
      byte[] b = raw[v.firstSlot];
      long bits = ByteBuffer.wrap(b).order(order).getLong();
      if (bits == SYSMIS_BITS) {
        return "";
      }
      double d = Double.longBitsToDouble(bits);
      if (DATE_FORMATS.contains(v.printType)) {
        if (!Double.isFinite(d) || Math.abs(d) > 1e15) {
        throw new Cells.BadValue("the date lies outside the years 1 to 9999", d + " seconds after 1582-10-14");
      }
      return Cells.date(Math.floorDiv((long) Math.floor(d) - Cells.SECONDS_1582, 86400L));
      }
      if (DATETIME_FORMATS.contains(v.printType)) {
        return Cells.dateTime(d - Cells.SECONDS_1582);
      }
      String text = Cells.number(d);
      if (isUserMissing(v, d)) {
        v.missingTokens.add(text);
      }
      return text;
    }
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    if (v.segments.isEmpty()) {
      for (int i = 0; i < v.slots; i++) {
        s.writeBytes(raw[v.firstSlot + i]);
      }
    } else {
      // A very long string: every segment but the last holds 255 bytes of the value, the last what remains;
      // the number of segments is width / 252 rounded up (PSPP manual, "Very Long String Record").
      for (int k = 0; k < v.segments.size(); k++) {
        int[] seg = v.segments.get(k);
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        for (int i = 0; i < seg[1]; i++) {
          part.writeBytes(raw[seg[0] + i]);
        }
        int used = k < v.segments.size() - 1 ? 255 : v.width - 255 * k;
        s.write(part.toByteArray(), 0, Math.max(0, Math.min(used, part.size())));
      }
    }
    byte[] all = s.toByteArray();
    int n = Math.min(all.length, v.width);
    while (n > 0 && (all[n - 1] == ' ' || all[n - 1] == 0)) {
      n--;
    }
    return rtrim(new String(all, 0, Cells.wholeCharacters(all, n, cs), cs));
  }

  private static String rtrim(String s) {
    int n = s.length();
    while (n > 0 && (s.charAt(n - 1) == ' ' || s.charAt(n - 1) == '\0')) {
      n--;
    }
    return s.substring(0, n);
  }

  private static boolean isUserMissing(Var v, double d) {
    if (!Double.isNaN(v.rangeLow) && d >= v.rangeLow && d <= v.rangeHigh) {
      return true;
    }
    return false;
  }

  /** Discrete user-missing numbers become missing tokens; a range is kept and matched value by value. */
  private static void missingValues(Var v, ByteOrder order, Charset cs) {
    int from = 0;
    if (v.missingCount < 0) {
      v.rangeLow = ByteBuffer.wrap(v.missingRaw[0]).order(order).getDouble();
      v.rangeHigh = ByteBuffer.wrap(v.missingRaw[1]).order(order).getDouble();
      from = 2;
    }
    for (int i = from; i < v.missingRaw.length; i++) {
      v.missingTokens.add(v.width == 0 ? Cells.number(ByteBuffer.wrap(v.missingRaw[i]).order(order).getDouble())
          : Cells.text(v.missingRaw[i], cs));
    }
  }

  /**
   * Joins the segments of each very long string (record 7.14: {@code SHORTNAME=length}, by the name of
   * the variable record, not the long name of record 7.13) into one variable of that width.
   */
  private static void mergeVeryLongStrings(BinaryInput in, List<Var> vars, Map<String, String> lengths) {
    for (int i = 0; i < vars.size(); i++) {
      Var v = vars.get(i);
      String len = lengths.get(v.shortName);
      if (len == null || len.isBlank()) {
        continue;
      }
      int width;
      try {
        width = Integer.parseInt(len.trim());
      } catch (NumberFormatException e) {
        throw in.error(0, "the very long string record gives " + v.name + " the width '" + len.trim() + "'", "the file is damaged");
      }
      if (width < 256 || width > 32767 || v.width == 0) {
        throw in.error(0, "the very long string record gives " + v.name + " the width " + width, "the file is damaged");
      }
      int segments = (width + 251) / 252;
      if (i + segments > vars.size()) {
        throw in.error(0, "the very long string " + v.name + " of width " + width + " lacks its " + segments + " segments",
            "the file is damaged");
      }
      v.segments.add(new int[] {v.firstSlot, v.slots});
      for (int k = 1; k < segments && i + 1 < vars.size(); k++) {
        Var seg = vars.remove(i + 1);
        v.segments.add(new int[] {seg.firstSlot, seg.slots});
      }
      v.width = width;
    }
  }

  /**
   * Record 7.21: value labels of strings wider than 8 bytes, variable by variable (name length, name,
   * width, count, then length-prefixed values and labels; PSPP manual, "Long String Value Labels Record").
   */
  private static void longStringLabels(BinaryInput outer, byte[] data, ByteOrder order, Charset cs, Map<String, Var> byName) {
    BinaryInput in = new BinaryInput(outer.file, data, WHAT, outer.budget);
    in.order(order);
    while (in.remaining() > 0) {
      int nameLength = in.i32("a long string value-label record");
      String name = new String(in.raw(nameLength, "a long string value-label record"), cs);
      in.i32("a long string value-label record");
      int count = in.i32("a long string value-label record");
      in.count(count, 8, "long string value labels");
      Var v = byName.get(name);
      for (int i = 0; i < count; i++) {
        String value = rtrim(new String(in.raw(in.i32("a long string value"), "a long string value"), cs));
        String label = new String(in.raw(in.i32("a long string value label"), "a long string value label"), cs).strip();
        if (v != null) {
          v.valueLabels.put(value, label);
        }
      }
    }
  }

  /**
   * Record 7.22: user-missing values of strings wider than 8 bytes (name length, name, count as one
   * byte, value length, values; PSPP manual, "Long String Missing Values Record").
   */
  private static void longStringMissing(BinaryInput outer, byte[] data, ByteOrder order, Charset cs, Map<String, Var> byName) {
    BinaryInput in = new BinaryInput(outer.file, data, WHAT, outer.budget);
    in.order(order);
    while (in.remaining() > 0) {
      int nameLength = in.i32("a long string missing-value record");
      String name = new String(in.raw(nameLength, "a long string missing-value record"), cs);
      int count = in.u8("a long string missing-value record");
      int valueLength = in.i32("a long string missing-value record");
      in.count(count, Math.max(1, valueLength), "long string missing values");
      Var v = byName.get(name);
      for (int i = 0; i < count; i++) {
        String value = rtrim(new String(in.raw(valueLength, "a long string missing value"), cs));
        if (v != null) {
          v.missingTokens.add(value);
        }
      }
    }
  }

  private static Map<String, String> pairs(String text, String separators) {
    Map<String, String> out = new HashMap<>();
    for (String item : text.split("[" + separators + "]")) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        out.put(item.substring(0, eq), item.substring(eq + 1));
      }
    }
    return out;
  }

  private static Charset codePage(int code, Charset fallback) {
    return switch (code) {
      case 65001 -> StandardCharsets.UTF_8;
      case 28591 -> StandardCharsets.ISO_8859_1;
      case 2, 20127 -> StandardCharsets.US_ASCII;
      default -> named("windows-" + code, fallback);
    };
  }

  private static Charset named(String name, Charset fallback) {
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /** The bytecode stream of a .zsav file: its zlib blocks, inflated one after the other (PSPP manual, "ZLIB data"). */
  private static byte[] inflate(BinaryInput in) {
    long headerAt = in.pos();
    long zheader = in.i64("the zlib header");
    long ztrailer = in.i64("the zlib header");
    in.i64("the zlib header");
    if (zheader != headerAt || ztrailer < headerAt || ztrailer > in.bytes.length) {
      throw in.error(headerAt, "the zlib header does not point into the file", "the file is truncated or damaged");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = in.pos();
    byte[] buffer = new byte[1 << 16];
    while (pos < ztrailer) {
      Inflater inflater = new Inflater();
      inflater.setInput(in.bytes, pos, (int) ztrailer - pos);
      try {
        while (!inflater.finished()) {
          int n = inflater.inflate(buffer);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw in.error(pos, "a zlib block ends early", "the file is truncated; export it again from " + WHAT);
          }
          // The buffer grows by doubling and is copied once at the end: three bytes held per byte inflated.
          if (!in.budget.take(3L * n)) {
            throw in.overBudget(pos, "compressed (zlib) data that inflate to more than "
                + ReadBudget.megabytes(in.budget.limitBytes() / 3));
          }
          out.write(buffer, 0, n);
        }
      } catch (DataFormatException e) {
        throw in.error(pos, "a zlib block cannot be inflated (" + e.getMessage() + ")", "the file is damaged");
      }
      pos = (int) ztrailer - inflater.getRemaining();
      inflater.end();
    }
    return out.toByteArray();
  }

  /** The 8-byte slots of the cases, uncompressed or from bytecode (PSPP manual, "Data Record"). */
  private static final class SlotStream {
    static final byte[] SPACES = "        ".getBytes(StandardCharsets.US_ASCII);
    final BinaryInput in;
    final boolean bytecode;
    final double bias;
    final byte[] codes = new byte[8];
    int next = 8;
    boolean ended;

    SlotStream(BinaryInput in, boolean bytecode, double bias) {
      this.in = in;
      this.bytecode = bytecode;
      this.bias = bias;
    }

    /** The next slot, or null at the end of the data. */
    byte[] next() {
      if (!bytecode) {
        if (in.remaining() == 0) {
          return null;
        }
        return in.raw(8, "a case");
      }
      while (!ended) {
        if (next == 8) {
          if (in.remaining() == 0) {
            return null;
          }
          byte[] c = in.raw(8, "a compression block");
          System.arraycopy(c, 0, codes, 0, 8);
          next = 0;
        }
        int code = codes[next++] & 0xff;
        switch (code) {
          case 0:
            continue;
          case 252:
            ended = true;
            return null;
          case 253:
            return in.raw(8, "an uncompressed value");
          case 254:
            return SPACES;
          case 255:
            return ByteBuffer.allocate(8).order(in.order()).putLong(SYSMIS_BITS).array();
          default:
            return ByteBuffer.allocate(8).order(in.order()).putDouble(code - bias).array();
        }
      }
      return null;
    }
  }
}
