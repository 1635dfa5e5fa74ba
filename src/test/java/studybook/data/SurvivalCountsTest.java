package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studybook.stats.describe.Descriptives;
import studybook.stats.describe.Summary;
import studybook.stats.survival.FollowUp;
import studybook.stats.survival.TimeCounts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A survival outcome counted on a frame ({@link Surv#counts}): the groups' counts are the complete cases'
 * ({@link SurvivalData#counts()}), the follow-up of everyone counts the rows whose group is missing, and the median,
 * quartiles and reverse Kaplan-Meier median read from the counts equal those of the rows' own times.
 */
class SurvivalCountsTest {
  /** 600 rows: tied times to a tenth, about 5% missing in each of time, status and group. */
  static Frame registry(long seed) {
    Random r = new Random(seed);
    int n = 600;
    double[] time = new double[n];
    String[] status = new String[n];
    String[] arm = new String[n];
    String[] arms = {"a", "b", "c"};
    for (int i = 0; i < n; i++) {
      time[i] = r.nextDouble() < 0.05 ? Double.NaN : Math.round(r.nextDouble() * 400) / 10.0;
      status[i] = r.nextDouble() < 0.05 ? "" : r.nextDouble() < 0.3 ? "yes" : "no";
      arm[i] = r.nextDouble() < 0.05 ? "" : arms[r.nextInt(i % 7 == 0 ? 3 : 2)];
    }
    return Frame.fromTable(Table.create("registry.csv", DoubleColumn.create("time", time),
        StringColumn.create("status", status), StringColumn.create("arm", arm)));
  }

  @Test
  void theGroupsAreTheCompleteCasesAndEveryoneCountsTheRowsWithoutAGroup() {
    for (long seed = 1; seed <= 5; seed++) {
      Frame f = registry(seed);
      Surv surv = Surv.of("time", "status", "yes").by("arm");
      SurvivalCounts c = surv.counts(f);
      SurvivalData complete = surv.from(f);
      TimeCounts expected = complete.counts();
      TimeCounts groups = c.byGroup();
      assertEquals(expected.groups(), groups.groups());
      assertArrayEquals(expected.times(), groups.times());
      assertArrayEquals(expected.events(), groups.events());
      assertArrayEquals(expected.censored(), groups.censored());
      assertEquals(complete.excluded(), c.excluded());
      SurvivalData everyone = Surv.of("time", "status", "yes").from(f);
      assertEquals(everyone.excluded(), c.withoutTimeOrStatus());
      assertEquals(everyone.n(), c.everyone().n());
      assertEquals(everyone.n() - complete.n(), c.missingGroup());
      assertTrue(c.missingGroup() > 0 && c.missingTime() > 0 && c.missingStatus() > 0, "every reason occurs");
      same(everyone.time(), everyone.event(), c.followUp());
      for (String level : List.of("a", "b", "c")) {
        List<Double> t = new ArrayList<>();
        List<Boolean> e = new ArrayList<>();
        for (int i = 0; i < complete.n(); i++) {
          if (complete.groupLevels().get(complete.group()[i]).equals(level)) {
            t.add(complete.time()[i]);
            e.add(complete.event()[i]);
          }
        }
        double[] time = t.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] event = new boolean[e.size()];
        for (int i = 0; i < event.length; i++) {
          event[i] = e.get(i);
        }
        same(time, event, c.followUp(level));
      }
    }
  }

  /** The follow-up of the rows' times, as the row-taking code gives it (to the bit). */
  private static void same(double[] time, boolean[] event, SurvivalCounts.FollowUpTimes f) {
    Summary s = Descriptives.summarize(time);
    assertEquals(time.length, f.n());
    assertEquals(s.median(), f.median());
    assertEquals(s.q1(), f.q1());
    assertEquals(s.q3(), f.q3());
    assertEquals(FollowUp.of(time, event).medianReverseKaplanMeier().orElse(Double.NaN), f.medianReverseKaplanMeier());
  }

  @Test
  void anEmptyGroupHasNoFollowUp() {
    Frame f = registry(1).where(Condition.is("arm", "a", "b"));
    SurvivalCounts.FollowUpTimes none = Surv.of("time", "status", "yes").by("arm").counts(f).followUp("c");
    assertEquals(0, none.n());
    assertTrue(Double.isNaN(none.median()) && Double.isNaN(none.q1()) && Double.isNaN(none.medianReverseKaplanMeier()));
  }

  @Test
  void withoutAGroupEveryRowWithATimeAndAStatusIsOneGroup() {
    Frame f = registry(2);
    SurvivalCounts c = Surv.of("time", "status", "yes").counts(f);
    SurvivalData s = Surv.of("time", "status", "yes").from(f);
    assertEquals(List.of("all"), c.byGroup().groups());
    assertArrayEquals(s.counts().events(), c.byGroup().events());
    assertEquals(s.excluded(), c.excluded());
    assertEquals(0, c.missingGroup());
    assertThrows(IllegalStateException.class, () -> c.group("a"));
  }

  /** The same outcome on the same frame is counted once: a table and a figure of it share the counts. */
  @Test
  void theSameOutcomeOnTheSameFrameIsCountedOnce() {
    Frame f = registry(3);
    SurvivalCounts first = Surv.of("time", "status", "yes").by("arm").counts(f);
    assertSame(first, Surv.of("time", "status", "yes").by("arm").counts(f));
    assertTrue(first != Surv.of("time", "status", "yes").counts(f), "another outcome is counted on its own");
    assertTrue(first != Surv.of("time", "status", "yes").by("arm").counts(registry(3)), "another frame too");
  }

  @Test
  void namesAreCheckedAndANegativeTimeIsAnErrorAtItsLine() {
    SurvivalCounts c = Surv.of("time", "status", "yes").by("arm").counts(registry(1));
    UnknownNameException level = assertThrows(UnknownNameException.class, () -> c.group("bb"));
    assertEquals("arm", level.column());
    assertThrows(UnknownNameException.class, () -> Surv.of("tim", "status", "yes").by("arm").counts(registry(1)));
    assertThrows(UnknownNameException.class, () -> Surv.of("time", "status", "yse").by("arm").counts(registry(1)));
    assertThrows(UnknownNameException.class, () -> Surv.of("time", "status", "yes").by("amr").counts(registry(1)));
    Frame negative = Frame.fromTable(Table.create("neg.csv", DoubleColumn.create("time", new double[] {1, -2, 3}),
        StringColumn.create("status", new String[] {"yes", "", "no"})));
    DataException e = assertThrows(DataException.class, () -> Surv.of("time", "status", "yes").counts(negative));
    assertTrue(e.getMessage().contains("negative survival time") && e.getMessage().contains(":3"), e.getMessage());
  }
}
