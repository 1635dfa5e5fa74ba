package studybook.data.readers;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import studybook.data.CsvReader;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads delimited text. A plain comma-separated UTF-8 file goes through {@link CsvReader}, the reader the
 * codebook validation has always used (same checks, same messages). A declared dialect (delimiter
 * {@code ;}, tab or {@code |}; decimal comma; another encoding) is read here by the same rules (RFC 4180
 * quoting, blank lines skipped, the header is line 1), and a decimal comma becomes a point in every cell
 * that is a number written with one ({@code 22,5} becomes {@code 22.5}; {@code 1.234,5} stays as it is
 * and fails as a number, because thousands separators are refused everywhere).
 */
final class TextReader {
  private TextReader() {}

  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]*,[0-9]+([eE][+-]?[0-9]+)?");

  /** Reads {@code bytes} in the dialect {@code o} declares, the rest detected ({@link CsvDialect}). */
  static SourceTable read(Path file, byte[] bytes, ReadOptions o, SourceFormat format) {
    return read(file, bytes, CsvDialect.detect(bytes, o), format);
  }

  static SourceTable read(Path file, byte[] bytes, CsvDialect dialect, SourceFormat format) {
    if (dialect.isPlain()) {
      return plain(file, format);
    }
    String text = decode(file, bytes, dialect.encoding());
    if (dialect.lineEnds().equals("CR")) {
      text = text.replace('\r', '\n');
    }
    return new Parser(file, text, dialect.delimiter(), dialect.decimal(), format).table();
  }

  private static SourceTable plain(Path file, SourceFormat format) {
    List<String> names = new ArrayList<>();
    List<String[]> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    CsvReader.read(file, new CsvReader.RecordHandler() {
      @Override
      public void header(List<String> n) {
        names.addAll(n);
      }

      @Override
      public void record(int line, String[] fields) {
        records.add(fields.clone());
        lines.add(line);
      }
    });
    return table(file, format, names, records, lines);
  }

  static SourceTable table(Path file, SourceFormat format, List<String> names, List<String[]> records,
      List<Integer> lines) {
    String[][] cells = new String[names.size()][records.size()];
    int[] rows = new int[records.size()];
    for (int r = 0; r < records.size(); r++) {
      rows[r] = lines.get(r);
      for (int c = 0; c < names.size(); c++) {
        cells[c][r] = records.get(r)[c];
      }
    }
    List<SourceColumn> columns = names.stream().map(n -> SourceColumn.plain(n, CellKind.TEXT)).toList();
    return new SourceTable(file, format, columns, cells, rows, "line");
  }

  /** Decodes strictly: a byte sequence the declared encoding does not allow is an error at its line. */
  private static String decode(Path file, byte[] bytes, Charset cs) {
    int start = cs.equals(StandardCharsets.UTF_8) && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) d.maxCharsPerByte()) + 16);
    var result = d.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new DataException(new DataProblem(file, line, null, null, "byte offset " + at + " is not valid "
          + cs.name(), "declare the file's encoding in study.properties (data.encoding=windows-1252, ISO-8859-1, UTF-8)"));
    }
    d.flush(out);
    out.flip();
    return out.toString();
  }

  private static final class Parser {
    final Path file;
    final String s;
    final char delimiter;
    final char decimal;
    final SourceFormat format;
    int pos;
    int line = 1;

    Parser(Path file, String s, char delimiter, char decimal, SourceFormat format) {
      this.file = file;
      this.s = s;
      this.delimiter = delimiter;
      this.decimal = decimal;
      this.format = format;
    }

    SourceTable table() {
      skipBlank();
      if (pos >= s.length()) {
        throw problem(0, null, "the file is empty; a header row with the column names is expected", null);
      }
      int headerLine = line;
      List<String> names = record();
      Set<String> seen = new HashSet<>();
      for (String n : names) {
        if (n.isBlank()) {
          throw problem(headerLine, null, "a column has no name", "name every column in the header");
        }
        if (!seen.add(n)) {
          throw problem(headerLine, n, "the column name appears twice", "give each column its own name");
        }
      }
      if (names.size() == 1 && delimiter != ',' && names.get(0).indexOf(',') >= 0) {
        throw problem(headerLine, null, "the header has no '" + shown(delimiter) + "' but has commas",
            "the file seems comma-separated: remove data.delimiter or set it to ,");
      }
      List<String[]> records = new ArrayList<>();
      List<Integer> lines = new ArrayList<>();
      while (true) {
        skipBlank();
        if (pos >= s.length()) {
          break;
        }
        int at = line;
        List<String> f = record();
        if (f.size() != names.size()) {
          String raw = f.size() == 1 ? f.get(0) : String.join(String.valueOf(delimiter), f);
          String other = raw.indexOf(';') >= 0 && delimiter != ';' ? ";" : raw.indexOf(',') >= 0 && delimiter != ',' ? ","
              : raw.indexOf('\t') >= 0 && delimiter != '\t' ? "tab" : null;
          throw problem(at, null, "has " + f.size() + " fields but the header has " + names.size() + " columns"
              + (other != null ? " (mixed delimiters: this line seems separated by '" + other + "', the file by '"
              + shown(delimiter) + "')" : ""), "separate every line with '" + shown(delimiter) + "'");
        }
        String[] row = f.toArray(new String[0]);
        if (decimal == ',') {
          for (int i = 0; i < row.length; i++) {
            String t = row[i].trim();
            if (DECIMAL_COMMA.matcher(t).matches()) {
              row[i] = t.replace(',', '.');
            }
          }
        }
        records.add(row);
        lines.add(at);
      }
      if (records.isEmpty()) {
        throw problem(0, null, "has a header but no data rows", "add the data below the header");
      }
      return TextReader.table(file, format, names, records, lines);
    }

    private static String shown(char d) {
      return d == '\t' ? "tab" : String.valueOf(d);
    }

    void skipBlank() {
      while (pos < s.length()) {
        int end = pos;
        while (end < s.length() && (s.charAt(end) == ' ' || s.charAt(end) == '\r')) {
          end++;
        }
        if (end < s.length() && s.charAt(end) == '\n') {
          pos = end + 1;
          line++;
        } else if (end >= s.length()) {
          pos = end;
        } else {
          return;
        }
      }
    }

    List<String> record() {
      List<String> fields = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      int startLine = line;
      boolean quoted = false;
      while (true) {
        if (pos >= s.length()) {
          if (quoted) {
            throw problem(startLine, null, "a quoted field is never closed", "close the quote");
          }
          fields.add(f.toString());
          return fields;
        }
        char c = s.charAt(pos++);
        if (quoted) {
          if (c == '"') {
            if (pos < s.length() && s.charAt(pos) == '"') {
              f.append('"');
              pos++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            f.append(c);
          }
        } else if (c == '"' && f.length() == 0) {
          quoted = true;
        } else if (c == delimiter) {
          fields.add(f.toString());
          f.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && pos < s.length() && s.charAt(pos) == '\n') {
            pos++;
          }
          line++;
          fields.add(f.toString());
          return fields;
        } else {
          f.append(c);
        }
      }
    }

    DataException problem(int line, String column, String message, String hint) {
      return new DataException(new DataProblem(file, line, column, null, message, hint));
    }
  }
}
