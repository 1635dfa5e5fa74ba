package studybook.report.figures;

import java.util.List;
import java.util.Objects;
import studybook.RowLevel;

/**
 * One group's Kaplan-Meier estimate as parallel lists, one entry per distinct observed time (as
 * survival::survfit keeps them, no time 0). Survival and limits are proportions in [0, 1]; a limit
 * may be NaN where it is undefined.
 */
public record KmCurve(String group, @RowLevel List<Double> time, @RowLevel List<Integer> atRisk,
    @RowLevel List<Integer> events, @RowLevel List<Integer> censored, @RowLevel List<Double> survival,
    @RowLevel List<Double> lower, @RowLevel List<Double> upper) {
  public KmCurve {
    Objects.requireNonNull(group, "group");
    time = List.copyOf(time);
    atRisk = List.copyOf(atRisk);
    events = List.copyOf(events);
    censored = List.copyOf(censored);
    survival = List.copyOf(survival);
    lower = List.copyOf(lower);
    upper = List.copyOf(upper);
    int n = time.size();
    if (atRisk.size() != n || events.size() != n || censored.size() != n || survival.size() != n
        || lower.size() != n || upper.size() != n) {
      throw new IllegalArgumentException("curve '" + group + "': the parallel lists differ in length");
    }
    for (int i = 1; i < n; i++) {
      if (!(time.get(i) > time.get(i - 1))) {
        throw new IllegalArgumentException("curve '" + group + "': times must increase, " + time.get(i - 1)
            + " then " + time.get(i));
      }
    }
  }

  /** The number of events over the whole curve. */
  public int totalEvents() {
    return events.stream().mapToInt(Integer::intValue).sum();
  }

  /** The number at risk just before {@code t}: everyone still under observation at t. */
  public int atRiskAt(double t) {
    for (int i = 0; i < time.size(); i++) {
      if (time.get(i) >= t) {
        return atRisk.get(i);
      }
    }
    return 0;
  }
}
