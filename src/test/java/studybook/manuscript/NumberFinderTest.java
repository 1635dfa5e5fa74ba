package studybook.manuscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studybook.claims.Comparison;

/** The forms of numbers a manuscript prints, what their words say they are, and how a result is printed in their form. */
class NumberFinderTest {
  private static List<Mention> find(String... runs) {
    StringBuilder body = new StringBuilder("<w:p>");
    for (String r : runs) {
      body.append("<w:r><w:t xml:space=\"preserve\">").append(r.replace("&", "&amp;").replace("<", "&lt;")).append("</w:t></w:r>");
    }
    body.append("</w:p>");
    WordText w = new WordText("word/document.xml", HandWrittenDocx.document(body.toString()));
    return NumberFinder.find(w.paragraphs.get(0), sdt -> null);
  }

  private static Mention only(String text) {
    List<Mention> m = find(text).stream().filter(x -> x.ignored() == null).toList();
    assertEquals(1, m.size(), m.toString());
    return m.get(0);
  }

  @Test
  void pValuesInTheirForms() {
    Mention p = only("polyps (P = 0.041) were");
    assertEquals("P = 0.041", p.text());
    assertEquals(NumberKind.P, p.kind());
    assertTrue(p.strong());
    assertEquals(Comparison.HALF_UP, p.comparison());
    assertEquals("P = 0.039", p.print(0.0394));
    assertEquals("P < 0.001", p.print(0.0004), "below what three decimals show");
    Mention below = only("invasion (P<0.001)");
    assertEquals("P<0.001", below.text());
    assertEquals(Comparison.BELOW, below.comparison());
    assertEquals("P<0.001", below.print(0.0009));
    assertEquals("P=0.002", below.print(0.0021), "the relation turns when the value is no longer below");
    Mention ama = only("size (P = .041)");
    assertEquals("P = .041", ama.text());
    assertEquals("P = .040", ama.print(0.04), "AMA's missing leading zero is kept");
    Mention floor = only("suspected (p = 0.001)");
    assertEquals(Comparison.FLOOR_HALF_UP, floor.comparison(), "a printed 0.001 means at least 0.001 when smaller prints as <");
    assertEquals("p = 0.001", floor.print(0.0012));
    assertEquals("p < 0.001", floor.print(0.00099));
    Mention word = only("a p-value of 0.30 for");
    assertEquals(NumberKind.P, word.kind());
    assertEquals("p-value of 0.30", word.text());
  }

  @Test
  void ratiosIntervalsPercentagesAndCounts() {
    List<Mention> m = find("lymphovascular invasion (OR, 61.97; 95% CI, 1.009\u20131.547) and tumour size (HR 1.25, 95% CI 1.009 to 1.547)");
    assertEquals(List.of("61.97", "95%", "1.009", "1.547", "1.25", "95%", "1.009", "1.547"), m.stream().map(Mention::text).toList());
    assertEquals(NumberKind.ODDS_RATIO, m.get(0).kind());
    assertEquals("a confidence level", m.get(1).ignored());
    assertEquals(NumberKind.INTERVAL_END, m.get(2).kind());
    assertTrue(m.get(2).strong() && m.get(3).strong(), "an interval after 'CI' is a CI");
    assertEquals(NumberKind.HAZARD_RATIO, m.get(4).kind());
    assertEquals(NumberKind.INTERVAL_END, m.get(7).kind());
    List<Mention> counts = find("Of the 1,142, 44 (31.0%) and 5 (3.5 %) received \u22120.52 units");
    assertEquals(List.of("1,142", "44", "31.0%", "5", "3.5 %", "\u22120.52"), counts.stream().map(Mention::text).toList());
    assertEquals(NumberKind.PERCENTAGE, counts.get(2).kind());
    assertEquals("30.3%", counts.get(2).print(30.28));
    assertEquals("1,143", counts.get(0).print(1143));
    assertEquals("\u22120.50", counts.get(5).print(-0.5));
    Mention lancet = only("median 40\u00B749 months");
    assertEquals(40.49, lancet.printed().value().doubleValue());
    assertEquals("41\u00B700", lancet.print(41));
  }

  @Test
  void whatIsNotAResult() {
    List<Mention> m = find("2.1.3 Methods: in 2019, grade G1 tumours with Ki-67 below 3% (Table 2, Figure 1) [4, 5\u20137] at P < 0.05 were considered significant.");
    for (Mention x : m) {
      if (!x.text().equals("3%")) {
        assertTrue(x.ignored() != null, x.text() + " is not a result");
      }
    }
    assertEquals(List.of("2.1.3", "2019", "3%", "2", "1", "4", "5", "7", "P < 0.05"), m.stream().map(Mention::text).toList());
    assertEquals("a section or version number", m.get(0).ignored());
    assertEquals("a year", m.get(1).ignored());
    assertNull(m.get(2).ignored());
    assertEquals("a table, figure or section number", m.get(3).ignored());
    assertEquals("a citation", m.get(5).ignored());
    assertEquals("a significance threshold", m.get(8).ignored());
  }

  @Test
  void criteriaListsAndHeadings() {
    List<Mention> m = find("Tumours < 10 mm in patients aged ≥ 18 years (Tables 2 and 3) were resected.");
    assertEquals(List.of("10", "18", "2", "3"), m.stream().map(Mention::text).toList());
    assertEquals("a threshold (a criterion, not a result)", m.get(0).ignored());
    assertEquals("a threshold (a criterion, not a result)", m.get(1).ignored());
    assertEquals("a table, figure or section number", m.get(3).ignored(), "Tables 2 and 3");
    assertEquals("a section or list number", find("1. Results").get(0).ignored());
    assertNull(find("322 patients underwent endoscopic resection").get(0).ignored(), "a sentence may start with its count");
    WordText w = new WordText("word/document.xml", HandWrittenDocx.document(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>2 Methods</w:t></w:r></w:p>"));
    WordText.Paragraph heading = w.paragraphs.get(0);
    assertTrue(heading.heading(w));
    assertEquals("a section or list number", NumberFinder.find(heading, sdt -> null, true).get(0).ignored());
  }

  @Test
  void trackedDeletionsFieldCodesAndCommentsHoldNoText() {
    String body = "<w:p><w:r><w:t>found in </w:t></w:r><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>7</w:delText></w:r></w:del>"
        + "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>6</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        + "<w:r><w:instrText> PAGE 12 </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> patients &amp; 2 &lt; 5</w:t></w:r></w:p>";
    WordText w = new WordText("word/document.xml", HandWrittenDocx.document(body));
    assertEquals("found in 63 patients & 2 < 5", w.paragraphs.get(0).text());
  }

  @Test
  void noTextMakesTheFinderFail() {
    String alphabet = "0123456789.,·-−– %<>=≤Pp()[]ORHCItoab\t\n";
    java.util.SplittableRandom random = new java.util.SplittableRandom(4911);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(1, 40);
      for (int k = 0; k < n; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      for (Mention m : find(text)) {
        assertTrue(m.start() >= 0 && m.end() <= text.length() && m.start() < m.end(), text);
        if (m.ignored() == null) {
          assertEquals(m.text(), text.substring(m.start(), m.end()), "a number's text is its characters: " + text);
          m.print(0.5);
          m.window();
        }
      }
    }
  }
}
