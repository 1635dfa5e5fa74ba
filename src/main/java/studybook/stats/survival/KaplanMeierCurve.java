package studybook.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import studybook.RowLevel;

/**
 * One Kaplan-Meier curve, as survival::survfit keeps it: parallel lists with one entry per distinct
 * observed time (event or censoring, no time 0 unless someone was observed at 0), and how the
 * limits were made.
 *
 * <p>With distinct follow-up times the step lists hold every patient's time and status, so they are
 * {@link RowLevel}: results.json gets their size and hash; medians and survival at stated times go
 * to a table ({@code KmTable}).
 *
 * <p>{@code stdErr} is survfit's {@code std.err}: the Greenwood standard error of the cumulative
 * hazard (-log survival), not of the survival itself ({@link #stdErrOfSurvival(int)} gives that).
 * It is infinite, and both limits NaN (survfit's NA), once the curve reaches 0. Lower and upper
 * are 1 where the standard error is 0 (before the first event), as survfit gives them.
 *
 * @param group the group this curve describes ("all" when there are no groups)
 * @param n the number of patients in the group
 * @param confidenceType the transform the limits were made on
 * @param level the confidence level of the limits (0.95 by default)
 * @param time the distinct observed times, increasing
 * @param atRisk the number at risk just before each time
 * @param events the number of events at each time
 * @param censored the number censored at each time
 * @param survival the Kaplan-Meier estimate just after each time
 * @param stdErr the Greenwood standard error of the cumulative hazard at each time
 * @param lower the lower confidence limit of the survival at each time
 * @param upper the upper confidence limit of the survival at each time
 */
public record KaplanMeierCurve(
    String group,
    int n,
    ConfidenceType confidenceType,
    double level,
    @RowLevel List<Double> time,
    @RowLevel List<Integer> atRisk,
    @RowLevel List<Integer> events,
    @RowLevel List<Integer> censored,
    @RowLevel List<Double> survival,
    @RowLevel List<Double> stdErr,
    @RowLevel List<Double> lower,
    @RowLevel List<Double> upper) {

  /** How the variance behind {@code stdErr} and the limits is estimated. */
  public static final String VARIANCE = "Greenwood";

  /** The method in one line, for footnotes. */
  public static final String METHOD =
      "Kaplan-Meier estimate, Greenwood variance, pointwise limits; as survival::survfit";

  public KaplanMeierCurve {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(confidenceType, "confidenceType");
    time = List.copyOf(time);
    atRisk = List.copyOf(atRisk);
    events = List.copyOf(events);
    censored = List.copyOf(censored);
    survival = List.copyOf(survival);
    stdErr = List.copyOf(stdErr);
    lower = List.copyOf(lower);
    upper = List.copyOf(upper);
    int size = time.size();
    for (List<?> l : List.of(atRisk, events, censored, survival, stdErr, lower, upper)) {
      if (l.size() != size) {
        throw new IllegalArgumentException("the lists of a curve must be parallel");
      }
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must lie in (0, 1), not " + level);
    }
  }

  /** The number of distinct observed times (the length of every list). */
  public int size() {
    return time.size();
  }

  /** The number of events in the group. */
  public int totalEvents() {
    return events.stream().mapToInt(Integer::intValue).sum();
  }

  /** The standard error of the survival itself at point {@code i} (survival times stdErr; delta method), as summary.survfit's std.err. */
  public double stdErrOfSurvival(int i) {
    return survival.get(i) * stdErr.get(i);
  }

  /**
   * Median survival and its confidence limits; as print.survfit (survival:::survmean).
   *
   * <p>The median is the smallest time at which the curve is at or below 0.5; when the curve sits
   * exactly at 0.5 (within sqrt(machine epsilon)) it is the midpoint between that time and the next
   * time the curve drops. The limits apply the same rule to the lower curve (which crosses first,
   * giving the lower limit) and the upper curve. Each is absent when not reached.
   */
  public SurvivalMedian median() {
    return new SurvivalMedian(crossing(survival), crossing(lower), crossing(upper), confidenceType, level);
  }

  /**
   * Numbers at risk, events and censorings since the previous requested time, and the curve, at each of
   * {@code times} (sorted into increasing order); as summary(fit, times = ..., extend = TRUE).
   */
  public List<RiskAt> at(double... times) {
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    List<RiskAt> out = new ArrayList<>(sorted.length);
    int k = -1;
    for (double t : sorted) {
      if (!Double.isFinite(t)) {
        throw new IllegalArgumentException("times must be finite, not " + t);
      }
      int eventsSince = 0;
      int censoredSince = 0;
      while (k + 1 < size() && time.get(k + 1) <= t) {
        k++;
        eventsSince += events.get(k);
        censoredSince += censored.get(k);
      }
      // At risk at t means observed at or after t, so a curve time equal to t still counts.
      int risk = k >= 0 && time.get(k) == t ? atRisk.get(k) : k + 1 < size() ? atRisk.get(k + 1) : 0;
      if (k < 0) {
        out.add(new RiskAt(t, risk, 0, 0, 1, 0, 1, 1));
      } else {
        out.add(new RiskAt(t, risk, eventsSince, censoredSince, survival.get(k), stdErrOfSurvival(k),
            lower.get(k), upper.get(k)));
      }
    }
    return out;
  }

  /** survmean's rule for the first time a curve is at or below one half. */
  private OptionalDouble crossing(List<Double> curve) {
    double tolerance = Math.sqrt(Math.ulp(1.0));
    int first = -1;
    for (int i = 0; i < curve.size(); i++) {
      double y = curve.get(i);
      if (Double.isNaN(y) || !(y < 0.5 + tolerance)) {
        continue;
      }
      if (first < 0) {
        first = i;
        if (Math.abs(y - 0.5) >= tolerance) {
          return OptionalDouble.of(time.get(i));
        }
      } else if (y < curve.get(first)) {
        // The curve sits exactly at one half over an interval: survfit takes its midpoint.
        return OptionalDouble.of((time.get(first) + time.get(i)) / 2);
      }
    }
    return first < 0 ? OptionalDouble.empty() : OptionalDouble.of(time.get(first));
  }
}
