package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodebookLoaderTest {
  static final String HEADER = "variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description\n";

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path f = dir.resolve("codebook.csv");
    Files.write(f, content.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  @Test
  void readsEveryFieldOfTheMiniCodebook() {
    Codebook cb = CodebookLoader.load(Path.of("src/test/resources/data/mini_codebook.csv"));
    assertEquals(List.of("patient_id", "age", "sex", "size_mm", "margin"), cb.names());

    CodebookVariable age = cb.variable("age");
    assertEquals(VariableType.INTEGER, age.type());
    assertEquals("Age", age.label());
    assertEquals("years", age.unit());
    assertEquals(OptionalDouble.of(18), age.min());
    assertEquals(OptionalDouble.of(100), age.max());
    assertEquals(List.of("NA"), age.missingTokens());
    assertFalse(age.required());
    assertEquals(SummaryStyle.MEAN_SD, age.summary());
    assertEquals(3, age.line());

    CodebookVariable sex = cb.variable("sex");
    assertEquals(VariableType.BINARY, sex.type());
    assertEquals(VariableKind.CATEGORICAL, sex.kind());
    assertEquals(List.of("male", "female"), sex.levels());
    assertEquals("male", sex.referenceLevel());
    assertEquals("Female", cb.levelLabel("sex", "female"));
    assertTrue(sex.required());

    CodebookVariable size = cb.variable("size_mm");
    assertEquals(List.of("NA", "n/a"), size.missingTokens());
    assertEquals("Largest diameter, in mm", size.description());
    assertEquals(SummaryStyle.MEDIAN_IQR, cb.summary("size_mm"));
    assertEquals(OptionalDouble.empty(), cb.variable("patient_id").min());

    // No level labels given: each level is its own label; the summary defaults to median_iqr.
    CodebookVariable margin = cb.variable("margin");
    assertEquals(List.of("negative", "positive", "indeterminate"), margin.levelLabels());
    assertEquals(SummaryStyle.MEDIAN_IQR, margin.summary());
    assertEquals("", margin.unit());
    assertEquals(VariableKind.CATEGORICAL, cb.variable("patient_id").kind());
  }

  @Test
  void labelDefaultsToTheNameAndOnlyVariableAndTypeAreCompulsory() throws IOException {
    Codebook cb = CodebookLoader.load(write("type,variable\ncontinuous,bmi\n"));
    assertEquals("bmi", cb.label("bmi"));
    assertEquals(VariableType.CONTINUOUS, cb.variable("bmi").type());
  }

  @Test
  void unknownVariableSuggestsTheNearestName() {
    Codebook cb = CodebookLoader.load(Path.of("src/test/resources/data/mini_codebook.csv"));
    DataException e = assertThrows(DataException.class, () -> cb.variable("sizemm"));
    assertEquals("sizemm", e.first().column());
    assertEquals("did you mean 'size_mm'?", e.first().hint());
    assertTrue(cb.find("sizemm").isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ; ", nullValues = "null", value = {
    // case                 ; var ; type        ; levels   ; labels ; min  ; max   ; missing ; required ; summary ; column       ; value
    "unknown type           ; x   ; numeric     ; ''       ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; type         ; numeric",
    "duplicate level        ; g   ; categorical ; a|b|a    ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; levels       ; a",
    "empty level            ; g   ; categorical ; a||b     ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; levels       ; a||b",
    "labels count           ; g   ; categorical ; a|b      ; A      ; ''   ; ''    ; ''      ; ''       ; ''      ; level_labels ; A",
    "binary with 3 levels   ; g   ; binary      ; a|b|c    ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; levels       ; a|b|c",
    "binary with 1 level    ; g   ; binary      ; a        ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; levels       ; a",
    "categorical no levels  ; g   ; categorical ; ''       ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; levels       ; ''",
    "level is missing token ; g   ; categorical ; a|NA     ; ''     ; ''   ; ''    ; NA      ; ''       ; ''      ; levels       ; NA",
    "levels on continuous   ; x   ; continuous  ; a|b      ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; levels       ; a|b",
    "labels on integer      ; x   ; integer     ; ''       ; A|B    ; ''   ; ''    ; ''      ; ''       ; ''      ; level_labels ; A|B",
    "min greater than max   ; x   ; continuous  ; ''       ; ''     ; 10   ; 5     ; ''      ; ''       ; ''      ; min          ; 10",
    "non-numeric min        ; x   ; integer     ; ''       ; ''     ; low  ; ''    ; ''      ; ''       ; ''      ; min          ; low",
    "non-numeric max        ; x   ; continuous  ; ''       ; ''     ; ''   ; 1,5   ; ''      ; ''       ; ''      ; max          ; 1,5",
    "max beyond double      ; x   ; continuous  ; ''       ; ''     ; ''   ; 1e400 ; ''      ; ''       ; ''      ; max          ; 1e400",
    "min on categorical     ; g   ; categorical ; a|b      ; ''     ; 0    ; ''    ; ''      ; ''       ; ''      ; min          ; 0",
    "bad required           ; x   ; continuous  ; ''       ; ''     ; ''   ; ''    ; ''      ; maybe    ; ''      ; required     ; maybe",
    "bad summary            ; x   ; continuous  ; ''       ; ''     ; ''   ; ''    ; ''      ; ''       ; mean    ; summary      ; mean",
    "no variable name       ; ''  ; continuous  ; ''       ; ''     ; ''   ; ''    ; ''      ; ''       ; ''      ; variable     ; ''",
  })
  void eachContradictionIsLocated(String what, String variable, String type, String levels, String labels, String min,
      String max, String missing, String required, String summary, String column, String value) throws IOException {
    String row = String.join(",", variable, "", type, levels, quote(labels), "", min, quote(max), missing, required,
        summary, "");
    Path file = write(HEADER + "ok,,continuous,,,,,,,,,\n" + row + "\n");
    DataException e = assertThrows(DataException.class, () -> CodebookLoader.load(file), what);
    assertEquals(1, e.problems().size(), () -> what + ": " + e.getMessage());
    DataProblem p = e.first();
    assertEquals(file, p.file());
    assertEquals(3, p.line(), what);
    assertEquals(column, p.column(), what);
    assertEquals(value, p.value(), what);
  }

  private static String quote(String cell) {
    return cell.contains(",") ? "\"" + cell + "\"" : cell;
  }

  @Test
  void duplicateVariableIsReportedAtItsSecondLine() throws IOException {
    Path file = write(HEADER + "x,,continuous,,,,,,,,,\ny,,integer,,,,,,,,,\nx,,integer,,,,,,,,,\n");
    DataException e = assertThrows(DataException.class, () -> CodebookLoader.load(file));
    assertEquals(4, e.first().line());
    assertEquals("variable", e.first().column());
    assertEquals("x", e.first().value());
  }

  @Test
  void everyContradictionIsReportedInFileOrder() throws IOException {
    Path file = write(HEADER
        + "a,,numbers,,,,,,,,,\n"
        + "b,,binary,y|n|m,,,9,1,,perhaps,,\n"
        + "c,,continuous,,,,,,,,,\n");
    DataException e = assertThrows(DataException.class, () -> CodebookLoader.load(file));
    assertEquals(List.of("type", "levels", "min", "max", "required"),
        e.problems().stream().map(DataProblem::column).toList());
    assertEquals(List.of(2, 3, 3, 3, 3), e.problems().stream().map(DataProblem::line).toList());
  }

  @Test
  void unknownHeaderColumnSuggestsTheNearest() throws IOException {
    Path file = write("variable,type,levles\nx,continuous,\n");
    DataException e = assertThrows(DataException.class, () -> CodebookLoader.load(file));
    assertEquals(1, e.first().line());
    assertEquals("levles", e.first().column());
    assertEquals("did you mean 'levels'?", e.first().hint());
  }

  @Test
  void missingCompulsoryColumnAndEmptyCodebookAreErrors() throws IOException {
    DataException noType = assertThrows(DataException.class, () -> CodebookLoader.load(write("variable,label\nx,X\n")));
    assertEquals("type", noType.first().column());
    DataException empty = assertThrows(DataException.class, () -> CodebookLoader.load(write(HEADER)));
    assertEquals(0, empty.first().line());
  }

  @Test
  void listItemsAreTrimmedAndEmptyMissingTokensIgnored() throws IOException {
    Codebook cb = CodebookLoader.load(write(HEADER + "g,,Categorical, a | b ,A|B,,,,NA||,YES,,\n"));
    CodebookVariable g = cb.variable("g");
    assertEquals(List.of("a", "b"), g.levels());
    assertEquals(List.of("NA"), g.missingTokens());
    assertTrue(g.required());
    assertEquals(VariableType.CATEGORICAL, g.type());
  }

  @Test
  void aMeanSummaryOnABinaryOrCategoricalVariableIsRefusedAtItsLine() throws IOException {
    Path file = write(HEADER + "age,Age,integer,,,years,0,120,,,mean_sd,\n"
        + "sex,Sex,binary,male|female,,,,,,,mean_sd,\n");
    DataException e = assertThrows(DataException.class, () -> CodebookLoader.load(file));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(3, e.first().line());
    assertEquals("summary", e.first().column());
    assertEquals("'sex': a mean_sd summary applies to numbers, and the variable is binary", e.first().message());
  }
}
