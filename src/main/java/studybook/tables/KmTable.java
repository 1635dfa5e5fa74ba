package studybook.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.data.Surv;
import studybook.data.SurvivalCounts;
import studybook.stats.survival.KaplanMeier;
import studybook.stats.survival.KaplanMeierCurve;
import studybook.stats.survival.LogRank;
import studybook.stats.survival.LogRankTest;
import studybook.stats.survival.RiskAt;
import studybook.stats.survival.SurvivalMedian;
import studybook.stats.survival.TimeCounts;

/**
 * A survival summary table, as gtsummary's {@code tbl_survfit}: per group the patients, events, median
 * survival with its 95% limits and the survival at stated times with theirs, and the log-rank p. The
 * numbers are {@code survival::survfit(Surv(time, status) ~ group)} (Kaplan-Meier, Greenwood variance,
 * log limits), its {@code print} (median and limits) and {@code summary(fit, times = ..., extend = TRUE)},
 * and {@code survdiff}'s log-rank test; group and variable names come from the frame's codebook.
 *
 * <pre>{@code
 * @Cell("Recurrence-free survival by group")
 * public KmTable survival(Frame data) {
 *   return KmTable.of(data, Surv.of("followup_months", "recurrence", "yes").by("group"), 12, 60);
 * }
 * }</pre>
 *
 * @param tableName the CSV's file stem ("" names it for its cell)
 * @param groupLabel the group variable as the codebook labels it ("" without a group)
 * @param timeLabel the time variable with its unit, e.g. "Follow-up (months)"
 * @param unit the time unit from the codebook ("" when none)
 * @param times the stated times, increasing
 * @param groups one row per group (one "Overall" row without a group)
 * @param logRank the log-rank test across groups (absent without a group)
 * @param excluded rows left out for a missing time, status or group
 */
public record KmTable(String tableName, String groupLabel, String timeLabel, String unit, List<Double> times,
    List<Group> groups, Optional<LogRankTest> logRank, int excluded) implements Displayable {

  /**
   * One group's row.
   *
   * @param level the group's level ("all" without a group)
   * @param label its label from the codebook
   * @param n patients
   * @param events patients with the event
   * @param median median survival with its limits
   * @param at the curve at each stated time (survival, limits, numbers at risk)
   */
  public record Group(String level, String label, int n, int events, SurvivalMedian median, List<RiskAt> at) {
    public Group {
      at = List.copyOf(at);
    }
  }

  public KmTable {
    times = List.copyOf(times);
    groups = List.copyOf(groups);
  }

  /** The table of {@code surv} on {@code data} at {@code times}, labelled from the frame's codebook. */
  public static KmTable of(Frame data, Surv surv, double... times) {
    return of("", data, surv, times);
  }

  /** As {@link #of(Frame, Surv, double...)}, with the CSV's file stem. */
  public static KmTable of(String tableName, Frame data, Surv surv, double... times) {
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    // The events and censorings per group and distinct time, counted once on whichever engine holds the rows; the
    // curves and the test are both finished from those counts.
    SurvivalCounts s = surv.counts(data);
    TimeCounts counts = s.byGroup();
    List<KaplanMeierCurve> curves = KaplanMeier.withDefaults().fit(counts);
    Optional<LogRankTest> test = s.groupColumn() == null ? Optional.empty() : Optional.of(LogRank.test(counts));
    int excluded = s.excluded();
    CodebookVariable g = surv.groupColumn() == null ? null : data.variable(surv.groupColumn());
    List<Group> rows = new ArrayList<>();
    for (KaplanMeierCurve c : curves) {
      String label = g == null ? "Overall" : g.levelLabel(c.group());
      rows.add(new Group(c.group(), label, c.n(), c.totalEvents(), c.median(), c.at(sorted)));
    }
    CodebookVariable t = data.variable(surv.timeColumn());
    String unit = t.unit() == null ? "" : t.unit();
    List<Double> ts = new ArrayList<>();
    for (double x : sorted) {
      ts.add(x);
    }
    return new KmTable(tableName, g == null ? "" : g.label(), t.label() + (unit.isEmpty() ? "" : " (" + unit + ")"),
        unit, ts, rows, test, excluded);
  }

  /** "12 months" or "12". */
  String timeText(double t) {
    String n = t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t);
    return unit.isEmpty() ? n : n + " " + unit;
  }

  /**
   * One row per group: N, events, median (95% CI), survival at each stated time (95% CI, in percent),
   * and the log-rank P on the first row; footnotes give the method, NR and the patients left out.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = new ArrayList<>();
    columns.add(TableModel.Column.label(groupLabel.isEmpty() ? "" : groupLabel));
    columns.add(TableModel.Column.number("N"));
    columns.add(TableModel.Column.number("Events"));
    columns.add(TableModel.Column.number("Median"));
    columns.add(TableModel.Column.number("95% CI"));
    for (double t : times) {
      columns.add(TableModel.Column.number("Survival at " + timeText(t)));
      columns.add(TableModel.Column.number("95% CI"));
    }
    boolean test = logRank.isPresent();
    if (test) {
      columns.add(TableModel.Column.number("P"));
    }
    List<TableModel.Row> rows = new ArrayList<>();
    boolean anyNotReached = false;
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      List<TableValue> cells = new ArrayList<>();
      cells.add(TableValue.Count.of(g.n()));
      cells.add(TableValue.Count.of(g.events()));
      SurvivalMedian m = g.median();
      anyNotReached |= m.estimate().isEmpty() || (m.lower().isEmpty() && m.upper().isEmpty());
      cells.add(m.estimate().isPresent() ? new TableValue.Decimal(m.estimate().getAsDouble(), TableValue.STYLE)
          : TableValue.text("NR"));
      cells.add(limits(m));
      for (RiskAt r : g.at()) {
        cells.add(new TableValue.Percent(100 * r.survival()));
        cells.add(new TableValue.Interval(100 * r.lower(), 100 * r.upper(), TableValue.STYLE));
      }
      if (test) {
        LogRankTest lr = logRank.get();
        cells.add(i > 0 ? TableValue.empty() : lr.computed()
            ? new TableValue.PValue(lr.p().getAsDouble(), "logrank", lr.chisq().getAsDouble(), lr.df().getAsInt())
            : TableValue.text("not computable"));
      }
      rows.add(new TableModel.Row(TableModel.RowKind.PLAIN, g.label(), "", "", cells));
    }
    List<String> notes = new ArrayList<>();
    int n = groups.stream().mapToInt(Group::n).sum();
    int events = groups.stream().mapToInt(Group::events).sum();
    notes.add(n + " patients, " + events + " events. " + KaplanMeierCurve.METHOD + " (log limits); median and its "
        + "limits as print(survfit) (NA where a limit curve does not fall to 50%), survival at stated times as summary(fit, times, extend = TRUE), in percent.");
    if (anyNotReached) {
      notes.add("NR, not reached: the curve does not fall to 50% (in a 95% CI column: neither limit curve does).");
    }
    if (test && !logRank.get().computed()) {
      notes.add("Log-rank test not computable: " + logRank.get().notComputable().orElse("") + ".");
    }
    if (excluded > 0) {
      notes.add(excluded + " patients with a missing time, status or group were left out.");
    }
    // a test that was not computed marks no p, so its letter and method are not listed
    List<TableModel.Test> tests = test && logRank.get().computed()
        ? List.of(new TableModel.Test("logrank", "Log-rank test", "survival::survdiff(Surv(time, status) ~ group)", "χ²"))
        : List.of();
    return List.of(new TableModel(tableName, "", columns, rows, tests, notes));
  }

  /**
   * The median's limits; a limit the limit curve never reaches is NA, as print(survfit) shows it, and when
   * neither is reached (e.g. a group without events) the cell reads NR rather than "NA–NA".
   */
  private static TableValue limits(SurvivalMedian m) {
    if (m.lower().isEmpty() && m.upper().isEmpty()) {
      return TableValue.text("NR");
    }
    return new TableValue.Interval(m.lower().orElse(Double.NaN), m.upper().orElse(Double.NaN), TableValue.STYLE);
  }
}
