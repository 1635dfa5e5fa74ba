package studybook.stats.describe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.stats.compare.Fixtures.assertClose;
import static studybook.stats.compare.Fixtures.number;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studybook.data.Frame;
import studybook.stats.compare.Fixtures;

/** summaries.csv, levels.csv and smd.csv from src/test/r/compare.R (R 4.2.2, quantile type 7, MASS::ginv). */
class DescriptivesTest {
  static Stream<Map<String, String>> summaries() {
    return Fixtures.rows("summaries.csv").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("summaries")
  void summaryMatchesR(Map<String, String> row) {
    Frame f = Fixtures.data(row.get("data"), row.get("by"));
    String var = row.get("var");
    String by = row.get("by");
    double[] values;
    if (row.get("group").isEmpty()) {
      int[] g = f.codes(by);
      double[] x = f.values(var);
      values = java.util.stream.IntStream.range(0, x.length).filter(i -> g[i] >= 0).mapToDouble(i -> x[i]).toArray();
    } else {
      values = Fixtures.groups(f, var, by).get(f.levels(by).indexOf(row.get("group")));
    }
    Summary s = Descriptives.summarize(values);
    assertEquals(Integer.parseInt(row.get("n")), s.n());
    assertEquals(Integer.parseInt(row.get("missing")), s.missing());
    String what = row.toString();
    assertClose(number(row.get("mean")), s.mean(), what);
    assertClose(number(row.get("sd")), s.sd(), what);
    assertClose(number(row.get("median")), s.median(), what);
    assertClose(number(row.get("q1")), s.q1(), what);
    assertClose(number(row.get("q3")), s.q3(), what);
    assertClose(number(row.get("min")), s.min(), what);
    assertClose(number(row.get("max")), s.max(), what);
  }

  @Test
  void levelCountsMatchR() {
    List<Map<String, String>> rows = Fixtures.rows("levels.csv");
    int checked = 0;
    for (Map<String, String> row : rows) {
      String var = row.get("var");
      String by = row.get("by");
      Frame f = Fixtures.data(row.get("data"), var, by);
      int[] x = f.codes(var);
      int[] g = f.codes(by);
      int group = row.get("group").isEmpty() ? -2 : f.levels(by).indexOf(row.get("group"));
      int[] picked = java.util.stream.IntStream.range(0, x.length)
          .filter(i -> g[i] >= 0 && (group == -2 || g[i] == group)).map(i -> x[i]).toArray();
      LevelCounts c = Descriptives.count(picked, f.levels(var).size());
      int level = f.levels(var).indexOf(row.get("level"));
      assertEquals(Long.parseLong(row.get("n")), c.count(level), row.toString());
      assertEquals(Long.parseLong(row.get("missing")), c.missing(), row.toString());
      assertClose(number(row.get("pct")), c.pct(level), row.toString());
      checked++;
    }
    assertTrue(checked > 40);
  }

  @Test
  void standardizedDifferencesMatchTableOneFormulas() {
    for (Map<String, String> row : Fixtures.rows("smd.csv")) {
      String var = row.get("var");
      String by = row.get("by");
      boolean categorical = row.get("type").equals("categorical");
      Frame f = categorical ? Fixtures.data(row.get("data"), var, by) : Fixtures.data(row.get("data"), by);
      double smd;
      if (categorical) {
        long[][] t = Fixtures.table(f, var, by);
        long[] a = new long[t.length];
        long[] b = new long[t.length];
        for (int i = 0; i < t.length; i++) {
          a[i] = t[i][0];
          b[i] = t[i][1];
        }
        smd = StandardizedDifference.categorical(new LevelCounts(a, 0), new LevelCounts(b, 0));
      } else {
        List<double[]> g = Fixtures.groups(f, var, by);
        smd = StandardizedDifference.continuous(g.get(0), g.get(1));
      }
      assertClose(number(row.get("smd")), smd, row.toString());
    }
  }

  @Test
  void handComputedQuartilesAndEdgeCases() {
    Summary s = Descriptives.summarize(new double[] {4, 1, Double.NaN, 3, 2});
    assertEquals(4, s.n());
    assertEquals(1, s.missing());
    assertEquals(1.75, s.q1(), 0);  // type 7: 1 + 0.75 * (2 - 1)
    assertEquals(2.5, s.median(), 0);
    assertEquals(3.25, s.q3(), 0);
    Summary one = Descriptives.summarize(new double[] {7});
    assertEquals(7, one.mean());
    assertTrue(Double.isNaN(one.sd()));
    Summary none = Descriptives.summarize(new double[] {Double.NaN});
    assertEquals(0, none.n());
    assertTrue(Double.isNaN(none.mean()));
    LevelCounts c = Descriptives.count(new int[] {0, 2, -1, 2}, 3);
    assertArrayEquals(new long[] {1, 0, 2}, c.counts());
    assertEquals(200.0 / 3, c.pct(2), 1e-12);
    assertTrue(Double.isNaN(Descriptives.count(new int[] {-1}, 2).pct(0)));
    assertEquals(0.0, StandardizedDifference.categorical(c, c));
    assertTrue(Double.isNaN(StandardizedDifference.continuous(new double[] {}, new double[] {1, 2})));
  }
}
