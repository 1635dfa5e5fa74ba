package studybook.data.readers;

import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the first dataset of a SAS transport file, version 5 (XPORT, the FDA's submission format):
 * variable labels, numbers in IBM System/370 floating point (possibly shortened to 3-7 bytes), the
 * special missing values {@code .A}-{@code .Z} and {@code ._} (written as those tokens), and SAS dates
 * (days since 1960-01-01, by the variable's format: DATE, YYMMDD, MMDDYY, DDMMYY, E8601DA, ...).
 *
 * <p>Written by hand from SAS's published description (SAS Technical Support document TS-140, "The
 * record layout of a data set in SAS transport (XPORT) format"), because no maintained Java library with
 * a compatible licence reads it; no code was copied. Value labels live in a SAS format catalog, not in
 * the file, so an XPORT file carries none. Text is UTF-8 where its bytes are, else Windows-1252 ({@link #text}).
 */
final class XptReader {
  private XptReader() {}

  private static final String WHAT = "SAS (PROC COPY or the XPORT engine, version 5)";
  private static final String LIBRARY = "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!";
  /**
   * SAS formats of dates (days since 1960-01-01), without their width: each shows a date or a part of
   * it (YEAR4. shows 2017 of a date); with the separator letters B, C, D, N, P, S (blank, colon, dash,
   * none, period, slash), as in MMDDYYS10. or YYMMDDD10.
   */
  private static final Set<String> DATE_FORMATS = Set.of("DATE", "E8601DA", "B8601DA", "WEEKDATE", "WEEKDATX",
      "WORDDATE", "WORDDATX", "WEEKDAY", "DOWNAME", "DAY", "MONTH", "MONNAME", "YEAR", "QTR", "QTRR", "MONYY", "YYMON",
      "JULDAY", "JULIAN", "MINGUO", "NENGO", "HDATE", "HEBDATE", "EURDFDD", "EURDFDE", "EURDFMY", "EURDFWKX", "PDJULG",
      "PDJULI");
  private static final java.util.regex.Pattern DATE_WITH_SEPARATOR =
      java.util.regex.Pattern.compile("(DDMMYY|MMDDYY|YYMMDD|YYMM|MMYY|YYQ|YYQR|YYQZ)[BCDNPS]?|NLDATE\\w*");
  /** SAS formats of date-times (seconds since 1960-01-01T00:00:00): DATEAMPM is one, not a date. */
  private static final Set<String> DATETIME_FORMATS = Set.of("DATETIME", "DATEAMPM", "MDYAMPM", "E8601DT", "B8601DT",
      "E8601DX", "B8601DX", "E8601DZ", "B8601DZ", "E8601LX", "B8601LX", "E8601DN", "B8601DN", "DTDATE", "DTMONYY",
      "DTWKDATX", "DTYEAR", "DTYYQC", "NLDATM", "NLDATMAP", "NLDATMW");

  /** Whether a SAS format (e.g. MMDDYYS10.) shows a date. */
  static boolean isDate(String format) {
    String f = formatName(format.toUpperCase(Locale.ROOT));
    return DATE_FORMATS.contains(f) || DATE_WITH_SEPARATOR.matcher(f).matches();
  }

  /** Whether a SAS format (e.g. DATEAMPM22.) shows a date-time. */
  static boolean isDateTime(String format) {
    String f = formatName(format.toUpperCase(Locale.ROOT));
    return DATETIME_FORMATS.contains(f) || f.startsWith("NLDATM");
  }

  /** What a SAS numeric column of this format holds. */
  static CellKind kindOf(String format) {
    return isDate(format) ? CellKind.DATE : isDateTime(format) ? CellKind.DATETIME : CellKind.NUMBER;
  }

  static SourceTable read(Path file, byte[] bytes) {
    BinaryInput in = new BinaryInput(file, bytes, WHAT);
    in.order(ByteOrder.BIG_ENDIAN);
    Charset cs = StandardCharsets.ISO_8859_1;
    String first = in.text(80, cs, "the library header");
    if (!first.startsWith(LIBRARY)) {
      String v8 = "HEADER RECORD*******LIBV8   HEADER RECORD!!!!!!!";
      throw in.error(0, first.startsWith(v8) ? "is a SAS transport file of version 8, not version 5"
          : "is not a SAS transport (XPORT) file", first.startsWith(v8)
          ? "write it with the XPORT engine (version 5), e.g. libname out xport 'file.xpt'"
          : "check that the file is what its name says, or declare data.format");
    }
    in.skip(160, "the library header");
    String member = in.text(80, cs, "the member header");
    if (!member.startsWith("HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!")) {
      throw in.error(240, "expected the member header", "the file is damaged");
    }
    int namestrLength = field(in, member, 74, 78, 240, "the length of a variable descriptor");
    if (namestrLength != 136 && namestrLength != 140) {
      throw in.error(240 + 74, "variable descriptors of " + namestrLength + " bytes (XPORT has 136 or 140)", "the file is damaged");
    }
    in.skip(80, "the descriptor header");
    in.skip(80, "the member header data");
    in.skip(80, "the member header data");
    String namestrHeader = in.text(80, cs, "the variable descriptor header");
    if (!namestrHeader.startsWith("HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!")) {
      throw in.error(in.pos() - 80, "expected the NAMESTR header", "the file is damaged");
    }
    int nvar = field(in, namestrHeader, 54, 58, in.pos() - 80, "the number of variables");
    in.count(nvar, namestrLength, "variable descriptors");
    String[] names = new String[nvar];
    String[] labels = new String[nvar];
    String[] formats = new String[nvar];
    boolean[] numeric = new boolean[nvar];
    int[] lengths = new int[nvar];
    int[] positions = new int[nvar];
    int start = in.pos();
    for (int i = 0; i < nvar; i++) {
      int at = in.pos();
      numeric[i] = in.i16("a variable descriptor") == 1;
      in.i16("a variable descriptor");
      lengths[i] = in.i16("a variable descriptor");
      in.i16("a variable descriptor");
      names[i] = in.text(8, cs, "a variable descriptor");
      labels[i] = text(in.raw(40, "a variable descriptor"));
      formats[i] = in.text(8, cs, "a variable descriptor").toUpperCase(Locale.ROOT);
      in.skip(2 + 2 + 2 + 2 + 8 + 2 + 2, "a variable descriptor");
      positions[i] = in.i32("a variable descriptor");
      if (lengths[i] < 1 || positions[i] < 0 || numeric[i] && lengths[i] > 8) {
        throw in.error(at, "variable " + names[i] + " declares " + lengths[i] + " bytes at position " + positions[i]
            + " of the observation", "the file is damaged");
      }
      in.seek(at + namestrLength);
    }
    int used = in.pos() - start;
    in.skip((80 - used % 80) % 80, "the variable descriptors");
    String obs = in.text(80, cs, "the observation header");
    if (!obs.startsWith("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!")) {
      throw in.error(in.pos() - 80, "expected the observation header", "the file is damaged");
    }
    int recordLength = 0;
    for (int i = 0; i < nvar; i++) {
      recordLength = Math.max(recordLength, positions[i] + lengths[i]);
    }
    if (bytes.length % 80 != 0) {
      throw in.error(bytes.length, "the file ends inside an 80-byte record (an XPORT file is a whole number of them)",
          "the file is truncated; export it again from " + WHAT);
    }
    refuseMoreMembers(in, bytes, in.pos(), cs);
    List<String[]> rows = new ArrayList<>();
    while (recordLength > 0 && in.remaining() >= recordLength) {
      int at = in.pos();
      // The last 80-byte record is padded with blanks; blanks to the end are padding, not an observation.
      if (allBlank(bytes, at, bytes.length - at)) {
        break;
      }
      in.cells(at, 2, nvar);
      String[] row = new String[nvar];
      for (int i = 0; i < nvar; i++) {
        in.seek(at + positions[i]);
        byte[] b = in.raw(lengths[i], "an observation");
        try {
          row[i] = numeric[i] ? number(b, formats[i]) : text(b);
        } catch (Cells.BadValue e) {
          throw in.badValue(e, "observation", rows.size() + 1, names[i]);
        }
      }
      rows.add(row);
      in.seek(at + recordLength);
    }
    String[][] cells = new String[nvar][rows.size()];
    int[] caseNumbers = new int[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      caseNumbers[r] = r + 1;
      for (int c = 0; c < nvar; c++) {
        cells[c][r] = rows.get(r)[c];
      }
    }
    List<SourceColumn> columns = new ArrayList<>();
    for (int c = 0; c < nvar; c++) {
      CellKind kind = !numeric[c] ? CellKind.TEXT : kindOf(formats[c]);
      Set<String> missing = new LinkedHashSet<>();
      for (String cell : cells[c]) {
        if (numeric[c] && cell.startsWith(".")) {
          missing.add(cell);
        }
      }
      columns.add(new SourceColumn(names[c], labels[c], kind, Map.of(), List.copyOf(missing), formats[c]));
    }
    return new SourceTable(file, SourceFormat.XPT, columns, cells, caseNumbers, "observation");
  }

  private static final String MEMBER = "HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!";

  /**
   * A transport file of several datasets (members) is refused, naming them: reading the first alone
   * would drop the others without a word, and their headers are no observations.
   */
  private static void refuseMoreMembers(BinaryInput in, byte[] bytes, int dataStart, Charset cs) {
    List<String> names = new ArrayList<>();
    names.add(memberName(bytes, 240, cs));
    int second = -1;
    for (int p = dataStart; p + 80 <= bytes.length; p += 80) {
      if (new String(bytes, p, MEMBER.length(), cs).equals(MEMBER)) {
        second = second < 0 ? p : second;
        names.add(memberName(bytes, p, cs));
      }
    }
    if (second >= 0) {
      throw in.error(second, "the transport file holds " + names.size() + " datasets (" + String.join(", ", names)
          + "); studybook reads a file of one", "export each dataset to its own .xpt file (PROC COPY with a SELECT statement)");
    }
  }

  /** The dataset name in the descriptor record two records after a member header at {@code at}. */
  private static String memberName(byte[] bytes, int at, Charset cs) {
    int p = at + 160 + 8;
    return p + 8 <= bytes.length ? new String(bytes, p, 8, cs).strip() : "?";
  }

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /**
   * Text of the file: XPORT does not say its encoding. Bytes that are valid UTF-8 (as R haven and
   * ReadStat write, and read back) are UTF-8; any other bytes are Windows-1252, the encoding of SAS on
   * Windows (WLATIN1), a superset of ISO-8859-1 whose 0x80-0x9F are the dash, the euro sign and quotes.
   */
  static String text(byte[] b) {
    java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    // A UTF-8 text cut to the variable's width may end inside a character: its first bytes are dropped.
    int whole = Cells.wholeCharacters(b, n, StandardCharsets.UTF_8);
    try {
      utf8.decode(java.nio.ByteBuffer.wrap(b, 0, whole));
      return Cells.text(java.util.Arrays.copyOf(b, whole), StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      return Cells.text(b, WINDOWS_1252);
    }
  }

  /** A number written as text in a header record, e.g. the count of variables. */
  private static int field(BinaryInput in, String record, int from, int to, long recordAt, String what) {
    String padded = String.format(Locale.ROOT, "%-80s", record);
    try {
      return Integer.parseInt(padded.substring(from, to).trim());
    } catch (NumberFormatException e) {
      throw in.error(recordAt + from, what + " is not a number ('" + padded.substring(from, to) + "')", "the file is damaged");
    }
  }

  private static boolean allBlank(byte[] b, int from, int n) {
    for (int i = from; i < from + n && i < b.length; i++) {
      if (b[i] != ' ') {
        return false;
      }
    }
    return true;
  }

  /** A format's name without its width, e.g. DATE9 -> DATE. */
  static String formatName(String format) {
    int end = format.length();
    while (end > 0 && (Character.isDigit(format.charAt(end - 1)) || format.charAt(end - 1) == '.')) {
      end--;
    }
    return format.substring(0, end);
  }

  /** An IBM System/370 double (sign, base-16 exponent biased by 64, 56-bit fraction), possibly shortened. */
  private static String number(byte[] b, String format) {
    boolean restZero = true;
    for (int i = 1; i < b.length; i++) {
      restZero &= b[i] == 0;
    }
    int b0 = b[0] & 0xff;
    if (restZero && (b0 == '.' || b0 == '_' || b0 >= 'A' && b0 <= 'Z')) {
      return b0 == '.' ? "" : "." + (char) b0;
    }
    long fraction = 0;
    for (int i = 1; i < 8; i++) {
      fraction = fraction << 8 | (i < b.length ? b[i] & 0xff : 0);
    }
    int exponent = (b0 & 0x7f) - 64;
    double v = Math.scalb((double) fraction, 4 * exponent - 56);
    if ((b0 & 0x80) != 0) {
      v = -v;
    }
    v = v == 0 ? 0.0 : v;
    if (isDate(format)) {
      return Cells.date(Cells.DAYS_1960, v);
    }
    if (isDateTime(format)) {
      return Cells.dateTime(v + Cells.DAYS_1960 * 86400.0);
    }
    // The 56-bit fraction is rounded once to a double's 53 bits; scaling by a power of two is exact.
    return Cells.number(v);
  }
}
