package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class CohortFlowDiagramTest {
  static final FlowBox STUDY = FlowBox.of("Endoscopic resection", 322,
      FlowBox.of("Curative resection", 180),
      FlowBox.of("Non-curative resection", 142,
          FlowBox.of("Additional treatment", 44),
          FlowBox.of("No additional treatment", 98)));

  private static ParsedSvg render(FlowBox root) {
    return ParsedSvg.parse(CohortFlowDiagram.svg("Cohort flow", root, Formats.NUMBERS));
  }

  @Test
  void oneBoxPerNodeWithItsLabelAndCount() {
    ParsedSvg svg = render(STUDY);
    assertEquals(5, svg.select("rect", "flow-box").size());
    assertEquals(List.of("Endoscopic resection", "Curative resection", "Non-curative resection",
        "Additional treatment", "No additional treatment"), svg.texts("flow-label"));
    assertEquals(List.of("n = 322", "n = 180", "n = 142", "n = 44", "n = 98"), svg.texts("flow-count"));
    assertEquals(4, svg.select("path", "flow-arrowhead").size(), "one arrow into every box but the first");
    assertEquals("Cohort flow", svg.root().getElementsByTagNameNS("*", "title").item(0).getTextContent());
  }

  @Test
  void countsGoThroughTheFormatterHandedIn() {
    FigureNumbers bracketed = new FigureNumbers(Formats::plain, Formats::plain, v -> "[" + Formats.whole(v) + "]");
    ParsedSvg svg = ParsedSvg.parse(CohortFlowDiagram.svg("t", STUDY, bracketed));
    assertEquals("n = [322]", svg.texts("flow-count").get(0));
  }

  @Test
  void childrenSitBelowTheirParentWhichIsCentredOverThem() {
    List<Element> boxes = render(STUDY).select("rect", "flow-box");
    Element root = boxes.get(0);
    Element curative = boxes.get(1);
    Element nonCurative = boxes.get(2);
    Element additional = boxes.get(3);
    assertTrue(top(curative) > bottom(root));
    assertTrue(top(additional) > bottom(nonCurative));
    assertEquals(top(curative), top(nonCurative), 1e-9, "siblings share a row");
    assertEquals((centre(curative) + centre(nonCurative)) / 2, centre(root), 0.02);
    assertEquals((centre(additional) + centre(boxes.get(4))) / 2, centre(nonCurative), 0.02);
  }

  @Test
  void noTwoTextsOverlapAndEveryTextIsInsideItsBox() {
    ParsedSvg svg = render(STUDY);
    assertEquals(List.of(), svg.overlappingTexts());
    assertEquals(List.of(), svg.textsOutsideViewport());
    for (Element node : svg.select("g", "flow-node")) {
      Element rect = (Element) node.getElementsByTagNameNS("*", "rect").item(0);
      for (int i = 0; i < node.getElementsByTagNameNS("*", "text").getLength(); i++) {
        ParsedSvg.Box text = ParsedSvg.box((Element) node.getElementsByTagNameNS("*", "text").item(i));
        assertTrue(text.inside(ParsedSvg.num(rect, "x"), top(rect), ParsedSvg.num(rect, "x")
            + ParsedSvg.num(rect, "width"), bottom(rect)), text + " leaves its box");
      }
    }
  }

  @Test
  void longLabelsWrapInsteadOfWideningTheBoxWithoutLimit() {
    FlowBox wordy = FlowBox.of("Patients with a small rectal neuroendocrine tumour resected endoscopically", 322);
    ParsedSvg svg = render(wordy);
    assertTrue(svg.texts("flow-label").size() >= 2);
    assertTrue(ParsedSvg.num(svg.select("rect", "flow-box").get(0), "width") <= 200 + 2 * 12 + 1e-9);
  }

  @Test
  void labelsAreEscapedNotInterpreted() {
    ParsedSvg svg = render(FlowBox.of("<script>alert(1)</script> & co", 1));
    assertEquals("<script>alert(1)</script> & co", String.join(" ", svg.texts("flow-label")));
    assertEquals(0, svg.document.getElementsByTagNameNS("*", "script").getLength());
  }

  @Test
  void sameInputSameBytes() {
    assertEquals(CohortFlowDiagram.svg("t", STUDY, Formats.NUMBERS), CohortFlowDiagram.svg("t", STUDY, Formats.NUMBERS));
  }

  @Property(tries = 60)
  void randomTreesNeverOverlap(@ForAll("trees") FlowBox tree) {
    ParsedSvg svg = render(tree);
    assertEquals(tree.size(), svg.select("rect", "flow-box").size());
    assertEquals(List.of(), svg.overlappingTexts());
    List<Element> rects = svg.select("rect", "flow-box");
    for (int i = 0; i < rects.size(); i++) {
      for (int j = i + 1; j < rects.size(); j++) {
        assertTrue(!boxOf(rects.get(i)).overlaps(boxOf(rects.get(j))), "boxes " + i + " and " + j + " overlap");
      }
    }
  }

  @Provide
  Arbitrary<FlowBox> trees() {
    Arbitrary<String> labels = Arbitraries.of("Resected", "Curative", "Non-curative resection", "Additional treatment",
        "No additional treatment", "Lost to follow-up", "Surgery", "Observation only");
    Arbitrary<Long> counts = Arbitraries.longs().between(0, 100_000);
    Arbitrary<FlowBox> leaf = labels.flatMap(l -> counts.map(c -> FlowBox.of(l, c)));
    Arbitrary<FlowBox> level2 = labels.flatMap(l -> counts.flatMap(c -> leaf.list().ofMaxSize(3)
        .map(kids -> new FlowBox(l, c, kids))));
    return labels.flatMap(l -> counts.flatMap(c -> level2.list().ofMaxSize(4)
        .map(kids -> new FlowBox(l, c, new ArrayList<>(kids)))));
  }

  private static ParsedSvg.Box boxOf(Element r) {
    double x = ParsedSvg.num(r, "x");
    return new ParsedSvg.Box("", x, top(r), x + ParsedSvg.num(r, "width"), bottom(r));
  }

  private static double top(Element r) {
    return ParsedSvg.num(r, "y");
  }

  private static double bottom(Element r) {
    return ParsedSvg.num(r, "y") + ParsedSvg.num(r, "height");
  }

  private static double centre(Element r) {
    return ParsedSvg.num(r, "x") + ParsedSvg.num(r, "width") / 2;
  }
}
