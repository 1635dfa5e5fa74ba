package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static studybook.data.Condition.is;
import static studybook.data.Condition.isNot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.stats.describe.Descriptives;
import studybook.stats.describe.Summary;
import studybook.stats.survival.FollowUp;
import studybook.tables.GroupContrast;

/** An outcome table's counts and follow-up written with the vocabulary, on data checked by hand. */
class OutcomeVocabularyTest {
  @TempDir Path dir;

  private Frame load() throws IOException {
    Path f = dir.resolve("mini.csv");
    Files.writeString(f, """
        g,ln,rec,fu
        a,no,no,10
        a,yes,no,20
        a,not_assessed,yes,30
        b,not_assessed,no,40
        b,yes,no,50
        b,no,no,NA
        """);
    return AdhocLoader.load(f, Set.of(), Map.of("g", List.of("a", "b"), "ln", List.of("no", "yes", "not_assessed"),
        "rec", List.of("no", "yes")));
  }

  @Test
  void countsAssessedNodesRecurrencesAndFollowUp() throws IOException {
    Frame f = load();
    assertEquals(4, f.count(isNot("ln", "not_assessed")));
    assertEquals(2, f.count(is("ln", "yes")));
    assertEquals(1, f.count(is("rec", "yes")));
    SurvivalData s = Surv.of("fu", "rec", "yes").from(f);
    assertEquals(1, s.excluded());
    assertEquals(List.of(new SurvivalData.Exclusion("fu missing", 1)), s.exclusions());
    // follow-up 10..50 (NA left out): median 30, type-7 quartiles 20 and 40
    Summary time = Descriptives.summarize(s.time());
    assertEquals(30, time.median(), 1e-12);
    assertEquals(20, time.q1(), 1e-12);
    assertEquals(40, time.q3(), 1e-12);
    Frame a = f.where(is("g", "a"));
    assertEquals(3, a.rowCount());
    assertEquals(2, a.count(isNot("ln", "not_assessed")));
    SurvivalData sa = Surv.of("fu", "rec", "yes").from(a);
    // group a, reverse KM (the recurrence at 30 is a censoring there): 2/3 after 10, 1/3 after 20, so 20;
    // summary(survfit(Surv(c(10, 20, 30), c(1, 1, 0)) ~ 1))$table["median"] is 20
    assertEquals(20, FollowUp.of(sa.time(), sa.event()).medianReverseKaplanMeier().orElseThrow(), 1e-12);
  }

  @Test
  void aContrastReadByNameCountsTheTrueAndFalseRowsPerGroup() throws IOException {
    Frame f = load();
    GroupContrast c = GroupContrast.pearson("ln_yes", "Node metastasis", f, is("ln", "yes"), "g");
    assertEquals(List.of("a", "b"), c.groups());
    assertEquals(List.of(1, 1), c.with());
    assertEquals(List.of(2, 2), c.without());
    // chisq.test(matrix(c(1, 2, 1, 2), 2), correct = FALSE): statistic 0, p 1
    assertEquals(0, c.statistic(), 1e-12);
    assertEquals(1, c.p(), 1e-12);
  }
}
