package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;

/** style.journal: the p-value form, the decimal mark and the limits' separator of AMA, NEJM and the Lancet. */
class JournalStyleTest {
  private static NumberStyle journal(String name) {
    return NumberStyle.of(Map.of("style.journal", name));
  }

  @Test
  void amaDropsThePsLeadingZeroAndJoinsLimitsWithAHyphen() {
    NumberStyle ama = journal("ama");
    assertEquals(".041", ama.p(0.0412));
    assertEquals("<.001", ama.p(0.0004));
    assertEquals("1.000", ama.p(1.0), "a p of 1 keeps its digit");
    assertEquals("1.05-3.20", ama.ci(1.045, 3.2));
    assertEquals("\u22120.52 to 1.10", ama.ci(-0.52, 1.1), "a hyphen before a minus sign would read as a range of negatives");
    assertEquals("0.5", ama.num(0.52), "only P keeps no leading zero");
    assertEquals("31.0", ama.pct(30.98));
  }

  @Test
  void theLancetPrintsTheMidLinePoint() {
    NumberStyle lancet = journal("lancet");
    assertEquals("0\u00B7041", lancet.p(0.0412));
    assertEquals("<0\u00B7001", lancet.p(0.0004));
    assertEquals("1\u00B705\u20133\u00B720", lancet.ci(1.045, 3.2));
    assertEquals("31\u00B70", lancet.pct(30.98));
    assertEquals("40\u00B75", lancet.num(40.49));
    assertEquals("0\u00B75", lancet.tick(0.5));
    assertEquals("322", lancet.count(322), "a count has no decimal mark");
    assertEquals("\u22121\u00B70 to \u22120\u00B75", lancet.interval(-1.0, -0.5));
  }

  @Test
  void nejmJoinsLimitsWithToAndTheDefaultIsUnchanged() {
    assertEquals("1.05 to 3.20", journal("nejm").ci(1.045, 3.2));
    assertEquals("0.041", journal("nejm").p(0.0412));
    NumberStyle plain = NumberStyle.of(Map.of());
    assertEquals(JournalStyle.VANCOUVER_DEFAULT, plain.journal());
    assertEquals("1.05\u20133.20", plain.ci(1.045, 3.2), "no journal: positive limits read as before");
    assertEquals("\u22120.52 to 1.10", plain.ci(-0.52, 1.1), "negative limits: a minus sign and 'to' in every style");
    assertEquals("<0.001", journal("vancouver-default").p(0.0001));
    assertEquals("1.05/3.20", NumberStyle.of(Map.of("style.journal", "nejm", "style.ci_separator", "/")).ci(1.045, 3.2),
        "style.ci_separator still wins");
  }

  @Test
  void anUnknownJournalIsAnErrorNamingTheNearest() {
    StudybookException e = assertThrows(StudybookException.class, () -> journal("lancett"));
    assertTrue(e.getMessage().contains("style.journal must be one of vancouver-default, ama, nejm, lancet, not 'lancett'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'lancet'?"), e.getMessage());
  }
}
