package studybook.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.stats.compare.Fixtures.assertClose;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContingencyTestsTest {
  static long[][] parse(String table) {
    return Arrays.stream(table.split(";"))
        .map(r -> Arrays.stream(r.trim().split(" ")).mapToLong(Long::parseLong).toArray())
        .toArray(long[][]::new);
  }

  static Stream<Map<String, String>> fisherTables() {
    return Fixtures.rows("fisher_tables.csv").stream();
  }

  /** fisher_tables.csv: fisher.test(m, workspace = 2e8)$p.value on hand-made tables (R 4.2.2). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fisherTables")
  void fisherMatchesR(Map<String, String> row) {
    TestResult r = ContingencyTests.fisher(parse(row.get("table")));
    assertEquals(TestId.FISHER, r.test());
    assertTrue(r.statistic().isEmpty());
    assertTrue(r.df().isEmpty());
    assertClose(Fixtures.number(row.get("p")), r.p(), row.get("table"));
  }

  @Test
  void fisherIsSymmetricInTransposeAndRowOrder() {
    long[][] t = parse("7 2 1 0 3;1 4 4 6 0");
    long[][] transposed = new long[5][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 5; j++) {
        transposed[j][i] = t[i][j];
      }
    }
    assertEquals(ContingencyTests.fisher(t).p(), ContingencyTests.fisher(transposed).p(), 1e-12);
    assertEquals(ContingencyTests.fisher(t).p(), ContingencyTests.fisher(parse("1 4 4 6 0;7 2 1 0 3")).p(), 1e-12);
  }

  @Test
  void yatesByHandOnTwoByTwo() {
    // 12 5 / 3 10: margins 17, 13 and 15, 15 of 30, so E = 8.5 8.5 / 6.5 6.5 and |O - E| = 3.5 everywhere
    TestResult r = ContingencyTests.chiSquare(parse("12 5;3 10"), ContinuityCorrection.YATES);
    double expected = 3 * 3 * (2 / 8.5 + 2 / 6.5);
    assertEquals(expected, r.statistic().getAsDouble(), 1e-12);
    assertEquals(TestId.CHISQ_YATES, r.test());
    TestResult plain = ContingencyTests.chiSquare(parse("12 5;3 10"), ContinuityCorrection.NONE);
    assertEquals(3.5 * 3.5 * (2 / 8.5 + 2 / 6.5), plain.statistic().getAsDouble(), 1e-12);
  }

  @Test
  void yatesOnALargerTableIsPlainChiSquareAndSaysSo() {
    TestResult r = ContingencyTests.chiSquare(parse("3 4;5 6;7 1"), ContinuityCorrection.YATES);
    assertEquals(TestId.CHISQ, r.test());
    assertTrue(r.note().orElseThrow().contains("2 x 2"));
    assertEquals(ContingencyTests.chiSquare(parse("3 4;5 6;7 1"), ContinuityCorrection.NONE).p(), r.p());
  }

  @Test
  void emptyRowsAndColumnsAreDropped() {
    TestResult withEmpty = ContingencyTests.chiSquare(parse("3 0 4;0 0 0;5 0 9"), ContinuityCorrection.NONE);
    TestResult without = ContingencyTests.chiSquare(parse("3 4;5 9"), ContinuityCorrection.NONE);
    assertEquals(without.p(), withEmpty.p());
    assertEquals(1.0, withEmpty.df().getAsDouble());
  }

  @Test
  void zeroCellIsFine() {
    TestResult r = ContingencyTests.chiSquare(parse("0 5;5 0"), ContinuityCorrection.NONE);
    assertEquals(10.0, r.statistic().getAsDouble(), 1e-12);
    assertTrue(ContingencyTests.fisher(parse("0 5;5 0")).computable());
  }

  @Test
  void oneLevelOrOneGroupIsNotComputable() {
    for (String t : new String[] {"4 6", "4;6", "0 0;0 0", "0 0;3 0"}) {
      for (TestId id : new TestId[] {TestId.CHISQ, TestId.CHISQ_YATES, TestId.FISHER}) {
        TestResult r = ContingencyTests.run(id, parse(t));
        assertFalse(r.computable(), id + " " + t);
        assertTrue(r.note().isPresent());
      }
    }
  }

  @Test
  void smallestExpectedCount() {
    assertEquals(3 * 8 / 30.0, ContingencyTests.smallestExpected(parse("2 1 0;10 7 10")), 1e-12);
    assertTrue(Double.isNaN(ContingencyTests.smallestExpected(parse("0 0;0 0"))));
  }

  @Test
  void tooLargeTableFailsFastNamingItsSize() {
    long[][] big = parse("400 300 200 100 50;300 400 100 200 80;100 200 400 300 60;90 80 70 60 3");
    ContingencyTests.FisherTooLargeException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(30), () -> assertThrows(ContingencyTests.FisherTooLargeException.class,
            () -> ContingencyTests.fisher(big, 200_000)));
    assertEquals(4, e.rows());
    assertEquals(5, e.columns());
    assertEquals(3493, e.total());
    assertTrue(e.getMessage().contains("4 x 5 table with 3493 observations"), e.getMessage());
  }
}
