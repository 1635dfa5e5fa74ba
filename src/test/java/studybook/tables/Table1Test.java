package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;
import studybook.data.CodebookLoader;
import studybook.data.DataException;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;
import studybook.data.SummaryStyle;
import studybook.report.NumberStyle;
import studybook.report.TableRenderer;
import studybook.stats.compare.TestId;

/** Table 1's per-variable options (as gtsummary's) and the errors for every name an author can mistype. */
class Table1Test {
  private static final Path STUDY = Path.of("src/test/resources/studies/first");
  private static Frame data;
  private static final TableRenderer RENDER = new TableRenderer(NumberStyle.of(Map.of()), false, Optional.empty());

  @BeforeAll
  static void load() {
    data = StudyDataLoader.load(STUDY.resolve("data/trial.csv"), CodebookLoader.load(STUDY.resolve("data/codebook.csv")));
  }

  private static Table1 base() {
    return Table1.of(data).by("group").variables("age", "sex", "stage", "sbp");
  }

  /** The rendered body rows (label first), by the text of their label. */
  private static Map<String, List<String>> rows(GroupTable t) {
    TableRenderer.Rendered r = RENDER.render(t.display().get(0));
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    r.rows().forEach(row -> out.put(row.get(0), row));
    return out;
  }

  @Test
  void defaultsFromTheCodebookAndWholeNumbersWithoutDecimals() {
    Map<String, List<String>> rows = rows(base().build());
    // sbp is an integer summarised by median (IQR): no "128.0 (120.0–135.0)".
    assertEquals(List.of("Systolic blood pressure, mmHg, median (IQR) (2 missing)", "128 (120–135)", "127 (120–135)",
        "129 (120–136)", "0.501ᶜ"), rows.get("Systolic blood pressure, mmHg, median (IQR) (2 missing)"));
    assertEquals("62.2 ± 9.0", rows.get("Age, years, mean ± SD").get(1), "a mean keeps the style's decimals");
    assertTrue(rows.containsKey("Sex, n (%)") && rows.containsKey("Male") && rows.containsKey("Female"));
    assertEquals(List.of("Characteristic", "Overall, N\u00A0=\u00A0160", "Control, N\u00A0=\u00A080", "Treated, N\u00A0=\u00A080", "P"),
        RENDER.render(base().build().display().get(0)).headers());
  }

  @Test
  void digitsTestSummaryLabelAndDichotomousPerVariable() {
    GroupTable t = base().digits("age", 0).test("age", TestId.MANN_WHITNEY).summary("sbp", SummaryStyle.MEAN_SD)
        .digits("sbp", 2).label("stage", "Tumour stage").dichotomous("sex", "female").build();
    Map<String, List<String>> rows = rows(t);
    GroupTable plain = base().build();
    DescribeTable mw = DescribeTable.of(data, "group", List.of("age"), Map.of("age", TestId.MANN_WHITNEY));
    assertEquals("62 ± 9", rows.get("Age, years, mean ± SD").get(1));
    assertEquals(mw.variables().get(0).test().p(), t.entries().get(0).p(), 0);
    assertEquals("mann-whitney", t.entries().get(0).test());
    assertTrue(rows.get("Age, years, mean ± SD").get(4).endsWith("ᵃ"));
    assertEquals("mann-whitney", t.display().get(0).tests().get(0).name(), "footnote a names the test asked for");
    // One row for sex: the count of women, with the p of the whole variable.
    List<String> sex = rows.get("Sex: Female, n (%)");
    assertEquals(List.of("Sex: Female, n (%)", "78 (48.8%)", "32 (40.0%)", "46 (57.5%)"), sex.subList(0, 4));
    double sexP = plain.entries().stream().filter(r -> r.variable().equals("sex")).findFirst().orElseThrow().p();
    assertEquals(sexP, t.entries().stream().filter(r -> r.variable().equals("sex")).findFirst().orElseThrow().p(), 0);
    assertTrue(!rows.containsKey("Male") && !rows.containsKey("Female"));
    assertTrue(rows.containsKey("Tumour stage, n (%)"));
    assertTrue(rows.get("Systolic blood pressure, mmHg, mean ± SD (2 missing)").get(1).matches("\\d+\\.\\d\\d ± \\d+\\.\\d\\d"));
    assertEquals(TableModel.RowKind.SINGLE, t.display().get(0).rows().get(1).kind());
  }

  @Test
  void everyMistypedNameIsAnErrorWithTheNearestName() {
    assertTrue(assertThrows(DataException.class, () -> Table1.of(data).by("gruop")).getMessage()
        .contains("did you mean 'group'?"));
    assertTrue(assertThrows(DataException.class, () -> Table1.of(data).by("group").variables("agee")).getMessage()
        .contains("did you mean 'age'?"));
    assertMessage(() -> base().digits("aeg", 0), "'aeg' is not among the table's variables; did you mean 'age'?");
    assertMessage(() -> base().dichotomous("sex", "femal"), "'sex' has no level 'femal'; did you mean 'female'?");
    assertMessage(() -> base().test("age", "welsh"), "Table1.test(\"age\", \"welsh\"): unknown test 'welsh'; did you mean 'welch'?");
    assertMessage(() -> base().label("stag", "Stage"), "did you mean 'stage'?");
    assertMessage(() -> base().summary("sex", SummaryStyle.MEAN_SD), "'sex' is categorical");
    assertMessage(() -> base().dichotomous("age", "1"), "'age' is a number");
    assertMessage(() -> base().test("sex", TestId.WELCH).build(), "Table1.test(\"sex\", \"welch\"): welch compares a continuous variable");
    assertMessage(() -> Table1.of(data).variables("age").test("age", "welch").build(),
        "Table1.test(\"age\", \"welch\"): a test compares groups; name the grouping variable");
    assertMessage(() -> Table1.of(data).variables("age").groupLabels("All").build(), "there are no groups");
  }

  /** Without by(): one Overall column holding the grouped table's Overall cells, no P column, no test notes. */
  @Test
  void withoutByTheTableDescribesEveryoneInOneColumn() {
    GroupTable everyone = Table1.of(data).variables("age", "sex", "stage", "sbp").build();
    TableRenderer.Rendered r = RENDER.render(everyone.display().get(0));
    assertEquals(List.of("Characteristic", "Overall, N\u00A0=\u00A0160"), r.headers());
    Map<String, List<String>> grouped = rows(base().build());
    Map<String, List<String>> alone = rows(everyone);
    assertEquals(grouped.keySet(), alone.keySet());
    grouped.forEach((label, row) -> assertEquals(row.subList(0, 2), alone.get(label), label));
    assertTrue(everyone.tests().isEmpty() && everyone.groups().isEmpty() && everyone.by().isEmpty());
    assertTrue(everyone.display().get(0).tests().isEmpty(), "no test footnotes");
    assertEquals(List.of("variable", "level", "style", "overall_1", "overall_2", "overall_3"), everyone.columns());
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
    String m = assertThrows(StudybookException.class, e).getMessage();
    assertTrue(m.contains(part), m);
  }

  /** results.json says "requested" only for a test the author named; a summary's own test says so. */
  @Test
  void requestedOnlyWhenRequested() {
    String json = studybook.kernel.ResultJson.published(base().test("age", TestId.MANN_WHITNEY)
        .summary("sbp", SummaryStyle.MEAN_SD).build()).toString();
    assertTrue(json.contains("mann-whitney: requested"), json);
    assertTrue(json.contains("welch: matches the variable's summary (mean ± SD)"), json);
    assertTrue(!json.contains("welch: requested"), json);
  }
}
