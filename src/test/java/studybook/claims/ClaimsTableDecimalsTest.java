package studybook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A window prints its ends as the published number prints (issue 21/23: no "[322.0, 322.0]"), in the report's
 * table, the verify command and its JSON alike: the window itself says it so.
 */
class ClaimsTableDecimalsTest {
  @Test
  void wholeNumberEndsLoseTheirPointZero() {
    assertEquals("[322, 322]", new Window(322, 322, true, true).describe(false));
    assertEquals("[0, 0.001)", new Window(0, 0.001, true, false).describe(false));
    assertEquals("[30.95, 31.05)", new Window(30.95, 31.05, true, false).describe(false));
    assertEquals("[0.0405, 0.0415)", new Window(0.0405, 0.0415, true, false).describe(false), "a decimal keeps its digits");
    assertEquals("(-2, 10.0001]", new Window(-2, 10.0001, false, true).describe(false));
    assertEquals("[0.00005, 0.00015)", new Window(0.00005, 0.00015, true, false).describe(false), "never 5.0E-5");
  }
}
