package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Public test files that other tools wrote (src/test/resources/readers/conformance/README.md names each
 * one's source and licence) read as R's haven reads them: the committed FILE.haven.csv, written by
 * src/test/r/reader_conformance.R, holds haven's values (FILE.pandas.csv, pandas', where haven is wrong); studybook's (those `studybook data FILE`
 * prints) must equal them column by column, numbers to 1e-12 relative, everything else exactly.
 */
class ReaderConformanceTest {
  static final Path DIR = Path.of("src/test/resources/readers/conformance");

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(f -> reference(f) != null).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsAsHavenReads(Path file) throws IOException {
    List<List<String>> ours = ValuesCsv.rows(DataReaders.read(file, ReadOptions.defaults()));
    List<List<String>> haven = parse(Files.readString(reference(file), StandardCharsets.UTF_8));
    assertEquals(haven.get(0), ours.get(0), "the columns");
    assertEquals(haven.size(), ours.size(), "the rows");
    for (int r = 1; r < haven.size(); r++) {
      for (int c = 0; c < haven.get(0).size(); c++) {
        String want = haven.get(r).get(c);
        String got = ours.get(r).get(c);
        String where = file.getFileName() + " row " + r + " column " + haven.get(0).get(c);
        if (!want.equals(got)) {
          assertTrue(numbersEqual(want, got) || sameSasDate(want, got), where + ": haven '" + want + "', studybook '" + got + "'");
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void longStringLabelsAndMissingValuesOfSpssAreRead() {
    for (String name : List.of("haven_long_strings.sav", "haven_long_strings.zsav")) {
      SourceTable t = DataReaders.read(DIR.resolve(name), ReadOptions.defaults());
      SourceColumn code = t.columns().get(t.names().indexOf("code"));
      assertEquals(List.of("refused"), code.missingTokens(), name + ": record 7.22");
      assertEquals(java.util.Map.of("smoker_daily", "Daily smoker", "non_smoker", "Never smoked"), code.valueLabels(),
          name + ": record 7.21");
      assertEquals(List.of("long", "code", "num"), t.names(), name + ": one column per variable");
    }
  }

  /**
   * XPORT says no encoding: haven's UTF-8 text reads as UTF-8 (the conformance file), and the same
   * file with the text in Windows-1252 bytes (as SAS on Windows writes, blank-padded to the same width)
   * reads as the same text, where ISO-8859-1 would give control characters for the dash and the euro sign.
   */
  @org.junit.jupiter.api.Test
  void xportTextIsUtf8WhereItsBytesAreAndWindows1252Else(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path utf8 = DIR.resolve("haven_text_utf8.xpt");
    SourceTable t = DataReaders.read(utf8, ReadOptions.defaults());
    assertEquals("Café – text", t.columns().get(0).label());
    byte[] b = Files.readAllBytes(utf8);
    replace(b, "café – €5", "windows-1252");
    replace(b, "Café – text", "windows-1252");
    Path cp1252 = tmp.resolve("cp1252.xpt");
    Files.write(cp1252, b);
    SourceTable w = DataReaders.read(cp1252, ReadOptions.defaults());
    assertEquals("café – €5", w.cells()[0][0]);
    assertEquals("naïve", w.cells()[0][3], "UTF-8 bytes in one cell do not make the others UTF-8");
    assertEquals("Café – text", w.columns().get(0).label());
  }

  /** Replaces the UTF-8 bytes of {@code text} in {@code b} by its bytes in {@code charset}, padded with blanks. */
  private static void replace(byte[] b, String text, String charset) {
    byte[] from = text.getBytes(StandardCharsets.UTF_8);
    byte[] to = text.getBytes(java.nio.charset.Charset.forName(charset));
    for (int i = 0; i + from.length <= b.length; i++) {
      if (java.util.Arrays.equals(b, i, i + from.length, from, 0, from.length)) {
        java.util.Arrays.fill(b, i, i + from.length, (byte) ' ');
        System.arraycopy(to, 0, b, i, to.length);
        return;
      }
    }
    throw new AssertionError(text + " is not in the file");
  }

  /**
   * A binary strL (Stata's type 129: a file, e.g. an image, stored in a variable) is refused at its
   * bytes, naming the variable: read as text it was garbage (readstata13's vignettes/stata_strl.dta holds
   * a PNG). The file is pandas' strL file with its first long string's type byte set to 129 and, for
   * the binary case, two of its bytes set to NUL and 0x89.
   */
  @org.junit.jupiter.api.Test
  void aBinaryStrlIsRefusedNamingItsVariable(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    byte[] b = Files.readAllBytes(DIR.resolve("pandas_strl_119.dta"));
    int gso = new String(b, StandardCharsets.ISO_8859_1).indexOf("GSO");
    int type = gso + 3 + 4 + 8; // "GSO", v (4 bytes), o (8 bytes in format 119)
    assertEquals(130, b[type] & 0xff, "an ASCII strL in pandas' file");
    // Text in a binary strL (fileread() of a text file) is still text.
    b[type] = (byte) 129;
    Path textual = tmp.resolve("text_in_binary_strl.dta");
    Files.write(textual, b);
    assertEquals(ValuesCsv.rows(DataReaders.read(DIR.resolve("pandas_strl_119.dta"), ReadOptions.defaults())),
        ValuesCsv.rows(DataReaders.read(textual, ReadOptions.defaults())));
    int length = type + 1;
    int firstByte = length + 4;
    b[firstByte] = 0; // a NUL inside: binary data, as an image holds
    b[firstByte + 1] = (byte) 0x89;
    Path binary = tmp.resolve("binary_strl.dta");
    Files.write(binary, b);
    studybook.data.DataException e = org.junit.jupiter.api.Assertions.assertThrows(studybook.data.DataException.class,
        () -> DataReaders.read(binary, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("holds binary data in a long string"), e.getMessage());
    assertTrue(e.getMessage().contains("at byte offset " + type), e.getMessage());
  }

  /** SAS's special missing values are missing of their kind, named in the column's missing tokens. */
  @org.junit.jupiter.api.Test
  void sasSpecialMissingValuesAreDeclaredMissing() {
    SourceTable t = DataReaders.read(DIR.resolve("haven_tagged_na.sas7bdat"), ReadOptions.defaults());
    assertEquals(List.of(".A", ".H", ".Z"), t.columns().get(0).missingTokens(), "ReadStat's tags (the letter itself)");
    SourceTable ahs = DataReaders.read(DIR.resolve("ahs2013_omov.sas7bdat"), ReadOptions.defaults());
    assertTrue(ahs.columns().stream().anyMatch(c -> c.missingTokens().contains(".R")), "SAS's tags (2-27) in 3-byte numbers");
  }

  /**
   * haven 2.5.1 knows fewer SAS date formats than SAS has (it leaves DAY, YEAR, MONYY, WORDDATE, YYMMS,
   * ... as day counts) and reads DATEAMPM, a date-time format, as a date of as many days as the value has
   * seconds. Where studybook reads the format as SAS defines it, the same stored number must be behind both.
   */
  private static boolean sameSasDate(String haven, String ours) {
    java.time.LocalDate epoch = java.time.LocalDate.of(1960, 1, 1);
    if (haven.matches("-?\\d+") && ours.matches("\\d{4}-\\d\\d-\\d\\d")) {
      return epoch.plusDays(Long.parseLong(haven)).toString().equals(ours);
    }
    if (haven.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") && ours.matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
      return epoch.atStartOfDay().plusSeconds((long) Math.floor(Double.parseDouble(haven))).toString().equals(ours)
          || Cells.dateTime(epoch.atStartOfDay().plusSeconds((long) Math.floor(Double.parseDouble(haven)))).equals(ours);
    }
    if (haven.matches("\\d{4,}-\\d\\d-\\d\\d") && ours.matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
      String[] ymd = haven.split("-");
      java.time.LocalDate day = java.time.LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2]));
      long seconds = java.time.temporal.ChronoUnit.DAYS.between(epoch, day);
      return Cells.dateTime(epoch.atStartOfDay().plusSeconds(seconds)).equals(ours);
    }
    return false;
  }

  /**
   * The reading to compare with: haven's (readxl's for a workbook), or where haven 2.5.1 reads the file
   * wrong, pandas' or parso's (README there).
   */
  static Path reference(Path file) {
    for (String tool : List.of(".pandas.csv", ".parso.csv", ".haven.csv", ".readxl.csv")) {
      Path p = Path.of(file + tool);
      if (!file.toString().endsWith(".csv") && Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  private static boolean numbersEqual(String a, String b) {
    try {
      double x = Double.parseDouble(a);
      double y = Double.parseDouble(b);
      return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** RFC 4180 CSV as R's write.csv writes it (every field quoted, "" inside quotes). */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        any = true;
      } else if (ch == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        any = false;
      } else if (ch != '\r') {
        cell.append(ch);
        any = true;
      }
    }
    if (any || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
