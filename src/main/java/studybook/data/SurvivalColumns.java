package studybook.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studybook.stats.survival.EventCoding;

/**
 * The one reading of a survival outcome from a frame, as R's {@code Surv(time, status)} reads its two
 * columns: every row's time, whether its status is missing, and whether it is an event. Shared by the
 * study API ({@link Surv}), the {@code survival} command and the Cox design, so they read the same rows
 * the same way; each adds its own columns (group, terms, strata) to the complete cases.
 *
 * <ul>
 *   <li>The time must hold numbers: a word in it is an error at its line.</li>
 *   <li>The status is read by {@link EventCoding} from its distinct values (R's 0/1, 1/2, TRUE/FALSE, or the
 *       declared event value); a coding it cannot read is an {@link EventCoding.AmbiguousCodingException} for the
 *       caller to word ({@link #refusal} words it for the commands).</li>
 *   <li>A negative time is not refused here: {@link #requireNonNegative} refuses it for right-censored data
 *       (counting-process data check start &lt; stop instead).</li>
 * </ul>
 *
 * @param time each row's time (NaN when missing)
 * @param event each row's event flag (false where the status is missing)
 * @param statusMissing whether each row's status is missing (empty, blank or NA)
 * @param coding how the event was read from the status
 */
public record SurvivalColumns(@studybook.RowLevel double[] time, @studybook.RowLevel boolean[] event,
    @studybook.RowLevel boolean[] statusMissing, EventCoding coding) {

  /**
   * Reads {@code timeColumn} and {@code statusColumn} of every row (both must exist).
   *
   * @throws DataException for a word in the time column, at its line
   * @throws EventCoding.AmbiguousCodingException for a status coding that cannot be read without an event value
   */
  public static SurvivalColumns read(Frame frame, String timeColumn, String statusColumn, Optional<String> eventValue) {
    double[] time = frame.kind(timeColumn) == VariableKind.CONTINUOUS ? frame.valueView(timeColumn) : times(frame, timeColumn);
    int n = frame.rowCount();
    // The coding is read from the distinct status values (each value's text as Frame.text shows it, in
    // order of first appearance), which is all EventCoding looks at; each row then takes its value's flags.
    int[] value = new int[n];
    List<String> status = new ArrayList<>();
    if (frame.kind(statusColumn) == VariableKind.CATEGORICAL) {
      int[] codes = frame.codeView(statusColumn);
      int[] seen = new int[frame.levels(statusColumn).size()];
      java.util.Arrays.fill(seen, -1);
      for (int r = 0; r < n; r++) {
        int c = codes[r];
        if (c < 0) {
          value[r] = -1;
          continue;
        }
        if (seen[c] < 0) {
          seen[c] = status.size();
          status.add(frame.text(statusColumn, r));
        }
        value[r] = seen[c];
      }
    } else {
      double[] x = frame.valueView(statusColumn);
      Map<String, Integer> seen = new HashMap<>();
      Map<Long, Integer> byBits = new HashMap<>();
      for (int r = 0; r < n; r++) {
        if (Double.isNaN(x[r])) {
          value[r] = -1;
          continue;
        }
        long bits = Double.doubleToRawLongBits(x[r]);
        Integer i = byBits.get(bits);
        if (i == null) {
          i = seen.computeIfAbsent(frame.text(statusColumn, r), t -> {
            status.add(t);
            return status.size() - 1;
          });
          byBits.put(bits, i);
        }
        value[r] = i;
      }
    }
    EventCoding coding = EventCoding.of(status, eventValue);
    boolean[] eventOf = coding.events(status);
    boolean[] missingOf = new boolean[status.size()];
    for (int v = 0; v < missingOf.length; v++) {
      missingOf[v] = EventCoding.isMissing(status.get(v));
    }
    boolean[] missing = new boolean[n];
    boolean[] event = new boolean[n];
    for (int r = 0; r < n; r++) {
      int v = value[r];
      missing[r] = v < 0 || missingOf[v];
      event[r] = !missing[r] && eventOf[v];
    }
    return new SurvivalColumns(time, event, missing, coding);
  }

  /** As {@link #read}, a coding that cannot be read worded for the commands (file, column, the hint to give --event-value). */
  public static SurvivalColumns readForCommand(Frame frame, String timeColumn, String statusColumn,
      Optional<String> eventValue) {
    try {
      return read(frame, timeColumn, statusColumn, eventValue);
    } catch (EventCoding.AmbiguousCodingException e) {
      throw refusal(frame, statusColumn, e);
    }
  }

  /** A status coding that cannot be read, as a located error (its row when it names one). */
  public static DataException refusal(Frame frame, String statusColumn, EventCoding.AmbiguousCodingException e) {
    if (e.row().isPresent()) {
      return frame.problem(statusColumn, e.row().getAsInt(), e.problem(), e.hint());
    }
    return new DataException(new DataProblem(frame.source(), 1, statusColumn, null, e.problem(), e.hint()));
  }

  /**
   * The follow-up times of a column that must hold numbers (NaN where missing); a word in it is an error
   * at its line, and a column declared categorical is an error naming it.
   */
  public static double[] times(Frame frame, String time) {
    if (frame.kind(time) == VariableKind.CONTINUOUS) {
      return frame.values(time);
    }
    for (int r = 0; r < frame.rowCount(); r++) {
      String v = frame.text(time, r);
      if (!v.isEmpty() && !Numbers.looksNumeric(v.trim())) {
        throw frame.problem(time, r, "survival time is not a number", "fix it or mark it missing (empty or NA)");
      }
    }
    throw new DataException(new DataProblem(frame.source(), 1, time, null, "survival time must be numeric",
        "do not name it in --categorical or --levels"));
  }

  /** Whether row {@code r} has both a time and a status. */
  public boolean present(int r) {
    return !Double.isNaN(time[r]) && !statusMissing[r];
  }

  /**
   * Refuses negative times among the rows {@code kept} says are analysed (all rows when null), listing up
   * to {@link DataException#MAX_PROBLEMS} of them with their lines.
   */
  public void requireNonNegative(Frame frame, String timeColumn, boolean[] kept) {
    List<DataProblem> negative = new ArrayList<>();
    for (int r = 0; r < time.length && negative.size() < DataException.MAX_PROBLEMS; r++) {
      if (time[r] < 0 && (kept == null || kept[r])) {
        negative.add(new DataProblem(frame.source(), frame.line(r), timeColumn, frame.text(timeColumn, r),
            "negative survival time", "a follow-up time counts from the start of observation; fix or remove the row"));
      }
    }
    if (!negative.isEmpty()) {
      throw new DataException(negative);
    }
  }
}
