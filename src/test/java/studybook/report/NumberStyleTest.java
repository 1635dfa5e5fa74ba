package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studybook.StudybookException;

class NumberStyleTest {
  private final NumberStyle style = NumberStyle.of(Map.of());

  @ParameterizedTest
  @CsvSource({"0.0004,<0.001", "0.000999,<0.001", "0.001,0.001", "0.0444,0.044", "0.0445,0.045", "0.9996,1.000",
      "1,1.000", "NaN,NA"})
  void pValues(double p, String shown) {
    assertEquals(shown, style.p(p));
  }

  @ParameterizedTest
  @CsvSource({"16.666666,16.7", "0.05,0.1", "0.04,0.0", "100,100.0", "-0.04,0.0", "Infinity,Inf"})
  void percentages(double pct, String shown) {
    assertEquals(shown, style.pct(pct));
  }

  @Test
  void ratiosRoundHalfUpOnTheDecimalForm() {
    assertEquals("2.68", style.or(2.675));
    assertEquals("0.13", style.or(0.125));
    assertEquals("1.05\u20133.20", style.ci(1.045, 3.2));
    assertEquals("Inf", style.or(Double.POSITIVE_INFINITY));
    assertEquals("2.675", NumberStyle.of(Map.of("style.or_decimals", "3")).or(2.675));
  }

  @Test
  void counts() {
    assertEquals("322", style.count(322));
    assertEquals("12345", style.count(12345.0));
    assertEquals("45 (14.0%)", style.countPct(45, 13.975));
    assertThrows(StudybookException.class, () -> style.count(1.5));
  }

  @Test
  void markdownEscapes() {
    assertEquals("a\\*b\\_c \\<x\\> \\| d", style.md("a*b_c <x> | d"));
    assertEquals("one two", style.md("one\ntwo"));
  }

  @Test
  void badStyleSettingIsReported() {
    assertThrows(StudybookException.class, () -> NumberStyle.of(Map.of("style.p_decimals", "three")));
  }
}
