package studybook.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.stats.compare.Fixtures.assertClose;

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
  void tooLargeTableGetsAMonteCarloPNamingItsSize() {
    long[][] big = parse("400 300 200 100 50;300 400 100 200 80;100 200 400 300 60;90 80 70 60 3");
    TestResult r = ContingencyTests.fisher(big, 200_000);
    assertEquals(TestId.FISHER_SIMULATED, r.test());
    assertTrue(r.note().orElseThrow().contains("4 x 5 table with 3493 observations"), r.note().orElseThrow());
    // the margins are far from independence: no simulated table is as improbable as the observed one
    assertEquals(1.0 / (FisherSimulated.B + 1), r.p(), 1e-15);
  }

  /** Issue 16: a 1,000-level table overflowed the stack (the network recursed once per level). */
  @Test
  void aThousandLevelsDoNotOverflowTheStack() {
    long[][] t = new long[1000][2];
    for (int i = 0; i < 1000; i++) {
      t[i][0] = i % 3 == 0 ? 1 : 0;
      t[i][1] = i % 3 == 0 ? 0 : 1;
    }
    TestResult r = ContingencyTests.fisher(t);
    assertTrue(r.computable());
    assertTrue(r.p() > 0 && r.p() <= 1, "p " + r.p());
  }

  /** A 20 x 3 table with n = 200, which took 158 s and 3.4 GB before the work and memory caps. */
  static long[][] twentyByThree() {
    long[][] t = new long[20][3];
    for (int i = 0; i < 200; i++) {
      t[(i * 7 + i / 13) % 20][(i * i + i / 5) % 3]++;
    }
    return t;
  }

  @Test
  void twentyByThreeWithTwoHundredStaysWithinItsWorkCap() {
    long[][] t = ContingencyTests.dropEmpty(twentyByThree());
    long exactWork;
    try {
      exactWork = FisherExact.exact(t, FisherExact.DEFAULT_MAX_WORK).work();
    } catch (FisherExact.TooLarge e) {
      exactWork = e.work();
    }
    assertTrue(exactWork <= FisherExact.DEFAULT_MAX_WORK, "exact work " + exactWork);
    // and within the memory cap, which is checked as it stores (TooLarge otherwise)
    FisherSimulated.Result sim = FisherSimulated.pValue(t, FisherSimulated.B, FisherSimulated.SEED);
    // Patefield: per table one draw per cell plus a search bounded by the cell's range, at most r c + 2 n
    assertTrue(sim.work() <= (long) FisherSimulated.B * (20 * 3 + 2 * 200), "simulated work " + sim.work());
    TestResult r = ContingencyTests.fisher(t);
    assertTrue(r.p() > 0 && r.p() <= 1);
  }

  static Stream<Map<String, String>> simulatedTables() {
    return Fixtures.rows("fisher_simulated.csv").stream();
  }

  /**
   * fisher_simulated.csv: R's exact p of tables it can enumerate; the Monte-Carlo p (forced, with the fixed seed)
   * is within 4 Monte-Carlo standard errors of it, and the same on every run.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("simulatedTables")
  void monteCarloPIsDeterministicAndNearRsExactP(Map<String, String> row) {
    long[][] t = parse(row.get("table"));
    double exact = Fixtures.number(row.get("p_exact"));
    TestResult r = ContingencyTests.fisherSimulated(t);
    assertEquals(TestId.FISHER_SIMULATED, r.test());
    assertEquals(r.p(), ContingencyTests.fisherSimulated(t).p());
    int b = FisherSimulated.B;
    double se = Math.sqrt(exact * (1 - exact) / b);
    assertEquals(exact, r.p(), 4 * se + 1.0 / (b + 1), row.get("table"));
    // a tiny work cap sends fisher() to the same Monte-Carlo p
    assertEquals(r.p(), ContingencyTests.fisher(t, 1).p());
  }

  /** Patefield's draws follow the hypergeometric law of a 2 x 2 table's first cell (margins 6, 9 and 7, 8). */
  @Test
  void patefieldDrawsFollowTheHypergeometricLaw() {
    int[] rows = {6, 9};
    int[] cols = {7, 8};
    double[] fact = FisherExact.logFactorials(15);
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int[] matrix = new int[4];
    int[] jwork = new int[2];
    long[] work = {0};
    int draws = 200_000;
    long[] seen = new long[7];
    for (int i = 0; i < draws; i++) {
      FisherSimulated.rcont2(2, 2, rows, cols, 15, fact, jwork, matrix, random, work);
      assertEquals(6, matrix[0] + matrix[2]);
      assertEquals(7, matrix[0] + matrix[1]);
      seen[matrix[0]]++;
    }
    org.apache.commons.statistics.distribution.HypergeometricDistribution h =
        org.apache.commons.statistics.distribution.HypergeometricDistribution.of(15, 7, 6);
    for (int k = 0; k <= 6; k++) {
      double pk = h.probability(k);
      double sd = Math.sqrt(draws * pk * (1 - pk));
      assertEquals(draws * pk, seen[k], 5 * sd + 1, "cell value " + k);
    }
  }
}
