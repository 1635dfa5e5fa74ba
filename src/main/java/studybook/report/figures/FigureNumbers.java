package studybook.report.figures;

import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * How the figures turn numbers into text, handed in by the report's number style so that a figure
 * never formats a number itself.
 *
 * @param tick axis tick values (e.g. 0.5, 1, 20)
 * @param estimate estimates and confidence limits printed beside a forest plot
 * @param count counts (n in a flow box, numbers at risk), given as whole numbers
 */
public record FigureNumbers(DoubleFunction<String> tick, DoubleFunction<String> estimate,
    DoubleFunction<String> count) {
  public FigureNumbers {
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(count, "count");
  }
}
