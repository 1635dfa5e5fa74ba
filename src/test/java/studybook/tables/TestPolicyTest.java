package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studybook.StudybookException;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.stats.compare.TestId;

class TestPolicyTest {
  @TempDir Path dir;

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} with {1} groups -> {2}")
  @org.junit.jupiter.params.provider.CsvSource({
    "MEDIAN_IQR, 2, MANN_WHITNEY",
    "MEDIAN_IQR, 3, KRUSKAL",
    "MEAN_SD, 2, WELCH",
    "MEAN_SD, 4, ANOVA",
  })
  void aSummarisedContinuousVariableGetsTheTestThatMatchesItsSummary(studybook.data.SummaryStyle style, int groups,
      TestId expected) {
    assertEquals(expected, TestPolicy.forSummary(style, groups));
  }

  @Test
  void categoricalUsesFisherWhenAnExpectedCountIsBelowFive() {
    // margins 3, 27 and 8, 22 of 30: smallest expected 3 * 8 / 30 = 0.8
    TestChoice c = TestPolicy.forCategorical(new long[][] {{2, 1}, {6, 21}});
    assertEquals(TestId.FISHER, c.test());
    assertEquals(0.8, c.smallestExpected(), 1e-12);
    assertEquals("fisher: smallest expected count 0.8 < 5", c.reason());
  }

  @Test
  void categoricalUsesChiSquareOtherwiseAndIgnoresEmptyLevels() {
    TestChoice c = TestPolicy.forCategorical(new long[][] {{10, 10}, {0, 0}, {10, 10}});
    assertEquals(TestId.CHISQ, c.test());
    assertEquals(TestChoice.Rule.EXPECTED_AT_LEAST_5, c.rule());
    assertEquals(10.0, c.smallestExpected(), 1e-12);
  }

  @Test
  void categoricalWithOneLevelHasNothingToTest() {
    assertEquals(TestChoice.Rule.NOTHING_TO_TEST, TestPolicy.forCategorical(new long[][] {{4, 5}}).rule());
  }

  @ParameterizedTest
  @CsvSource({"2, WELCH", "3, ANOVA", "5, ANOVA", "1, ANOVA"})
  void continuousDependsOnGroupCount(int groups, TestId expected) {
    assertEquals(expected, TestPolicy.forContinuous(groups).test());
  }

  @ParameterizedTest
  @CsvSource({"fisher, CONTINUOUS, 2", "welch, CATEGORICAL, 2", "t, CONTINUOUS, 3", "mann-whitney, CONTINUOUS, 1"})
  void requestedTestsMustFit(String name, VariableKind kind, int groups) {
    TestId test = TestPolicy.parse(name, "x");
    assertThrows(StudybookException.class, () -> TestPolicy.requested(test, "x", kind, "g", groups));
  }

  @Test
  void unknownTestNameSuggestsTheNearest() {
    StudybookException e = assertThrows(StudybookException.class, () -> TestPolicy.parse("welsh", "age"));
    assertTrue(e.getMessage().contains("did you mean 'welch'"), e.getMessage());
  }

  private Frame frame(String csv) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.write(f, csv.getBytes(StandardCharsets.UTF_8));
    return AdhocLoader.load(f, Set.of("g"), Map.of());
  }

  @Test
  void describeTableCountsExcludedRowsAndSurvivesEdgeCases() throws IOException {
    // g missing on two rows; c constant; e empty in group b; one level of s only
    Frame f = frame("g,x,c,e,s\na,1,5,1,u\na,2,5,2,u\nb,3,5,,u\nb,4,5,,u\n,9,5,3,u\nNA,8,5,4,u\n");
    DescribeTable t = DescribeTable.of(f, "g", List.of("x", "c", "e", "s"), Map.of());
    assertEquals(4, t.n());
    assertEquals(2, t.excluded());
    Map<String, DescribeVariable> v = t.byName();
    assertTrue(v.get("x").test().computable());
    assertEquals(4, ((DescribeVariable.Continuous) v.get("x")).overall().n());
    assertEquals("the values are constant within each group", v.get("c").test().note().orElseThrow());
    assertEquals(TestId.ANOVA, v.get("e").test().test());
    assertEquals(TestChoice.Rule.OTHER_GROUP_COUNT, v.get("e").choice().rule());
    assertTrue(Double.isNaN(v.get("e").test().p()));
    assertTrue(Double.isNaN(v.get("s").test().p()));
    assertEquals(TestChoice.Rule.NOTHING_TO_TEST, v.get("s").choice().rule());
  }

  @Test
  void fisherBeyondTheExactCapGivesAMonteCarloPAndSaysSo() throws IOException {
    StringBuilder csv = new StringBuilder("g,s\n");
    // 4 x 5 table with about 4000 rows and one rare level: default is fisher, too large to enumerate quickly
    String[] groups = {"a", "b", "c", "d"};
    String[] levels = {"p", "q", "r", "t"};
    for (int i = 0; i < 4000; i++) {
      csv.append(groups[(i * 7) % 4]).append(',').append(levels[(i / 3) % 4]).append('\n');
    }
    csv.append("a,rare\n");
    Frame f = frame(csv.toString());
    DescribeTable t = DescribeTable.of(f, "g", List.of("s"), Map.of());
    DescribeVariable s = t.byName().get("s");
    assertEquals(TestChoice.Rule.FISHER_TOO_LARGE, s.choice().rule());
    assertEquals(TestId.FISHER_SIMULATED, s.test().test());
    assertTrue(s.choice().reason().startsWith("fisher-simulated: smallest expected count"), s.choice().reason());
    assertTrue(s.test().test().footnote().contains("Monte-Carlo p, B = 2000, seed 1"), s.test().test().footnote());
    assertTrue(s.test().p() > 0 && s.test().p() <= 1);
    // a requested fisher is never silently swapped for chi-square: it too gets the Monte-Carlo p, and says why
    DescribeVariable asked = DescribeTable.of(f, "g", List.of("s"), Map.of("s", TestId.FISHER)).byName().get("s");
    assertEquals(TestChoice.Rule.REQUESTED, asked.choice().rule());
    assertEquals(TestId.FISHER_SIMULATED, asked.test().test());
    assertTrue(asked.test().note().orElseThrow().contains("beyond the exact algorithm's cap"));
    assertEquals(s.test().p(), asked.test().p());
  }
}
