package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import studybook.data.DataException;
import studybook.data.Frame;
import studybook.data.Surv;
import studybook.data.SurvivalColumns;
import studybook.data.SurvivalData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One survival adapter: the study API (Surv), the Cox design and the survival command (through
 * SurvivalColumns) read the same rows of time and status the same way, and refuse the same bad rows.
 */
class SurvivalAdapterTest {
  private static Frame frame(double[] time, String[] status, String[] arm, double[] x) {
    return Frame.fromTable(Table.create("s.csv", DoubleColumn.create("time", time),
        StringColumn.create("status", status), StringColumn.create("arm", arm), DoubleColumn.create("x", x)));
  }

  @Test
  void surv_andTheCoxDesign_keepTheSameRowsWithTheSameEvents() {
    Frame f = frame(new double[] {1, 2, Double.NaN, 4, 5, 6, 7, 8},
        new String[] {"dead", "alive", "dead", "", "alive", "dead", "NA", "dead"},
        new String[] {"a", "b", "a", "b", "a", "b", "b", "a"},
        new double[] {0.5, 1.5, 2, 0.1, 3, 0.7, 1, 2.5});
    SurvivalData s = Surv.of("time", "status", "dead").by("arm").from(f);
    CoxDesignMatrix cox = CoxDesignMatrix.of(f, "time", "status", Optional.of("dead"), List.of("arm"));
    SurvivalColumns columns = SurvivalColumns.read(f, "time", "status", Optional.of("dead"));
    assertArrayEquals(s.time(), cox.design().time());
    assertArrayEquals(s.event(), cox.design().event());
    assertEquals(s.excluded(), cox.excluded());
    assertEquals(3, s.excluded());
    for (int i = 0; i < s.n(); i++) {
      int r = s.rows()[i];
      assertTrue(columns.present(r));
      assertEquals(s.event()[i], columns.event()[r]);
    }
    assertEquals(s.eventRule(), cox.coding().describe("status"));
  }

  @Test
  void aNegativeTimeIsRefusedAtItsLineByEveryReader_evenInARowLeftOutForAnotherColumn() {
    // row 3 (line 4) has a negative time and no arm: left out by the group, yet still bad input
    Frame f = frame(new double[] {1, 2, -3, 4}, new String[] {"dead", "alive", "dead", "alive"},
        new String[] {"a", "b", "", "a"}, new double[] {1, 2, 3, 4});
    for (Runnable read : List.<Runnable>of(
        () -> Surv.of("time", "status", "dead").by("arm").from(f),
        () -> CoxDesignMatrix.of(f, "time", "status", Optional.of("dead"), List.of("arm")),
        () -> SurvivalColumns.read(f, "time", "status", Optional.of("dead")).requireNonNegative(f, "time", null))) {
      DataException e = assertThrows(DataException.class, read::run);
      assertEquals(1, e.problems().size(), e.getMessage());
      assertEquals(4, e.problems().get(0).line(), e.getMessage());
      assertTrue(e.getMessage().contains("negative survival time"), e.getMessage());
    }
  }
}
