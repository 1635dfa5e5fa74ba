package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Frame to and from a Tablesaw Table. */
class TablesawInteropTest {
  static final Path STUDY = Path.of("data");

  @Test
  void aLoadedFrameRoundTripsThroughATable() {
    Codebook codebook = CodebookLoader.load(STUDY.resolve("codebook.csv"));
    Frame loaded = StudyDataLoader.load(STUDY.resolve("rectal_net_twin.csv"), codebook);
    Table table = loaded.table();
    Frame back = Frame.fromTable(table, codebook);
    assertEquals(loaded.columnNames(), back.columnNames());
    for (String c : loaded.columnNames()) {
      if (loaded.kind(c) == VariableKind.CATEGORICAL) {
        if (codebook.variable(c).type() != VariableType.ID) {
          assertEquals(loaded.levels(c), back.levels(c), c);
        }
        for (int r = 0; r < loaded.rowCount(); r++) {
          assertEquals(loaded.text(c, r), back.text(c, r), c);
        }
      } else {
        assertArrayEquals(loaded.values(c), back.values(c), c);
      }
      assertEquals(loaded.variable(c).label(), back.variable(c).label());
    }
  }

  @Test
  void aTablesawTableBecomesAFrameWithSortedLevels() {
    Table t = Table.create("made.csv", StringColumn.create("arm", new String[] {"b", "a", "", "B"}),
        IntColumn.create("n", new int[] {3, 1, 2, 4}), DoubleColumn.create("x", new double[] {0.5, Double.NaN, 1, 2}));
    Frame f = Frame.fromTable(t);
    assertEquals(List.of("B", "a", "b"), f.levels("arm"));
    assertArrayEquals(new int[] {2, 1, -1, 0}, f.codes("arm"));
    assertArrayEquals(new double[] {3, 1, 2, 4}, f.values("n"));
    assertEquals(Double.NaN, f.values("x")[1]);
    assertEquals(4, f.line(2));
    Table back = f.table();
    assertEquals("", back.stringColumn("arm").get(2));
    assertEquals(4.0, back.doubleColumn("n").get(3));
  }

  @Test
  void aValueOutsideTheCodebookLevelsIsAnErrorAtItsRow() {
    Codebook codebook = CodebookLoader.load(STUDY.resolve("codebook.csv"));
    Table table = StudyDataLoader.load(STUDY.resolve("rectal_net_twin.csv"), codebook).table();
    String categorical = codebook.variables().stream()
        .filter(v -> v.type().hasLevels()).findFirst().orElseThrow().name();
    table.stringColumn(categorical).set(1, "nonsense");
    DataException e = assertThrows(DataException.class, () -> Frame.fromTable(table, codebook));
    assertEquals(3, e.first().line());
    assertEquals(categorical, e.first().column());
  }
}
