package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.CodebookLoader;
import studybook.data.StudyDataLoader;

/** The inference rules of README "Codebook inference", one by one, and the codebook they write loads the data. */
class CodebookInferenceTest {

  static CodebookInference.Inferred one(String name, CellKind kind, Map<String, String> labels, List<String> missing,
      String... cells) {
    return CodebookInference.infer(new SourceColumn(name, "", kind, labels, missing, ""), cells);
  }

  static CodebookInference.Inferred text(String name, String... cells) {
    return one(name, CellKind.TEXT, Map.of(), List.of(), cells);
  }

  @Test
  void eachRule() {
    assertEquals("id", text("patient_id", "a", "b", "c").type());
    assertEquals("categorical", text("valid", "a", "b", "c").type(), "not named like an id");
    assertEquals("binary", text("sex", "m", "f", "f", "NA").type());
    assertEquals(List.of("NA"), text("sex", "m", "f", "f", "NA").missingTokens());
    assertEquals(Map.of("", 1, "NA", 1, ".", 1), text("x", "1", "", "NA", ".", "2", "3").missingSeen());
    CodebookInference.Inferred stage = text("stage", "1", "2", "3", "1", "2", "3", "1", "2");
    assertEquals("categorical", stage.type());
    assertEquals(List.of("1", "2", "3"), stage.levels());
    CodebookInference.Inferred age = text("age", "34", "51", "67", "45", "72", "58", "29");
    assertEquals("integer", age.type());
    assertEquals("29", age.min());
    assertEquals("72", age.max());
    assertEquals("continuous", text("bmi", "22.5", "31.25", "27").type());
    assertEquals("date", text("seen", "2020-01-01", "2021-02-03", "2022-03-04").type());
    CodebookInference.Inferred german = text("seen", "01.01.2020", "03.02.2021", "04.03.2022");
    assertEquals("date", german.type());
    assertEquals("dd.MM.yyyy", german.unit());
    CodebookInference.Inferred unknown = text("size", "12", "14", "unknown", "15", "16", "17", "18", "19", "20", "21", "22");
    assertEquals("integer", unknown.type());
    assertEquals(List.of("unknown"), unknown.missingTokens());
    assertTrue(unknown.why().contains("'unknown' in a numeric column taken as missing: review"), unknown.why());
    CodebookInference.Inferred labelled = one("grade", CellKind.NUMBER, Map.of("1", "G1", "2", "G2", "-9", "Refused"),
        List.of("-9"), "1", "2", "-9", "3");
    assertEquals(List.of("1", "2", "3"), labelled.levels().stream().sorted().toList());
    assertTrue(labelled.levelLabels().containsAll(List.of("G1", "G2", "3")));
    assertEquals(List.of("-9"), labelled.missingTokens());
    assertEquals("continuous", text("empty", "", "NA").type(), "an all-missing column is kept, not dropped");
    CodebookInference.Inferred score = one("score", CellKind.NUMBER, Map.of("-9", "Refused"), List.of("-9"),
        "3", "-9", "5", "4", "7", "8", "9", "10");
    assertEquals("integer", score.type(), "labels of missing codes alone keep a number a number");
  }

  @Test
  void theInferredCodebookOfEveryFixtureLoadsItsData(@TempDir Path tmp) throws Exception {
    for (String file : List.of("patients.csv", "patients.sav", "patients_v13.dta", "patients.xpt", "user_missing.sav",
        "extended_missing.dta", "patients_onesheet.xlsx")) {
      Path data = ReadersAgreeTest.DIR.resolve(file);
      SourceTable t = DataReaders.read(data, ReadOptions.defaults());
      List<CodebookInference.Inferred> inferred = CodebookInference.infer(t);
      assertEquals(t.names(), inferred.stream().map(CodebookInference.Inferred::name).toList(), "no column dropped");
      Path cb = tmp.resolve(file + ".codebook.csv");
      Files.writeString(cb, CodebookInference.toCsv(inferred));
      assertEquals(t.rowCount(), StudyDataLoader.load(data, CodebookLoader.load(cb)).rowCount(), file);
    }
  }
}
