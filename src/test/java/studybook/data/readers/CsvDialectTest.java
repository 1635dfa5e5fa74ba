package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studybook.data.DataException;

/** CSV dialect detection (issue 24, item 4): delimiter, decimal mark, encoding and line ends, declared options winning. */
class CsvDialectTest {
  static final Path DIR = Path.of("src/test/resources/readers");
  final List<String> notes = new ArrayList<>();
  @TempDir Path dir;

  {
    DataReaders.NOTES.set(notes::add);
  }

  @AfterEach
  void restore() {
    DataReaders.NOTES.remove();
  }

  private static byte[] bytes(String text, Charset cs) {
    return text.getBytes(cs);
  }

  @Test
  void aGermanSpreadsheetCsvReadsAsItsCommaTwin() {
    // patients_de.csv is written as LibreOffice/Excel write "CSV" in a German locale: ';' separated,
    // ',' decimals, CRLF, Windows-1252 umlauts. patients_de_twin.csv holds the same data as plain CSV.
    Path de = DIR.resolve("patients_de.csv");
    SourceTable t = DataReaders.read(de, ReadOptions.defaults());
    SourceTable twin = DataReaders.read(DIR.resolve("patients_de_twin.csv"), ReadOptions.defaults());
    assertEquals(twin.names(), t.names());
    assertEquals(twin.rowCount(), t.rowCount());
    for (int c = 0; c < twin.columns().size(); c++) {
      assertArrayEquals(twin.cells()[c], t.cells()[c], twin.names().get(c));
    }
    assertArrayEquals(twin.rows(), t.rows());
    assertEquals("K\u00f6ln", t.row(0)[7]);
    assertEquals("22.5", t.row(0)[3]);
    assertEquals(List.of("studybook: patients_de.csv read as ';'-separated with ',' decimals, windows-1252, CRLF line ends"
        + " (detected encoding, delimiter, decimal; --delimiter/--decimal/--encoding or data.delimiter/data.decimal/data.encoding override)"),
        notes);
    assertTrue(twin.rowCount() > 0 && notes.size() == 1, "the plain twin is read without a note");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " | ", value = {
    // case                 | text (\n, \r, \t escaped)                 | encoding   | delimiter | decimal | charset      | line ends
    "comma LF               | a,b\\n1.5,x\\n2,y\\n                       | UTF-8      | ,         | .       | UTF-8        | LF",
    "comma CRLF with BOM    | \uFEFFa,b\\r\\n1.5,x\\r\\n                 | UTF-8      | ,         | .       | UTF-8        | CRLF",
    "semicolon, decimal comma | a;b\\n1,5;x\\n2;y\\n                     | UTF-8      | ;         | ,       | UTF-8        | LF",
    "semicolon, decimal point | a;b\\n1.5;x\\n2;y\\n                     | UTF-8      | ;         | .       | UTF-8        | LF",
    "tab                    | a\\tb\\n1.5\\tx\\n                         | UTF-8      | tab       | .       | UTF-8        | LF",
    "tab, decimal comma     | a\\tb\\n1,5\\tx\\n                         | UTF-8      | tab       | ,       | UTF-8        | LF",
    "pipe                   | a|b\\n1.5|x\\n                             | UTF-8      | '|'       | .       | UTF-8        | LF",
    "CR only                | a,b\\r1.5,x\\r2,y\\r                       | UTF-8      | ,         | .       | UTF-8        | CR",
    "quoted delimiters      | a;b\\n\"1,2,3\";x\\n\"4,5\";y\\n           | UTF-8      | ;         | ,       | UTF-8        | LF",
    "Windows-1252           | a;b\\n1;\u00e4\u20ac\\n                    | windows-1252 | ;       | ,       | windows-1252 | LF",
    "ISO-8859-1 (0x81)      | a,b\\n1,\u0081\\n                          | ISO-8859-1 | ,         | .       | ISO-8859-1   | LF",
    "one column             | a\\n1\\n2\\n                               | UTF-8      | ,         | .       | UTF-8        | LF",
    "ragged: header decides | a;b;c\\n1;2;3\\n4;5\\n                     | UTF-8      | ;         | ,       | UTF-8        | LF",
  })
  void eachDialectIsDetected(String what, String text, String written, String delimiter, String decimal, String charset,
      String lineEnds) {
    String t = text.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    CsvDialect d = CsvDialect.detect(bytes(t, Charset.forName(written)), ReadOptions.defaults());
    assertEquals(delimiter.equals("tab") ? '\t' : delimiter.charAt(0), d.delimiter(), what);
    assertEquals(decimal.charAt(0), d.decimal(), what);
    assertEquals(Charset.forName(charset), d.encoding(), what);
    assertEquals(lineEnds, d.lineEnds(), what);
    assertEquals(what.equals("one column"), !d.ambiguous().isEmpty(), what);
  }

  @Test
  void aOneColumnFileIsReadAsCommaSeparatedAndSaid() throws IOException {
    Path f = dir.resolve("one.csv");
    Files.writeString(f, "x\n1\n2\n");
    assertTrue(DataReaders.isPlainCsv(f, ReadOptions.defaults()));
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).contains("one column: no delimiter in the header, so read as ','-separated"), notes.get(0));
  }

  @Test
  void declaredOptionsWin() throws IOException {
    Path de = DIR.resolve("patients_de.csv");
    // A declared decimal point: the commas stay, so the value is text, not 22.5.
    SourceTable point = DataReaders.read(de, ReadOptions.defaults().withDecimal('.'));
    assertEquals("22,5", point.row(0)[3]);
    // A declared encoding: the Windows-1252 bytes are not UTF-8, and that is said at their line.
    DataException e = assertThrows(DataException.class,
        () -> DataReaders.read(de, ReadOptions.defaults().withEncoding(StandardCharsets.UTF_8)));
    assertEquals(2, e.first().line());
    // A declared ISO-8859-1 reads the umlauts the same (they are the same bytes there).
    assertEquals("K\u00f6ln", DataReaders.read(de, ReadOptions.defaults().withEncoding(StandardCharsets.ISO_8859_1)).row(0)[7]);
    // A declared comma on a semicolon file: one column, refused with the way out.
    Path semi = dir.resolve("semi.csv");
    Files.writeString(semi, "a;b\n1;2\n");
    DataException c = assertThrows(DataException.class,
        () -> DataReaders.read(semi, ReadOptions.defaults().withDelimiter(',')));
    assertTrue(c.first().message().contains("looks ';'-separated"), c.first().message());
    CsvDialect d = CsvDialect.detect(Files.readAllBytes(de), ReadOptions.defaults().withDelimiter('|').withDecimal('.')
        .withEncoding(StandardCharsets.ISO_8859_1));
    assertEquals(List.of(), d.detected());
    assertTrue(d.note(de).endsWith("(declared)"), d.note(de));
  }

  @Test
  void detectionIsDeterministicAndLooksAtWholeLinesOfTheHead() throws IOException {
    // A file longer than the head DataReaders.isPlainCsv looks at, its cut at the head's end falling mid-record.
    StringBuilder s = new StringBuilder("a;b;c\n");
    for (int i = 0; s.length() < DataReaders.HEAD + 500; i++) {
      s.append(i).append(";x").append(i % 7).append(";").append(i).append(",25\n");
    }
    Path f = dir.resolve("long.csv");
    Files.writeString(f, s);
    assertTrue(!DataReaders.isPlainCsv(f, ReadOptions.defaults()));
    byte[] b = Files.readAllBytes(f);
    assertEquals(CsvDialect.detect(b, ReadOptions.defaults()), CsvDialect.detect(b.clone(), ReadOptions.defaults()));
    assertEquals("1.25", DataReaders.read(f, ReadOptions.defaults()).row(1)[2]);
  }
}
