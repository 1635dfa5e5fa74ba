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

  /** A number in studybook's syntax: whole numbers without a point, others in the shortest exact decimal. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** Days since an epoch day as an ISO date. */
  static String date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

  /** Seconds since the Unix epoch as an ISO date-time with seconds ({@code 1960-01-01T00:00:00}); fractions are dropped. */
  static String dateTime(double seconds) {
    return dateTime(LocalDateTime.ofEpochSecond((long) Math.floor(seconds), 0, ZoneOffset.UTC));
  }

  static String dateTime(LocalDateTime t) {
    return DATE_TIME.format(t);
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
