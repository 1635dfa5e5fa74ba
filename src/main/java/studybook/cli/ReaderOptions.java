package studybook.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.readers.ReadOptions;
import studybook.data.readers.SourceFormat;

/** How to read a data file, for the commands that read one without a study: format, CSV dialect, sheet, dictionary. */
public final class ReaderOptions {
  @Option(names = "--format", paramLabel = "FORMAT",
      description = "csv, xlsx, sav, dta, sas7bdat, xpt, parquet or redcap (default: by the file's extension).")
  String format;

  @Option(names = "--delimiter", paramLabel = "D", description = "CSV field delimiter: , ; | or tab (default: detected).")
  String delimiter;

  @Option(names = "--decimal", paramLabel = "M", description = "CSV decimal mark: . or , (default: detected; . with commas).")
  String decimal;

  @Option(names = "--encoding", paramLabel = "CHARSET", description = "CSV character encoding (default: UTF-8, else windows-1252 when the bytes are not UTF-8).")
  String encoding;

  @Option(names = "--sheet", paramLabel = "NAME", description = "Excel sheet (default: the first).")
  String sheet;

  @Option(names = "--dictionary", paramLabel = "FILE", description = "REDCap data dictionary (CSV) of a REDCap export.")
  Path dictionary;

  /** The options given, as {@link ReadOptions}. */
  public ReadOptions options() {
    ReadOptions o = ReadOptions.defaults();
    if (format != null) {
      o = o.withFormat(SourceFormat.fromToken(format).orElseThrow(() -> new StudybookException(
          "--format '" + format + "' is not a format; use one of " + String.join(", ", SourceFormat.tokens()))));
    }
    if (delimiter != null) {
      o = o.withDelimiter(ReadOptions.delimiter(delimiter, "--delimiter"));
    }
    if (decimal != null) {
      o = o.withDecimal(ReadOptions.decimal(decimal, "--decimal"));
    }
    if (encoding != null) {
      o = o.withEncoding(ReadOptions.charset(encoding, "--encoding"));
    }
    if (sheet != null) {
      o = o.withSheet(sheet);
    }
    if (dictionary != null) {
      o = o.withDictionary(dictionary);
    }
    return o;
  }

  /** The study.properties lines that make a study read the file the same way. */
  public String properties() {
    return properties(java.util.Optional.empty());
  }

  /**
   * As {@link #properties()}, with the dialect a CSV file was read in: when it is not plain comma-separated
   * UTF-8, its delimiter, decimal mark and encoding (declared or detected) are recorded, so the study reads
   * the file the same way without detecting again.
   */
  public String properties(java.util.Optional<studybook.data.readers.CsvDialect> dialect) {
    StringBuilder s = new StringBuilder();
    if (dialect.isPresent() && !dialect.get().isPlain()) {
      s.append(dialect.get().properties());
    } else if (delimiter != null) {
      s.append("data.delimiter=").append(delimiter.equals("\t") ? "tab" : delimiter).append('\n');
    }
    if (decimal != null && (dialect.isEmpty() || dialect.get().isPlain())) {
      s.append("data.decimal=").append(decimal).append('\n');
    }
    if (encoding != null && (dialect.isEmpty() || dialect.get().isPlain())) {
      s.append("data.encoding=").append(encoding).append('\n');
    }
    if (sheet != null) {
      s.append("data.sheet=").append(sheet).append('\n');
    }
    return s.toString();
  }
}
