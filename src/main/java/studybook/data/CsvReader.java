package studybook.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a comma-separated file (RFC 4180: quoted fields may hold commas, quotes and newlines)
 * record by record, remembering the physical line each record starts on so errors can point at it.
 *
 * <p>Accepted without complaint: a UTF-8 byte-order mark, CRLF or LF line ends, blank lines (skipped,
 * as R's read.csv does). Rejected with a located {@link DataException}: a file that is not UTF-8,
 * control characters, an unterminated quote, a record with the wrong number of fields, an empty,
 * blank or duplicated column name, and a header that looks semicolon- or tab-separated.
 *
 * <p>It works on bytes: the delimiters are ASCII, so a field is decoded only once it is cut out,
 * and an ASCII field (the common case) needs no UTF-8 validation.
 */
public final class CsvReader {

  /** Receives the records of a file in order. */
  public interface RecordHandler {
    /** Called once with the column names, before any record. */
    void header(List<String> names);

    /**
     * Called once per data record.
     *
     * @param line the line number in the file on which the record starts (the header is line 1)
     * @param fields exactly as many fields as the header has columns; the array is reused, copy what you keep
     */
    void record(int line, String[] fields);
  }

  /**
   * Receives the fields of the data records as bytes, so a loader can skip making a String per cell
   * (package-private: the ad-hoc loader's path for large files).
   */
  interface FieldSink {
    /**
     * Called once with the column names, before any field.
     *
     * @param expectedRecords an estimate of the number of records to come, for sizing arrays once
     */
    void header(List<String> names, int expectedRecords);

    /**
     * Called for every field of a record that lies within the header's width: bytes {@code [from, to)}
     * of {@code src}, unquoted and unescaped, to be copied if kept.
     *
     * @param ascii whether every byte is below 0x80
     * @return true when the value was not seen before in this column: the reader then checks that it is
     *     valid UTF-8 (a repeated value was checked at its first occurrence, which comes earlier in the file)
     */
    boolean field(int column, byte[] src, int from, int to, boolean ascii);

    /** Called after the fields of a data record with the right number of fields. */
    void endRecord(int line);
  }

  private final Path file;
  private final byte[] bytes;
  private int pos;
  /** The end of the bytes this reader parses: the file's end, or a record boundary when it reads a part. */
  private int limit;
  private int line = 1;
  /** The column names once the header is read; names the column of a problem inside a record. */
  private List<String> header;
  /** The index of the field being read in the current record. */
  private int field;
  /** The last field scanned: bytes [from, to) of src (bytes, or scratch when it held doubled quotes). */
  private byte[] src;
  private int from;
  private int to;
  private boolean ascii;
  private byte[] scratch = new byte[64];

  private CsvReader(Path file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
    this.limit = bytes.length;
  }

  /** Reads {@code file} and hands every record to {@code handler}; returns the number of data records. */
  public static int read(Path file, RecordHandler handler) {
    return new CsvReader(file, readAllBytes(file)).parse(handler);
  }

  /**
   * Reads {@code file} and hands every field to {@code sink}; returns the number of data records. The
   * same checks, errors and locations as {@link #read}.
   */
  static int readFields(Path file, FieldSink sink) {
    return new CsvReader(file, readAllBytes(file)).parseFields(sink);
  }

  private static byte[] readAllBytes(Path file) {
    return readAndRecord(file);
  }

  /**
   * The whole file as this run has it: the bytes the open {@link InputDigests} scope holds (the run read and
   * hashed them once), else read now; either way their digest is recorded in the scope.
   */
  static byte[] readAndRecord(Path file) {
    java.util.Optional<byte[]> known = InputDigests.knownBytes(file);
    if (known.isPresent()) {
      return known.get();
    }
    byte[] bytes = readBytes(file);
    InputDigests.record(file, bytes);
    return bytes;
  }

  /** The whole file, or a located {@link DataException} (missing, unreadable, over 2 GiB); records no digest. */
  static byte[] readBytes(Path file) {
    try {
      long size = Files.size(file);
      if (size > Integer.MAX_VALUE - 8) {
        // Files.readAllBytes would throw OutOfMemoryError ("Required array size too large") with a trace.
        throw new DataException(new DataProblem(file, 0, null, null, String.format(java.util.Locale.ROOT,
            "is %.2f GiB; a data file is read whole and may be at most 2 GiB", size / 1073741824.0),
            "split it, or keep only the rows and columns the study needs"));
      }
      return FileBytes.read(file);
    } catch (NoSuchFileException e) {
      throw new DataException(new DataProblem(file, 0, null, null, "file not found", null));
    } catch (IOException e) {
      throw new DataException(new DataProblem(file, 0, null, null, "cannot be read: " + studybook.IoProblem.describe(e), null));
    }
  }

  /** Reads up to and including the header; returns the column names. */
  private List<String> parseHeader() {
    if (limit >= 2 && ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF
        || (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)) {
      throw problem(1, null, null, "is UTF-16 encoded (it starts with a UTF-16 byte-order mark)",
          "save the file as UTF-8");
    }
    if (limit >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
      pos = 3;
    }
    skipBlankLines();
    if (pos >= limit) {
      throw problem(0, null, null, "the file is empty; a header row with the column names is expected");
    }
    List<String> fields = new ArrayList<>();
    int headerLine = line;
    readRecord(fields);
    // Names as a person reads them: surrounding spaces dropped and Unicode composed (NFC), so 'x ' is
    // column x and can never stand beside another column x.
    List<String> names = fields.stream().map(f -> java.text.Normalizer.normalize(f.strip(), java.text.Normalizer.Form.NFC))
        .toList();
    checkHeader(headerLine, names);
    header = names;
    return names;
  }

  private int parse(RecordHandler handler) {
    handler.header(parseHeader());
    List<String> fields = new ArrayList<>();
    String[] row = new String[header.size()];
    int records = 0;
    while (true) {
      skipBlankLines();
      if (pos >= limit) {
        return records;
      }
      int recordLine = line;
      int recordStart = pos;
      readRecord(fields);
      if (fields.size() != header.size()) {
        throw problem(recordLine, null, null, "has " + fields.size() + " fields but the header has "
            + header.size() + " columns", mixedDelimiterHint(recordStart, pos));
      }
      fields.toArray(row);
      handler.record(recordLine, row);
      records++;
    }
  }

  /** The sink of one part of a file, and what to add to the lines it was given. */
  record Part<S extends FieldSink>(S sink, int lineOffset) {}

  /**
   * As {@link #readFields(Path, FieldSink)}, in two parts read at once when the file is large and it is
   * safe: with no quote character in the data every line end is a record end, so the data can be cut
   * at the line end nearest its middle. The second part's sink gets lines counted from its start; add
   * its {@link Part#lineOffset}. When either part fails the whole file is read again in one piece, so
   * the problem reported is the file's first, exactly as {@link #readFields(Path, FieldSink)} reports it.
   */
  static <S extends FieldSink> List<Part<S>> readFieldsInParts(Path file, java.util.function.Supplier<S> sinks) {
    return readFieldsInParts(file, sinks, partBytes());
  }

  /** The smallest data cut in two parts: 8 MiB on a machine with two or more cores, else never. */
  static int partBytes() {
    return Runtime.getRuntime().availableProcessors() > 1 ? 8 << 20 : Integer.MAX_VALUE;
  }

  /** As above, cutting data of at least {@code minimumBytes} (a test cuts small files). */
  static <S extends FieldSink> List<Part<S>> readFieldsInParts(Path file, java.util.function.Supplier<S> sinks,
      int minimumBytes) {
    return readFieldsInParts(file, readAllBytes(file), sinks, minimumBytes);
  }

  /** As above, parsing {@code bytes}, the file's content already read (and its digest recorded). */
  static <S extends FieldSink> List<Part<S>> readFieldsInParts(Path file, byte[] bytes,
      java.util.function.Supplier<S> sinks, int minimumBytes) {
    CsvReader first = new CsvReader(file, bytes);
    S firstSink = sinks.get();
    List<String> names = first.parseHeader();
    int cut = cutPoint(bytes, first.pos, minimumBytes);
    // The first part's sink is sized for the whole file: the second part is appended to it.
    firstSink.header(names, first.estimateRecords(first.pos, bytes.length));
    if (cut < 0) {
      first.parseRecords(firstSink);
      return List.of(new Part<>(firstSink, 0));
    }
    S secondSink = sinks.get();
    secondSink.header(names, first.estimateRecords(cut, bytes.length));
    CsvReader second = new CsvReader(file, bytes);
    second.header = names;
    second.pos = cut;
    second.line = 0;
    first.limit = cut;
    java.util.concurrent.CompletableFuture<Integer> later =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> second.parseRecords(secondSink));
    try {
      first.parseRecords(firstSink);
      later.join();
    } catch (RuntimeException e) {
      later.exceptionally(t -> 0).join();
      S whole = sinks.get();
      new CsvReader(file, bytes).parseFields(whole);
      // Reached only if reading in parts failed where reading whole does not: a bug, not a data problem.
      throw new IllegalStateException("reading " + file + " in parts failed where reading it whole did not", e);
    }
    return List.of(new Part<>(firstSink, 0), new Part<>(secondSink, first.line));
  }

  /**
   * The records in {@code [from, to)} if they are as long on average as those in its first 64 KB;
   * never more than fit if every field were empty, so a sample of blank lines cannot ask for much.
   */
  private int estimateRecords(int from, int to) {
    int sample = Math.min(to - from, 1 << 16);
    int lines = 1;
    for (int i = from + 1; i < from + sample; i++) {
      if (bytes[i] == '\n' && bytes[i - 1] != '\n') {
        lines++;
      }
    }
    long estimate = (long) (to - from) * lines / Math.max(sample, 1);
    long most = (to - from) / header.size() + 1;
    return (int) Math.min(Math.min(estimate + estimate / 16 + 16, most), Integer.MAX_VALUE - 16);
  }

  /** Where to cut the data for two parts, or -1 when it is small or has quotes. */
  private static int cutPoint(byte[] bytes, int dataStart, int minimumBytes) {
    if (bytes.length - dataStart < minimumBytes || bytes.length == dataStart) {
      return -1;
    }
    for (int i = dataStart; i < bytes.length; i++) {
      if (bytes[i] == '"') {
        return -1;
      }
    }
    for (int i = dataStart + (bytes.length - dataStart) / 2; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private int parseFields(FieldSink sink) {
    List<String> names = parseHeader();
    sink.header(names, estimateRecords(pos, limit));
    return parseRecords(sink);
  }

  private int parseRecords(FieldSink sink) {
    int width = header.size();
    int records = 0;
    while (true) {
      skipBlankLines();
      if (pos >= limit) {
        return records;
      }
      int recordLine = line;
      int recordStart = pos;
      int count = scanRecord(sink, width);
      if (count != width) {
        throw problem(recordLine, null, null, "has " + count + " fields but the header has " + width + " columns",
            mixedDelimiterHint(recordStart, pos));
      }
      sink.endRecord(recordLine);
      records++;
    }
  }

  /** As {@link #readRecord}, handing the fields to {@code sink}; returns the number of fields. */
  private int scanRecord(FieldSink sink, int width) {
    int count = 0;
    while (true) {
      field = count;
      scanField();
      // A field beyond the header's width is still checked: the file's first fault is the one reported.
      if ((count >= width || sink.field(count, src, from, to, ascii)) && !ascii) {
        decode(src, from, to, false);
      }
      count++;
      if (pos >= limit) {
        return count;
      }
      byte b = bytes[pos];
      if (b == ',') {
        pos++;
        continue;
      }
      if (b == '\n') {
        pos++;
        line++;
        return count;
      }
      if (b == '\r' && pos + 1 < limit && bytes[pos + 1] == '\n') {
        pos += 2;
        line++;
        return count;
      }
      throw problem(line, column(), null, "unexpected character after a quoted field",
          "quote the whole field and double any quote inside it");
    }
  }

  private void checkHeader(int headerLine, List<String> header) {
    if (header.size() == 1) {
      String only = header.get(0);
      for (char delimiter : new char[] {';', '\t', '|'}) {
        if (only.indexOf(delimiter) >= 0) {
          String shown = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
          throw problem(headerLine, null, null, "the header looks " + shown
              + "-separated, but the file is read as comma-separated",
              "declare the delimiter (--delimiter or data.delimiter), or leave it undeclared to have it detected");
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.isBlank()) {
        throw problem(headerLine, null, null, "column " + (i + 1) + " of the header has no name");
      }
      if (!seen.add(name)) {
        throw problem(headerLine, name, null, "the column name appears more than once in the header"
            + " (names are compared without surrounding spaces)");
      }
    }
  }

  private void skipBlankLines() {
    while (pos < limit) {
      byte b = bytes[pos];
      if (b == '\n') {
        pos++;
        line++;
      } else if (b == '\r' && pos + 1 < limit && bytes[pos + 1] == '\n') {
        pos += 2;
        line++;
      } else {
        return;
      }
    }
  }

  /** Reads one record starting at {@code pos}; leaves {@code pos} after its line end. */
  private void readRecord(List<String> out) {
    out.clear();
    while (true) {
      field = out.size();
      scanField();
      out.add(decode(src, from, to, ascii));
      if (pos >= limit) {
        return;
      }
      byte b = bytes[pos];
      if (b == ',') {
        pos++;
        continue;
      }
      if (b == '\n') {
        pos++;
        line++;
        return;
      }
      if (b == '\r' && pos + 1 < limit && bytes[pos + 1] == '\n') {
        pos += 2;
        line++;
        return;
      }
      throw problem(line, column(), null, "unexpected character after a quoted field",
          "quote the whole field and double any quote inside it");
    }
  }

  /** Scans one field starting at {@code pos} into {@code src/from/to/ascii}. */
  private void scanField() {
    if (pos < limit && bytes[pos] == '"') {
      scanQuotedField();
      return;
    }
    int start = pos;
    boolean plain = true;
    while (pos < limit) {
      byte b = bytes[pos];
      if (b == ',' || b == '\n' || (b == '\r' && pos + 1 < limit && bytes[pos + 1] == '\n')) {
        break;
      }
      if (b == '"') {
        throw problem(line, column(), null, "a quote inside an unquoted field",
            "quote the whole field and double the quote inside it");
      }
      if (b < 0) {
        plain = false;
      } else if (b < 0x20 && b != '\t') {
        throw controlCharacter(b);
      }
      pos++;
    }
    set(bytes, start, pos, plain);
  }

  private void scanQuotedField() {
    int startLine = line;
    pos++;
    // Stays -1 unless the value holds a doubled quote; then the unescaped value is built in scratch.
    int built = -1;
    boolean allAscii = true;
    int start = pos;
    boolean plain = true;
    while (true) {
      if (pos >= limit) {
        throw problem(startLine, column(), null, "a quoted field is never closed (unbalanced '\"')",
            "close the quote, or double a quote that belongs to the value");
      }
      byte b = bytes[pos];
      if (b == '"') {
        if (pos + 1 < limit && bytes[pos + 1] == '"') {
          // Each piece is checked as it ends, so a bad byte is reported with the same value as before.
          decode(bytes, start, pos + 1, plain);
          built = append(Math.max(built, 0), start, pos + 1);
          allAscii &= plain;
          pos += 2;
          start = pos;
          plain = true;
          continue;
        }
        if (built < 0) {
          set(bytes, start, pos, plain);
        } else {
          decode(bytes, start, pos, plain);
          built = append(built, start, pos);
          set(scratch, 0, built, allAscii && plain);
        }
        pos++;
        return;
      }
      if (b == '\n') {
        line++;
      } else if (b < 0) {
        plain = false;
      } else if (b < 0x20 && b != '\t' && b != '\r') {
        throw controlCharacter(b);
      }
      pos++;
    }
  }

  private int append(int length, int start, int end) {
    int n = end - start;
    if (length + n > scratch.length) {
      scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, length + n));
    }
    System.arraycopy(bytes, start, scratch, length, n);
    return length + n;
  }

  private void set(byte[] source, int start, int end, boolean plain) {
    src = source;
    from = start;
    to = end;
    ascii = plain;
  }

  private String decode(byte[] bytes, int from, int to, boolean ascii) {
    if (ascii) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw problem(line, column(), new String(bytes, from, to - from, StandardCharsets.UTF_8),
          "is not valid UTF-8 text", "save the file with UTF-8 encoding");
    }
  }

  private DataException controlCharacter(byte b) {
    if (b == 0) {
      return problem(line, column(), null, "contains a NUL byte", "the file may be UTF-16 or binary; save it as UTF-8 CSV");
    }
    if (b == '\r') {
      return problem(line, column(), null, "has a carriage return without a line feed (old Mac line ends)",
          "save the file with LF or CRLF line ends");
    }
    return problem(line, column(), null, String.format(java.util.Locale.ROOT,
        "contains the control character U+%04X; remove it from the file", b));
  }

  /** The name of the column being read, or null in the header or beyond the header's width. */
  private String column() {
    return header != null && field < header.size() ? header.get(field) : null;
  }

  /**
   * When a record with the wrong number of fields holds another common delimiter (bytes {@code [from, to)}),
   * the file mixes delimiters: say so. Both reading paths call it on the same bytes, so they agree.
   */
  private String mixedDelimiterHint(int from, int to) {
    for (int i = from; i < to && i < bytes.length; i++) {
      if (bytes[i] == ';' || bytes[i] == '\t') {
        return "mixed delimiters: this line is separated by '" + (bytes[i] == ';' ? ";" : "tab")
            + "', the header by ','; separate every line with ','";
      }
    }
    return null;
  }

  private DataException problem(int at, String column, String value, String message) {
    return problem(at, column, value, message, null);
  }

  private DataException problem(int at, String column, String value, String message, String hint) {
    return new DataException(new DataProblem(file, at, column, value, message, hint));
  }
}
