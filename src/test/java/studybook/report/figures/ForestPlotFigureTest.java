package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ForestPlotFigureTest {
  static final ForestPlot MODEL = new ForestPlot("Odds ratios of additional treatment", "Maximum likelihood", "Firth",
      List.of(
          ForestRow.of("Size > 10 mm", new OddsRatioEstimate(3.2, 1.4, 7.31), new OddsRatioEstimate(3.0, 1.35, 6.8)),
          ForestRow.of("Lymphovascular invasion", new OddsRatioEstimate(0.45, 0.2, 1.02),
              new OddsRatioEstimate(0.47, 0.21, 1.05)),
          // Separation: ML diverges, Firth stays finite.
          ForestRow.of("Positive vertical margin", new OddsRatioEstimate(2.1e9, 0, Double.POSITIVE_INFINITY),
              new OddsRatioEstimate(25.0, 2.9, 3400)),
          ForestRow.of("Age (per year)", new OddsRatioEstimate(Double.NaN, Double.NaN, Double.NaN),
              new OddsRatioEstimate(1.01, 0.98, 1.04))));

  private static ParsedSvg render(ForestPlot plot) {
    return ParsedSvg.parse(ForestPlotFigure.svg(plot, Formats.NUMBERS));
  }

  @Test
  void oneRowPerTermWithBothEstimatesAsText() {
    ParsedSvg svg = render(MODEL);
    assertEquals(4, svg.select("g", "forest-row").size());
    assertEquals(List.of("Size > 10 mm", "Lymphovascular invasion", "Positive vertical margin", "Age (per year)"),
        svg.texts("forest-term"));
    assertEquals(List.of("3.20 (1.40\u20137.31)", "0.45 (0.20\u20131.02)", "2100000000.00 (0.00\u2013Inf)",
        "not estimable"), svg.texts("forest-estimate", "primary"));
    assertEquals("25.00 (2.90\u20133400.00)", svg.texts("forest-estimate", "secondary").get(2));
    assertEquals(List.of("OR (95% CI)"), svg.texts("forest-header"));
    assertEquals(List.of("Maximum likelihood", "Firth"), svg.texts("legend-label"));
  }

  @Test
  void markersOnlyForDrawableEstimatesAndArrowsForLimitsOffTheAxis() {
    ParsedSvg svg = render(MODEL);
    // The separated ML estimate lies beyond the axis ceiling and the NaN one is not estimable.
    assertEquals(2, svg.select("rect", "forest-marker", "primary").size());
    assertEquals(4, svg.select("circle", "forest-marker", "secondary").size());
    // ML of the separated term: lower 0 (left arrow) and upper infinite (right arrow); Firth's 3400 > 1000.
    assertEquals(3, svg.select("path", "forest-arrow").size());
  }

  @Test
  void referenceLineSitsOnTheTickLabelledOne() {
    ParsedSvg svg = render(MODEL);
    Element reference = svg.select("line", "forest-reference").get(0);
    Element one = svg.select("text", "axis-tick-label").stream()
        .filter(t -> t.getTextContent().equals("1")).findFirst().orElseThrow();
    assertEquals(ParsedSvg.num(one, "x"), ParsedSvg.num(reference, "x1"), 1e-9);
  }

  @Test
  void axisIsLogarithmic() {
    ParsedSvg svg = render(MODEL);
    List<Element> ticks = svg.select("text", "axis-tick-label");
    double x1 = xOf(ticks, "1");
    double x10 = xOf(ticks, "10");
    double x100 = xOf(ticks, "100");
    assertEquals(x10 - x1, x100 - x10, 0.02, "equal distance per decade");
    assertEquals(List.of("Odds ratio (log scale)"), svg.texts("axis-title"));
  }

  @Test
  void withoutSecondEstimatesTheLegendHasOneEntry() {
    ForestPlot single = new ForestPlot("t", "Maximum likelihood", "",
        List.of(ForestRow.of("a", new OddsRatioEstimate(2, 1.5, 2.5))));
    ParsedSvg svg = render(single);
    assertEquals(List.of("Maximum likelihood"), svg.texts("legend-label"));
    assertEquals(0, svg.select("circle", "forest-marker").size());
  }

  @Test
  void noTextOverlapsAndSameBytesTwice() {
    ParsedSvg svg = render(MODEL);
    assertEquals(List.of(), svg.overlappingTexts());
    assertEquals(List.of(), svg.textsOutsideViewport());
    assertEquals(ForestPlotFigure.svg(MODEL, Formats.NUMBERS), ForestPlotFigure.svg(MODEL, Formats.NUMBERS));
  }

  @Test
  void longTermLabelsWrapSoThePlotStaysWithinItsPrintedWidth() {
    ForestPlot longLabels = new ForestPlot("t", "Maximum likelihood, Wald 95% CI", "Firth, profile 95% CI", List.of(
        ForestRow.of("Initial diagnosis: Forceps biopsy vs Resected as a polyp", new OddsRatioEstimate(0.096, 0.022, 0.424),
            new OddsRatioEstimate(0.133, 0.03, 0.455)),
        ForestRow.of("Resection margin: Indeterminate vs Negative", new OddsRatioEstimate(75.993, 11.897, 485.422),
            new OddsRatioEstimate(45.977, 10.16, 303.53))));
    ParsedSvg svg = render(longLabels);
    assertTrue(ParsedSvg.num(svg.root(), "width") <= ForestPlotFigure.MAX_WIDTH,
        "at most " + ForestPlotFigure.MAX_WIDTH + " px, so 11 px text prints at 7 pt or more at a Word text width");
    List<String> firstLines = svg.texts("forest-term");
    List<String> more = svg.texts("forest-term-line");
    assertEquals(2, firstLines.size());
    assertTrue(!more.isEmpty(), "a long label wraps");
    assertEquals("Initial diagnosis: Forceps biopsy vs Resected as a polyp",
        String.join(" ", firstLines.get(0), more.get(0)), "wrapped at a space, nothing lost");
    assertEquals(List.of(), svg.overlappingTexts());
    assertEquals(List.of(), svg.textsOutsideViewport());
  }

  @Property(tries = 80)
  void randomEstimatesNeverOverlap(@ForAll("rows") List<ForestRow> rows) {
    ParsedSvg svg = render(new ForestPlot("t", "ML", "Firth", rows));
    assertEquals(rows.size(), svg.select("g", "forest-row").size());
    assertEquals(List.of(), svg.overlappingTexts());
    assertEquals(List.of(), svg.textsOutsideViewport());
    assertTrue(svg.select("text", "axis-tick-label").size() >= 2);
  }

  @Provide
  Arbitrary<List<ForestRow>> rows() {
    Arbitrary<OddsRatioEstimate> estimate = Combinators.combine(
        Arbitraries.doubles().between(-8, 8), Arbitraries.doubles().between(0.01, 5), Arbitraries.doubles().between(0.01, 5))
        .as((log, down, up) -> new OddsRatioEstimate(Math.exp(log), Math.exp(log - down), Math.exp(log + up)));
    Arbitrary<String> terms = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '=', '>').ofMinLength(1)
        .ofMaxLength(30);
    Arbitrary<ForestRow> row = Combinators.combine(terms, estimate, estimate).as(ForestRow::of);
    return row.list().ofMinSize(1).ofMaxSize(12).map(ArrayList::new);
  }

  private static double xOf(List<Element> ticks, String label) {
    return ParsedSvg.num(ticks.stream().filter(t -> t.getTextContent().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no tick " + label)), "x");
  }
}
