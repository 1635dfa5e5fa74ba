package studybook.browser;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import studybook.report.figures.CohortFlowDiagram;
import studybook.report.figures.ConfidenceBand;
import studybook.report.figures.FigureNumbers;
import studybook.report.figures.FlowBox;
import studybook.report.figures.ForestPlot;
import studybook.report.figures.ForestPlotFigure;
import studybook.report.figures.ForestRow;
import studybook.report.figures.KaplanMeierFigure;
import studybook.report.figures.KmCurve;
import studybook.report.figures.KmPlot;
import studybook.report.figures.OddsRatioEstimate;

/**
 * A small self-contained HTML page with one of each figure, for the browser check to open until the
 * real report exists (and as a gallery to look at: run main with an output path).
 */
public final class FixtureReport {
  private FixtureReport() {}

  static final FigureNumbers NUMBERS = new FigureNumbers(
      v -> BigDecimal.valueOf(v).stripTrailingZeros().toPlainString(),
      v -> Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString() : "\u221e",
      v -> Long.toString(Math.round(v)));

  static String flow() {
    return CohortFlowDiagram.svg("Cohort flow", FlowBox.of("Endoscopic resection", 322,
        FlowBox.of("Curative resection", 180),
        FlowBox.of("Non-curative resection", 142,
            FlowBox.of("Additional treatment", 44),
            FlowBox.of("No additional treatment", 98))), NUMBERS);
  }

  static String forest() {
    return ForestPlotFigure.svg(new ForestPlot("Odds ratios for non-curative resection", "Maximum likelihood",
        "Firth", List.of(
            ForestRow.of("Tumour size > 10 mm", new OddsRatioEstimate(3.2, 1.4, 7.31),
                new OddsRatioEstimate(3.0, 1.35, 6.8)),
            ForestRow.of("Lymphovascular invasion", new OddsRatioEstimate(0.45, 0.2, 1.02),
                new OddsRatioEstimate(0.47, 0.21, 1.05)),
            ForestRow.of("Positive vertical margin", new OddsRatioEstimate(2.1e9, 0, Double.POSITIVE_INFINITY),
                new OddsRatioEstimate(25.0, 2.9, 340)),
            ForestRow.of("Method=ESD", new OddsRatioEstimate(0.8, 0.5, 1.3),
                new OddsRatioEstimate(0.81, 0.51, 1.29)))), NUMBERS);
  }

  static String survival(ConfidenceBand band) {
    KmCurve treated = new KmCurve("Additional treatment",
        List.of(6.0, 14.0, 20.0, 31.0, 40.0, 52.0, 60.0, 75.0),
        List.of(44, 40, 35, 30, 24, 18, 12, 5), List.of(1, 0, 1, 0, 1, 0, 0, 0), List.of(3, 5, 4, 6, 5, 6, 7, 5),
        List.of(0.977, 0.977, 0.949, 0.949, 0.910, 0.910, 0.910, 0.910),
        List.of(0.934, 0.934, 0.88, 0.88, 0.82, 0.82, 0.82, 0.82),
        List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
    KmCurve observed = new KmCurve("No additional treatment",
        List.of(12.0, 24.0, 36.0, 48.0, 72.0, 96.0), List.of(98, 80, 61, 40, 22, 9), List.of(0, 0, 0, 0, 0, 0),
        List.of(18, 19, 21, 18, 13, 9), List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
        List.of(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
        List.of(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
    return KaplanMeierFigure.svg(new KmPlot("Recurrence-free survival by additional treatment",
        "Time since resection", "months", "Recurrence-free survival", List.of(treated, observed), band), NUMBERS);
  }

  static String noEvents() {
    KmCurve all = new KmCurve("All patients", List.of(12.0, 24.0, 60.0), List.of(10, 7, 3), List.of(0, 0, 0),
        List.of(3, 4, 3), List.of(1.0, 1.0, 1.0), List.of(Double.NaN, Double.NaN, Double.NaN),
        List.of(Double.NaN, Double.NaN, Double.NaN));
    return KaplanMeierFigure.svg(new KmPlot("Overall survival", "Time since resection", "months",
        "Overall survival", List.of(all), ConfidenceBand.SHOWN), NUMBERS);
  }

  /** The page: a heading, a table, and the figures inline. */
  static String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>studybook figure fixture</title>\n"
        + "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;max-width:960px}"
        + "figure{margin:24px 0}svg{max-width:100%;height:auto}"
        + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 8px}</style>\n"
        + "</head>\n<body>\n<h1>Figure fixture</h1>\n"
        + "<table><tr><th>Group</th><th>n</th></tr><tr><td>Curative</td><td>180</td></tr>"
        + "<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>142</td></tr></table>\n"
        + figure("Figure 1. Cohort flow.", flow())
        + figure("Figure 2. Odds ratios.", forest())
        + figure("Figure 3. Recurrence-free survival.", survival(ConfidenceBand.SHOWN))
        + figure("Figure 4. No events.", noEvents())
        + "</body>\n</html>\n";
  }

  private static String figure(String caption, String svg) {
    return "<figure>\n" + svg + "<figcaption>" + caption + "</figcaption>\n</figure>\n";
  }

  static Path write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, html(), StandardCharsets.UTF_8);
    return file;
  }

  public static void main(String[] args) throws IOException {
    Path out = write(Path.of(args.length > 0 ? args[0] : "target/browser/fixture.html"));
    Path dir = out.toAbsolutePath().getParent();
    Files.writeString(dir.resolve("flow.svg"), flow());
    Files.writeString(dir.resolve("forest.svg"), forest());
    Files.writeString(dir.resolve("km.svg"), survival(ConfidenceBand.SHOWN));
    Files.writeString(dir.resolve("no-events.svg"), noEvents());
  }
}
