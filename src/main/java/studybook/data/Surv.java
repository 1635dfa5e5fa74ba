package studybook.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studybook.StudybookException;

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
 * <p>Without an event value the status column is read as R's {@code Surv} reads it: 0/1 (1 is the
 * event), 1/2 (2 is the event), or TRUE/FALSE (TRUE is the event); anything else is an error asking
 * for the event value. With one, the rows whose status equals it are events and every other value
 * is a censoring ({@code Surv(time, status == "yes")}).
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
    double[] time = frame.valueView(timeColumn);
    Coding coding = coding(frame);
    int[] group = groupColumn == null ? new int[n] : frame.codeView(groupColumn);
    int[] dropped = new int[3];
    List<Integer> keep = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (Double.isNaN(time[r])) {
        dropped[0]++;
      } else if (coding.missing[r]) {
        dropped[1]++;
      } else if (group[r] < 0) {
        dropped[2]++;
      } else {
        if (time[r] < 0) {
          throw frame.problem(timeColumn, r, "a survival time cannot be negative", "fix the value");
        }
        keep.add(r);
      }
    }
    double[] t = new double[keep.size()];
    boolean[] e = new boolean[keep.size()];
    int[] g = new int[keep.size()];
    int[] rows = new int[keep.size()];
    for (int i = 0; i < t.length; i++) {
      int r = keep.get(i);
      rows[i] = r;
      t[i] = time[r];
      e[i] = coding.event[r];
      g[i] = group[r];
    }
    List<SurvivalData.Exclusion> exclusions = new ArrayList<>();
    String[] what = {timeColumn, statusColumn, groupColumn};
    for (int k = 0; k < 3; k++) {
      if (dropped[k] > 0) {
        exclusions.add(new SurvivalData.Exclusion(Written.label(frame, what[k]) + " missing", dropped[k]));
      }
    }
    return new SurvivalData(timeColumn, statusColumn, coding.rule, groupColumn, t, e, g,
        groupColumn == null ? List.of("all") : frame.levels(groupColumn), rows, n, exclusions);
  }

  private record Coding(boolean[] event, boolean[] missing, String rule) {}

  private Coding coding(Frame frame) {
    int n = frame.rowCount();
    boolean[] event = new boolean[n];
    boolean[] missing = new boolean[n];
    boolean categorical = frame.kind(statusColumn) == VariableKind.CATEGORICAL;
    if (categorical) {
      List<String> levels = frame.levels(statusColumn);
      int[] codes = frame.codeView(statusColumn);
      String wanted = eventValue != null ? eventValue : defaultEvent(frame, levels, codes);
      int target = levels.indexOf(wanted);
      if (target < 0 && eventValue != null) {
        throw new UnknownNameException(UnknownNameException.Kind.LEVEL, wanted, statusColumn, levels, writtenAt);
      }
      for (int r = 0; r < n; r++) {
        missing[r] = codes[r] < 0;
        event[r] = codes[r] == target;
      }
      return new Coding(event, missing, statusColumn + " = " + wanted);
    }
    double[] v = frame.valueView(statusColumn);
    double wanted;
    if (eventValue != null) {
      if (!Numbers.looksNumeric(eventValue.trim())) {
        throw new StudybookException(Written.where(writtenAt) + "status column '" + statusColumn
            + "' holds numbers but the event value is '" + eventValue + "'; give the number that marks an event");
      }
      wanted = Numbers.parse(eventValue.trim());
    } else {
      wanted = defaultNumericEvent(frame, v);
    }
    for (int r = 0; r < n; r++) {
      missing[r] = Double.isNaN(v[r]);
      event[r] = v[r] == wanted;
    }
    return new Coding(event, missing, statusColumn + " = " + Written.number(wanted));
  }

  /** R's rule for a numeric status: 0/1 with 1 the event, or 1/2 with 2 the event (the largest value decides). */
  private double defaultNumericEvent(Frame frame, double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        max = Math.max(max, x);
      }
    }
    double low = max == 2 ? 1 : 0;
    double high = max == 2 ? 2 : 1;
    for (int r = 0; r < v.length; r++) {
      if (!Double.isNaN(v[r]) && v[r] != low && v[r] != high) {
        throw frame.problem(statusColumn, r, "a status without an event value must be coded 0/1, 1/2 or TRUE/FALSE"
            + " (as R's Surv)", "name the event value: Surv.of(\"" + timeColumn + "\", \"" + statusColumn
            + "\", \"<event value>\")");
      }
    }
    return high;
  }

  /** R's rule for a status held as text: TRUE/FALSE (TRUE the event) or numbers coded 0/1 or 1/2. */
  private String defaultEvent(Frame frame, List<String> levels, int[] codes) {
    boolean[] present = new boolean[levels.size()];
    for (int c : codes) {
      if (c >= 0) {
        present[c] = true;
      }
    }
    List<String> used = new ArrayList<>();
    for (int i = 0; i < present.length; i++) {
      if (present[i]) {
        used.add(levels.get(i));
      }
    }
    List<String> lower = used.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    if (!used.isEmpty() && List.of("true", "false").containsAll(lower)) {
      for (String l : levels) {
        if (l.equalsIgnoreCase("true")) {
          return l;
        }
      }
    }
    if (!used.isEmpty() && used.stream().allMatch(s -> Numbers.looksNumeric(s.trim()))) {
      double max = used.stream().mapToDouble(s -> Numbers.parse(s.trim())).max().orElseThrow();
      double low = max == 2 ? 1 : 0;
      double high = max == 2 ? 2 : 1;
      String event = null;
      boolean ok = true;
      for (String s : used) {
        double x = Numbers.parse(s.trim());
        ok &= x == low || x == high;
        if (x == high) {
          event = s;
        }
      }
      if (ok) {
        return event != null ? event : Written.number(high);
      }
    }
    throw new StudybookException(Written.where(writtenAt) + "status column '" + statusColumn + "' holds "
        + String.join(", ", used) + ", not 0/1, 1/2 or TRUE/FALSE: name the event value, e.g. Surv.of(\""
        + timeColumn + "\", \"" + statusColumn + "\", \"" + (used.isEmpty() ? "yes" : used.get(used.size() - 1))
        + "\")");
  }
}
