package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;

/** The printed page's size: the browser checks (BrowserReportTest) print it; this pins the setting. */
class PrintStyleTest {
  @Test
  void a4ByDefaultLetterWhenAskedAnythingElseIsAnError() {
    assertTrue(PageParts.printCss(Map.of()).contains("size: A4; margin: 2.54cm;"));
    assertTrue(PageParts.printCss(Map.of("style.paper", " Letter ")).contains("size: letter;"));
    StudybookException e = assertThrows(StudybookException.class, () -> PageParts.printCss(Map.of("style.paper", "b5")));
    assertEquals("study.properties: style.paper must be a4 or letter, not 'b5'", e.getMessage());
  }
}
