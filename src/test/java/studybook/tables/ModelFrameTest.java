package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import studybook.data.DataException;
import studybook.data.Frame;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** One model frame behind the logistic, linear and Cox designs: the same complete cases, contrasts and refusals. */
class ModelFrameTest {
  private static Frame frame() {
    return Frame.fromTable(Table.create("m.csv",
        DoubleColumn.create("time", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}),
        StringColumn.create("dead", new String[] {"yes", "no", "yes", "no", "yes", "no", "", "yes", "no"}),
        StringColumn.create("arm", new String[] {"a", "b", "c", "a", "b", "c", "a", "", "b"}),
        DoubleColumn.create("age", new double[] {50, 61, Double.NaN, 47, 70, 66, 58, 52, 49}),
        StringColumn.create("one", new String[] {"x", "x", "x", "x", "x", "x", "x", "x", "x"})));
  }

  @Test
  void logisticAndCoxDesignsShareCompleteCasesContrastsAndScales() {
    Frame f = frame();
    List<Term> terms = List.of(Term.of("arm"), Term.of("age").per(10));
    DesignMatrix logistic = DesignMatrix.ofTerms(f, "dead", "yes", terms);
    CoxDesignMatrix cox = CoxDesignMatrix.of(f, "time", "dead", Optional.of("yes"), List.of("arm", "age"),
        Optional.empty(), Map.of("age", 10.0));
    assertEquals(List.of("(Intercept)", "arm=b", "arm=c", "age"), logistic.design().columns());
    assertEquals(List.of("arm=b", "arm=c", "age"), cox.design().columns());
    assertEquals(3, logistic.excluded());
    assertEquals(3, cox.excluded());
    double[][] lx = logistic.design().x();
    double[][] cx = cox.design().x();
    assertEquals(6, lx.length);
    for (int i = 0; i < lx.length; i++) {
      assertEquals(1.0, lx[i][0]);
      assertArrayEquals(java.util.Arrays.copyOfRange(lx[i], 1, 4), cx[i], 0.0);
    }
    assertArrayEquals(new double[] {5.0, 6.1, 4.7, 7.0, 6.6, 4.9}, cox.design().x().length == 6
        ? java.util.Arrays.stream(cx).mapToDouble(r -> r[2]).toArray() : null, 1e-15);
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, logistic.design().y(), 0.0);
  }

  @Test
  void columnMajorIsTheTransposeOfTheRows() {
    Frame f = frame();
    boolean[] all = new boolean[f.rowCount()];
    java.util.Arrays.fill(all, true);
    ModelFrame mf = ModelFrame.of(f, List.of("arm", "age"), Map.of(), true, all, "the outcome", "dead");
    double[][] rows = mf.rows();
    double[][] cols = mf.columnMajor();
    assertEquals(mf.columns().size(), cols.length);
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < cols.length; j++) {
        assertEquals(rows[i][j], cols[j][i]);
      }
    }
  }

  @Test
  void aOneLevelFactorOrARescaledFactorIsRefusedByEveryDesign() {
    Frame f = frame();
    DataException logistic = assertThrows(DataException.class, () -> DesignMatrix.of(f, "dead", "yes", List.of("one", "age")));
    DataException cox = assertThrows(DataException.class,
        () -> CoxDesignMatrix.of(f, "time", "dead", Optional.of("yes"), List.of("one", "age")));
    assertEquals(logistic.problems(), cox.problems());
    assertTrue(cox.getMessage().contains("two or more levels"), cox.getMessage());
    DataException scaled = assertThrows(DataException.class, () -> CoxDesignMatrix.of(f, "time", "dead",
        Optional.of("yes"), List.of("arm"), Optional.empty(), Map.of("arm", 10.0)));
    assertTrue(scaled.getMessage().contains("cannot be rescaled"), scaled.getMessage());
  }
}
