package studybook.data.readers;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import studybook.StudybookException;

/**
 * How to read a data file: the format (by default from the extension) and, for text, the delimiter,
 * decimal mark and encoding; for Excel the sheet; for REDCap the data dictionary. From
 * {@code study.properties}: {@code data.format}, {@code data.delimiter} ({@code ,} {@code ;} {@code tab}
 * {@code |}), {@code data.decimal} ({@code .} or {@code ,}), {@code data.encoding} (e.g. {@code UTF-8},
 * {@code ISO-8859-1}, {@code windows-1252}), {@code data.sheet}, {@code data.dictionary}.
 *
 * @param format the declared format, or empty to go by the file's extension
 * @param delimiter the field delimiter of text files, or 0 to detect it ({@link CsvDialect})
 * @param decimal the decimal mark of text files, or 0 to detect it ({@link CsvDialect})
 * @param encoding the character encoding of text files, or null to detect it ({@link CsvDialect})
 * @param sheet the Excel sheet's name, or "" for the first sheet
 * @param dictionary the REDCap data dictionary, if any
 */
public record ReadOptions(Optional<SourceFormat> format, char delimiter, char decimal, Charset encoding, String sheet,
    Optional<Path> dictionary) {

  /** By the extension, the CSV dialect detected ({@link CsvDialect}), the first sheet, no dictionary. */
  public static ReadOptions defaults() {
    return new ReadOptions(Optional.empty(), (char) 0, (char) 0, null, "", Optional.empty());
  }

  public ReadOptions withFormat(SourceFormat f) {
    return new ReadOptions(Optional.of(f), delimiter, decimal, encoding, sheet, dictionary);
  }

  public ReadOptions withDelimiter(char d) {
    return new ReadOptions(format, d, decimal, encoding, sheet, dictionary);
  }

  public ReadOptions withDecimal(char d) {
    return new ReadOptions(format, delimiter, d, encoding, sheet, dictionary);
  }

  public ReadOptions withEncoding(Charset e) {
    return new ReadOptions(format, delimiter, decimal, e, sheet, dictionary);
  }

  public ReadOptions withSheet(String s) {
    return new ReadOptions(format, delimiter, decimal, encoding, s, dictionary);
  }

  public ReadOptions withDictionary(Path d) {
    return new ReadOptions(Optional.of(SourceFormat.REDCAP), delimiter, decimal, encoding, sheet, Optional.of(d));
  }

  /** The format to read {@code file} with: the declared one, else the extension's, else CSV. */
  public SourceFormat formatOf(Path file) {
    return format.orElseGet(() -> SourceFormat.fromExtension(file).orElse(SourceFormat.CSV));
  }

  /**
   * The options {@code settings} (study.properties) declare; {@code dir} resolves a relative dictionary.
   * An unknown format, delimiter, decimal mark or encoding is an error naming the key.
   */
  public static ReadOptions of(Map<String, String> settings, Path dir) {
    ReadOptions o = defaults();
    String f = settings.getOrDefault("data.format", "").trim();
    if (!f.isEmpty()) {
      o = o.withFormat(SourceFormat.fromToken(f).orElseThrow(() -> new StudybookException(
          "study.properties: data.format '" + f + "' is not a format; use one of " + String.join(", ", SourceFormat.tokens()))));
    }
    String d = settings.getOrDefault("data.delimiter", "");
    if (!d.isEmpty()) {
      o = o.withDelimiter(delimiter(d, "study.properties: data.delimiter"));
    }
    String m = settings.getOrDefault("data.decimal", "").trim();
    if (!m.isEmpty()) {
      o = o.withDecimal(decimal(m, "study.properties: data.decimal"));
    }
    String e = settings.getOrDefault("data.encoding", "").trim();
    if (!e.isEmpty()) {
      o = o.withEncoding(charset(e, "study.properties: data.encoding"));
    }
    o = o.withSheet(settings.getOrDefault("data.sheet", "").trim());
    String dict = settings.getOrDefault("data.dictionary", "").trim();
    if (!dict.isEmpty()) {
      o = o.withDictionary(dir.resolve(dict).normalize());
    }
    return o;
  }

  /** A delimiter named as {@code ,}, {@code ;}, {@code |}, {@code tab} or a tab character. */
  public static char delimiter(String d, String where) {
    if (d.equals("\t") || d.trim().equalsIgnoreCase("tab")) {
      return '\t';
    }
    String t = d.trim();
    if (t.length() == 1 && ",;|".indexOf(t.charAt(0)) >= 0) {
      return t.charAt(0);
    }
    throw new StudybookException(where + ": '" + d + "' is not a delimiter; use , ; | or tab");
  }

  public static char decimal(String m, String where) {
    String t = m.trim();
    if (t.equals(".") || t.equals(",")) {
      return t.charAt(0);
    }
    throw new StudybookException(where + ": '" + m + "' is not a decimal mark; use . or ,");
  }

  public static Charset charset(String e, String where) {
    try {
      return Charset.forName(e.trim());
    } catch (RuntimeException ex) {
      throw new StudybookException(where + ": '" + e + "' is not a character encoding Java knows (e.g. UTF-8, ISO-8859-1, windows-1252)");
    }
  }
}
