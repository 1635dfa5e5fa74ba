package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class KaplanMeierFigureTest {
  /** Hand-made: 6 patients, events at 10 and 30 months, censored at 20, 40, 40, 60. */
  static final KmCurve TREATED = new KmCurve("Additional treatment",
      List.of(10.0, 20.0, 30.0, 40.0, 60.0), List.of(6, 5, 4, 3, 1), List.of(1, 0, 1, 0, 0), List.of(0, 1, 0, 2, 1),
      List.of(5.0 / 6, 5.0 / 6, 5.0 / 6 * 3 / 4, 5.0 / 6 * 3 / 4, 5.0 / 6 * 3 / 4),
      List.of(0.58, 0.58, 0.35, 0.35, 0.35), List.of(1.0, 1.0, 1.0, 1.0, 1.0));
  /** No events at all: the curve stays at 100%. */
  static final KmCurve OBSERVED = new KmCurve("No additional treatment",
      List.of(12.0, 36.0, 72.0), List.of(3, 2, 1), List.of(0, 0, 0), List.of(1, 1, 1),
      List.of(1.0, 1.0, 1.0), List.of(Double.NaN, Double.NaN, Double.NaN), List.of(Double.NaN, Double.NaN, Double.NaN));

  private static ParsedSvg render(ConfidenceBand band, KmCurve... curves) {
    return ParsedSvg.parse(KaplanMeierFigure.svg(
        new KmPlot("Recurrence-free survival", "Time since resection", "months", "Recurrence-free survival",
            List.of(curves), band), Formats.NUMBERS));
  }

  @Test
  void oneStepPerEventTimeAndOneTickPerCensoringTime() {
    ParsedSvg svg = render(ConfidenceBand.HIDDEN, TREATED, OBSERVED);
    List<Element> paths = svg.select("path", "km-curve");
    assertEquals(2, paths.size());
    assertEquals(2, count(paths.get(0).getAttribute("d"), " V"), "two event times");
    assertEquals(0, count(paths.get(1).getAttribute("d"), " V"), "no events, no steps");
    List<Element> groups = svg.select("g", "km-censor-group");
    assertEquals(3, groups.get(0).getElementsByTagNameNS("*", "line").getLength());
    assertEquals(3, groups.get(1).getElementsByTagNameNS("*", "line").getLength());
    assertEquals(0, svg.select("path", "km-band").size());
  }

  @Test
  void stepsDropToTheSurvivalValues() {
    ParsedSvg svg = render(ConfidenceBand.HIDDEN, TREATED);
    String d = svg.select("path", "km-curve").get(0).getAttribute("d");
    List<Double> verticals = new ArrayList<>();
    Matcher m = Pattern.compile("V(-?[0-9.]+)").matcher(d);
    while (m.find()) {
      verticals.add(Double.parseDouble(m.group(1)));
    }
    double top = yOfTick(svg, "100");
    double bottom = yOfTick(svg, "0");
    assertEquals(bottom - 5.0 / 6 * (bottom - top), verticals.get(0), 0.01);
    assertEquals(bottom - 0.625 * (bottom - top), verticals.get(1), 0.01);
  }

  @Test
  void numbersAtRiskAreReadUnderEachTimeTick() {
    ParsedSvg svg = render(ConfidenceBand.HIDDEN, TREATED, OBSERVED);
    List<String> ticks = svg.texts("axis-tick-label", "x");
    List<Element> rows = svg.select("g", "km-at-risk-row");
    assertEquals(2, rows.size());
    List<String> treated = texts(rows.get(0), "km-at-risk");
    assertEquals(ticks.size(), treated.size());
    assertEquals("0", ticks.get(0));
    assertEquals("6", treated.get(0), "everyone is at risk at time 0");
    assertEquals("0", treated.get(treated.size() - 1), "no one beyond the last time");
    assertEquals(List.of("Additional treatment", "No additional treatment"), svg.texts("km-at-risk-group"));
    // Each count is centred on its tick.
    List<Element> tickLabels = svg.select("text", "axis-tick-label", "x");
    NodeListTexts counts = new NodeListTexts(rows.get(1));
    for (int i = 0; i < tickLabels.size(); i++) {
      assertEquals(ParsedSvg.num(tickLabels.get(i), "x"), ParsedSvg.num(counts.get(i), "x"), 1e-9);
    }
  }

  @Test
  void aFlatCurveAloneSaysNoEventsAndKeepsTheFullAxis() {
    ParsedSvg svg = render(ConfidenceBand.SHOWN, OBSERVED);
    assertEquals(List.of("no events"), svg.texts("km-no-events"));
    assertTrue(svg.texts("legend-label").contains("No additional treatment (no events)"));
    assertEquals(List.of("0", "20", "40", "60", "80", "100"), svg.texts("axis-tick-label", "y"));
    assertEquals(List.of("Recurrence-free survival (%)"), svg.texts("axis-title", "y"));
    assertEquals(List.of("Time since resection (months)"), svg.texts("axis-title", "x"));
    assertEquals(0, svg.select("path", "km-band").size(), "undefined limits draw no band");
    assertEquals(List.of(), svg.overlappingTexts());
  }

  @Test
  void withNoEventsAndHundredsOfCensoringTimesTheTicksStandApartInsteadOfFusingIntoABar() {
    // 322 patients censored at 322 distinct times over 150 months, no events (the rectal NET twin's recurrence).
    List<Double> times = new ArrayList<>();
    List<Integer> atRisk = new ArrayList<>();
    for (int i = 0; i < 322; i++) {
      times.add(10 + 140.0 * i / 321);
      atRisk.add(322 - i);
    }
    List<Integer> none = new ArrayList<>(java.util.Collections.nCopies(322, 0));
    List<Integer> one = new ArrayList<>(java.util.Collections.nCopies(322, 1));
    List<Double> full = new ArrayList<>(java.util.Collections.nCopies(322, 1.0));
    List<Double> nan = new ArrayList<>(java.util.Collections.nCopies(322, Double.NaN));
    KmCurve flat = new KmCurve("None", times, atRisk, none, one, full, nan, nan);
    ParsedSvg svg = ParsedSvg.parse(KaplanMeierFigure.svg(new KmPlot("Recurrence-free survival", "Time",
        "months", "Recurrence-free survival", List.of(flat), ConfidenceBand.HIDDEN), Formats.NUMBERS));
    List<Element> ticks = svg.select("line", "km-censor");
    assertTrue(ticks.size() < 160, "not one per pixel along the row: " + ticks.size());
    assertTrue(ticks.size() > 60, "the ticks still span the follow-up: " + ticks.size());
    for (int k = 1; k < ticks.size(); k++) {
      double gap = ParsedSvg.num(ticks.get(k), "x1") - ParsedSvg.num(ticks.get(k - 1), "x1");
      assertTrue(gap >= KaplanMeierFigure.NO_EVENTS_TICK_GAP, "ticks " + gap + " px apart");
    }
    assertEquals(List.of("no events"), svg.texts("km-no-events"));
  }

  @Test
  void withNoEventsAtAllTheFlatCurvesLieOverOneTickPerCensoringTime() {
    // 40 patients censored at 12 distinct times (several at each), 9 patients at 9 times; no events.
    List<Double> times = new ArrayList<>();
    List<Integer> atRisk = new ArrayList<>();
    List<Integer> censored = new ArrayList<>();
    int risk = 40;
    for (int i = 1; i <= 12; i++) {
      int n = i <= 4 ? 4 : 3;
      times.add(6.0 * i);
      atRisk.add(risk);
      censored.add(n);
      risk -= n;
    }
    List<Integer> none = new ArrayList<>(java.util.Collections.nCopies(12, 0));
    List<Double> one = new ArrayList<>(java.util.Collections.nCopies(12, 1.0));
    List<Double> nan = new ArrayList<>(java.util.Collections.nCopies(12, Double.NaN));
    KmCurve many = new KmCurve("Surveillance", times, atRisk, none, censored, one, nan, nan);
    KmCurve few = new KmCurve("Surgery", times.subList(0, 9), List.of(9, 8, 7, 6, 5, 4, 3, 2, 1),
        none.subList(0, 9), new ArrayList<>(java.util.Collections.nCopies(9, 1)), one.subList(0, 9),
        nan.subList(0, 9), nan.subList(0, 9));
    String source = KaplanMeierFigure.svg(new KmPlot("Recurrence-free survival", "Time since resection", "months",
        "Recurrence-free survival", List.of(many, few), ConfidenceBand.SHOWN), Formats.NUMBERS);
    ParsedSvg svg = ParsedSvg.parse(source);
    List<Element> tickGroups = svg.select("g", "km-censor-group");
    assertEquals(12, tickGroups.get(0).getElementsByTagNameNS("*", "line").getLength(), "one per time, not 40");
    assertEquals(9, tickGroups.get(1).getElementsByTagNameNS("*", "line").getLength());
    assertTrue(source.lastIndexOf("class=\"km-censor\"") < source.indexOf("class=\"km-curve\""),
        "every curve is drawn over the censor ticks, so flat curves at 100% stay visible");
    assertEquals(2, svg.select("path", "km-curve").size());
    assertEquals(List.of("no events"), svg.texts("km-no-events"));
    assertEquals(List.of("0", "20", "40", "60", "80", "100"), svg.texts("axis-tick-label", "y"));
    assertEquals(2, svg.select("g", "km-at-risk-row").size());
    assertEquals(List.of(), svg.overlappingTexts());
  }

  @Test
  void bandIsDrawnWhenAskedAndTheCurvesDifferInDash() {
    ParsedSvg svg = render(ConfidenceBand.SHOWN, TREATED, OBSERVED);
    assertEquals(1, svg.select("path", "km-band").size());
    assertEquals(0, svg.select("text", "km-no-events").size(), "one group had events");
    List<Element> paths = svg.select("path", "km-curve");
    assertTrue(!paths.get(0).getAttribute("stroke-dasharray").equals(paths.get(1).getAttribute("stroke-dasharray")));
  }

  @Test
  void noTextOverlapsAndSameBytesTwice() {
    ParsedSvg svg = render(ConfidenceBand.SHOWN, TREATED, OBSERVED);
    assertEquals(List.of(), svg.overlappingTexts());
    assertEquals(List.of(), svg.textsOutsideViewport());
    KmPlot plot = new KmPlot("t", "Time", "months", "Survival", List.of(TREATED, OBSERVED), ConfidenceBand.SHOWN);
    assertEquals(KaplanMeierFigure.svg(plot, Formats.NUMBERS), KaplanMeierFigure.svg(plot, Formats.NUMBERS));
  }

  @Test
  void aHundredThousandCensoredPatientsDrawAtMostOneTickPerPixelAtTheRightPlaces() {
    // 100,000 censored patients at distinct times 0.01 .. 1000 months, and an event after every 50th.
    int censoredPatients = 100_000;
    List<Double> times = new ArrayList<>();
    List<Integer> atRisk = new ArrayList<>();
    List<Integer> events = new ArrayList<>();
    List<Integer> censored = new ArrayList<>();
    List<Double> surv = new ArrayList<>();
    int risk = censoredPatients + censoredPatients / 50;
    double s = 1;
    for (int i = 1; i <= censoredPatients; i++) {
      boolean event = i % 50 == 0;
      times.add(i / 100.0);
      atRisk.add(risk);
      events.add(event ? 1 : 0);
      censored.add(1);
      s *= 1 - (event ? 1.0 : 0.0) / risk;
      surv.add(s);
      risk -= event ? 2 : 1;
    }
    List<Double> nan = java.util.Collections.nCopies(times.size(), Double.NaN);
    KmCurve big = new KmCurve("Registry", times, atRisk, events, censored, surv, nan, nan);
    String text = KaplanMeierFigure.svg(new KmPlot("t", "Time", "months", "Survival", List.of(big),
        ConfidenceBand.HIDDEN), Formats.NUMBERS);
    assertTrue(text.length() < 150_000, "the SVG stays small: " + text.length() + " characters");
    ParsedSvg svg = ParsedSvg.parse(text);

    // Numbers at risk are those of the curve, under each time tick.
    List<Element> labels = svg.select("text", "axis-tick-label", "x");
    List<String> counts = texts(svg.select("g", "km-at-risk-row").get(0), "km-at-risk");
    assertEquals(labels.size(), counts.size());
    for (int i = 0; i < labels.size(); i++) {
      double t = Double.parseDouble(labels.get(i).getTextContent());
      assertEquals(Formats.NUMBERS.count().apply(big.atRiskAt(t)), counts.get(i), "at risk at " + t);
    }

    // At most one tick per pixel column plus one per pixel row; every censored time has a tick within a pixel.
    List<Element> ticks = svg.select("line", "km-censor");
    assertTrue(ticks.size() <= 520 + 260 + 2, ticks.size() + " ticks");
    assertTrue(ticks.size() > 500, "the ticks still span the plot: " + ticks.size());
    double x0 = ParsedSvg.num(labels.get(0), "x");
    Element lastLabel = labels.get(labels.size() - 1);
    double pxPerMonth = (ParsedSvg.num(lastLabel, "x") - x0) / Double.parseDouble(lastLabel.getTextContent());
    double top = yOfTick(svg, "100");
    double bottom = yOfTick(svg, "0");
    double[] tickX = new double[ticks.size()];
    double[] tickY = new double[ticks.size()];
    for (int k = 0; k < ticks.size(); k++) {
      tickX[k] = ParsedSvg.num(ticks.get(k), "x1");
      tickY[k] = (ParsedSvg.num(ticks.get(k), "y1") + ParsedSvg.num(ticks.get(k), "y2")) / 2;
      assertTrue(k == 0 || tickX[k] >= tickX[k - 1], "ticks in time order");
    }
    int k = 0;
    for (int i = 0; i < times.size(); i++) {
      double x = x0 + times.get(i) * pxPerMonth;
      double y = bottom - surv.get(i) * (bottom - top);
      while (k + 1 < tickX.length && tickX[k + 1] <= x + 0.01) {
        k++;
      }
      boolean near = false;
      for (int j = Math.max(0, k - 3); j <= Math.min(tickX.length - 1, k + 3); j++) {
        near |= Math.abs(tickX[j] - x) <= 1.01 && Math.abs(tickY[j] - y) <= 1.01;
      }
      assertTrue(near, "censored at " + times.get(i) + " (x " + x + ", y " + y
          + ") has no tick within a pixel; the drawn ones near it: " + tickX[k] + ", " + tickY[k]);
    }
  }

  @Property(tries = 60)
  void randomCohortsNeverOverlap(@ForAll("cohorts") List<KmCurve> curves) {
    ParsedSvg svg = ParsedSvg.parse(KaplanMeierFigure.svg(
        new KmPlot("t", "Follow-up", "days", "Overall survival", curves, ConfidenceBand.SHOWN), Formats.NUMBERS));
    assertEquals(List.of(), svg.overlappingTexts());
    assertEquals(List.of(), svg.textsOutsideViewport());
    assertEquals(curves.size(), svg.select("g", "km-at-risk-row").size());
  }

  @Provide
  Arbitrary<List<KmCurve>> cohorts() {
    Arbitrary<KmCurve> curve = Arbitraries.integers().between(1, 3000).flatMap(n ->
        Arbitraries.doubles().between(0.1, 5000).list().ofMinSize(1).ofMaxSize(40).flatMap(times ->
            Arbitraries.of(true, false).list().ofSize(times.size()).flatMap(isEvent ->
                Arbitraries.of("A", "Curative", "Non-curative, additional treatment", "Group 3")
                    .map(name -> curveOf(name, n, times, isEvent)))));
    return curve.list().ofMinSize(1).ofMaxSize(4);
  }

  /** A Kaplan-Meier curve computed by hand from one subject per distinct time (plus n - k still in follow-up). */
  private static KmCurve curveOf(String name, int extra, List<Double> rawTimes, List<Boolean> isEvent) {
    List<Double> times = new ArrayList<>(new java.util.TreeSet<>(rawTimes));
    int n = times.size() + extra;
    List<Integer> atRisk = new ArrayList<>();
    List<Integer> events = new ArrayList<>();
    List<Integer> censored = new ArrayList<>();
    List<Double> surv = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    double s = 1;
    int risk = n;
    for (int i = 0; i < times.size(); i++) {
      boolean event = isEvent.get(i);
      boolean last = i == times.size() - 1;
      int c = (event ? 0 : 1) + (last ? extra : 0);
      int d = event ? 1 : 0;
      atRisk.add(risk);
      events.add(d);
      censored.add(c);
      s *= 1 - (double) d / risk;
      surv.add(s);
      lower.add(Math.max(0, s - 0.1));
      upper.add(Math.min(1, s + 0.1));
      risk -= c + d;
    }
    return new KmCurve(name, times, atRisk, events, censored, surv, lower, upper);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static double yOfTick(ParsedSvg svg, String label) {
    Element tick = svg.select("text", "axis-tick-label", "y").stream()
        .filter(t -> t.getTextContent().equals(label)).findFirst().orElseThrow();
    // The label's baseline is centred on the tick: undo the centring.
    return ParsedSvg.num(tick, "y") - 11 * (TextMetrics.ASCENT - TextMetrics.DESCENT) / 2;
  }

  private static List<String> texts(Element parent, String cls) {
    return new NodeListTexts(parent).elements.stream().filter(e -> e.getAttribute("class").equals(cls))
        .map(Element::getTextContent).toList();
  }

  /** The count texts inside one at-risk row. */
  private static final class NodeListTexts {
    final List<Element> elements = new ArrayList<>();

    NodeListTexts(Element parent) {
      var nodes = parent.getElementsByTagNameNS("*", "text");
      for (int i = 0; i < nodes.getLength(); i++) {
        elements.add((Element) nodes.item(i));
      }
    }

    Element get(int i) {
      return elements.stream().filter(e -> e.getAttribute("class").equals("km-at-risk")).toList().get(i);
    }
  }

  /** KmPlot.of by a group prints survdiff's log-rank p in the legend (veteran by trt: 0.928, src/test/r/survfit_tables.R). */
  @Test
  void theLogRankPIsInTheLegend() {
    studybook.data.Frame vet = studybook.data.AdhocLoader.load(
        java.nio.file.Path.of("src/test/resources/reference/cox/veteran.csv"), java.util.Set.of("trt"), java.util.Map.of());
    KmPlot plot = KmPlot.of(vet, studybook.data.Surv.of("time", "status").by("trt"), "Overall survival");
    assertEquals(0.92772723334007379, plot.logRankP().getAsDouble(), 1e-6);
    String svg = KaplanMeierFigure.svg(plot, Formats.NUMBERS);
    assertTrue(svg.contains(">Log-rank P = 0.928<"), svg);
    assertTrue(svg.contains(">time<") && !svg.contains("time ()"), "no empty unit in the axis title: " + svg);
    KmPlot overall = KmPlot.of(vet, studybook.data.Surv.of("time", "status"), "Overall survival");
    assertTrue(!KaplanMeierFigure.svg(overall, Formats.NUMBERS).contains("Log-rank"), "no p without groups");
  }

  /** With no events the log-rank test has no p; the legend says so instead of printing nothing (issue 23). */
  @Test
  void withNoEventsTheLegendSaysTheLogRankTestHasNone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path csv = dir.resolve("none.csv");
    java.nio.file.Files.writeString(csv, "time,status,arm\n5,0,a\n9,0,a\n12,0,a\n3,0,b\n8,0,b\n");
    studybook.data.Frame data = studybook.data.AdhocLoader.load(csv, java.util.Set.of("arm"), java.util.Map.of());
    KmPlot plot = KmPlot.of(data, studybook.data.Surv.of("time", "status").by("arm"), "Survival");
    assertTrue(plot.logRankP().isEmpty() && plot.logRankNotComputable().isPresent(), plot.toString());
    String svg = KaplanMeierFigure.svg(plot, Formats.NUMBERS);
    assertTrue(svg.contains(">Log-rank test: no events<"), svg);
    assertTrue(!svg.contains("NaN"), svg);
  }
}
