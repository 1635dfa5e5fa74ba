package studybook.data.readers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The dialect of a delimited text file: field delimiter, decimal mark, character encoding and line
 * ends, each as declared ({@code --delimiter}, {@code data.delimiter} etc. always win) or else detected
 * from the bytes, deterministically:
 * <ul>
 * <li>encoding: UTF-8 (with or without a byte order mark) when the bytes are valid UTF-8 or hold a NUL
 * byte (UTF-16 or binary, refused by the UTF-8 reader by name), else Windows-1252 when they decode as that,
 * else ISO-8859-1;</li>
 * <li>line ends: LF, CRLF, or CR only (old Mac files);</li>
 * <li>delimiter: of {@code ,} {@code ;} tab {@code |}, the one that cuts the header and the first
 * {@value #SAMPLE} records into the same number (more than one) of fields, quotes respected; of several,
 * the one giving most fields, then the earlier in that list. When none does, the one that cuts the header
 * into most fields (the reader then says which line differs); a header none cuts (one column) is read
 * as comma-separated, and said;</li>
 * <li>decimal mark: the point with commas; with another delimiter, the comma when numbers are written
 * only with commas ({@code 22,5}), the point when only with points, else the comma for {@code ;} (as
 * R's {@code read.csv2}) and the point otherwise.</li>
 * </ul>
 * Written by hand: no library the project uses detects CSV dialects (R's {@code fread} does, by a
 * similar consistency rule).
 *
 * @param delimiter the field delimiter
 * @param decimal the decimal mark
 * @param encoding the character encoding
 * @param lineEnds {@code LF}, {@code CRLF}, {@code CR} or {@code none} (a one-line file)
 * @param detected which of delimiter, decimal, encoding were detected rather than declared (words)
 * @param ambiguous why the delimiter was a conservative choice (a one-column file), or "" when it was not
 */
public record CsvDialect(char delimiter, char decimal, Charset encoding, String lineEnds, List<String> detected,
    String ambiguous) {

  /** The bytes of the head the delimiter, decimal mark and line ends are seen in (the encoding in all bytes). */
  static final int HEAD = 256 * 1024;

  /** Records sampled after the header. */
  static final int SAMPLE = 200;
  private static final char[] CANDIDATES = {',', ';', '\t', '|'};
  private static final Pattern COMMA_NUMBER = Pattern.compile("[+-]?[0-9]*,[0-9]+([eE][+-]?[0-9]+)?");
  private static final Pattern POINT_NUMBER = Pattern.compile("[+-]?[0-9]*\\.[0-9]+([eE][+-]?[0-9]+)?");
  /** Windows-1252, the encoding spreadsheet programs write "CSV" in on Western European Windows. */
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** The dialect of {@code bytes} (the whole file or its head), with what {@code declared} fixes kept. */
  public static CsvDialect detect(byte[] bytes, ReadOptions declared) {
    List<String> detected = new ArrayList<>();
    Charset cs = declared.encoding();
    if (cs == null) {
      cs = guessEncoding(bytes);
      detected.add("encoding");
    }
    // The rest is seen in the file's head, cut after its last line feed (or carriage return).
    int n = bytes.length;
    if (n > HEAD) {
      n = HEAD;
      while (n > 1 && bytes[n - 1] != '\n' && bytes[n - 1] != '\r') {
        n--;
      }
      n = n > 1 ? n : HEAD;
    }
    String text = new String(bytes, 0, n, cs);
    int crlf = 0;
    int cr = 0;
    int lf = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          crlf++;
          i++;
        } else {
          cr++;
        }
      } else if (c == '\n') {
        lf++;
      }
    }
    String lineEnds = cr > 0 && crlf == 0 && lf == 0 ? "CR" : crlf > 0 && lf == 0 ? "CRLF"
        : lf > 0 || crlf > 0 ? "LF" : "none";
    if (lineEnds.equals("CR")) {
      text = text.replace('\r', '\n');
    }
    char delimiter = declared.delimiter();
    String ambiguous = "";
    if (delimiter == 0) {
      detected.add("delimiter");
      int best = 0;
      for (char d : CANDIDATES) {
        int width = consistentWidth(text, d);
        if (width > best) {
          best = width;
          delimiter = d;
        }
      }
      if (delimiter == 0) {
        // No delimiter cuts every line alike: the one that cuts the header into most fields (the reader
        // then names the line that differs), comma first; none at all is a one-column file, read as comma.
        String header = firstLine(text);
        int most = 1;
        for (char d : CANDIDATES) {
          int fields = header.split(java.util.regex.Pattern.quote(String.valueOf(d)), -1).length;
          if (fields > most) {
            most = fields;
            delimiter = d;
          }
        }
        if (delimiter == 0) {
          delimiter = ',';
          ambiguous = "one column: no delimiter in the header, so read as ','-separated";
        }
      }
    }
    char decimal = declared.decimal();
    if (decimal == 0) {
      detected.add("decimal");
      decimal = delimiter == ',' ? '.' : guessDecimal(text, delimiter);
    }
    return new CsvDialect(delimiter, decimal, cs, lineEnds, List.copyOf(detected), ambiguous);
  }

  /** Whether this is the dialect {@link studybook.data.CsvReader} reads: comma, point, UTF-8, LF or CRLF. */
  public boolean isPlain() {
    return delimiter == ',' && decimal == '.' && encoding.equals(StandardCharsets.UTF_8) && !lineEnds.equals("CR");
  }

  /** {@code declared} with this dialect's delimiter, decimal mark and encoding filled in. */
  public ReadOptions applyTo(ReadOptions declared) {
    return declared.withDelimiter(delimiter).withDecimal(decimal).withEncoding(encoding);
  }

  /** The study.properties lines that read the file this way (what {@code new} records). */
  public String properties() {
    return "data.delimiter=" + (delimiter == '\t' ? "tab" : String.valueOf(delimiter)) + "\n"
        + "data.decimal=" + decimal + "\n"
        + "data.encoding=" + encoding.name() + "\n";
  }

  /** One line for stderr: how {@code file} is read, and what was detected. */
  public String note(Path file) {
    String d = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    StringBuilder s = new StringBuilder("studybook: ").append(file.getFileName()).append(" read as ").append(d)
        .append("-separated with '").append(decimal).append("' decimals, ").append(encoding.name());
    if (!lineEnds.equals("none")) {
      s.append(", ").append(lineEnds).append(" line ends");
    }
    if (!ambiguous.isEmpty()) {
      s.append(" (").append(ambiguous).append(")");
    }
    s.append(detected.isEmpty() ? " (declared)" : " (detected " + String.join(", ", detected)
        + "; --delimiter/--decimal/--encoding or data.delimiter/data.decimal/data.encoding override)");
    return s.toString();
  }

  static Charset guessEncoding(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        // UTF-16 or binary, no 8-bit text: read as UTF-8, whose reader names the NUL byte and the way out.
        return StandardCharsets.UTF_8;
      }
    }
    if (valid(bytes, StandardCharsets.UTF_8)) {
      return StandardCharsets.UTF_8;
    }
    return valid(bytes, WINDOWS_1252) ? WINDOWS_1252 : StandardCharsets.ISO_8859_1;
  }

  private static boolean valid(byte[] bytes, Charset cs) {
    try {
      cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String firstLine(String text) {
    String t = text.stripLeading();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /**
   * The number of fields {@code d} cuts the header and every sampled record into, when that number is the
   * same for all and more than one; else 0. A record cut off at the sample's end is not counted.
   */
  static int consistentWidth(String text, char d) {
    int width = -1;
    int records = 0;
    int pos = 0;
    int n = text.length();
    while (pos < n && records <= SAMPLE) {
      // skip blank lines
      int end = pos;
      while (end < n && (text.charAt(end) == ' ' || text.charAt(end) == '\r')) {
        end++;
      }
      if (end < n && text.charAt(end) == '\n') {
        pos = end + 1;
        continue;
      }
      if (end >= n) {
        break;
      }
      int fields = 1;
      boolean quoted = false;
      boolean fieldStart = true;
      while (pos < n) {
        char c = text.charAt(pos++);
        if (quoted) {
          if (c == '"') {
            quoted = false;
          }
        } else if (c == '"' && fieldStart) {
          quoted = true;
        } else if (c == d) {
          fields++;
          fieldStart = true;
          continue;
        } else if (c == '\n') {
          break;
        }
        fieldStart = false;
      }
      if (quoted) {
        break; // a quoted field open at the end of the sample
      }
      if (width < 0) {
        width = fields;
      } else if (fields != width) {
        return 0;
      }
      records++;
    }
    return width > 1 && records > 0 ? width : 0;
  }

  private static char guessDecimal(String text, char delimiter) {
    int commas = 0;
    int points = 0;
    int lines = 0;
    for (String line : text.split("\n", SAMPLE + 2)) {
      if (lines++ == 0) {
        continue; // the header
      }
      if (lines > SAMPLE + 1) {
        break;
      }
      for (String f : line.split(Pattern.quote(String.valueOf(delimiter)), -1)) {
        String t = f.trim();
        if (t.length() > 1 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
          t = t.substring(1, t.length() - 1).trim();
        }
        if (COMMA_NUMBER.matcher(t).matches()) {
          commas++;
        } else if (POINT_NUMBER.matcher(t).matches()) {
          points++;
        }
      }
    }
    if (commas > 0 && points == 0) {
      return ',';
    }
    if (points > 0 && commas == 0) {
      return '.';
    }
    return delimiter == ';' ? ',' : '.';
  }
}
