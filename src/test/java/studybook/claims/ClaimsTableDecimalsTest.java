package studybook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reproducibility table prints a whole-number window end without ".0" (issue 21: no "[322.0, 322.0]"). */
class ClaimsTableDecimalsTest {
  @Test
  void wholeNumberEndsLoseTheirPointZero() {
    assertEquals("[322, 322]", ClaimsReport.shownWindow("[322.0, 322.0]"));
    assertEquals("[0, 0.001)", ClaimsReport.shownWindow("[0.0, 0.001)"));
    assertEquals("[30.95, 31.05)", ClaimsReport.shownWindow("[30.95, 31.05)"));
    assertEquals("[0.0405, 0.0415)", ClaimsReport.shownWindow("[0.0405, 0.0415)"), "a decimal keeps its digits");
    assertEquals("(-2, 10.0001]", ClaimsReport.shownWindow("(-2.0, 10.0001]"));
  }
}
