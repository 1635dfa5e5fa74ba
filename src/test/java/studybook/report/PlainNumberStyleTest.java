package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The plain style of the one number formatter: the commands' readable output (JSON never goes through it). */
class PlainNumberStyleTest {
  @Test
  void estimatesAsSummaryGlmShowsThem() {
    assertEquals("0.1235", NumberStyle.Plain.estimate(0.123456));
    assertEquals("-1.0000", NumberStyle.Plain.estimate(-1));
    assertEquals("0.0000", NumberStyle.Plain.estimate(0));
    assertEquals("1.23e-05", NumberStyle.Plain.estimate(1.234e-5));
    assertEquals("1.23e+05", NumberStyle.Plain.estimate(123456));
    assertEquals("NA", NumberStyle.Plain.estimate(Double.NaN));
    assertEquals("Inf", NumberStyle.Plain.estimate(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", NumberStyle.Plain.estimate(Double.NEGATIVE_INFINITY));
  }

  @Test
  void pValuesOfModelsAndOfDescriptiveComparisons() {
    assertEquals("<0.0001", NumberStyle.Plain.modelP(1e-5));
    assertEquals("0.0312", NumberStyle.Plain.modelP(0.03123));
    assertEquals("NA", NumberStyle.Plain.modelP(Double.NaN));
    assertEquals("<0.001", NumberStyle.Plain.describeP(0.0002, "n/a"));
    assertEquals("0.031", NumberStyle.Plain.describeP(0.03123, "n/a"));
    assertEquals("n/a", NumberStyle.Plain.describeP(Double.NaN, "n/a"));
  }

  @Test
  void fixedAndSignificant() {
    assertEquals("12.3", NumberStyle.Plain.fixed(12.34, 1, "-"));
    assertEquals("-", NumberStyle.Plain.fixed(Double.NaN, 1, "-"));
    assertEquals("63.1", NumberStyle.Plain.significant(OptionalDouble.of(63.1), "not reached"));
    assertEquals("60", NumberStyle.Plain.significant(OptionalDouble.of(60), "not reached"));
    assertEquals("not reached", NumberStyle.Plain.significant(OptionalDouble.empty(), "not reached"));
  }

  @Test
  void significantDigitsAndSignedChangesAsTheCommandsPrintThem() {
    assertEquals("0.04117406000", NumberStyle.Plain.significant(0.04117406, 10));
    assertEquals("1.23457e+06", NumberStyle.Plain.significant(1234567, 6));
    assertEquals("+0.500000", NumberStyle.Plain.signed(0.5, 6));
    assertEquals("-12.3", NumberStyle.Plain.signed(-12.34, 3));
    assertEquals("-0.0000", NumberStyle.Plain.fixed(-1e-7, 4), "the plain style keeps a hyphen-minus and Formatter's sign");
    assertEquals("  12.346", String.format("%8s", NumberStyle.Plain.fixed(12.3456, 3)));
  }
}
