package studybook.stats.survival;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Kaplan-Meier estimator, configured with withers. Defaults: {@link ConfidenceType#LOG} limits
 * at level 0.95 (survfit's defaults).
 *
 * <p>Times must be finite and not negative; an event flag of {@code true} is an event, {@code false}
 * a censoring. Ties between an event and a censoring at the same time count the censored patient
 * as still at risk at that time (the usual convention, and survfit's).
 */
public final class KaplanMeier {
  private static final KaplanMeier DEFAULTS = new KaplanMeier(ConfidenceType.LOG, 0.95);

  private final ConfidenceType confidenceType;
  private final double level;

  private KaplanMeier(ConfidenceType confidenceType, double level) {
    this.confidenceType = confidenceType;
    this.level = level;
  }

  /** Log-transformed limits at level 0.95, as survfit's defaults. */
  public static KaplanMeier withDefaults() {
    return DEFAULTS;
  }

  /** The same estimator with limits made on another scale. */
  public KaplanMeier with(ConfidenceType type) {
    return new KaplanMeier(java.util.Objects.requireNonNull(type), level);
  }

  /** The same estimator with limits at another confidence level, in (0, 1). */
  public KaplanMeier withLevel(double confidenceLevel) {
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("confidence level must lie in (0, 1), not " + confidenceLevel);
    }
    return new KaplanMeier(confidenceType, confidenceLevel);
  }

  public ConfidenceType confidenceType() {
    return confidenceType;
  }

  public double level() {
    return level;
  }

  /** One curve over all patients, named "all". */
  public KaplanMeierCurve fit(double[] time, boolean[] event) {
    return fit("all", time, event);
  }

  /** Kaplan-Meier estimate with Greenwood variance and pointwise limits; as survival::survfit(Surv(time, event) ~ 1). */
  public KaplanMeierCurve fit(String group, double[] time, boolean[] event) {
    return fit(group, TimeCounts.of(group, time, event), 0);
  }

  /** One curve per group of the counts, in their order; a group without patients gets an empty curve. */
  public List<KaplanMeierCurve> fit(TimeCounts counts) {
    List<KaplanMeierCurve> curves = new ArrayList<>(counts.groups().size());
    for (int g = 0; g < counts.groups().size(); g++) {
      curves.add(fit(counts.groups().get(g), counts, g));
    }
    return curves;
  }

  /**
   * The curve of group g from its events and censorings by distinct time (the times where the group has
   * neither are passed over): each step multiplies by (at risk - events) / at risk and adds to Greenwood's sum.
   */
  private KaplanMeierCurve fit(String name, TimeCounts counts, int g) {
    double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level) / 2);
    List<Double> times = new ArrayList<>();
    List<Integer> atRisk = new ArrayList<>();
    List<Integer> events = new ArrayList<>();
    List<Integer> censored = new ArrayList<>();
    List<Double> survival = new ArrayList<>();
    List<Double> stdErr = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    List<Double> upper = new ArrayList<>();
    int total = counts.n(g);
    int remaining = total;
    double surv = 1;
    double greenwood = 0;
    int[] dg = counts.events()[g];
    int[] cg = counts.censored()[g];
    for (int i = 0; i < counts.times().length; i++) {
      int d = dg[i];
      int c = cg[i];
      if (d == 0 && c == 0) {
        continue;
      }
      if (d > 0) {
        surv *= (double) (remaining - d) / remaining;
        // d == remaining makes this term infinite, as survfit's std.err is once the curve reaches 0.
        greenwood += (double) d / ((double) remaining * (remaining - d));
      }
      double se = Math.sqrt(greenwood);
      double[] limits = confidenceType.limits(surv, se, z);
      times.add(counts.times()[i]);
      atRisk.add(remaining);
      events.add(d);
      censored.add(c);
      survival.add(surv);
      stdErr.add(se);
      lower.add(limits[0]);
      upper.add(limits[1]);
      remaining -= d + c;
    }
    return new KaplanMeierCurve(name, total, confidenceType, level, times, atRisk, events, censored, survival,
        stdErr, lower, upper);
  }

  /**
   * One curve per group, in level order; a group without patients gets an empty curve.
   *
   * @param group the group of each patient as an index into {@code levels}
   */
  public List<KaplanMeierCurve> fitByGroup(double[] time, boolean[] event, int[] group, List<String> levels) {
    return fit(TimeCounts.of(time, event, group, levels));
  }
}
