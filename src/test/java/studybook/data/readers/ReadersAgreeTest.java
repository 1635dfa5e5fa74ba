package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;

/**
 * The same eight patients, written by independent tools (src/test/r/reader_fixtures.R and .sh: R's
 * write.csv, haven, foreign, openxlsx; Debian's readstat; a REDCap pair), read through each reader and
 * the one codebook, give identical frames: names, level codes, numbers and dates (epoch days).
 */
class ReadersAgreeTest {
  static final Path DIR = Path.of("src/test/resources/readers");

  static Stream<Arguments> files() {
    ReadOptions d = ReadOptions.defaults();
    return Stream.of(
        Arguments.of("patients_eu.csv", d.withDelimiter(';').withEncoding(StandardCharsets.ISO_8859_1)),
        Arguments.of("patients.xlsx", d.withSheet("patients")),
        Arguments.of("patients.sav", d),
        Arguments.of("patients_uncompressed.sav", d),
        Arguments.of("patients.zsav", d),
        Arguments.of("patients_v12.dta", d),
        Arguments.of("patients_v13.dta", d),
        Arguments.of("patients_v14.dta", d),
        Arguments.of("patients_v15.dta", d),
        Arguments.of("patients.xpt", d),
        Arguments.of("patients.sas7bdat", d),
        Arguments.of("redcap_data.csv", d.withDictionary(DIR.resolve("redcap_dictionary.csv"))));
  }

  static Frame reference() {
    return StudyDataLoader.load(DIR.resolve("patients.csv"), codebook());
  }

  static Codebook codebook() {
    return CodebookLoader.load(DIR.resolve("patients_codebook.csv"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyFormatGivesTheFrameOfTheCsv(String file, ReadOptions options) {
    Frame expected = reference();
    Frame actual = StudyDataLoader.load(DIR.resolve(file), codebook(), options);
    assertSameFrame(expected, actual, file);
  }

  static void assertSameFrame(Frame expected, Frame actual, String what) {
    assertEquals(expected.columnNames(), actual.columnNames(), what);
    assertEquals(expected.rowCount(), actual.rowCount(), what);
    for (String c : expected.columnNames()) {
      assertEquals(expected.kind(c), actual.kind(c), what + " " + c);
      if (expected.kind(c) == studybook.data.VariableKind.CATEGORICAL) {
        assertEquals(expected.levels(c), actual.levels(c), what + " " + c);
        assertArrayEquals(expected.codes(c), actual.codes(c), what + " " + c);
      } else {
        assertArrayEquals(expected.values(c), actual.values(c), 0.0, what + " " + c);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theDatesAreDaysSince1970AndTheMissingAgeIsNaN() {
    Frame f = reference();
    assertEquals(java.time.LocalDate.of(2019, 3, 14).toEpochDay(), f.values("resected")[0]);
    assertEquals(Double.NaN, f.values("age")[2]);
    assertEquals(List.of("1", "2"), f.levels("sex"));
  }

  @org.junit.jupiter.api.Test
  void stata114ByForeignAgreesOnEveryColumnItStoresAsSuch() {
    // foreign::write.dta stores R dates as plain numbers (days since 1960) without %td: its columns but the dates agree.
    SourceTable t = DataReaders.read(DIR.resolve("patients_v10_foreign.dta"), ReadOptions.defaults());
    SourceTable csv = DataReaders.read(DIR.resolve("patients_v14.dta"), ReadOptions.defaults());
    for (int c = 0; c < 5; c++) {
      assertArrayEquals(csv.cells()[c], t.cells()[c], t.names().get(c));
      assertEquals(csv.columns().get(c).valueLabels(), t.columns().get(c).valueLabels());
      assertEquals(csv.columns().get(c).label(), t.columns().get(c).label());
    }
    assertEquals("21622", t.cells()[5][0]); // 2019-03-14 is day 21622 after 1960-01-01
  }
}
