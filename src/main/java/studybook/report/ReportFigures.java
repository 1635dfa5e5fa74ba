package studybook.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studybook.Names;
import studybook.StudybookException;
import studybook.kernel.CellOutcome;
import studybook.kernel.KernelRun;
import studybook.report.figures.CohortFlowDiagram;
import studybook.report.figures.FigureNumbers;
import studybook.report.figures.FlowBox;
import studybook.report.figures.ForestPlot;
import studybook.report.figures.ForestPlotFigure;
import studybook.report.figures.KaplanMeierFigure;
import studybook.report.figures.KmPlot;

/**
 * The figures of a run: every cell result that is a {@link FlowBox}, {@link ForestPlot}, a Love plot or
 * {@link KmPlot} drawn as SVG with the study's one number style. A figure is named for its cell and
 * written to {@code figures/<cell>.svg}; the Markdown points at that file and the HTML page carries
 * the same SVG inline. Results keep the figure model, never the SVG, so cached cells stay small and
 * the drawing follows the current number style.
 */
public final class ReportFigures {
  /** The Markdown image target of a figure; the HTML step recognises exactly this shape. */
  static final Pattern TARGET = Pattern.compile("figures/([A-Za-z0-9][A-Za-z0-9._-]{0,99})\\.svg");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  /** Inside a tag (text is escaped and cannot hold one): elements and attributes that run or fetch. */
  private static final Pattern FORBIDDEN = Pattern.compile(
      "(?i)^</?\\s*(script|foreignObject|iframe|image|use|a|style)\\b|\\s(on[a-z]+|href|xlink:href|src)\\s*=|url\\(|javascript:");

  private final Map<String, String> svg;
  private final Map<String, String> titles;

  private ReportFigures(Map<String, String> svg, Map<String, String> titles) {
    this.svg = Collections.unmodifiableMap(svg);
    this.titles = Collections.unmodifiableMap(titles);
  }

  /** No figures. */
  static ReportFigures none() {
    return new ReportFigures(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /** Draws every figure result of the run, in run order. */
  public static ReportFigures of(KernelRun run, NumberStyle style) {
    return of(run, style, null, "");
  }

  /**
   * As above, with the flow boxes whose n small-cell suppression masks ({@code maskedBox}, null for
   * none) shown as {@code mask}.
   */
  static ReportFigures of(KernelRun run, NumberStyle style, java.util.function.Predicate<FlowBox> maskedBox,
      String mask) {
    return of(run, style, maskedBox, mask, true);
  }

  /**
   * Every figure of the run by name and title, none drawn (each SVG empty): what a template's
   * {@code figure(name)} needs while it is rendered, before small-cell suppression knows what to mask.
   */
  static ReportFigures names(KernelRun run) {
    return of(run, NumberStyle.of(run.study().settings()), null, "", false);
  }

  /** How many figures were drawn: tests. */
  static final java.util.concurrent.atomic.AtomicLong DRAWN = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Every figure of the run, those of {@code same} (cells whose result {@code previous} drew with the same
   * settings) taken from {@code previous} when their title is the same: serve's incremental build.
   */
  static ReportFigures of(KernelRun run, NumberStyle style, ReportFigures previous, java.util.Set<String> same) {
    return of(run, style, null, "", true, previous, same);
  }

  private static ReportFigures of(KernelRun run, NumberStyle style, java.util.function.Predicate<FlowBox> maskedBox,
      String mask, boolean draw) {
    return of(run, style, maskedBox, mask, draw, none(), java.util.Set.of());
  }

  private static ReportFigures of(KernelRun run, NumberStyle style, java.util.function.Predicate<FlowBox> maskedBox,
      String mask, boolean draw, ReportFigures previous, java.util.Set<String> same) {
    FigureNumbers numbers = style.figureNumbers();
    Map<String, String> descriptions = new LinkedHashMap<>();
    for (CellOutcome c : run.outcomes()) {
      descriptions.put(c.name(), c.description());
    }
    Map<String, String> svg = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : run.results().entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      String title;
      java.util.function.Supplier<String> drawing;
      if (v instanceof FlowBox box) {
        // A flow box has no title of its own; the cell's description names the diagram.
        String t = descriptions.getOrDefault(name, box.label());
        title = t == null || t.isBlank() ? box.label() : t;
        drawing = maskedBox == null ? () -> CohortFlowDiagram.svg(title, box, numbers)
            : () -> CohortFlowDiagram.svg(title, box, b -> maskedBox.test(b) ? mask : Long.toString(b.count()));
      } else if (v instanceof ForestPlot plot) {
        title = plot.title();
        drawing = () -> ForestPlotFigure.svg(plot, numbers);
      } else if (v instanceof KmPlot plot) {
        title = plot.title();
        drawing = () -> KaplanMeierFigure.svg(plot, numbers);
      } else if (v instanceof studybook.report.figures.LovePlot plot) {
        title = plot.title();
        drawing = () -> studybook.report.figures.LovePlotFigure.svg(plot, numbers);
      } else if (v instanceof studybook.report.figures.CumulativeIncidencePlot plot) {
        title = plot.title();
        drawing = () -> studybook.report.figures.CumulativeIncidenceFigure.svg(plot, numbers);
      } else {
        continue;
      }
      String drawn;
      if (!draw) {
        drawn = "";
      } else if (same.contains(name) && previous.svg.containsKey(name) && title.equals(previous.titles.get(name))) {
        drawn = previous.svg.get(name);
      } else {
        drawn = checked(name, drawing.get());
        DRAWN.incrementAndGet();
      }
      if (!TARGET.matcher("figures/" + name + ".svg").matches()) {
        throw new StudybookException("cell '" + name + "' returns a figure, but its name cannot be a file name");
      }
      svg.put(name, drawn);
      titles.put(name, title);
    }
    return new ReportFigures(svg, titles);
  }

  /** The standalone SVG document of each figure, by cell name in run order. */
  public Map<String, String> svg() {
    return svg;
  }

  /** The accessible title of each figure, by cell name. */
  public Map<String, String> titles() {
    return titles;
  }

  /** The Markdown a template prints for a figure: an image with its title, pointing at figures/&lt;name&gt;.svg. */
  public String markdown(String name, NumberStyle style) {
    if (!svg.containsKey(name)) {
      throw new StudybookException("figure(\"" + name + "\"): no cell returns a figure of that name"
          + (svg.isEmpty() ? " (no cell returns a figure)" : Names.didYouMean(name, svg.keySet())));
    }
    return "![" + style.md(titles.get(name)) + "](figures/" + name + ".svg)";
  }

  /**
   * The figure as markup to put inside an HTML page: the same drawing without the XML namespace
   * declaration (HTML parsers place an inline {@code <svg>} in the SVG namespace themselves).
   */
  public String inline(String name) {
    String s = svg.get(name);
    return s == null ? null : s.replaceFirst("^<svg xmlns=\"http://www\\.w3\\.org/2000/svg\" ", "<svg ").strip();
  }

  /**
   * The figure code escapes every text it draws; this guards against a later change that would let
   * script, links or outside resources into a page that must stay inert and standalone.
   */
  private static String checked(String name, String drawn) {
    Matcher tags = TAG.matcher(drawn);
    while (tags.find()) {
      Matcher m = FORBIDDEN.matcher(tags.group());
      if (m.find()) {
        throw new IllegalStateException("figure '" + name + "' contains '" + m.group() + "', which a report must not embed");
      }
    }
    return drawn;
  }
}
