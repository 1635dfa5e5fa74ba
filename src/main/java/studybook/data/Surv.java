package studybook.data;

import java.util.ArrayList;
import java.util.List;
import studybook.StudybookException;
import studybook.stats.survival.EventCoding;
import studybook.stats.survival.TimeCounts;

/**
 * A survival outcome named by its columns, as R's {@code Surv(time, status == event) ~ group}:
 *
 * <pre>{@code
 * SurvivalData s = Surv.of("followup_months", "recurrence", "yes").by("additional_treatment").from(studyData);
 * }</pre>
 *
 * <p>{@link #from(Frame)} keeps the complete cases (time, status and group all recorded) and counts
 * the rows it leaves out by reason. Every name is checked (column and event level, with "did you
 * mean"); a negative time is an error at its line.
 *
 * <p>The status is read by {@link EventCoding}, the one rule shared with the {@code survival} command:
 * without an event value as R's {@code Surv} reads it (0/1: 1 is the event; 1/2: 2 is the event;
 * TRUE/FALSE: TRUE is the event; anything else is an error asking for the event value); with one,
 * the rows whose status equals it are events and the one other value is a censoring (a third value
 * is an error at its row: a competing event must not silently become a censoring).
 *
 * @param timeColumn the follow-up time (continuous)
 * @param statusColumn the status (categorical or numeric)
 * @param eventValue the status value that marks an event; null for R's default coding
 * @param groupColumn the grouping column (categorical); null for none
 * @param writtenAt where the author wrote the spec ("Outcomes.java:40"), for messages; null when unknown
 */
public record Surv(String timeColumn, String statusColumn, String eventValue, String groupColumn, String writtenAt) {

  /** Time and status with R's default event coding (0/1, 1/2 or TRUE/FALSE). */
  public static Surv of(String time, String status) {
    return new Surv(time, status, null, null, Written.at());
  }

  /** Time and status; the rows whose status is {@code eventValue} are events, the others censored. */
  public static Surv of(String time, String status, String eventValue) {
    return new Surv(time, status, eventValue, null, Written.at());
  }

  /** The same outcome by a grouping column (one curve per level). */
  public Surv by(String group) {
    return new Surv(timeColumn, statusColumn, eventValue, group, writtenAt);
  }

  /** The complete cases of {@code frame}, with the count left out and why. */
  public SurvivalData from(Frame frame) {
    Written.requireKind(frame, timeColumn, VariableKind.CONTINUOUS, "Surv time", writtenAt);
    Written.requireColumn(frame, statusColumn, writtenAt);
    if (groupColumn != null) {
      Written.requireKind(frame, groupColumn, VariableKind.CATEGORICAL, "Surv group", writtenAt);
    }
    int n = frame.rowCount();
    SurvivalColumns columns = columns(frame);
    double[] time = columns.time();
    int[] group = groupColumn == null ? new int[n] : frame.codeView(groupColumn);
    int[] dropped = new int[3];
    boolean[] complete = new boolean[n];
    List<Integer> keep = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (Double.isNaN(time[r])) {
        dropped[0]++;
      } else if (columns.statusMissing()[r]) {
        dropped[1]++;
      } else if (group[r] < 0) {
        dropped[2]++;
      } else {
        complete[r] = true;
        keep.add(r);
      }
    }
    columns.requireNonNegative(frame, timeColumn, null);
    double[] t = new double[keep.size()];
    boolean[] e = new boolean[keep.size()];
    int[] g = new int[keep.size()];
    int[] rows = new int[keep.size()];
    for (int i = 0; i < t.length; i++) {
      int r = keep.get(i);
      rows[i] = r;
      t[i] = time[r];
      e[i] = columns.event()[r];
      g[i] = group[r];
    }
    List<SurvivalData.Exclusion> exclusions = new ArrayList<>();
    String[] what = {timeColumn, statusColumn, groupColumn};
    for (int k = 0; k < 3; k++) {
      if (dropped[k] > 0) {
        exclusions.add(new SurvivalData.Exclusion(Written.label(frame, what[k]) + " missing", dropped[k]));
      }
    }
    return new SurvivalData(timeColumn, statusColumn, columns.coding().describe(statusColumn), groupColumn, t, e, g,
        groupColumn == null ? List.of("all") : frame.levels(groupColumn), rows, n, exclusions);
  }

  /**
   * The events and censorings per group and distinct time of the rows with a time and a status, and the rows left
   * out, on either engine: a frame of this JVM's rows is read as {@link #from(Frame)} reads it (the same checks and
   * errors, a negative time at its line); a frame whose rows live on another engine has them counted there
   * ({@link FramePlan#survivalCounts}), only the counts coming back, and its status must be categorical (its
   * coding read from the levels present, as {@link SurvivalColumns} reads it from the values present). The rows
   * whose group is missing are counted as a group of their own ({@link SurvivalCounts}).
   *
   * <p>The counts are kept with the frame (frames are immutable): a survival table, its figure and a follow-up
   * summary of the same outcome on the same frame count its rows once.
   */
  public SurvivalCounts counts(Frame frame) {
    Written.requireKind(frame, timeColumn, VariableKind.CONTINUOUS, "Surv time", writtenAt);
    Written.requireColumn(frame, statusColumn, writtenAt);
    if (groupColumn != null) {
      Written.requireKind(frame, groupColumn, VariableKind.CATEGORICAL, "Surv group", writtenAt);
    }
    return frame.derived(java.util.Arrays.asList("Surv.counts", timeColumn, statusColumn, eventValue, groupColumn),
        () -> frame.plan().isPresent() ? countOnPlan(frame, frame.plan().get()) : countHere(frame));
  }

  /** The groups of the counts: the levels and, with a group column, the rows whose group is missing. */
  private List<String> countedGroups(Frame frame) {
    if (groupColumn == null) {
      return List.of("all");
    }
    List<String> names = new ArrayList<>(frame.levels(groupColumn));
    names.add(SurvivalCounts.GROUP_MISSING);
    return names;
  }

  private SurvivalCounts countHere(Frame frame) {
    int n = frame.rowCount();
    SurvivalColumns columns = columns(frame);
    double[] time = columns.time();
    boolean[] statusMissing = columns.statusMissing();
    int[] group = groupColumn == null ? null : frame.codeView(groupColumn);
    int missingGroup = groupColumn == null ? 0 : frame.levels(groupColumn).size();
    int missingTime = 0;
    int missingStatus = 0;
    for (int r = 0; r < n; r++) {
      if (Double.isNaN(time[r])) {
        missingTime++;
      } else if (statusMissing[r]) {
        missingStatus++;
      }
    }
    columns.requireNonNegative(frame, timeColumn, null);
    int m = n - missingTime - missingStatus;
    double[] t = new double[m];
    boolean[] e = new boolean[m];
    int[] g = new int[m];
    for (int r = 0, i = 0; r < n; r++) {
      if (!Double.isNaN(time[r]) && !statusMissing[r]) {
        t[i] = time[r];
        e[i] = columns.event()[r];
        g[i++] = group == null ? 0 : group[r] < 0 ? missingGroup : group[r];
      }
    }
    return new SurvivalCounts(timeColumn, statusColumn, groupColumn, levelsOf(frame),
        TimeCounts.of(t, e, g, countedGroups(frame)), missingTime, missingStatus);
  }

  private SurvivalCounts countOnPlan(Frame frame, FramePlan plan) {
    if (frame.kind(statusColumn) != VariableKind.CATEGORICAL) {
      throw new FramePlan.NotOnThisEngineException(plan.engine(), "a numeric survival status (" + statusColumn + ")");
    }
    List<String> levels = frame.levels(statusColumn);
    if (eventValue != null && !levels.contains(eventValue)) {
      throw new UnknownNameException(UnknownNameException.Kind.LEVEL, eventValue, statusColumn, levels,
          levels.stream().filter(l -> !looksLikeCensoring(l, levels)).toList(), writtenAt);
    }
    Tally present = frame.countBy(statusColumn);
    List<String> seen = new ArrayList<>();
    for (String l : levels) {
      if (present.count(l) > 0) {
        seen.add(l);
      }
    }
    EventCoding coding;
    try {
      coding = EventCoding.of(seen, java.util.Optional.ofNullable(eventValue));
    } catch (EventCoding.AmbiguousCodingException e) {
      String hint = eventValue == null ? "name the event value: Surv.of(\"" + timeColumn + "\", \"" + statusColumn
          + "\", \"<event value>\")" : "recode the other values or mark them missing";
      throw new StudybookException(Written.where(writtenAt) + "status column '" + statusColumn + "': " + e.problem()
          + "; " + hint, e);
    }
    boolean[] eventOf = coding.events(levels);
    boolean[] missing = new boolean[levels.size()];
    boolean[] event = new boolean[levels.size()];
    for (int c = 0; c < levels.size(); c++) {
      missing[c] = EventCoding.isMissing(levels.get(c));
      event[c] = !missing[c] && eventOf[c];
    }
    FramePlan.TimeTally tally = plan.survivalCounts(timeColumn, statusColumn, event, missing, groupColumn,
        countedGroups(frame));
    return new SurvivalCounts(timeColumn, statusColumn, groupColumn, levelsOf(frame), tally.counts(),
        Math.toIntExact(tally.missingTime()), Math.toIntExact(tally.missingStatus()));
  }

  private List<String> levelsOf(Frame frame) {
    return groupColumn == null ? List.of("all") : frame.levels(groupColumn);
  }

  /**
   * Whether a status value reads as censoring (0, FALSE, censored, alive, no; 1 of a 1/2 coding): never
   * offered as "did you mean" for an event value, which would silently swap events and censorings.
   */
  public static boolean looksLikeCensoring(String value, List<String> values) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("1") && values.stream().map(String::trim).anyMatch("2"::equals)
        && values.stream().map(String::trim).noneMatch("0"::equals)) {
      return true;
    }
    return java.util.Set.of("0", "0.0", "false", "f", "censored", "censor", "cens", "alive", "no", "none", "event-free")
        .contains(v);
  }

  /** Time and status of every row, read by the one adapter ({@link SurvivalColumns}) with this spec's messages. */
  private SurvivalColumns columns(Frame frame) {
    boolean categorical = frame.kind(statusColumn) == VariableKind.CATEGORICAL;
    if (categorical && eventValue != null && !frame.levels(statusColumn).contains(eventValue)) {
      List<String> levels = frame.levels(statusColumn);
      throw new UnknownNameException(UnknownNameException.Kind.LEVEL, eventValue, statusColumn, levels,
          levels.stream().filter(l -> !looksLikeCensoring(l, levels)).toList(), writtenAt);
    }
    try {
      return SurvivalColumns.read(frame, timeColumn, statusColumn, java.util.Optional.ofNullable(eventValue));
    } catch (EventCoding.AmbiguousCodingException e) {
      String hint = eventValue == null ? "name the event value: Surv.of(\"" + timeColumn + "\", \"" + statusColumn
          + "\", \"<event value>\")" : "recode the other values or mark them missing";
      if (e.row().isPresent()) {
        throw frame.problem(statusColumn, e.row().getAsInt(), e.problem(), hint);
      }
      throw new StudybookException(Written.where(writtenAt) + "status column '" + statusColumn + "': " + e.problem()
          + "; " + hint, e);
    }
  }
}
