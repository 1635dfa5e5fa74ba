package studybook.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.distribution.NormalDistribution;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.stats.survival.CumulativeIncidenceCurve;
import studybook.stats.survival.CumulativeIncidenceFit;

/**
 * A cumulative-incidence table with competing risks, as {@code tbl_cuminc} (tidycmprsk) reads
 * {@code cmprsk::cuminc}: per group the patients, events of interest and competing events, the
 * incidence at stated times with its 95% limits, and Gray's p. The incidence is the Aalen-Johansen
 * estimate; its variance is cuminc's (Gray 1988, {@code timepoints(fit, times)$var}, which stays at its
 * value of the last event of interest until the next), and the limits are Pintilie's log-log ones
 * {@code est^exp(±z se / (est log est))}, as tidycmprsk gives them. Names come from the frame's codebook.
 *
 * <pre>{@code
 * @Cell("Cumulative incidence of progression")
 * public CumulativeIncidenceTable progression(Frame data) {
 *   return CumulativeIncidenceTable.of(data, "etime", "status", "pcm", "censor", "sex", 60, 120, 240);
 * }
 * }</pre>
 *
 * @param tableName the CSV's file stem ("" names it for its cell)
 * @param groupLabel the group variable as the codebook labels it ("" without a group)
 * @param eventLabel the event of interest as the codebook labels it
 * @param competingLabels the competing events (the status's other levels, neither the event nor censoring) as the
 *     codebook labels them
 * @param unit the time unit from the codebook ("" when none)
 * @param times the stated times, increasing
 * @param groups one row per group
 * @param gray Gray's test across groups (absent without a group)
 * @param excluded rows left out for a missing time, status or group
 */
public record CumulativeIncidenceTable(String tableName, String groupLabel, String eventLabel,
    List<String> competingLabels, String unit, List<Double> times, List<Group> groups, Optional<CumulativeIncidenceFit.GrayTest> gray, int excluded)
    implements Displayable {

  private static final double Z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);

  /**
   * One group's row.
   *
   * @param level the group's level
   * @param label its label
   * @param n patients
   * @param events events of interest
   * @param competingEvents competing events
   * @param at the incidence at each stated time
   */
  public record Group(String level, String label, int n, int events, int competingEvents, List<At> at) {
    public Group {
      at = List.copyOf(at);
    }
  }

  /**
   * The incidence at one stated time.
   *
   * @param time the stated time
   * @param incidence the cumulative incidence of the event of interest
   * @param se its standard error (cuminc's variance)
   * @param lower the lower 95% limit (log-log)
   * @param upper the upper 95% limit
   */
  public record At(double time, double incidence, double se, double lower, double upper) {}

  public CumulativeIncidenceTable {
    competingLabels = List.copyOf(competingLabels);
    times = List.copyOf(times);
    groups = List.copyOf(groups);
  }

  /** The table of {@code event} against the other non-censoring statuses, by {@code by} (null for none). */
  public static CumulativeIncidenceTable of(Frame data, String time, String status, String event, String censor,
      String by, double... times) {
    return of("", data, time, status, event, censor, by, times);
  }

  /** As {@link #of(Frame, String, String, String, String, String, double...)}, with the CSV's file stem. */
  public static CumulativeIncidenceTable of(String tableName, Frame data, String time, String status, String event,
      String censor, String by, double... times) {
    CompetingRisks cr = CompetingRisks.of(data, time, status, event, censor, by);
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    double[] t = cr.time();
    int[] s = cr.status();
    int[] g = cr.group();
    CodebookVariable groupVar = by == null ? null : data.variable(by);
    List<Group> rows = new ArrayList<>();
    for (int k = 0; k < cr.levels().size(); k++) {
      CumulativeIncidenceCurve curve = cr.curves().get(k);
      int m = 0;
      for (int gi : g) {
        m += gi == k ? 1 : 0;
      }
      double[] gt = new double[m];
      int[] gs = new int[m];
      int j = 0;
      for (int i = 0; i < g.length; i++) {
        if (g[i] == k) {
          gt[j] = t[i];
          gs[j++] = s[i];
        }
      }
      List<At> at = new ArrayList<>();
      for (double x : sorted) {
        double est = curve.incidenceAt(x);
        double se = Math.sqrt(grayVariance(gt, gs, x));
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (est > 0 && est < 1) {
          double w = Z * se / (est * Math.log(est));
          lower = Math.pow(est, Math.exp(-w));
          upper = Math.pow(est, Math.exp(w));
        }
        at.add(new At(x, est, se, lower, upper));
      }
      String level = cr.levels().get(k);
      rows.add(new Group(level, groupVar == null ? "Overall" : groupVar.levelLabel(level), curve.n(), curve.events(),
          curve.competingEvents(), at));
    }
    CodebookVariable statusVar = data.variable(status);
    CodebookVariable timeVar = data.variable(time);
    List<Double> ts = new ArrayList<>();
    for (double x : sorted) {
      ts.add(x);
    }
    List<String> competing = data.levels(status).stream().filter(l -> !l.equals(event) && !l.equals(censor))
        .map(statusVar::levelLabel).toList();
    return new CumulativeIncidenceTable(tableName, groupVar == null ? "" : groupVar.label(),
        statusVar.levelLabel(event), competing, timeVar.unit() == null ? "" : timeVar.unit(), ts, rows,
        by == null ? Optional.empty() : cr.fit().gray(), cr.excluded());
  }

  /**
   * cuminc's variance of the incidence of cause 1 at {@code at} (cmprsk's cinc, Gray 1988): summed over
   * the distinct times with an event, it is updated at each time with an event of interest and, after
   * the last time, at the end of follow-up; {@code timepoints} reads the value of the last update at or
   * before {@code at}.
   */
  static double grayVariance(double[] time, int[] status, double at) {
    Integer[] order = new Integer[time.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
    int n = time.length;
    double fk = 1;
    double f = 0;
    double v1 = 0;
    double v2 = 0;
    double v3 = 0;
    double v = 0;
    int l = 0;
    while (l < n && time[order[l]] <= at) {
      double rs = n - l;
      int nd1 = 0;
      int nd2 = 0;
      int end = l;
      while (end < n && time[order[end]] == time[order[l]]) {
        int st = status[order[end]];
        nd1 += st == CompetingRisksCodes.EVENT ? 1 : 0;
        nd2 += st == CompetingRisksCodes.COMPETING ? 1 : 0;
        end++;
      }
      int nd = nd1 + nd2;
      if (nd > 0) {
        double fkn = fk * (rs - nd) / rs;
        if (nd1 > 0) {
          f = f + fk * nd1 / rs;
        }
        if (nd2 > 0 && fkn > 0) {
          double t5 = nd2 > 1 ? 1 - (nd2 - 1.0) / (rs - 1.0) : 1;
          double t6 = fk * fk * t5 * nd2 / (rs * rs);
          double t3 = 1 / fkn;
          double t4 = f / fkn;
          v1 += t4 * t4 * t6;
          v2 += t3 * t4 * t6;
          v3 += t3 * t3 * t6;
        }
        if (nd1 > 0) {
          double t5 = nd1 > 1 ? 1 - (nd1 - 1.0) / (rs - 1.0) : 1;
          double t6 = fk * fk * t5 * nd1 / (rs * rs);
          double t3 = fkn > 0 ? 1 / fkn : 0;
          double t4 = 1 + t3 * f;
          v1 += t4 * t4 * t6;
          v2 += t3 * t4 * t6;
          v3 += t3 * t3 * t6;
          v = v1 + f * f * v3 - 2 * f * v2;
        }
        fk = fkn;
      }
      l = end;
    }
    if (l == n && n > 0) {
      v = v1 + f * f * v3 - 2 * f * v2; // cuminc's last point, at the end of follow-up
    }
    return v;
  }

  /** "60 months" or "60". */
  String timeText(double t) {
    String n = t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t);
    return unit.isEmpty() ? n : n + " " + unit;
  }

  /**
   * One row per group: N, events of interest, competing events, the incidence at each stated time
   * (95% CI, in percent) and Gray's P on the first row.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = new ArrayList<>();
    columns.add(TableModel.Column.label(groupLabel));
    columns.add(TableModel.Column.number("N"));
    columns.add(TableModel.Column.number(eventLabel));
    // One competing event is named in the header, as the event of interest is; several are named in the note.
    columns.add(TableModel.Column.number(competingLabels.size() == 1 ? competingLabels.get(0) + " (competing)"
        : "Competing events"));
    for (double t : times) {
      columns.add(TableModel.Column.number("At " + timeText(t)));
      columns.add(TableModel.Column.number("95% CI"));
    }
    boolean test = gray.isPresent();
    if (test) {
      columns.add(TableModel.Column.number("P"));
    }
    List<TableModel.Row> rows = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      List<TableValue> cells = new ArrayList<>();
      cells.add(TableValue.Count.of(g.n()));
      cells.add(TableValue.Count.of(g.events()));
      cells.add(TableValue.Count.of(g.competingEvents()));
      for (At a : g.at()) {
        cells.add(new TableValue.Percent(100 * a.incidence()));
        cells.add(new TableValue.Interval(100 * a.lower(), 100 * a.upper(), TableValue.STYLE));
      }
      if (test) {
        CumulativeIncidenceFit.GrayTest gt = gray.get();
        cells.add(i > 0 ? TableValue.empty() : gt.computed()
            ? new TableValue.PValue(gt.p().getAsDouble(), "gray", gt.chisq().getAsDouble(), gt.df().getAsInt())
            : TableValue.text("not computable"));
      }
      rows.add(new TableModel.Row(TableModel.RowKind.PLAIN, g.label(), "", "", cells));
    }
    List<String> notes = new ArrayList<>();
    notes.add("Cumulative incidence of " + eventLabel + " in percent, with " + competingText() + "; "
        + CumulativeIncidenceCurve.METHOD + "; variance and its log-log 95% limits as cmprsk::cuminc with "
        + "timepoints() and tidycmprsk.");
    if (test && !gray.get().computed()) {
      notes.add("Gray's test not computable: " + gray.get().notComputable().orElse("") + ".");
    }
    if (excluded > 0) {
      notes.add(excluded + " patients with a missing time, status or group were left out.");
    }
    List<TableModel.Test> tests = test ? List.of(new TableModel.Test("gray", "Gray's test",
        "cmprsk::cuminc(time, status, group)$Tests", "χ²")) : List.of();
    return List.of(new TableModel(tableName, "", columns, rows, tests, notes));
  }

  /** "death as a competing event", "death or transplant as competing events". */
  private String competingText() {
    if (competingLabels.isEmpty()) {
      return "no competing event recorded";
    }
    String names = competingLabels.size() == 1 ? competingLabels.get(0)
        : String.join(", ", competingLabels.subList(0, competingLabels.size() - 1)) + " or "
            + competingLabels.get(competingLabels.size() - 1);
    return names + (competingLabels.size() == 1 ? " as a competing event" : " as competing events");
  }

  /** The status codes of {@link CompetingRisks#status()}. */
  private static final class CompetingRisksCodes {
    static final int EVENT = studybook.stats.survival.CumulativeIncidence.EVENT;
    static final int COMPETING = studybook.stats.survival.CumulativeIncidence.COMPETING;
  }
}
