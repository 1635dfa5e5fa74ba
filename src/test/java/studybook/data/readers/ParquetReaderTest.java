package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;

/**
 * Parquet files written by an independent writer (DuckDB; src/test/parquet/ParquetFixtures.java) read
 * through the codebook give the frame of the same data as CSV, whatever the codec; a file whose schema
 * does not fit the codebook, or that is damaged, is one clear error naming the file and the column (and
 * the row or row group).
 */
class ParquetReaderTest {
  static final Path DIR = ReadersAgreeTest.DIR;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"patients.parquet", "patients_zstd.parquet", "patients_gzip.parquet", "patients_lz4.parquet",
      "patients_uncompressed.parquet"})
  void everyCodecGivesTheFrameOfTheCsv(String file) {
    // integers with a null, integer codes for levels, a DECIMAL(5,2), a DATE and a TIMESTAMP at midnight
    Frame actual = StudyDataLoader.load(DIR.resolve(file), ReadersAgreeTest.codebook(), ReadOptions.defaults());
    ReadersAgreeTest.assertSameFrame(ReadersAgreeTest.reference(), actual, file);
  }

  @Test
  void theGenericReaderWritesTheCellsAsOtherReadersDo() {
    SourceTable t = DataReaders.read(DIR.resolve("patients.parquet"), ReadOptions.defaults());
    assertEquals(List.of("pid", "age", "sex", "bmi", "stage", "resected", "lastseen"), t.names());
    assertEquals(List.of("P01", "34", "1", "22.5", "1", "2019-03-14", "2023-03-01T00:00:00"), Arrays.asList(t.row(0)));
    assertEquals("", t.cells()[1][2], "the null age is an empty cell");
    assertEquals("row 3", t.where(2));
    assertEquals(CellKind.DATE, t.columns().get(5).kind());
    assertEquals(CellKind.DATETIME, t.columns().get(6).kind());
    assertTrue(t.columns().get(3).format().startsWith("INT32 (DECIMAL(5,2))"), t.columns().get(3).format());
  }

  @Test
  void rowGroupsAreReadInTurnAndRowsCountedOverTheFile() {
    SourceTable t = DataReaders.read(DIR.resolve("patients_groups.parquet"), ReadOptions.defaults());
    assertEquals(4096, t.rowCount());
    assertEquals("P01-256", t.cells()[0][2048], "the first row of the second row group");
    assertEquals("row 4096", t.where(4095));
    SourceTable one = DataReaders.read(DIR.resolve("patients.parquet"), ReadOptions.defaults());
    for (int r = 0; r < t.rowCount(); r++) {
      for (int c = 1; c < one.names().size(); c++) {
        assertEquals(one.cells()[c][r % 8], t.cells()[c][r], t.where(r) + " " + t.names().get(c));
      }
    }
  }

  @Test
  void aSchemaThatDoesNotFitTheCodebookIsOneErrorNamingEachColumn() {
    DataException e = assertThrows(DataException.class, () -> load("patients_badtypes.parquet"));
    assertEquals(List.of("age", "stage", "resected"), e.problems().stream().map(DataProblem::column).toList(),
        e.getMessage());
    for (DataProblem p : e.problems()) {
      assertEquals(DIR.resolve("patients_badtypes.parquet"), p.file());
      assertTrue(p.message().startsWith("the Parquet column is "), p.describe());
    }
    assertTrue(e.problems().get(0).message().contains("BINARY (STRING), but the codebook declares integer"),
        e.problems().get(0).describe());
    assertTrue(e.problems().get(1).message().contains("DOUBLE, but the codebook declares categorical"),
        e.problems().get(1).describe());
  }

  @Test
  void aBooleanForLevelsThatAreNotTrueAndFalseIsRefusedByItsType() {
    DataException e = assertThrows(DataException.class, () -> load("patients_boolean.parquet"));
    DataProblem p = e.first();
    assertEquals("sex", p.column());
    assertTrue(p.message().contains("BOOLEAN, but the codebook declares binary"), p.describe());
    assertTrue(p.hint().contains("1|2"), p.hint());
  }

  @Test
  void aTimeOfDayInADateVariableIsAnErrorAtItsRow() {
    DataException e = assertThrows(DataException.class, () -> load("patients_moment.parquet"));
    DataProblem p = e.first();
    assertEquals("lastseen", p.column());
    assertTrue(p.message().startsWith("row 1: "), p.describe());
    assertEquals("2023-03-01T01:30:00", p.value());
  }

  @Test
  void aMissingColumnAndAnUnknownLevelAreSaidWithTheFileColumnAndRow(@TempDir Path tmp) throws IOException {
    Path codebook = tmp.resolve("codebook.csv");
    String text = Files.readString(DIR.resolve("patients_codebook.csv"))
        .replace("stage,Tumour stage,categorical,1|2|3,I|II|III", "stage,Tumour stage,categorical,1|2,I|II")
        + "weight,Weight,continuous,,,kg,,,,no,,\n";
    Files.writeString(codebook, text);
    Codebook cb = CodebookLoader.load(codebook);
    DataException e = assertThrows(DataException.class,
        () -> StudyDataLoader.load(DIR.resolve("patients.parquet"), cb, ReadOptions.defaults()));
    DataProblem missing = e.problems().stream().filter(p -> "weight".equals(p.column())).findFirst().orElseThrow();
    assertEquals(0, missing.line(), "a Parquet file has no header line: " + missing.describe());
    assertTrue(missing.message().contains("the data have no such column"), missing.describe());
    DataProblem level = e.problems().stream().filter(p -> "stage".equals(p.column())).findFirst().orElseThrow();
    assertEquals("3", level.value());
    assertTrue(level.message().matches("row \\d+: .*unknown level.*"), level.describe());
    assertEquals(DIR.resolve("patients.parquet"), level.file());
  }

  @Test
  void aNestedColumnIsRefusedByName() {
    DataException e = assertThrows(DataException.class, () -> load("patients_nested.parquet"));
    assertEquals("codes", e.first().column());
    assertTrue(e.first().message().contains("nested or repeated"), e.first().describe());
  }

  @Test
  void anUnreadCodecIsRefusedByName() {
    DataException e = assertThrows(DataException.class, () -> load("patients_brotli.parquet"));
    assertTrue(e.first().message().contains("compressed with brotli"), e.first().describe());
  }

  @Test
  void aTruncatedOrDamagedFileIsOneErrorNamingTheFile(@TempDir Path tmp) throws IOException {
    byte[] bytes = Files.readAllBytes(DIR.resolve("rectal_net_twin.parquet"));
    Path cut = tmp.resolve("cut.parquet");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    DataException e = assertThrows(DataException.class,
        () -> DataReaders.read(cut, ReadOptions.defaults()));
    assertEquals(cut, e.first().file());
    assertTrue(e.first().message().startsWith("is not a readable Parquet file: "), e.first().describe());

    // a page's bytes overwritten: the footer still reads, the row group does not
    byte[] damaged = bytes.clone();
    Arrays.fill(damaged, 200, 600, (byte) 0x7f);
    Path bad = tmp.resolve("bad.parquet");
    Files.write(bad, damaged);
    DataException d = assertThrows(DataException.class, () -> DataReaders.read(bad, ReadOptions.defaults()));
    assertTrue(d.first().message().matches("cannot be read in row group 1 of 1 \\(rows 1 to 322\\): .*"),
        d.first().describe());
    assertTrue(d.first().column() != null, d.first().describe());
  }

  @Test
  void aCsvFileNamedParquetSaysWhatItHolds(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("registry.parquet");
    Files.copy(DIR.resolve("patients.csv"), f);
    DataException e = assertThrows(DataException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
    assertTrue(e.first().message().contains("is read as an Apache Parquet file (.parquet) but is not"),
        e.first().describe());
  }

  private static Frame load(String file) {
    return StudyDataLoader.load(DIR.resolve(file), ReadersAgreeTest.codebook(), ReadOptions.defaults());
  }
}
