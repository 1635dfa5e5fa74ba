package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import studybook.stats.survival.CumulativeIncidence;
import studybook.stats.survival.CumulativeIncidenceCurve;

class CumulativeIncidenceFigureTest {
  /** Group a: times 2 (event), 4 (competing), 6 (censored), 8 (event); group b: 3 (censored), 5 (competing). */
  static final List<CumulativeIncidenceCurve> CURVES = CumulativeIncidence.fit(
      new double[] {2, 4, 6, 8, 3, 5}, new int[] {1, 2, 0, 1, 0, 2}, new int[] {0, 0, 0, 0, 1, 1},
      List.of("Treated", "Observed")).curves();

  private static ParsedSvg render(CumulativeIncidencePlot.Competing competing) {
    return ParsedSvg.parse(CumulativeIncidenceFigure.svg(new CumulativeIncidencePlot("Recurrence", "Time", "months",
        "Cumulative incidence of recurrence", "death without recurrence", CURVES, competing), Formats.NUMBERS));
  }

  @Test
  void theCurvesRiseFromZeroAndTheIncidenceIsAalenJohansen() {
    CumulativeIncidenceCurve a = CURVES.get(0);
    assertEquals(List.of(2.0, 4.0, 6.0, 8.0), a.time());
    // S(2-) = 1: 1/4 at 2; S(4-) = 3/4 with 3 at risk: competing 1/4; at 8, S(8-) = 1/2 with 1 at risk.
    assertEquals(List.of(0.25, 0.25, 0.25, 0.75), a.incidence());
    assertEquals(List.of(0.0, 0.25, 0.25, 0.25), a.competingIncidence());
    assertEquals(List.of(4, 3, 2, 1), a.atRisk());
    ParsedSvg svg = render(CumulativeIncidencePlot.Competing.SHOWN);
    assertEquals(2, svg.select("path", "cif-curve").size());
    assertEquals(2, svg.select("path", "cif-competing").size());
    String d = svg.select("path", "cif-curve").get(0).getAttribute("d");
    assertEquals(2, d.split(" V").length - 1, "two rises of the event of interest");
    assertTrue(svg.texts("legend-label").contains("thin lines: death without recurrence"));
    assertEquals(List.of(), svg.overlappingTexts());
    assertEquals(List.of(), svg.textsOutsideViewport());
  }

  @Test
  void numbersAtRiskStandUnderTheTicks() {
    ParsedSvg svg = render(CumulativeIncidencePlot.Competing.HIDDEN);
    assertEquals(0, svg.select("path", "cif-competing").size());
    List<Element> rows = svg.select("g", "cif-at-risk-row");
    assertEquals(2, rows.size());
    List<String> first = new ArrayList<>();
    NodeList texts = rows.get(0).getElementsByTagNameNS("*", "text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element e = (Element) texts.item(i);
      if (e.getAttribute("class").contains("cif-at-risk") && !e.getAttribute("class").contains("group")) {
        first.add(e.getTextContent());
      }
    }
    assertEquals(svg.texts("axis-tick-label", "x").size(), first.size());
    assertEquals("4", first.get(0), "everyone is at risk at time 0");
    assertEquals(List.of("Treated", "Observed"), svg.texts("cif-at-risk-group"));
  }

  @Test
  void theAxisStopsAtARoundPercentAboveTheHighestCurve() {
    assertEquals(10, CumulativeIncidenceFigure.yTop(4));
    assertEquals(20, CumulativeIncidenceFigure.yTop(10.5));
    assertEquals(100, CumulativeIncidenceFigure.yTop(75));
    List<String> y = render(CumulativeIncidencePlot.Competing.SHOWN).texts("axis-tick-label", "y");
    assertEquals("100", y.get(y.size() - 1), "75% needs the full axis");
  }

  @Test
  void drawingIsDeterministic() {
    CumulativeIncidencePlot plot = new CumulativeIncidencePlot("t", "Time", "months", "Incidence", "death", CURVES,
        CumulativeIncidencePlot.Competing.SHOWN);
    assertEquals(CumulativeIncidenceFigure.svg(plot, Formats.NUMBERS), CumulativeIncidenceFigure.svg(plot, Formats.NUMBERS));
  }
}
