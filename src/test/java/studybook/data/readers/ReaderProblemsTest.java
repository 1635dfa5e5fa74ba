package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.StudyDataLoader;

/** Bad input: one clear error naming the file and where (line, sheet row and cell, or byte offset); and what the files carry. */
class ReaderProblemsTest {
  static final Path DIR = ReadersAgreeTest.DIR;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ; ", value = {
    // file                ; line ; words the message must hold
    "encrypted.sav         ; 0    ; encrypted",
    "truncated.sav         ; 0    ; byte offset 700",
    "truncated.sas7bdat    ; 0    ; the file ends before its last page",
    "not_really.sav        ; 0    ; is not an SPSS system file",
    "merged_header.xlsx    ; 1    ; merged cells",
    "formula.xlsx          ; 4    ; patients!B4 holds a formula",
    "mixed_delimiters.csv  ; 3    ; has 1 fields but the header has 3 columns",
    "old_stata6.dta        ; 0    ; Stata format 108 is older than studybook reads",
    "public/sample.por     ; 0    ; is an SPSS portable file",
    "public/strict_ooxml.xlsx ; 0 ; it is a Strict Open XML Spreadsheet",
  })
  void aBrokenFileIsOneLocatedError(String file, int line, String words) {
    DataException e = assertThrows(DataException.class, () -> DataReaders.read(DIR.resolve(file), ReadOptions.defaults()));
    DataProblem p = e.first();
    assertEquals(DIR.resolve(file), p.file());
    assertEquals(line, p.line(), e.getMessage());
    assertTrue(p.describe().contains(words), p.describe());
    assertTrue(p.hint() != null && !p.hint().isBlank(), p.describe());
  }

  @Test
  void isoTimesOfDayInAWorkbookAreSecondsAsTimesUnderATimeFormat() {
    // openpyxl stores 10:10:10 as t="d"; it was refused as "a date that is not an ISO date".
    SourceTable t = DataReaders.read(DIR.resolve("public/openpyxl_iso_dates.xlsx"), ReadOptions.defaults());
    assertEquals("2021-01-01", t.names().get(0), "the first row is the header");
    assertEquals(java.util.List.of("2021-01-01T10:10:10", "36610"), java.util.List.of(t.cells()[0][0], t.cells()[0][1]));
  }

  @Test
  void aFileThatIsAnotherFormatSaysWhatItHolds(@TempDir Path tmp) throws Exception {
    Path fake = tmp.resolve("patients.dta");
    Files.copy(DIR.resolve("patients.sav"), fake);
    DataException e = assertThrows(DataException.class, () -> DataReaders.read(fake, ReadOptions.defaults()));
    assertTrue(e.first().message().contains("holds an SPSS system file"), e.getMessage());
    assertTrue(e.first().hint().contains("data.format=sav"), e.getMessage());
  }

  @Test
  void aDateThatDoesNotExistIsAnErrorAtItsLine() throws Exception {
    Path codebook = Files.createTempFile("cb", ".csv");
    Files.writeString(codebook, "variable,type\npid,id\nage,integer\nresected,date\n");
    DataException e = assertThrows(DataException.class,
        () -> StudyDataLoader.load(DIR.resolve("bad_date.csv"), studybook.data.CodebookLoader.load(codebook)));
    assertEquals(2, e.first().line());
    assertEquals("resected", e.first().column());
    assertEquals("2023-02-30", e.first().value());
    assertEquals("the date does not exist", e.first().message());
  }

  @Test
  void aCaseOfABinaryFileIsLocatedByItsNumber() throws Exception {
    Path codebook = Files.createTempFile("cb", ".csv");
    Files.writeString(codebook, "variable,type,min,max\npid,id,,\nscore,integer,0,10\n");
    DataException e = assertThrows(DataException.class,
        () -> StudyDataLoader.load(DIR.resolve("user_missing.sav"), studybook.data.CodebookLoader.load(codebook)));
    assertTrue(e.first().message().startsWith("case 2: out of the allowed range"), e.getMessage());
    assertEquals("-9", e.first().value());
  }

  @Test
  void spssUserMissingAndValueLabelsComeFromTheFile() {
    SourceTable t = DataReaders.read(DIR.resolve("user_missing.sav"), ReadOptions.defaults());
    SourceColumn score = t.columns().get(1);
    assertEquals("Pain score", score.label());
    assertEquals(List.of("-9", "-8"), score.missingTokens());
    assertEquals(Map.of("-9", "Refused", "-8", "Unknown"), score.valueLabels());
  }

  @Test
  void stataExtendedMissingValuesAreTheirTokens() {
    SourceTable t = DataReaders.read(DIR.resolve("extended_missing.dta"), ReadOptions.defaults());
    assertEquals(List.of("3", ".a", "5", ".b", ""), List.of(t.cells()[1]));
    assertEquals(List.of(".a", ".b"), t.columns().get(1).missingTokens());
    assertEquals(Map.of(".a", "Refused", ".b", "Unknown"), t.columns().get(1).valueLabels());
  }

  @Test
  void redcapChoicesAndFieldLabelsComeFromTheDictionary() {
    SourceTable t = DataReaders.read(DIR.resolve("redcap_data.csv"),
        ReadOptions.defaults().withDictionary(DIR.resolve("redcap_dictionary.csv")));
    SourceColumn sex = t.columns().get(2);
    assertEquals("Sex", sex.label());
    assertEquals(List.of("1", "2"), List.copyOf(sex.valueLabels().keySet()));
    assertEquals(List.of("Male", "Female"), List.copyOf(sex.valueLabels().values()));
    assertEquals(CellKind.DATE, t.columns().get(5).kind());
  }

  @Test
  void sasWrittenDatasetsReadAsParsoRendersThem() {
    // mix_and_missing.sas7bdat and its CSV come from epam/parso's tests (SAS-written; Apache-2.0).
    SourceTable sas = DataReaders.read(DIR.resolve("public/mix_and_missing.sas7bdat"), ReadOptions.defaults());
    SourceTable csv = DataReaders.read(DIR.resolve("public/mix_and_missing.csv"), ReadOptions.defaults());
    assertEquals(csv.names(), sas.names());
    for (int c = 0; c < csv.columns().size(); c++) {
      assertEquals(List.of(csv.cells()[c]), List.of(sas.cells()[c]), csv.names().get(c));
    }
    SourceTable dates = DataReaders.read(DIR.resolve("public/date_format_date.sas7bdat"), ReadOptions.defaults());
    assertEquals(CellKind.DATE, dates.columns().get(0).kind());
    assertEquals("1960-01-01", dates.cells()[0][3]);
  }

  @Test
  void aReadStatWrittenSas7bdatIsReadWithEveryColumn() {
    // parso finds 6 of these 7 columns; the hand-written reader takes over and finds them all.
    SourceTable t = DataReaders.read(DIR.resolve("patients_readstat.sas7bdat"), ReadOptions.defaults());
    assertEquals(List.of("pid", "age", "sex", "bmi", "stage", "resected", "lastseen"), t.names());
    assertEquals("Tumour stage", t.columns().get(4).label());
    assertEquals(List.of("34", "51", "", "67", "45", "72", "58", "29"), List.of(t.cells()[1]));
  }

  /** An inline string of plain text and rich-text runs is read whole, as readxl reads it (POI alone drops the plain part). */
  @Test
  void anInlineStringOfPlainTextAndRunsIsReadWhole() {
    SourceTable t = DataReaders.read(DIR.resolve("public/readxl_inline_rich.xlsx"), ReadOptions.defaults());
    List<String> names = t.columns().stream().map(SourceColumn::name).toList();
    org.junit.jupiter.api.Assertions.assertEquals(List.of("NNNN", "BeforeHierarchy", "Outline Number", "ID", "Name",
        "Type", "Description"), names);
  }
}
