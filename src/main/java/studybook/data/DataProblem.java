package studybook.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with an input file, located precisely enough to fix it by hand.
 *
 * @param file the file that holds the problem
 * @param line the line number in the file (the header is line 1); 0 when the problem is the file itself
 * @param column the column name, or {@code null} when the problem concerns a whole line or file
 * @param value the offending value as it stands in the file, or {@code null}
 * @param message what is wrong, without the location
 * @param hint the way out (e.g. "declare 'n/a' as a missing token in data/codebook.csv"), or {@code null}
 */
public record DataProblem(Path file, int line, String column, String value, String message, String hint) {
  public DataProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** The one-line form: {@code file:line: column 'c': message (value 'v'); hint}. */
  public String describe() {
    StringBuilder s = new StringBuilder(file.toString());
    if (line > 0) {
      s.append(':').append(line);
    }
    s.append(": ");
    if (column != null) {
      s.append("column '").append(printable(column)).append("': ");
    }
    s.append(message);
    if (value != null) {
      s.append(" (value '").append(printable(value)).append("')");
    }
    if (hint != null) {
      s.append("; ").append(hint);
    }
    return s.toString();
  }

  /** Keeps an error message on one line and readable whatever the data hold. */
  static String printable(String raw) {
    String shown = raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
    StringBuilder s = new StringBuilder(shown.length());
    shown.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        s.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
      } else {
        s.appendCodePoint(cp);
      }
    });
    return s.toString();
  }
}
