package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The survival spec: complete cases, exclusions by reason, and R's Surv event coding. */
class SurvTest {
  /** time, status (text), code01, code12, group; row 2 lacks a time, row 4 a status, row 6 a group. */
  static Frame frame() {
    Table t = Table.create("surv.csv",
        DoubleColumn.create("time", new double[] {1, 2, Double.NaN, 4, 5, 6, 7, 8}),
        StringColumn.create("status", new String[] {"yes", "no", "yes", "", "no", "yes", "no", "yes"}),
        DoubleColumn.create("code01", new double[] {1, 0, 1, 0, 0, 1, 0, 1}),
        DoubleColumn.create("code12", new double[] {2, 1, 2, 1, 1, 2, 1, 2}),
        StringColumn.create("arm", new String[] {"a", "b", "a", "b", "a", "", "b", "a"}));
    return Frame.fromTable(t);
  }

  @Test
  void completeCasesAndTheRowsLeftOutByReason() {
    SurvivalData s = Surv.of("time", "status", "yes").by("arm").from(frame());
    assertEquals(5, s.n());
    assertEquals(3, s.excluded());
    assertEquals(List.of(new SurvivalData.Exclusion("time missing", 1), new SurvivalData.Exclusion("status missing", 1),
        new SurvivalData.Exclusion("arm missing", 1)), s.exclusions());
    assertArrayEquals(new double[] {1, 2, 5, 7, 8}, s.time());
    assertArrayEquals(new boolean[] {true, false, false, false, true}, s.event());
    assertArrayEquals(new int[] {0, 1, 0, 1, 0}, s.group());
    assertEquals(List.of("a", "b"), s.groupLevels());
    assertArrayEquals(new int[] {0, 1, 4, 6, 7}, s.rows());
    assertEquals(8, s.total());
    assertEquals(2, s.events());
    SurvivalData all = Surv.of("time", "status", "yes").from(frame());
    assertEquals(6, all.n());
    assertEquals(List.of("all"), all.groupLevels());
  }

  @Test
  void withoutAnEventValueTheStatusIsReadAsRsSurvReadsIt() {
    Frame f = frame();
    assertArrayEquals(f.where(Condition.notMissing("time")).values("code01"),
        toDouble(Surv.of("time", "code01").from(f).event()));
    assertArrayEquals(Surv.of("time", "code01").from(f).event(), Surv.of("time", "code12").from(f).event());
    assertEquals("event: code12 = 2 (1/2 coding: 2 = event, as R's Surv)", Surv.of("time", "code12").from(f).eventRule());
    Frame logical = Frame.fromTable(Table.create("l", DoubleColumn.create("time", new double[] {1, 2, 3}),
        BooleanColumn.create("dead", new boolean[] {true, false, true})));
    assertArrayEquals(new boolean[] {true, false, true}, Surv.of("time", "dead").from(logical).event());
    StudybookException e = assertThrows(StudybookException.class, () -> Surv.of("time", "status").from(f));
    assertTrue(e.getMessage().contains("name the event value"), e.getMessage());
    Frame three = Frame.fromTable(Table.create("t", DoubleColumn.create("time", new double[] {1, 2, 3}),
        DoubleColumn.create("s", new double[] {0, 1, 2})));
    assertThrows(StudybookException.class, () -> Surv.of("time", "s").from(three));
  }

  private static double[] toDouble(boolean[] b) {
    double[] d = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      d[i] = b[i] ? 1 : 0;
    }
    return d;
  }

  @Test
  void everyMisspelledNameInTheSpecIsAnError() {
    UnknownNameException e = assertThrows(UnknownNameException.class,
        () -> Surv.of("time", "status", "yse").from(frame()));
    assertEquals(UnknownNameException.Kind.LEVEL, e.kind());
    assertEquals("yes", e.nearest().orElseThrow());
    assertTrue(e.writtenAt().orElseThrow().startsWith("SurvTest.java:"));
    for (Surv s : List.of(Surv.of("tme", "status", "yes"), Surv.of("time", "stats", "yes"),
        Surv.of("time", "status", "yes").by("arms"))) {
      UnknownNameException c = assertThrows(UnknownNameException.class, () -> s.from(frame()));
      assertEquals(UnknownNameException.Kind.COLUMN, c.kind());
      assertTrue(c.nearest().isPresent());
    }
  }

  @Test
  void withAnEventValueEveryOtherStatusIsACensoringAndTheRuleSaysSo() {
    // as R's Surv(time, status == "dead"): alive and lost are both censored
    Frame f = Frame.fromTable(Table.create("three.csv", DoubleColumn.create("time", new double[] {1, 2, 3}),
        StringColumn.create("status", new String[] {"dead", "alive", "lost"})));
    SurvivalData d = Surv.of("time", "status", "dead").from(f);
    assertArrayEquals(new boolean[] {true, false, false}, d.event());
    assertTrue(d.eventRule().contains("alive, lost counted as censored"), d.eventRule());
  }

  @Test
  void aNegativeTimeIsAnErrorAtItsLine() {
    Frame f = Frame.fromTable(Table.create("neg.csv", DoubleColumn.create("time", new double[] {1, -2}),
        DoubleColumn.create("s", new double[] {0, 1})));
    DataException e = assertThrows(DataException.class, () -> Surv.of("time", "s").from(f));
    assertEquals(3, e.first().line());
    assertEquals("time", e.first().column());
  }

  /** A mistyped event value is never offered the censoring value: that would swap events and censorings. */
  @Test
  void didYouMeanNeverSuggestsTheCensoringValue() throws java.io.IOException {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("surv", ".csv");
    try {
      java.nio.file.Files.writeString(f, "t,s\n1,0\n2,1\n3,0\n4,1\n");
      Frame frame = AdhocLoader.load(f, java.util.Set.of("s"), java.util.Map.of());
      UnknownNameException e = assertThrows(UnknownNameException.class, () -> Surv.of("t", "s", "2").from(frame));
      assertTrue(e.getMessage().endsWith("did you mean '1'?"), e.getMessage());
      studybook.data.DataException d = assertThrows(studybook.data.DataException.class,
          () -> studybook.tables.CompetingRisks.of(frame, "t", "s", "2", "0", null));
      assertTrue(d.getMessage().contains("did you mean '1'?"), d.getMessage());
      assertTrue(!d.getMessage().contains("--event"), "a Java call names no CLI flag: " + d.getMessage());
      assertTrue(Surv.looksLikeCensoring("1", List.of("1", "2")));
      assertTrue(!Surv.looksLikeCensoring("1", List.of("0", "1")));
    } finally {
      java.nio.file.Files.deleteIfExists(f);
    }
  }
}
