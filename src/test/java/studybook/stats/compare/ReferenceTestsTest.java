package studybook.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.stats.compare.Fixtures.assertClose;
import static studybook.stats.compare.Fixtures.number;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studybook.data.Frame;

/**
 * Every group comparison in tests.csv (R 4.2.2; the r_call column names the call that produced each row)
 * recomputed from the same dataset CSV.
 */
class ReferenceTestsTest {
  static Stream<Map<String, String>> cases() {
    return Fixtures.rows("tests.csv").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesR(Map<String, String> row) {
    TestId id = TestId.byName(row.get("test")).orElseThrow();
    String var = row.get("var");
    String by = row.get("by");
    TestResult r;
    if (id.kind() == TestId.Kind.CATEGORICAL) {
      Frame f = Fixtures.data(row.get("data"), var, by);
      r = ContingencyTests.run(id, Fixtures.table(f, var, by));
    } else {
      Frame f = Fixtures.data(row.get("data"), by);
      r = GroupTests.run(id, Fixtures.groups(f, var, by));
    }
    String what = row.get("r_call") + " on " + row.get("data") + " " + var + " by " + by;
    assertTrue(r.computable(), what + ": " + r.note());
    assertEquals(id.rCall(), row.get("r_call"));
    assertClose(number(row.get("p")), r.p(), what + " p");
    assertClose(number(row.get("statistic")), r.statistic().orElse(Double.NaN), what + " statistic");
    assertClose(number(row.get("df")), r.df().orElse(Double.NaN), what + " df");
    assertClose(number(row.get("df2")), r.df2().orElse(Double.NaN), what + " df2");
  }
}
