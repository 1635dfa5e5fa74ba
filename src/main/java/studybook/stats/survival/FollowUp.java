package studybook.stats.survival;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Median follow-up of a cohort, two ways.
 *
 * @param n the number of patients
 * @param medianReverseKaplanMeier the median of the reverse Kaplan-Meier curve (censoring as the event),
 *     absent when that curve never reaches one half (e.g. when every patient had the event)
 * @param medianObserved the plain median of the observed times, events and censorings alike (R's median)
 */
public record FollowUp(int n, OptionalDouble medianReverseKaplanMeier, OptionalDouble medianObserved) {

  /** The method in one line, for footnotes. */
  public static final String METHOD =
      "median follow-up by reverse Kaplan-Meier (survfit(Surv(time, 1 - status) ~ 1)) and median of observed times";

  /** Reverse Kaplan-Meier median (Schemper and Smith 1996; as survfit on 1 - status) and the plain median of times. */
  public static FollowUp of(double[] time, boolean[] event) {
    SurvivalInput.check(time, event);
    boolean[] censoring = new boolean[event.length];
    for (int i = 0; i < event.length; i++) {
      censoring[i] = !event[i];
    }
    OptionalDouble reverse = KaplanMeier.withDefaults().fit("reverse", time, censoring).median().estimate();
    return new FollowUp(time.length, reverse, median(time));
  }

  /**
   * {@link #of(double[], boolean[])} from the events and censorings by distinct time (every group of the counts
   * together): the reverse Kaplan-Meier curve takes the censorings as its events, and the median of the observed
   * times is read off the running counts.
   */
  public static FollowUp of(TimeCounts counts) {
    TimeCounts all = counts.pooled("reverse");
    TimeCounts reversed = new TimeCounts(all.groups(), all.times(), all.censored(), all.events());
    OptionalDouble reverse = KaplanMeier.withDefaults().fit(reversed).get(0).median().estimate();
    int n = all.n();
    if (n == 0) {
      return new FollowUp(0, reverse, OptionalDouble.empty());
    }
    int h = n / 2;
    double hi = all.timeOfRank(h);
    return new FollowUp(n, reverse, OptionalDouble.of(n % 2 == 1 ? hi : (all.timeOfRank(h - 1) + hi) / 2));
  }

  private static OptionalDouble median(double[] values) {
    if (values.length == 0) {
      return OptionalDouble.empty();
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int h = s.length / 2;
    return OptionalDouble.of(s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2);
  }
}
