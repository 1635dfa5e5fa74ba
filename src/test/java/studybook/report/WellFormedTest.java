package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: check finds an SVG (a file, or inline in the page) that is not well-formed XML. */
class WellFormedTest {
  @TempDir Path tmp;

  @Test
  void namesEachMalformedSvgAndPassesGoodOnes() throws IOException {
    String good = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>a &amp; b</text></svg>";
    String bad = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\uFFFF</text></svg>";
    Files.createDirectories(tmp.resolve("figures"));
    Files.writeString(tmp.resolve("figures/good.svg"), good);
    Files.writeString(tmp.resolve("figures/bad.svg"), bad);
    Files.writeString(tmp.resolve("report.html"), "<!DOCTYPE html><html><body>" + good + "<p>x</p>" + bad
        + "</body></html>");
    List<String> problems = WellFormed.problems(tmp);
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("figures/bad.svg: not well-formed XML: line 1"), problems.get(0));
    // U+FFFF is a parse error of HTML5 too (a noncharacter in the input stream)
    assertTrue(problems.get(1).startsWith("report.html: not valid HTML5: line 1"), problems.get(1));
    assertTrue(problems.get(2).startsWith("report.html: inline SVG 2 is not well-formed XML"), problems.get(2));
  }

  /**
   * Issue 16: check validates that report.html parses as an HTML5 document, with a located message (the
   * parser's position, just after the offending token).
   */
  @Test
  void reportHtmlThatDoesNotParseAsHtml5IsLocated() throws IOException {
    Files.writeString(tmp.resolve("report.html"), "<!DOCTYPE html>\n<html><head><title>t</title></head>\n"
        + "<body><p>a</b></p>\n</body></html>\n");
    List<String> problems = WellFormed.problems(tmp);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("report.html: not valid HTML5: line 3, column 15: "), problems.get(0));
    assertTrue(problems.get(0).contains("</b>"), problems.get(0));
  }

  @Test
  void reportHtmlWithoutTheHtml5DoctypeIsRefused() throws IOException {
    Files.writeString(tmp.resolve("report.html"), "<html><head><title>t</title></head><body><p>a</p></body></html>");
    List<String> problems = WellFormed.problems(tmp);
    assertEquals(List.of("report.html: not valid HTML5: line 1, column 1: no <!DOCTYPE html> before the document"),
        problems);
  }

  @Test
  void aWellFormedPageHasNoProblems() throws IOException {
    Files.writeString(tmp.resolve("report.html"), "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>t</title></head><body><main><p>a &amp; b</p><table><tr><td>1</td></tr></table></main></body></html>");
    assertEquals(List.of(), WellFormed.problems(tmp));
  }
}
