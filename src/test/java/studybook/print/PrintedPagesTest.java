package studybook.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The print check itself, on a page and printed texts written here (no browser needed): it passes a good
 * print and names each fault of a bad one (a note on the next page, a caption last on its page, a number
 * broken over two lines).
 */
class PrintedPagesTest {
  private static final String PAGE = """
      <html><body><main>
      <p>Some text before.</p>
      <h3 id="table-1-patients">Table 1. Patients by group</h3>
      <div class="table-wrap"><table>
      <thead><tr><th>Characteristic</th><th align="right">Overall<br />N = 322</th><th align="right">P</th></tr></thead>
      <tbody>
      <tr><td><strong>Age, years</strong>, mean ± SD</td><td align="right">53.7 ± 11.0</td><td align="right">0.033ᵃ</td></tr>
      <tr><td>Ki-67 index, median (IQR)</td><td align="right">1.9 (1.1–2.6)</td><td align="right">&lt;0.001ᵇ</td></tr>
      <tr><td>Male</td><td align="right">181 (56.2%)</td><td align="right"> </td></tr>
      <tr class="notes"><td colspan="3"><div>ᵃ Welch t-test (unequal variances).<br />
      ᵇ Mann-Whitney U test.<br />
      <em>Synthetic data: this table describes invented patients, not real ones.</em></div></td></tr>
      </tbody></table></div>
      <p>Note: prose after the table.</p>
      </main></body></html>
      """;

  private static final String TABLE = """
      Table 1. Patients by group
       Characteristic                 Overall        P
                                      N = 322
       Age, years, mean ± SD      53.7 ± 11.0   0.033ᵃ
       Ki-67 index, median (IQR)  1.9 (1.1–2.6) <0.001ᵇ
       Male                       181 (56.2%)
      """;
  private static final String NOTES = """
      ᵃ Welch t-test (unequal variances).
      ᵇ Mann-Whitney U test.
      Synthetic data: this table describes
      invented patients, not real ones.
      """;

  @Test
  void aGoodPrintHasNoProblems() {
    PrintedPages p = PrintedPages.of(PAGE, List.of("Some text before.\n", TABLE + NOTES + "Note: prose after the table.\n"));
    assertEquals(1, p.tables().size());
    assertEquals(3, p.tables().get(0).rows().size());
    assertEquals(3, p.tables().get(0).notes().size(), p.tables().toString());
    assertEquals(List.of(), p.layoutProblems());
    assertEquals(List.of(), p.brokenTokens());
  }

  @Test
  void aHandLaidTablesNotesAreTheParagraphsUnderIt() {
    String handLaid = PAGE.replace("<tr class=\"notes\"><td colspan=\"3\"><div>", "</tbody></table></div>\n<p>")
        .replace("</div></td></tr>\n</tbody></table></div>\n", "</p>\n");
    PrintedPages p = PrintedPages.of(handLaid, List.of(TABLE + NOTES + "Note: prose after the table.\n"));
    assertEquals(3, p.tables().get(0).rows().size(), handLaid);
    // The paragraph under the table and the one after that reads as a note.
    assertEquals(4, p.tables().get(0).notes().size(), p.tables().toString());
    assertEquals(List.of(), p.layoutProblems());
  }

  @Test
  void aNotesRowOnlyCountsAsTheLastRowOfTheBody() {
    String early = PAGE.replace("<tr><td>Male</td>", "<tr class=\"notes\"><td colspan=\"3\">x</td></tr>\n<tr><td>Male</td>");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> PrintedPages.of(early, List.of(TABLE + NOTES)));
    assertTrue(e.getMessage().contains("not the last row"), e.getMessage());
  }

  @Test
  void notesOnTheNextPageAreOrphaned() {
    PrintedPages p = PrintedPages.of(PAGE, List.of(TABLE, NOTES));
    List<String> problems = p.layoutProblems();
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("orphaned note: 'a Welch t-test") && problems.get(0).contains("page 2"),
        problems.toString());
  }

  @Test
  void theLastWordsOfTheNotesOnTheNextPageAreOrphanedToo() {
    String[] at = NOTES.split("invented");
    PrintedPages p = PrintedPages.of(PAGE, List.of(TABLE + at[0], "invented" + at[1]));
    List<String> problems = p.layoutProblems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("orphaned note: 'Synthetic data"), problems.toString());
  }

  @Test
  void aCaptionLastOnItsPageIsAnOrphan() {
    String[] at = TABLE.split("\n", 2);
    PrintedPages p = PrintedPages.of(PAGE, List.of("Some text before.\n" + at[0] + "\n", at[1] + NOTES));
    assertEquals(List.of("orphan caption: 'Table 1. Patients by group' is on page 1, its first row on page 2"),
        p.layoutProblems());
  }

  @Test
  void aNumberBrokenOverTwoLinesIsSeen() {
    String broken = TABLE.replace(" 1.9 (1.1–2.6) <0.001ᵇ", " 1.9 (1.1–     <0.001ᵇ\n                               2.6)");
    PrintedPages p = PrintedPages.of(PAGE, List.of(broken + NOTES));
    assertEquals(List.of(), p.layoutProblems());
    List<String> tokens = p.brokenTokens();
    assertEquals(1, tokens.size(), tokens.toString());
    assertTrue(tokens.get(0).contains("'1.1–2.6'"), tokens.toString());
    // A group size broken over two lines, as "Overall (n = 322)" was.
    PrintedPages header = PrintedPages.of(PAGE, List.of(TABLE.replace("N = 322", "N =\n 322") + NOTES));
    assertTrue(header.brokenTokens().toString().contains("'N = 322'"), header.brokenTokens().toString());
  }

  @Test
  void aMissingRowIsSaidNotPassed() {
    PrintedPages p = PrintedPages.of(PAGE, List.of(TABLE.replace(" Male ", " Female ") + NOTES));
    assertEquals(1, p.layoutProblems().size(), p.layoutProblems().toString());
    assertTrue(p.layoutProblems().get(0).startsWith("row 'Male … 181'"), p.layoutProblems().toString());
  }
}
