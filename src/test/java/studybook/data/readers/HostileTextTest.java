package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.CodebookVariable;
import studybook.data.DataException;

/**
 * Text from a file that would act on whoever opens what studybook writes: spreadsheet formulas in the
 * inferred codebook (OWASP "CSV Injection"), and invisible or bidirectional characters in levels.
 */
class HostileTextTest {
  @TempDir
  Path tmp;

  private SourceTable table(SourceColumn column, String... cells) {
    int[] rows = new int[cells.length];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r + 2;
    }
    return new SourceTable(tmp.resolve("data.csv"), SourceFormat.CSV, List.of(column), new String[][] {cells}, rows, "line");
  }

  @Test
  void formulasInTheInferredCodebookAreNeutralisedAndReadBackUnchanged() throws Exception {
    List<String> values = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "@SUM(A1)", "-2+3", "'quoted", "plain");
    String[] cells = values.toArray(new String[0]);
    SourceTable t = table(new SourceColumn("=cmd|' /C calc'!A0", "@label", CellKind.TEXT, Map.of(), List.of(), ""), cells);
    String csv = CodebookInference.toCsv(CodebookInference.infer(t));
    String row = csv.lines().toList().get(1);
    for (String field : row.split(",")) {
      String bare = field.startsWith("\"") ? field.substring(1) : field;
      assertTrue(bare.isEmpty() || "=+-@".indexOf(bare.charAt(0)) < 0, "a cell a spreadsheet runs: " + field + " in " + row);
    }
    Path file = tmp.resolve("codebook.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Codebook cb = CodebookLoader.load(file);
    CodebookVariable v = cb.variables().get(0);
    assertEquals("=cmd|' /C calc'!A0", v.name());
    assertEquals("@label", v.label());
    assertEquals(values.stream().sorted().toList(), v.levels().stream().sorted().toList());
  }

  @Test
  void numbersAreNotMarkedAsFormulas() {
    assertEquals("-9", CodebookLoader.protect("-9"));
    assertEquals("'-9|1", CodebookLoader.protect("-9|1"));
    assertEquals("'=1", CodebookLoader.protect("=1"));
  }

  @Test
  void aBidiOrInvisibleCharacterInACodebookLevelIsRefusedAtItsLine() throws Exception {
    Path file = tmp.resolve("codebook.csv");
    Files.writeString(file, "variable,type,levels\nsex,binary,male|fe\u202Emale\n", StandardCharsets.UTF_8);
    DataException e = assertThrows(DataException.class, () -> CodebookLoader.load(file));
    assertEquals(2, e.first().line());
    assertEquals("levels", e.first().column());
    assertTrue(e.first().message().contains("invisible or control character U+202E"), e.first().describe());
  }

  @Test
  void aBidiOrInvisibleCharacterInADataValueIsRefusedWhereItStands() {
    SourceTable t = table(SourceColumn.plain("arm", CellKind.TEXT), "a", "b", "a\u200Bb", "a");
    DataException e = assertThrows(DataException.class, () -> CodebookInference.infer(t));
    assertEquals(4, e.first().line());
    assertEquals("arm", e.first().column());
    assertTrue(e.first().message().contains("U+200B"), e.first().describe());
  }

  @Test
  void controlCharactersInLabelsAreShownAsEscapes() {
    SourceTable t = table(new SourceColumn("grade", "Grade\u001b]52;c;ZXZpbA==\u0007", CellKind.NUMBER,
        Map.of("1", "low\u001b[2J", "2", "high"), List.of(), ""), "1", "2", "1");
    CodebookInference.Inferred v = CodebookInference.infer(t).get(0);
    assertEquals("Grade\\e]52;c;ZXZpbA==\\u0007", v.label());
    assertTrue(v.levelLabels().containsAll(List.of("low\\e[2J", "high")), v.levelLabels().toString());
    assertTrue(v.describe().chars().noneMatch(c -> c < 0x20), v.describe());
  }

  @Test
  void aBarInAValueLabelKeepsTheCodebookLoadable() throws Exception {
    SourceTable t = table(new SourceColumn("smoke", "Smoking", CellKind.NUMBER,
        new java.util.LinkedHashMap<>(Map.of("1", "yes | daily", "2", "no")), List.of(), ""), "1", "2", "1");
    Path file = tmp.resolve("codebook.csv");
    Files.writeString(file, CodebookInference.toCsv(CodebookInference.infer(t)), StandardCharsets.UTF_8);
    CodebookVariable v = CodebookLoader.load(file).variables().get(0);
    assertEquals(2, v.levelLabels().size(), v.levelLabels().toString());
    assertTrue(v.levelLabels().contains("yes \u00a6 daily"), v.levelLabels().toString());
  }
}
