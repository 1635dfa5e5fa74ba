package studybook.data;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How the dates of one column are written: ISO {@code yyyy-MM-dd} by default, or a pattern the codebook
 * declares in the variable's {@code unit} column ({@code dd.MM.yyyy}, {@code MM/dd/yyyy}, {@code d MMM
 * yyyy}; letters as in {@link DateTimeFormatter}, month names in English). Parsing is strict: a date that
 * does not exist (2023-02-30, 2023-13-01) is refused, never rolled over to another day.
 *
 * @param pattern the pattern as declared ({@code yyyy-MM-dd} when none)
 */
public record DatePattern(String pattern, DateTimeFormatter formatter) {

  /** ISO dates, the default. */
  public static final DatePattern ISO = of("");

  /** The pattern of a codebook cell; empty means ISO. Throws IllegalArgumentException for a malformed pattern. */
  public static DatePattern of(String declared) {
    String p = declared.isBlank() ? "yyyy-MM-dd" : declared.trim();
    // Strict resolving needs the proleptic year (u); authors write y.
    DateTimeFormatter f = DateTimeFormatter.ofPattern(p.replace('y', 'u'), Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
    return new DatePattern(p, f);
  }

  /** Days since 1970-01-01 of {@code text} (trimmed), or empty when it is no date of this pattern. */
  public OptionalLong epochDay(String text) {
    try {
      return OptionalLong.of(LocalDate.parse(text.trim(), formatter).toEpochDay());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  /** Whether {@code text} has this pattern's shape but names a day that does not exist (e.g. 2023-02-30). */
  public boolean isImpossibleDate(String text) {
    try {
      DateTimeFormatter lenient = formatter.withResolverStyle(ResolverStyle.LENIENT);
      LocalDate.parse(text.trim(), lenient);
      return epochDay(text).isEmpty();
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
