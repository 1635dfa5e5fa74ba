package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static studybook.data.Condition.above;
import static studybook.data.Condition.is;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Frame#where(Condition)} keeps row indices and copies a column when it is first read: filters of
 * filters, filters of a frame whose columns were read already, and columns derived on a filtered frame give
 * the rows an eager copy gives.
 */
class FrameViewTest {
  private static final int N = 1000;

  private static Frame frame() {
    int[] g = new int[N];
    double[] x = new double[N];
    int[] lines = new int[N];
    for (int r = 0; r < N; r++) {
      g[r] = r % 7 == 0 ? -1 : r % 3;
      x[r] = r % 11 == 0 ? Double.NaN : (r * 37) % 101;
      lines[r] = r + 2;
    }
    return Frame.ofColumns(Path.of("v.csv"), List.of("g", "x"), Map.of("g", List.of("a", "b", "c")),
        Map.of("g", g), Map.of("x", x), lines);
  }

  /** The rows of {@code f} where the predicate on (code, value) holds, copied eagerly. */
  private static int[] lines(Frame f, java.util.function.BiPredicate<Integer, Double> keep) {
    int[] g = f.codes("g");
    double[] x = f.values("x");
    return java.util.stream.IntStream.range(0, f.rowCount()).filter(r -> keep.test(g[r], x[r]))
        .map(f::line).toArray();
  }

  @Test
  void filtersOfFiltersPickTheRowsAnEagerCopyPicks() {
    Frame f = frame();
    Frame b = f.where(is("g", "b"));
    Frame bBig = b.where(above("x", 50));
    assertArrayEquals(lines(f, (g, x) -> g == 1 && x > 50), bBig.lines());
    for (int r = 0; r < bBig.rowCount(); r++) {
      int line = bBig.line(r);
      assertEquals(((line - 2) * 37) % 101, bBig.values("x")[r], 0.0);
      assertEquals(1, bBig.codes("g")[r]);
    }
    // the parent read first (its copy made), then filtered again: the same rows
    assertEquals(b.codes("g").length, b.rowCount());
    Frame again = b.where(above("x", 50));
    assertArrayEquals(bBig.values("x"), again.values("x"));
    assertArrayEquals(bBig.lines(), again.lines());
  }

  @Test
  void aColumnDerivedOnAFilteredFrameFollowsItsRows() {
    Frame f = frame().where(above("x", 20));
    Frame d = f.withFactor("big", Case.when(above("x", 60), "yes", "Yes"), Case.otherwise("no", "No"))
        .where(is("big", "yes"));
    assertArrayEquals(lines(frame(), (g, x) -> x > 60), d.lines());
    assertEquals(d.rowCount(), d.countBy("big").count("yes"));
    assertArrayEquals(lines(frame(), (g, x) -> x > 60 && g == 2), d.where(is("g", "c")).lines());
  }
}
