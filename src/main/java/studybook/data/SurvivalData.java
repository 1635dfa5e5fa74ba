package studybook.data;

import java.util.List;

/**
 * The complete cases of a {@link Surv} spec, ready for the survival estimators (e.g.
 * {@code KaplanMeier.withDefaults().fitByGroup(s.time(), s.event(), s.group(), s.groupLevels())}),
 * and what was left out and why.
 *
 * @param timeColumn the time column
 * @param statusColumn the status column
 * @param eventRule which status value is the event and why, e.g. {@code "event: status = 2 (1/2 coding: 2 = event, as R's Surv)"}
 * @param groupColumn the grouping column; null when none
 * @param time the time of each complete case
 * @param event whether each complete case had the event (otherwise it is censored)
 * @param group each complete case's group index into {@code groupLevels}; all 0 without a group
 * @param groupLevels the group's levels in order (every level, also those left empty); {@code ["all"]} without a group
 * @param rows each complete case's row index in the frame the spec read
 * @param total rows in that frame
 * @param exclusions why rows were left out, one entry per reason that applied (a row counts once, under its first reason)
 */
public record SurvivalData(String timeColumn, String statusColumn, String eventRule, String groupColumn,
    @studybook.RowLevel double[] time, @studybook.RowLevel boolean[] event, @studybook.RowLevel int[] group,
    List<String> groupLevels, @studybook.RowLevel int[] rows, int total,
    List<Exclusion> exclusions) {

  public SurvivalData {
    groupLevels = List.copyOf(groupLevels);
    exclusions = List.copyOf(exclusions);
  }

  /**
   * Rows left out for one reason.
   *
   * @param reason e.g. {@code "follow-up missing"}
   * @param rows how many
   */
  public record Exclusion(String reason, int rows) {}

  /** Complete cases. */
  public int n() {
    return time.length;
  }

  /** Events among the complete cases. */
  public int events() {
    int e = 0;
    for (boolean b : event) {
      e += b ? 1 : 0;
    }
    return e;
  }

  /**
   * The complete cases' events and censorings by group and distinct time, counted with one sort of the times: a
   * caller that needs the curves, the log-rank test and the follow-up keeps this and gives it to each.
   */
  public studybook.stats.survival.TimeCounts counts() {
    return studybook.stats.survival.TimeCounts.of(time, event, group, groupLevels);
  }

  /** Rows left out, all reasons together. */
  public int excluded() {
    return exclusions.stream().mapToInt(Exclusion::rows).sum();
  }
}
