package studybook.data.readers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads any supported data file into a {@link SourceTable}, by the declared format or the extension.
 * A file whose first bytes belong to another format than its name says is refused, naming what it
 * seems to be; so is a binary file read as text.
 */
public final class DataReaders {
  private DataReaders() {}

  /** Reads {@code file} as {@code options} say. */
  public static SourceTable read(Path file, ReadOptions options) {
    byte[] bytes = bytes(file);
    SourceFormat format = options.formatOf(file);
    if (isSpssPortable(bytes)) {
      // Not a format studybook reads; read as text it would be refused at its second line, misleadingly.
      throw new DataException(new DataProblem(file, 0, null, null, "is an SPSS portable file (.por, 'SPSSPORT'), which"
          + " studybook does not read", "save it as .sav in SPSS (or in R: haven::write_sav(haven::read_por(FILE), 'FILE.sav'))"));
    }
    Optional<SourceFormat> seems = sniff(bytes);
    if (format == SourceFormat.XLSX && isOle2(bytes)) {
      // An encrypted .xlsx is an OLE2 container around the encrypted package; so is an old .xls.
      boolean encrypted = new String(bytes, StandardCharsets.UTF_16LE).contains("EncryptedPackage")
          || new String(bytes, 1, Math.max(0, bytes.length - 1), StandardCharsets.UTF_16LE).contains("EncryptedPackage");
      throw new DataException(new DataProblem(file, 0, null, null, encrypted
          ? "the workbook is password-protected (encrypted)" : "is an Excel 97-2003 workbook (.xls), not .xlsx",
          encrypted ? "open it in Excel with its password and save a copy without one"
              : "open it in Excel or LibreOffice and save it as .xlsx"));
    }
    boolean text = format == SourceFormat.CSV || format == SourceFormat.REDCAP;
    if (text ? seems.isPresent() : seems.isPresent() && seems.get() != format
        || seems.isEmpty() && !(format == SourceFormat.SAV && isEncryptedSav(bytes))) {
      String what = seems.map(f -> "holds " + describe(f)).orElse("is not " + describe(format));
      throw new DataException(new DataProblem(file, 0, null, null, "is read as " + describe(format) + " but " + what,
          seems.map(f -> "rename it to ." + f.token() + " or declare data.format=" + f.token())
              .orElse("check that the file is what its name says, or declare data.format")));
    }
    try {
      return readAs(file, bytes, format, options);
    } catch (studybook.StudybookException e) {
      throw e;
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // A reader's own failure on a file it did not foresee: still one located error, never a stack
      // trace. The fuzz test (ReaderFuzzTest) requires that no committed fixture, however damaged, gets here.
      throw new DataException(new DataProblem(file, 0, null, null, "cannot be read as " + describe(format) + ": "
          + UNFORESEEN + " (" + e.getClass().getSimpleName() + ")",
          "the file is probably damaged; export it again, and report this to studybook's authors with the file if you can"));
    }
  }

  /** The words of an error no reader foresaw (see {@link #read}). */
  static final String UNFORESEEN = "the reader met something it did not foresee";

  private static SourceTable readAs(Path file, byte[] bytes, SourceFormat format, ReadOptions options) {
    return switch (format) {
      case CSV -> {
        CsvDialect dialect = CsvDialect.detect(bytes, options);
        if (!dialect.isPlain() || !dialect.ambiguous().isEmpty()) {
          NOTES.get().accept(dialect.note(file));
        }
        yield TextReader.read(file, bytes, dialect, SourceFormat.CSV);
      }
      case REDCAP -> RedcapReader.read(file, bytes, options, options.dictionary().orElseThrow(() -> new DataException(
          new DataProblem(file, 0, null, null, "a REDCap export is read with its data dictionary, and none is named",
              "name it: data.dictionary=data/..._DataDictionary.csv in study.properties, or --dictionary FILE"))));
      case XLSX -> XlsxReader.read(file, bytes, options.sheet());
      case SAV -> SavReader.read(file, bytes);
      case DTA -> DtaReader.read(file, bytes);
      case SAS7BDAT -> SasReader.read(file, bytes);
      case XPT -> XptReader.read(file, bytes);
      case PARQUET -> ParquetReader.read(file, bytes);
    };
  }

  /**
   * Where the one line saying how a CSV file's dialect was chosen goes (stderr unless a caller, e.g. a
   * test, sets another sink for its thread and the threads it starts, such as a run's cells). It is said when the dialect is not plain comma-separated
   * UTF-8, or when the choice was a conservative one.
   */
  public static final ThreadLocal<java.util.function.Consumer<String>> NOTES = new InheritableThreadLocal<>() {
    @Override
    protected java.util.function.Consumer<String> initialValue() {
      return line -> System.err.println(line);
    }
  };

  /**
   * The dialect {@code file} is read in when it is read as CSV (declared options kept, the rest detected
   * from its bytes); empty for the other formats. What {@code new} records in study.properties.
   */
  public static Optional<CsvDialect> dialect(Path file, ReadOptions options) {
    if (options.formatOf(file) != SourceFormat.CSV) {
      return Optional.empty();
    }
    byte[] b = bytes(file);
    return sniff(b).isPresent() ? Optional.empty() : Optional.of(CsvDialect.detect(b, options));
  }

  /**
   * Reads a CSV file that a person writes beside the data (the codebook, the claims file) in the dialect its
   * bytes show, as the data are read ({@link CsvDialect}: a spreadsheet's {@code ;}-separated file with
   * decimal commas, Windows-1252, CR line ends): a plain comma-separated UTF-8 file goes through
   * {@link studybook.data.CsvReader} as it always did; any other dialect is said on {@link #NOTES} and read by
   * the text reader, decimal commas of numbers becoming points, each record handed on with its line. A
   * file whose lines disagree is refused at the line, as a data file is.
   */
  public static void readRecords(Path file, studybook.data.CsvReader.RecordHandler handler) {
    if (!Files.isRegularFile(file)) {
      studybook.data.CsvReader.read(file, handler); // its located "file not found" or "cannot be read"
      return;
    }
    byte[] bytes = bytes(file);
    CsvDialect d = CsvDialect.detect(bytes, ReadOptions.defaults());
    if (d.isPlain() || sniff(bytes).isPresent()) {
      studybook.data.CsvReader.read(file, handler); // also refuses a binary file, by what it holds
      return;
    }
    NOTES.get().accept(d.note(file));
    studybook.data.InputDigests.record(file, bytes);
    SourceTable t = TextReader.read(file, bytes, d, SourceFormat.CSV);
    handler.header(t.names());
    String[] fields = new String[t.names().size()];
    for (int r = 0; r < t.rowCount(); r++) {
      for (int c = 0; c < fields.length; c++) {
        fields[c] = t.cells()[c][r];
      }
      handler.record(t.rows()[r], fields);
    }
  }

  /** The bytes of a file's head that {@link #isPlainCsv} detects the dialect from. */
  static final int HEAD = 64 * 1024;

  /**
   * Whether {@code file} is read as plain comma-separated UTF-8 text (the dialect {@link studybook.data.CsvReader}
   * reads), as declared or detected from its first {@value #HEAD} bytes ({@link CsvDialect}), and does not
   * start like a binary format: then the caller may use the CSV path it always had. A conservative choice
   * (a one-column file read as comma-separated) is said on {@link #NOTES}.
   */
  public static boolean isPlainCsv(Path file, ReadOptions options) {
    if (options.formatOf(file) != SourceFormat.CSV) {
      return false;
    }
    byte[] head = new byte[HEAD];
    int n = 0;
    try (var in = Files.newInputStream(file)) {
      n = Math.max(0, in.readNBytes(head, 0, head.length));
    } catch (IOException e) {
      return true; // the CSV path reports the missing or unreadable file
    }
    if (n == HEAD) {
      // Detect from whole lines only: a record or a UTF-8 sequence cut at the end would mislead.
      int last = n - 1;
      while (last > 0 && head[last] != '\n') {
        last--;
      }
      n = last > 0 ? last + 1 : n;
    }
    byte[] b = java.util.Arrays.copyOf(head, n);
    if (sniff(b).isPresent()) {
      return false;
    }
    CsvDialect d = CsvDialect.detect(b, options);
    if (d.isPlain() && !d.ambiguous().isEmpty()) {
      NOTES.get().accept(d.note(file));
    }
    return d.isPlain();
  }

  static String describe(SourceFormat f) {
    return switch (f) {
      case CSV -> "delimited text (CSV)";
      case REDCAP -> "a REDCap export (CSV)";
      case XLSX -> "an Excel workbook (.xlsx)";
      case SAV -> "an SPSS system file (.sav)";
      case DTA -> "a Stata dataset (.dta)";
      case SAS7BDAT -> "a SAS dataset (.sas7bdat)";
      case XPT -> "a SAS transport file (.xpt)";
      case PARQUET -> ParquetReader.WHAT;
    };
  }

  /** The binary format the first bytes show, if any. */
  static Optional<SourceFormat> sniff(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, 80), StandardCharsets.ISO_8859_1);
    if (head.startsWith("PK\u0003\u0004")) {
      return Optional.of(SourceFormat.XLSX);
    }
    if (head.startsWith("$FL2") || head.startsWith("$FL3") || isEncryptedSav(b)) {
      return Optional.of(SourceFormat.SAV);
    }
    // Stata formats 102 to 115 start with their number, the byte order and file type 1 (older ones are refused by name).
    if (head.startsWith("<stata_dta>") || b.length > 4 && (b[0] & 0xff) >= 102 && (b[0] & 0xff) <= 115
        && (b[1] == 1 || b[1] == 2) && b[2] == 1) {
      return Optional.of(SourceFormat.DTA);
    }
    if (ParquetReader.isParquet(b)) {
      return Optional.of(SourceFormat.PARQUET);
    }
    if (head.startsWith("HEADER RECORD*******LIB")) {
      return Optional.of(SourceFormat.XPT);
    }
    if (b.length >= 32 && (b[12] & 0xff) == 0xc2 && (b[13] & 0xff) == 0xea && (b[14] & 0xff) == 0x81 && b[15] == 0x60) {
      return Optional.of(SourceFormat.SAS7BDAT);
    }
    return Optional.empty();
  }

  /** The signature of an OLE2 compound file (old .xls, .doc, and encrypted Office files). */
  private static boolean isOle2(byte[] b) {
    byte[] sig = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    return b.length >= 8 && java.util.Arrays.equals(java.util.Arrays.copyOf(b, 8), sig);
  }

  /** An SPSS portable file: 200 bytes of title lines and a 256-byte character table before "SPSSPORT" (line ends may add some). */
  static boolean isSpssPortable(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, 700), StandardCharsets.ISO_8859_1);
    int at = head.indexOf("SPSSPORT");
    return at >= 400 && head.contains("SPSS PORT FILE");
  }

  private static boolean isEncryptedSav(byte[] b) {
    return new String(b, 0, Math.min(b.length, 40), StandardCharsets.ISO_8859_1).contains("ENCRYPTEDSAV");
  }

  static byte[] bytes(Path file) {
    // the bytes this run read and hashed once already (kernel.RunInputs), not a second read of the file
    java.util.Optional<byte[]> known = studybook.data.InputDigests.knownBytes(file);
    if (known.isPresent()) {
      return known.get();
    }
    try {
      long size = Files.size(file);
      long limit = ReadBudget.limit();
      if (size > limit / 2) {
        throw new DataException(new DataProblem(file, 0, null, null, "the file has " + size + " bytes, more than the memory"
            + " budget of one read (" + ReadBudget.megabytes(limit) + ") holds with its values",
            "read an extract, or raise the budget (STUDYBOOK_JAVA_OPTS=-Dstudybook.readBudget=BYTES)"));
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataException(new DataProblem(file, 0, null, null, "file not found", null));
    } catch (IOException e) {
      throw new DataException(new DataProblem(file, 0, null, null, "cannot be read: " + e.getMessage(), null));
    }
  }
}
