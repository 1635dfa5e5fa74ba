package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.data.Case.otherwise;
import static studybook.data.Case.when;
import static studybook.data.Condition.above;
import static studybook.data.Condition.allOf;
import static studybook.data.Condition.anyOf;
import static studybook.data.Condition.atLeast;
import static studybook.data.Condition.atMost;
import static studybook.data.Condition.below;
import static studybook.data.Condition.between;
import static studybook.data.Condition.is;
import static studybook.data.Condition.isMissing;
import static studybook.data.Condition.isNot;
import static studybook.data.Condition.not;
import static studybook.data.Condition.notMissing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Three-valued conditions against R (src/test/r/conditions.R, R 4.2.2, base R's &, |, !, ==, <, is.na). */
class ConditionTest {
  static final Path REF = Path.of("src/test/resources/reference/conditions");

  static Frame data() {
    return Frame.fromTable(Table.read().usingOptions(CsvReadOptions.builder(REF.resolve("data.csv").toFile())
        .missingValueIndicator("NA")));
  }

  /** Each column of conditions.csv as text, NA kept as "NA". */
  static Map<String, List<String>> expected() throws IOException {
    List<String> lines = Files.readAllLines(REF.resolve("conditions.csv"));
    String[] header = lines.get(0).replace("\"", "").split(",");
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (String h : header) {
      out.put(h, new ArrayList<>());
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.replace("\"", "").split(",", -1);
      for (int i = 0; i < header.length; i++) {
        out.get(header[i]).add(cells[i]);
      }
    }
    return out;
  }

  static List<String> asR(Truth[] t) {
    return java.util.Arrays.stream(t).map(x -> x == Truth.NA ? "NA" : x.name()).toList();
  }

  static final Condition RULE = allOf(below("size", 10), is("grade", "G1"), is("lvi", "negative"));

  @Test
  void logicIsRsAndOrNot() throws IOException {
    List<String> lines = Files.readAllLines(REF.resolve("logic.csv"));
    assertEquals(10, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      Truth a = Truth.valueOf(c[0]);
      Truth b = Truth.valueOf(c[1]);
      assertEquals(Truth.valueOf(c[2]), a.and(b), line);
      assertEquals(Truth.valueOf(c[3]), a.or(b), line);
      assertEquals(Truth.valueOf(c[4]), a.not(), line);
    }
    assertEquals(Truth.FALSE, Truth.NA.and(Truth.FALSE));
    assertEquals(Truth.TRUE, Truth.NA.or(Truth.TRUE));
    assertEquals(Truth.NA, Truth.NA.not());
  }

  @Test
  void everyConditionMatchesR() throws IOException {
    Frame f = data();
    Map<String, List<String>> r = expected();
    Map<String, Condition> conditions = new java.util.LinkedHashMap<>();
    conditions.put("is_g1", is("grade", "G1"));
    conditions.put("isnot_g1", isNot("grade", "G1"));
    conditions.put("is_g1_g2", is("grade", "G1", "G2"));
    conditions.put("below_10", below("size", 10));
    conditions.put("atmost_10", atMost("size", 10));
    conditions.put("above_9_9", above("size", 9.9));
    conditions.put("atleast_10", atLeast("size", 10));
    conditions.put("between_5_10", between("size", 5, 10));
    conditions.put("ismissing_size", isMissing("size"));
    conditions.put("notmissing_lvi", notMissing("lvi"));
    conditions.put("rule", RULE);
    conditions.put("not_rule", not(RULE));
    conditions.put("any", anyOf(below("size", 10), is("lvi", "positive")));
    conditions.forEach((name, c) -> assertEquals(r.get(name), asR(f.test(c)), name));
    assertEquals(r.get("any"), asR(f.test(below("size", 10).or(is("lvi", "positive")))));
    assertEquals(r.get("rule"), asR(f.test(below("size", 10).and(is("grade", "G1")).and(is("lvi", "negative")))));
  }

  @Test
  void whereKeepsTrueRowsAndCountsTheNaOnes() throws IOException {
    Frame f = data();
    Frame kept = f.where(not(RULE));
    List<String> r = expected().get("kept_not_rule");
    assertEquals(r.stream().filter("TRUE"::equals).count(), kept.rowCount());
    assertEquals(3, kept.droppedAsMissing());
    FilterStep step = kept.filters().get(0);
    assertEquals(8, step.before());
    assertEquals(4, step.kept());
    assertEquals(1, step.droppedFalse());
    assertEquals(3, step.droppedMissing());
    // the rows keep their line in the source (header = line 1)
    assertArrayEquals(new int[] {3, 4, 5, 8}, kept.lines());
    assertEquals(0, f.droppedAsMissing());
  }

  @Test
  void caseWhenFirstTrueWinsOtherwiseMissing() throws IOException {
    Frame f = data().withFactor(CodebookVariable.categorical("group").withLabel("Resection"),
        when(RULE, "curative", "Curative resection"), when(not(RULE), "non_curative", "Non-curative resection"));
    List<String> r = expected().get("group");
    List<String> got = new ArrayList<>();
    for (int row = 0; row < f.rowCount(); row++) {
      got.add(f.text("group", row).isEmpty() ? "NA" : f.text("group", row));
    }
    assertEquals(r, got);
    assertEquals(List.of("curative", "non_curative"), f.levels("group"));
    assertEquals("Resection", f.variable("group").label());
    assertEquals("Non-curative resection", f.codebook().levelLabel("group", "non_curative"));
    assertEquals(VariableType.BINARY, f.variable("group").type());
    // first TRUE wins: an overlapping later case does not overwrite
    Frame g = data().withFactor("size_band", when(below("size", 10), "small"), when(below("size", 100), "any"),
        otherwise("unknown"));
    assertEquals(List.of("small", "small", "any", "any", "unknown", "small", "any", "unknown"),
        java.util.stream.IntStream.range(0, g.rowCount()).mapToObj(i -> g.text("size_band", i)).toList());
  }

  @Test
  void countByCountsEveryLevelAndTheMissing() {
    Tally t = data().countBy("grade");
    assertEquals(List.of("G1", "G2"), t.levels());
    assertEquals(List.of(4, 2), t.counts());
    assertEquals(2, t.missing());
    assertEquals(8, t.total());
    assertEquals(6, t.count("G1", "G2"));
    assertEquals(3, data().count(RULE.or(isMissing("grade"))));
  }

  @Test
  void withNumberKeepsMissingMissing() {
    Frame f = data().withNumber(CodebookVariable.continuous("size_cm").withLabel("Size").withUnit("cm"),
        row -> row.number("size") / 10);
    assertEquals(0.5, f.values("size_cm")[0], 0);
    assertTrue(Double.isNaN(f.values("size_cm")[4]));
    assertEquals("cm", f.codebook().unit("size_cm"));
  }

  @Test
  void describesItselfWithTheCodebookLabels() {
    Frame f = data().withVariable(CodebookVariable.continuous("size").withLabel("Tumour size").withUnit("mm"))
        .withVariable(CodebookVariable.categorical("grade").withLabel("WHO grade"))
        .withVariable(CodebookVariable.categorical("lvi").withLabel("Lymphovascular invasion")
            .withLevels(List.of("negative", "positive"), List.of("Negative", "Positive")));
    assertEquals("tumour size < 10 mm and WHO grade is G1 and lymphovascular invasion is negative",
        RULE.describe(f));
    assertEquals("size < 10 and grade is G1 and lvi is negative", RULE.describe());
    assertEquals("not (size < 10 or grade is G1 or G2) and lvi is neither negative nor positive",
        allOf(not(anyOf(below("size", 10), is("grade", "G1", "G2"))), isNot("lvi", "negative", "positive"))
            .describe());
    assertEquals("tumour size between 1 and 2.5 mm", between("size", 1, 2.5).describe(f));
  }

  // ------------------------------------------------------------ every misspelling is an error

  @Test
  void aMisspelledLevelFailsLoudlyWithTheNearestName() {
    Condition typo = is("lvi", "negatve");
    UnknownNameException e = assertThrows(UnknownNameException.class, () -> data().where(typo));
    assertEquals(UnknownNameException.Kind.LEVEL, e.kind());
    assertEquals("negatve", e.name());
    assertEquals("lvi", e.column());
    assertEquals(List.of("negative", "positive"), e.choices());
    assertEquals("negative", e.nearest().orElseThrow());
    assertTrue(e.writtenAt().orElseThrow().startsWith("ConditionTest.java:"), e.writtenAt().orElseThrow());
    assertTrue(e.getMessage().contains("did you mean 'negative'?"), e.getMessage());
    assertThrows(UnknownNameException.class, () -> data().count(isNot("grade", "G3")));
    assertThrows(UnknownNameException.class, () -> data().count(allOf(below("size", 10), is("lvi", "postive"))));
  }

  @Test
  void aMisspelledColumnFailsInEveryKindOfCondition() {
    for (Condition c : List.of(is("lvl", "negative"), isNot("grde", "G1"), below("sise", 1), atMost("sise", 1),
        above("sise", 1), atLeast("sise", 1), between("sise", 1, 2), isMissing("sise"), notMissing("sise"))) {
      UnknownNameException e = assertThrows(UnknownNameException.class, () -> data().where(c), c.describe());
      assertEquals(UnknownNameException.Kind.COLUMN, e.kind());
      assertTrue(e.nearest().isPresent(), c.describe());
      assertEquals(List.of("size", "grade", "lvi"), e.choices());
    }
    UnknownNameException e = assertThrows(UnknownNameException.class, () -> data().countBy("grades"));
    assertEquals("grade", e.nearest().orElseThrow());
    assertThrows(UnknownNameException.class, () -> data().countBy("grade").count("G3"));
    assertThrows(UnknownNameException.class, () -> data().withNumber("x", row -> row.number("sizes")));
    assertThrows(UnknownNameException.class, () -> data().withFactor(
        CodebookVariable.categorical("g").withLevels(List.of("yes", "no"), List.of("Yes", "No")),
        when(RULE, "yes"), when(not(RULE), "nope")));
  }

  @Test
  void aLevelTestOnANumberOrAComparisonOnLevelsIsAnError() {
    StudybookException e = assertThrows(StudybookException.class, () -> data().where(is("size", "10")));
    assertTrue(e.getMessage().contains("'size' is continuous"), e.getMessage());
    e = assertThrows(StudybookException.class, () -> data().where(below("grade", 2)));
    assertTrue(e.getMessage().contains("'grade' is categorical"), e.getMessage());
  }
}
