package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Issue 16: any text in a figure leaves the SVG valid XML (U+FFFF, U+FFFE, lone surrogates, controls). */
class SvgTextTest {
  @Test
  void charactersXmlForbidsAreReplacedAndTheSvgParses() throws Exception {
    String label = "a\uFFFFb\uFFFEc\uD800d\u0001e\uD83D\uDE00f";
    String escaped = Svg.escape(label);
    assertEquals("a\uFFFDb\uFFFDc\uFFFDd e\uD83D\uDE00f", escaped);
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>" + escaped + "</text></svg>";
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals(escaped, doc.getDocumentElement().getTextContent());
  }
}
