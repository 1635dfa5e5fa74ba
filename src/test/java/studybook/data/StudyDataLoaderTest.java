package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudyDataLoaderTest {
  static final Path CODEBOOK = Path.of("src/test/resources/data/mini_codebook.csv");
  static final Path DATA = Path.of("src/test/resources/data/mini_study.csv");
  static final String HEADER = "patient_id,age,sex,size_mm,margin\n";

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path f = dir.resolve("study.csv");
    Files.write(f, content.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  private static Codebook codebook() {
    return CodebookLoader.load(CODEBOOK);
  }

  @Test
  void typesEveryColumnByTheCodebook() {
    Frame f = StudyDataLoader.load(DATA, codebook());
    assertEquals(List.of("patient_id", "age", "sex", "size_mm", "margin"), f.columnNames());
    assertEquals(5, f.rowCount());
    assertEquals(VariableKind.CONTINUOUS, f.kind("age"));
    assertArrayEquals(new double[] {54, 61, Double.NaN, 47, 70}, f.values("age"));
    assertArrayEquals(new double[] {5.2, Double.NaN, 8, Double.NaN, 3.5}, f.values("size_mm"));
    // The codebook's level order, not the alphabet: "male" is the reference level.
    assertEquals(List.of("male", "female"), f.levels("sex"));
    assertArrayEquals(new int[] {0, 1, 1, 0, 1}, f.codes("sex"));
    // "unknown" is a declared missing token of margin, like the empty cell.
    assertEquals(List.of("negative", "positive", "indeterminate"), f.levels("margin"));
    assertArrayEquals(new int[] {0, 1, 2, -1, -1}, f.codes("margin"));
    assertEquals(VariableKind.CATEGORICAL, f.kind("patient_id"));
    assertEquals(List.of("P1", "P2", "P3", "P4", "P5"), f.levels("patient_id"));
    assertArrayEquals(new int[] {2, 3, 4, 5, 6}, f.lines());
  }

  @Test
  void levelsAbsentFromTheDataAreStillLevels() throws IOException {
    Frame f = StudyDataLoader.load(write(HEADER + "P1,50,female,1,positive\n"), codebook());
    assertEquals(List.of("male", "female"), f.levels("sex"));
    assertArrayEquals(new int[] {1}, f.codes("sex"));
  }

  @Test
  void columnOrderInTheFileDoesNotMatter() throws IOException {
    Frame f = StudyDataLoader.load(write("margin,sex,size_mm,age,patient_id\npositive,male,2,40,A\n"), codebook());
    assertEquals(List.of("patient_id", "age", "sex", "size_mm", "margin"), f.columnNames());
    assertArrayEquals(new double[] {40}, f.values("age"));
  }

  @Test
  void bomCrlfAndQuotedCommasAndNewlinesAreAccepted() throws IOException {
    Frame f = StudyDataLoader.load(write("\uFEFF" + HEADER.replace("\n", "\r\n")
        + "\"P,1\r\nb\",54,male,\"5.5\",negative\r\n"
        + "P2,-0,female,+0.5e1,positive\r\n"), codebookWithAgeFromMinus1());
    assertEquals(List.of("P,1\r\nb", "P2"), f.levels("patient_id"));
    assertArrayEquals(new int[] {2, 4}, f.lines());
    assertEquals("0.0", Double.toString(f.values("age")[1]));
    assertEquals(5.0, f.values("size_mm")[1]);
  }

  private Codebook codebookWithAgeFromMinus1() throws IOException {
    Path cb = dir.resolve("codebook.csv");
    Files.writeString(cb, Files.readString(CODEBOOK).replace(",18,100,", ",-1,100,"));
    return CodebookLoader.load(cb);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ; ", nullValues = "null", value = {
    // case                   ; data rows after the header (\n = line end)             ; line ; column     ; value
    "unknown level            ; P1,54,male,5.2,negativ                                  ; 2    ; margin     ; negativ",
    "level in wrong case      ; P1,54,Male,5.2,negative                                 ; 2    ; sex        ; Male",
    "undeclared missing token ; P1,54,male,5.2,n/a                                      ; 2    ; margin     ; n/a",
    "non-numeric value        ; P1,fifty,male,5.2,negative                              ; 2    ; age        ; fifty",
    "non-integer in integer   ; P1,54.5,male,5.2,negative                               ; 2    ; age        ; 54.5",
    "below min                ; P1,17,male,5.2,negative                                 ; 2    ; age        ; 17",
    "above max                ; P1,54,male,50.01,negative                               ; 2    ; size_mm    ; 50.01",
    "NaN                      ; P1,54,male,NaN,negative                                 ; 2    ; size_mm    ; NaN",
    "Inf                      ; P1,54,male,Inf,negative                                 ; 2    ; size_mm    ; Inf",
    "-Infinity                ; P1,54,male,-Infinity,negative                           ; 2    ; size_mm    ; -Infinity",
    "beyond double range      ; P1,54,male,1e400,negative                               ; 2    ; size_mm    ; 1e400",
    "thousands separator      ; P1,54,male,\"1,234\",negative                           ; 2    ; size_mm    ; '1,234'",
    "decimal comma            ; P1,54,male,\"5,2\",negative                             ; 2    ; size_mm    ; '5,2'",
    "hexadecimal              ; P1,0x20,male,5.2,negative                               ; 2    ; age        ; 0x20",
    "duplicate id             ; P1,54,male,5.2,negative\\nP2,54,male,5.2,negative\\nP1,60,male,1,negative ; 4 ; patient_id ; P1",
    "missing required level   ; P1,54,,5.2,negative                                     ; 2    ; sex        ; ''",
    "missing required id      ; P1,54,male,5.2,negative\\n,54,male,5.2,negative         ; 3    ; patient_id ; ''",
    "blank required id        ; '  ,54,male,5.2,negative'                               ; 2    ; patient_id ; '  '",
    "row with too few fields  ; P1,54,male,5.2,negative\\nP2,54,male                    ; 3    ; null       ; null",
    "unclosed quote           ; P1,54,male,5.2,negative\\nP2,54,\"male,5.2,negative      ; 3    ; sex        ; null",
    "control character        ; P1,54,ma\u0007le,5.2,negative                           ; 2    ; sex        ; null",
    "lone carriage return     ; P1,54,male,5.2,negative\rP2,1,male,1,negative          ; 2    ; margin     ; null",
  })
  void eachValueProblemIsLocatedByFileLineColumnAndValue(String what, String rows, int line, String column,
      String value) throws IOException {
    Path file = write(HEADER + rows.replace("\\n", "\n") + "\n");
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(file, codebook()), what);
    assertEquals(1, e.problems().size(), () -> what + ": " + e.getMessage());
    DataProblem p = e.first();
    assertEquals(file, p.file(), what);
    assertEquals(line, p.line(), what);
    assertEquals(column, p.column(), what);
    assertEquals(value, p.value(), what);
    assertTrue(p.hint() == null || !p.hint().isBlank(), what);
  }

  @Test
  void aLevelWithBlanksAroundItIsReadAsTheLevelAndSaid() throws IOException {
    // The codebook's levels cannot hold blanks around them; R and haven keep ' male' (issue 24): it is
    // read as 'male' and said once per column, not refused, nor silently changed.
    java.util.List<String> notes = new java.util.ArrayList<>();
    studybook.data.readers.DataReaders.NOTES.set(notes::add);
    try {
      Frame f = StudyDataLoader.load(write(HEADER + "P1,54, male,5.2,negative\nP2,50,female ,1,positive\n"
          + "P3,51, male,1,positive\n"), codebook());
      assertEquals(List.of("male", "female", "male"), List.of(f.text("sex", 0), f.text("sex", 1), f.text("sex", 2)));
    } finally {
      studybook.data.readers.DataReaders.NOTES.remove();
    }
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("column 'sex': ' male', 'female ' read as levels without the blanks around them"
        + " (first at line 2)"), notes.get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ; ", nullValues = "null", value = {
    // case                 ; whole file (\n = line end)                                        ; line ; column
    "empty file             ; ''                                                                ; 0    ; null",
    "blank lines only       ; \\n\\n                                                            ; 0    ; null",
    "header only            ; patient_id,age,sex,size_mm,margin\\n                              ; 0    ; null",
    "duplicated column      ; patient_id,age,sex,size_mm,margin,age\\nP1,54,male,5,negative,54\\n ; 1  ; age",
    "column not in codebook ; patient_id,age,sex,size_mm,margin,colour\\nP1,54,male,5,negative,red\\n ; 1 ; colour",
    "variable not in data   ; patient_id,age,sex,size_mm\\nP1,54,male,5\\n                     ; 1    ; margin",
    "misspelled column      ; patient_id,age,sex,size_mm,margn\\nP1,54,male,5,negative\\n      ; 1    ; margn",
  })
  void eachFileProblemIsLocated(String what, String content, int line, String column) throws IOException {
    Path file = write(content.replace("\\n", "\n"));
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(file, codebook()), what);
    assertEquals(file, e.first().file(), what);
    assertEquals(line, e.first().line(), what);
    assertEquals(column, e.first().column(), what);
    assertEquals(null, e.first().value(), what);
  }

  @Test
  void semicolonTabAndCrOnlyFilesAreDetectedAndReadAsTheirCommaTwin() throws IOException {
    // Were refused ("the header looks ';'-separated", "unexpected character after a quoted field"; issue 24).
    String rows = "P1,54,male,5.2,negative\nP2,61,female,12,positive\n";
    Frame comma = StudyDataLoader.load(write(HEADER + rows), codebook());
    for (String[] d : new String[][] {{";", ",", "\r\n"}, {"\t", ".", "\n"}, {",", ".", "\r"}}) {
      String text = (HEADER + rows).replace(",", d[0]).replace("5.2", "5" + d[1] + "2").replace("\n", d[2]);
      Frame other = StudyDataLoader.load(write(text), codebook());
      assertArrayEquals(comma.values("size_mm"), other.values("size_mm"), text);
      assertArrayEquals(comma.codes("sex"), other.codes("sex"), text);
      assertArrayEquals(comma.lines(), other.lines(), text);
    }
  }

  @Test
  void aDeclaredDelimiterWinsOverDetection() throws IOException {
    Path file = write("patient_id;age;sex;size_mm;margin\nP1;54;male;5.2;negative\n");
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(file, codebook(),
        studybook.data.readers.ReadOptions.defaults().withDelimiter(',')));
    assertEquals(1, e.first().line());
    assertTrue(e.first().message().contains("looks ';'-separated"), e.first().message());
  }

  @Test
  void aMisspelledColumnNamesBothSidesWithTheWayOut() throws IOException {
    Path file = write("patient_id,age,sex,size_mm,margn\nP1,54,male,5,negative\n");
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(file, codebook()));
    assertEquals(List.of("margn", "margin"), e.problems().stream().map(DataProblem::column).toList());
    assertTrue(e.first().hint().contains("'margin'"), e.first().hint());
  }

  @Test
  void undeclaredMissingTokenHintSaysHowToDeclareIt() throws IOException {
    Path file = write(HEADER + "P1,54,male,5.2,n/a\n");
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(file, codebook()));
    assertTrue(e.first().hint().contains("declare it as a missing token of 'margin' in " + CODEBOOK), e.first().hint());
  }

  @Test
  void reportsAllProblemsInFileOrder() throws IOException {
    Path file = write("patient_id,age,sex,size_mm,margin,extra\n"
        + "P1,17,male,5.2,negative,x\n"
        + "P2,40,female,big,nope,x\n"
        + "P1,40.5,,5,negative,x\n");
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(file, codebook()));
    assertEquals(List.of(1, 2, 3, 3, 4, 4, 4), e.problems().stream().map(DataProblem::line).toList());
    assertEquals(List.of("extra", "age", "size_mm", "margin", "patient_id", "age", "sex"),
        e.problems().stream().map(DataProblem::column).toList());
    assertEquals(java.util.Arrays.asList(null, "17", "big", "nope", "P1", "40.5", ""),
        e.problems().stream().map(DataProblem::value).toList());
  }

  @Test
  void problemsBeforeABrokenRecordAreKept() throws IOException {
    Path file = write(HEADER + "P1,17,male,5.2,negative\nP2,40,female\n");
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(file, codebook()));
    assertEquals(List.of(2, 3), e.problems().stream().map(DataProblem::line).toList());
  }

  @Test
  void stopsAtMaxProblems() throws IOException {
    StringBuilder s = new StringBuilder(HEADER);
    for (int i = 0; i < 200; i++) {
      s.append("P").append(i).append(",12,male,1,negative\n");
    }
    DataException e = assertThrows(DataException.class, () -> StudyDataLoader.load(write(s.toString()), codebook()));
    assertEquals(DataException.MAX_PROBLEMS, e.problems().size());
    assertEquals(2, e.first().line());
    assertEquals(DataException.MAX_PROBLEMS + 1, e.problems().get(DataException.MAX_PROBLEMS - 1).line());
  }

  /**
   * A level mistyped in the codebook ('femal'): one problem at the codebook's line naming the data's
   * value and how many rows hold it, not one "unknown level" per data row.
   */
  @Test
  void aCodebookLevelTypoIsOneProblemAtTheCodebookLine() throws IOException {
    Path cb = dir.resolve("codebook.csv");
    Files.writeString(cb, Files.readString(CODEBOOK).replace("sex,Sex,binary,male|female,", "sex,Sex,binary,male|femal,"));
    StringBuilder data = new StringBuilder(HEADER);
    for (int i = 1; i <= 30; i++) {
      data.append("P").append(i).append(",50,").append(i % 2 == 0 ? "female" : "male").append(",1,positive\n");
    }
    DataException e = assertThrows(DataException.class,
        () -> StudyDataLoader.load(write(data.toString()), CodebookLoader.load(cb)));
    assertEquals(1, e.problems().size(), e.problems().toString());
    DataProblem p = e.problems().get(0);
    assertEquals(cb, p.file());
    assertEquals(4, p.line(), "the codebook line of sex");
    assertTrue(p.message().contains("the codebook declares 'femal' where the data hold 'female' (15 rows, the first at "
        + "line 3 of"), p.message());
    // a typo in a few data rows, the codebook right: still one problem per row
    DataException rows = assertThrows(DataException.class, () -> StudyDataLoader.load(
        write(HEADER + "P1,50,female,1,positive\nP2,50,femal,1,positive\nP3,50,femal,1,positive\n"), codebook()));
    assertEquals(2, rows.problems().size(), rows.problems().toString());
  }
}
