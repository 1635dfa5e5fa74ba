package studybook.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/** Axis ticks at 1-2-5 values, thinned until their labels do not collide. */
final class Ticks {
  private Ticks() {}

  /** The smallest 1-2-5 value at or above {@code x} (x &gt; 0). */
  static double niceAtLeast(double x) {
    double decade = Math.pow(10, Math.floor(Math.log10(x)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * decade >= x * (1 - 1e-12)) {
        return m * decade;
      }
    }
    return 10 * decade;
  }

  /** The largest 1-2-5 value at or below {@code x} (x &gt; 0). */
  static double niceAtMost(double x) {
    double decade = Math.pow(10, Math.floor(Math.log10(x)));
    for (double m : new double[] {10, 5, 2, 1}) {
      if (m * decade <= x * (1 + 1e-12)) {
        return m * decade;
      }
    }
    return decade;
  }

  /**
   * Log-axis ticks between {@code low} and {@code high} (both 1-2-5 values): all of 1-2-5, else 1-5,
   * else powers of ten, else every other power, whichever is the densest set whose labels keep a gap.
   */
  static List<Double> logTicks(double low, double high, DoubleUnaryOperator toPx, DoubleFunction<String> label,
      double fontSize, double gap) {
    return withEnds(chosenLogTicks(low, high, toPx, label, fontSize, gap), low, high, toPx, label, fontSize, gap);
  }

  private static List<Double> chosenLogTicks(double low, double high, DoubleUnaryOperator toPx,
      DoubleFunction<String> label, double fontSize, double gap) {
    double[][] mantissas = {{1, 2, 5}, {1, 5}, {1}};
    for (double[] set : mantissas) {
      List<Double> ticks = logCandidates(low, high, set, 1);
      if (fits(ticks, toPx, label, fontSize, gap)) {
        return ticks;
      }
    }
    for (int every = 2; ; every++) {
      List<Double> ticks = logCandidates(low, high, new double[] {1}, every);
      if (ticks.size() <= 2 || fits(ticks, toPx, label, fontSize, gap)) {
        return ticks;
      }
    }
  }

  /** Labels the ends of the axis too where there is room, so the reader sees how far it reaches. */
  private static List<Double> withEnds(List<Double> ticks, double low, double high, DoubleUnaryOperator toPx,
      DoubleFunction<String> label, double fontSize, double gap) {
    List<Double> out = new ArrayList<>(ticks);
    for (double end : new double[] {low, high}) {
      if (!out.contains(end)) {
        List<Double> trial = new ArrayList<>(out);
        trial.add(end);
        trial.sort(Double::compare);
        if (fits(trial, toPx, label, fontSize, gap)) {
          out = trial;
        }
      }
    }
    return out;
  }

  private static List<Double> logCandidates(double low, double high, double[] mantissas, int everyDecade) {
    List<Double> ticks = new ArrayList<>();
    int first = (int) Math.floor(Math.log10(low)) - 1;
    int last = (int) Math.ceil(Math.log10(high)) + 1;
    for (int e = first; e <= last; e++) {
      if (Math.floorMod(e, everyDecade) != 0) {
        continue;
      }
      for (double m : mantissas) {
        // Built from strings so that 0.2 is the double nearest 0.2, not 2 * 0.1.
        double v = Double.parseDouble(((int) m) + "e" + e);
        if (v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9)) {
          ticks.add(v);
        }
      }
    }
    // Keep the reference value 1 on every axis that spans it.
    if (low <= 1 && high >= 1 && !ticks.contains(1.0)) {
      ticks.add(1.0);
      ticks.sort(Double::compare);
    }
    return ticks;
  }

  static boolean fits(List<Double> ticks, DoubleUnaryOperator toPx, DoubleFunction<String> label,
      double fontSize, double gap) {
    for (int i = 1; i < ticks.size(); i++) {
      double a = toPx.applyAsDouble(ticks.get(i - 1));
      double b = toPx.applyAsDouble(ticks.get(i));
      double half = (TextMetrics.width(label.apply(ticks.get(i - 1)), fontSize)
          + TextMetrics.width(label.apply(ticks.get(i)), fontSize)) / 2;
      if (Math.abs(b - a) < half + gap) {
        return false;
      }
    }
    return true;
  }

  /** A 1-2-5 step for a linear axis from 0 to {@code max}, with at most {@code maxIntervals}. */
  static double linearStep(double max, int maxIntervals) {
    return niceAtLeast(max / maxIntervals);
  }

  /** The next coarser 1-2-5 step. */
  static double coarser(double step) {
    return niceAtLeast(step * 1.5);
  }

  /** Multiples of {@code step} from 0 to {@code intervals * step}, built without accumulating error. */
  static List<Double> linear(double step, int intervals) {
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; i <= intervals; i++) {
      ticks.add(Double.parseDouble(new java.math.BigDecimal(Double.toString(step))
          .multiply(java.math.BigDecimal.valueOf(i)).toString()));
    }
    return ticks;
  }
}
