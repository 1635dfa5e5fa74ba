package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The commands' one readable number format (JSON never goes through it). */
class CliNumbersTest {
  @Test
  void estimatesAsSummaryGlmShowsThem() {
    assertEquals("0.1235", CliNumbers.estimate(0.123456));
    assertEquals("-1.0000", CliNumbers.estimate(-1));
    assertEquals("0.0000", CliNumbers.estimate(0));
    assertEquals("1.23e-05", CliNumbers.estimate(1.234e-5));
    assertEquals("1.23e+05", CliNumbers.estimate(123456));
    assertEquals("NA", CliNumbers.estimate(Double.NaN));
    assertEquals("Inf", CliNumbers.estimate(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", CliNumbers.estimate(Double.NEGATIVE_INFINITY));
  }

  @Test
  void pValuesOfModelsAndOfDescriptiveComparisons() {
    assertEquals("<0.0001", CliNumbers.modelP(1e-5));
    assertEquals("0.0312", CliNumbers.modelP(0.03123));
    assertEquals("NA", CliNumbers.modelP(Double.NaN));
    assertEquals("<0.001", CliNumbers.describeP(0.0002, "n/a"));
    assertEquals("0.031", CliNumbers.describeP(0.03123, "n/a"));
    assertEquals("n/a", CliNumbers.describeP(Double.NaN, "n/a"));
  }

  @Test
  void fixedAndSignificant() {
    assertEquals("12.3", CliNumbers.fixed(12.34, 1, "-"));
    assertEquals("-", CliNumbers.fixed(Double.NaN, 1, "-"));
    assertEquals("63.1", CliNumbers.significant(OptionalDouble.of(63.1), "not reached"));
    assertEquals("60", CliNumbers.significant(OptionalDouble.of(60), "not reached"));
    assertEquals("not reached", CliNumbers.significant(OptionalDouble.empty(), "not reached"));
  }
}
