package studybook.data.readers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats studybook reads, by the token of {@code data.format} and by file extension. */
public enum SourceFormat {
  /** Delimited text: comma by default, or the declared delimiter, decimal mark and encoding. */
  CSV("csv", "txt", "tsv"),
  /** An Excel workbook (Office Open XML); the named or first sheet. */
  XLSX("xlsx"),
  /** An SPSS system file, plain, bytecode-compressed or zlib-compressed. */
  SAV("sav", "zsav"),
  /** A Stata dataset, formats 113 to 119. */
  DTA("dta"),
  /** A SAS dataset. */
  SAS7BDAT("sas7bdat"),
  /** A SAS transport file, version 5 (XPORT). */
  XPT("xpt"),
  /** An Apache Parquet file (one file; flat columns). */
  PARQUET("parquet"),
  /** A REDCap records export (CSV) read together with the project's data dictionary. */
  REDCAP();

  private final List<String> extensions;

  SourceFormat(String... extensions) {
    this.extensions = List.of(extensions);
  }

  /** The word used in {@code data.format}. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every token {@code data.format} accepts. */
  public static List<String> tokens() {
    return Arrays.stream(values()).map(SourceFormat::token).toList();
  }

  public static Optional<SourceFormat> fromToken(String token) {
    String t = token.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.token().equals(t)).findFirst();
  }

  /** The format a file's extension names (case ignored), if any. */
  public static Optional<SourceFormat> fromExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return Arrays.stream(values()).filter(f -> f.extensions.contains(ext)).findFirst();
  }

  /** Whether cells are addressed by line (text formats) rather than by case number (binary formats). */
  public boolean isText() {
    return this == CSV || this == REDCAP;
  }
}
