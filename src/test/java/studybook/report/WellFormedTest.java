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
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("figures/bad.svg: not well-formed XML: line 1"), problems.get(0));
    assertTrue(problems.get(1).startsWith("report.html: inline SVG 2 is not well-formed XML"), problems.get(1));
  }
}
