package studybook.data.readers;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How readers write values into the text cells of a {@link SourceTable}. */
final class Cells {
  private Cells() {}

  /**
   * A value a file holds that no cell can carry (an infinite number, a date outside the years 1 to
   * 9999); the reader that meets it adds where it stands.
   */
  static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String value;

    BadValue(String message, String value) {
      super(message, null, false, false);
      this.value = value;
    }
  }

  /** {@code e} located in {@code file} by its row (case, observation) and column. */
  static studybook.data.DataException located(java.nio.file.Path file, BadValue e, String rowWord, long row, String column) {
    return new studybook.data.DataException(new studybook.data.DataProblem(file, 0, column, e.value,
        rowWord + " " + row + ": " + e.getMessage(), BAD_VALUE_HINT));
  }

  static final String BAD_VALUE_HINT = "recode it (to a valid value or to missing) where the file was made, and export it again";

  private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  /** A number in studybook's syntax: whole numbers without a point, others in the shortest exact decimal. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      throw new BadValue("the value is infinite; studybook's numbers are finite", v > 0 ? "Inf" : "-Inf");
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** Days since an epoch day as an ISO date. */
  static String date(long epochDay) {
    if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
      throw new BadValue("the date lies outside the years 1 to 9999", "day " + epochDay + " after 1970-01-01");
    }
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** {@link #date(long)} of a day count held as a number (fractions are dropped, towards the earlier day). */
  static String date(long epoch, double days) {
    if (!Double.isFinite(days) || Math.abs(days) > 1e9) {
      throw new BadValue("the date lies outside the years 1 to 9999", Double.toString(days) + " days");
    }
    return date(epoch + (long) Math.floor(days));
  }

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

  /** Seconds since the Unix epoch as an ISO date-time with seconds ({@code 1960-01-01T00:00:00}); fractions are dropped. */
  static String dateTime(double seconds) {
    if (!Double.isFinite(seconds) || seconds < FIRST_DAY * 86400.0 || seconds >= (LAST_DAY + 1) * 86400.0) {
      throw new BadValue("the date-time lies outside the years 1 to 9999", Double.toString(seconds) + " seconds after 1970-01-01");
    }
    return dateTime(LocalDateTime.ofEpochSecond((long) Math.floor(seconds), 0, ZoneOffset.UTC));
  }

  static String dateTime(LocalDateTime t) {
    return DATE_TIME.format(t);
  }

  /**
   * How many of the first {@code n} bytes form whole characters: a UTF-8 string that its program cut
   * to the variable's width in bytes may end inside a character, whose first bytes are dropped (as
   * haven does) rather than shown as U+FFFD.
   */
  static int wholeCharacters(byte[] b, int n, Charset cs) {
    if (!cs.equals(java.nio.charset.StandardCharsets.UTF_8) || n == 0) {
      return n;
    }
    int start = n - 1;
    while (start > 0 && n - start < 4 && (b[start] & 0xC0) == 0x80) {
      start--;
    }
    int lead = b[start] & 0xff;
    int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return start + length > n ? start : n;
  }

  /** Bytes as text, cut at the first NUL, trailing blanks removed. */
  static String text(byte[] b, Charset cs) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == 0)) {
      n--;
    }
    return new String(b, 0, n, cs);
  }

  /** Days from 1970-01-01 to 1960-01-01, the epoch of Stata and SAS dates. */
  static final long DAYS_1960 = LocalDate.of(1960, 1, 1).toEpochDay();
  /** Seconds from 1582-10-14 (the epoch of SPSS dates) to 1970-01-01. */
  static final long SECONDS_1582 = -LocalDate.of(1582, 10, 14).toEpochDay() * 86400L;
}
