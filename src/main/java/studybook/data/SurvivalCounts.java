package studybook.data;

import java.util.List;
import studybook.stats.describe.Descriptives;
import studybook.stats.survival.FollowUp;
import studybook.stats.survival.TimeCounts;

/**
 * A survival outcome counted on a frame ({@link Surv#counts(Frame)}), on either engine: the events and censorings
 * per group and distinct time of the rows with a time and a status, and the rows left out. Everything a survival
 * table, a Kaplan-Meier figure or a follow-up summary needs is read from these counts, never from the rows:
 *
 * <pre>{@code
 * SurvivalCounts rfs = Surv.of("followup_months", "recurrence", "yes").by("additional_treatment").counts(data);
 * KaplanMeier.withDefaults().fit(rfs.byGroup());       // one curve per level: the complete cases
 * rfs.followUp();                                      // everyone with a time and a status, group or not
 * rfs.followUp("surgical");                            // one group's follow-up
 * }</pre>
 *
 * <p>The rows whose group is missing have a time and a status: they are counted (as a group of their own, the last
 * of {@link #counted()}), so that "all patients" still counts them, and they are left out of the groups' curves
 * (as {@link Surv#from} leaves them out).
 *
 * @param timeColumn the time column
 * @param statusColumn the status column
 * @param groupColumn the grouping column; null when none
 * @param groupLevels the group's levels in order (every level, also those left empty); {@code ["all"]} without a group
 * @param counted events and censorings by distinct time: one group per level of {@code groupLevels} and, with a group
 *     column, a last one of the rows whose group is missing
 * @param missingTime rows left out for a missing time
 * @param missingStatus rows with a time left out for a missing status
 */
public record SurvivalCounts(String timeColumn, String statusColumn, String groupColumn, List<String> groupLevels,
    TimeCounts counted, int missingTime, int missingStatus) {

  /** The name of the last group of {@link #counted()}: the rows whose group is missing. */
  public static final String GROUP_MISSING = "(group missing)";

  public SurvivalCounts {
    groupLevels = List.copyOf(groupLevels);
    int expected = groupLevels.size() + (groupColumn == null ? 0 : 1);
    if (counted.groups().size() != expected) {
      throw new IllegalArgumentException(expected + " counted groups expected, not " + counted.groups().size());
    }
  }

  /**
   * Follow-up of a group of patients, from its events and censorings by distinct time.
   *
   * @param n patients (with a time and a status)
   * @param median the median of the observed times, events and censorings alike (type 7, R's {@code median});
   *     NaN without patients
   * @param q1 their first quartile (type 7, R's {@code quantile})
   * @param q3 their third quartile
   * @param medianReverseKaplanMeier the median of the reverse Kaplan-Meier curve (censoring as the event,
   *     {@code survfit(Surv(time, 1 - status) ~ 1)}); NaN when it is not reached or without patients
   */
  public record FollowUpTimes(int n, double median, double q1, double q3, double medianReverseKaplanMeier) {
    /** The follow-up of every group of {@code counts} together. */
    public static FollowUpTimes of(TimeCounts counts) {
      int n = counts.n();
      if (n == 0) {
        return new FollowUpTimes(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      return new FollowUpTimes(n, Descriptives.quantile(n, counts::timeOfRank, 0.5),
          Descriptives.quantile(n, counts::timeOfRank, 0.25), Descriptives.quantile(n, counts::timeOfRank, 0.75),
          FollowUp.of(counts).medianReverseKaplanMeier().orElse(Double.NaN));
    }
  }

  /** Rows whose group is missing (with a time and a status); 0 without a group column. */
  public int missingGroup() {
    return groupColumn == null ? 0 : counted.n(groupLevels.size());
  }

  /** Rows left out of the groups' curves: a missing time, status or group (as {@link SurvivalData#excluded()}). */
  public int excluded() {
    return missingTime + missingStatus + missingGroup();
  }

  /** Rows left out of the follow-up of everyone ({@link #everyone()}): a missing time or status. */
  public int withoutTimeOrStatus() {
    return missingTime + missingStatus;
  }

  /**
   * The complete cases (time, status and group recorded), one group per level, over the times at which they have
   * an event or a censoring: what {@code KaplanMeier.fit} and {@code LogRank.test} read, the counts that
   * {@link SurvivalData#counts()} gives for the same rows.
   */
  public TimeCounts byGroup() {
    if (groupColumn == null) {
      return counted;
    }
    int k = groupLevels.size();
    double[] times = counted.times();
    int kept = 0;
    boolean[] keep = new boolean[times.length];
    for (int i = 0; i < times.length; i++) {
      for (int g = 0; g < k && !keep[i]; g++) {
        keep[i] = counted.events()[g][i] + counted.censored()[g][i] > 0;
      }
      kept += keep[i] ? 1 : 0;
    }
    double[] t = new double[kept];
    int[][] events = new int[k][kept];
    int[][] censored = new int[k][kept];
    for (int i = 0, o = 0; i < times.length; i++) {
      if (keep[i]) {
        t[o] = times[i];
        for (int g = 0; g < k; g++) {
          events[g][o] = counted.events()[g][i];
          censored[g][o] = counted.censored()[g][i];
        }
        o++;
      }
    }
    return new TimeCounts(groupLevels, t, events, censored);
  }

  /** One group's counts (over every counted time; the estimators pass over the times where it has none). */
  public TimeCounts group(String level) {
    if (groupColumn == null) {
      throw new IllegalStateException("counted without a group: use everyone()");
    }
    int g = groupLevels.indexOf(level);
    if (g < 0) {
      throw new UnknownNameException(UnknownNameException.Kind.LEVEL, level, groupColumn, groupLevels, Written.at());
    }
    return counted.group(g);
  }

  /** Everyone with a time and a status, their group recorded or not, as one group "all". */
  public TimeCounts everyone() {
    return counted.pooled("all");
  }

  /** {@link FollowUpTimes} of everyone with a time and a status, their group recorded or not. */
  public FollowUpTimes followUp() {
    return FollowUpTimes.of(everyone());
  }

  /** {@link FollowUpTimes} of one group. */
  public FollowUpTimes followUp(String level) {
    return FollowUpTimes.of(group(level));
  }
}
