package studybook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

  private static Window window(String printed, Comparison c, ClaimKind kind) {
    return c.window(PrintedValue.parse(printed), kind);
  }

  @ParameterizedTest(name = "{0} ({1}) contains {2}: {3}")
  @CsvSource({
      // printed, comparison, recomputed, reproduces
      "0.041, half_up, 0.0405, true",        // the lower boundary rounds up to 0.041
      "0.041, half_up, 0.04049999, false",
      "0.041, half_up, 0.04149999, true",
      "0.041, half_up, 0.0415, false",       // rounds up to 0.042
      "31.0, half_up, 30.985915492957748, true",
      "31.0, half_up, 30.94, false",
      "0.04, half_up, 0.0449, true",         // two printed decimals: a wider window than 0.040 would have
      "0.04, half_up, 0.045, false",
      "61.971, half_up, 61.9714, true",
      "61.971, half_up, 61.9716, false",
      "322, exact, 322, true",
      "322, exact, 321.9999, false",
      "<0.001, below, 0.000999, true",
      "<0.001, below, 0.001, false",
      "<0.001, below, 0, true",
      "0.001, floor_half_up, 0.001, true",   // in a paper that prints '<0.001', 0.001 means [0.001, 0.0015)
      "0.001, floor_half_up, 0.0009, false", // would have been printed '<0.001'
      "0.001, floor_half_up, 0.0014999, true",
      "0.001, floor_half_up, 0.0015, false",
      "0.001, half_up, 0.0009, true",        // without the rule, plain rounding would accept it
      "-2.35, half_up, -2.355, false",       // half away from zero: -2.355 prints as -2.36
      "-2.35, half_up, -2.345, true",        // and -2.345 as -2.35
      "4.0225e-06, half_up, 4.02245e-06, true",  // R's scientific notation: ten decimals
      "4.0225e-06, half_up, 4.0226e-06, false",
      "<2e-16, below, 2.1e-16, true",         // R prints every p below its epsilon 2.22e-16 as <2e-16
      "<2e-16, below, 2.3e-16, false",
  })
  void windowsFollowTheDeclaredRounding(String printed, String comparison, double recomputed, boolean reproduces) {
    Comparison c = Comparison.fromToken(comparison).orElseThrow();
    assertEquals(reproduces, window(printed, c, ClaimKind.P).contains(recomputed));
  }

  @Test
  void halfUpWindowOfAThreeDecimalValue() {
    Window w = window("0.012", Comparison.HALF_UP, ClaimKind.P);
    assertEquals(0.0115, w.low(), 0);
    assertEquals(0.0125, w.high(), 0);
    assertTrue(w.lowInclusive());
    assertFalse(w.highInclusive());
  }

  @Test
  void belowIsBoundedByZeroOnlyForNonNegativeKinds() {
    assertEquals(0.0, window("<0.001", Comparison.BELOW, ClaimKind.P).low(), 0);
    assertEquals(Double.NEGATIVE_INFINITY, window("<0.001", Comparison.BELOW, ClaimKind.MEAN).low(), 0);
  }

  @Test
  void safeWindowIsTheInnerHalf() {
    Window safe = Comparison.HALF_UP.safeWindow(PrintedValue.parse("40.49"), ClaimKind.MEDIAN);
    assertEquals(40.4875, safe.low(), 1e-12);
    assertEquals(40.4925, safe.high(), 1e-12);
    assertTrue(safe.contains(40.49));
    assertFalse(safe.contains(40.486));
    Window floor = Comparison.FLOOR_HALF_UP.safeWindow(PrintedValue.parse("0.001"), ClaimKind.P);
    assertEquals(0.001125, floor.low(), 1e-15);
    assertEquals(0.001375, floor.high(), 1e-15);
    Window below = Comparison.BELOW.safeWindow(PrintedValue.parse("<0.001"), ClaimKind.P);
    assertTrue(below.contains(0.0004));
    assertFalse(below.contains(0.0006));
  }

  @ParameterizedTest
  @CsvSource({"31.0, 31.0, 1, false", "322, 322, 0, false", "<0.001, 0.001, 3, true", "0.04, 0.04, 2, false",
      "'< 0.05', 0.05, 2, true"})
  void printedValuesKeepTheirDecimals(String text, String value, int decimals, boolean below) {
    PrintedValue p = PrintedValue.parse(text);
    assertEquals(new java.math.BigDecimal(value), p.value());
    assertEquals(decimals, p.decimals());
    assertEquals(below, p.below());
  }

  @ParameterizedTest
  @CsvSource({"'1,234'", "1e", "'0,041'", "abc", "''", "<", "1e-3.5"})
  void rejectsWhatIsNotAPrintedNumber(String text) {
    assertThrows(IllegalArgumentException.class, () -> PrintedValue.parse(text));
  }

  @Test
  void windowsPrintAsThePublishedNumber() {
    assertEquals("[0.0405, 0.0415)", window("0.041", Comparison.HALF_UP, ClaimKind.P).describe(false));
    assertEquals("[0.00005, 0.00015)", window("0.0001", Comparison.HALF_UP, ClaimKind.P).describe(false),
        "plain, never 5.0E-5");
    assertEquals("[4.02245e-06, 4.02255e-06)", window("4.0225e-06", Comparison.HALF_UP, ClaimKind.P).describe(
        PrintedValue.parse("4.0225e-06").scientific()));
  }

  /** A percentage claim against a result that is a proportion: read as x 100, and the verdict says so. */
  @Test
  void aPercentageAcceptsAProportion() {
    Claim c = new Claim("pct", "31.0% had it", PrintedValue.parse("31.0"), ClaimKind.PERCENTAGE, "x.pct",
        Comparison.HALF_UP, "", 2);
    Verdict v = ClaimChecker.check(c, 0.30985915492957748);
    assertEquals(Verdict.Status.REPRODUCED, v.status(), v.reason());
    assertTrue(v.reason().contains("is a proportion, read as"), v.reason());
    assertEquals(Verdict.Status.MISMATCH, ClaimChecker.check(c, 0.2).status());
  }
}
