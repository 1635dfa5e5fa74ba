package studybook.report.figures;

import java.util.List;

/**
 * How one series is drawn. Colours are Okabe-Ito hues of different lightness and every series also
 * differs in dash pattern, so the figures survive greyscale printing and colour-blind readers.
 */
record SeriesStyle(String colour, String dash) {
  static final List<SeriesStyle> SERIES = List.of(
      new SeriesStyle("#0072B2", ""),
      new SeriesStyle("#E69F00", "7 3"),
      new SeriesStyle("#000000", "2 2"),
      new SeriesStyle("#D55E00", "9 3 2 3"),
      new SeriesStyle("#009E73", "4 4"),
      new SeriesStyle("#56B4E9", "12 4"));

  static SeriesStyle of(int index) {
    return SERIES.get(index % SERIES.size());
  }

  /** Stroke attributes for a line of this series. */
  String[] stroke(double width) {
    if (dash.isEmpty()) {
      return new String[] {"stroke", colour, "stroke-width", Svg.num(width), "fill", "none"};
    }
    return new String[] {"stroke", colour, "stroke-width", Svg.num(width), "fill", "none",
        "stroke-dasharray", dash};
  }
}
