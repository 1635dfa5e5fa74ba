package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import studybook.data.Codebook;
import studybook.data.Frame;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import studybook.stats.survival.FollowUp;

/**
 * Long-term outcomes overall and by group: lymph-node metastasis among those assessed, recurrences,
 * and follow-up (median with IQR, and the reverse Kaplan-Meier median).
 *
 * @param tableName the CSV's file stem
 * @param by the grouping variable
 * @param overall all patients
 * @param groups one summary per level of {@code by}
 * @param excluded patients left out of every summary for a missing follow-up or recurrence value
 */
public record OutcomeTable(String tableName, String by, OutcomeSummary overall, List<OutcomeSummary> groups,
    int excluded) implements Tabular {

  public OutcomeTable {
    groups = List.copyOf(groups);
  }

  /** What the outcome variables are called and which of their levels count. */
  public record Spec(String lymphNodes, String lnPositive, String lnNotAssessed, String recurrence,
      String recurrenceEvent, String followup) {}

  public static OutcomeTable of(String tableName, Frame data, Codebook codebook, String by, Spec spec) {
    int[] group = data.codes(by);
    List<String> levels = data.levels(by);
    List<String> lnLevels = data.levels(spec.lymphNodes());
    int lnYes = lnLevels.indexOf(spec.lnPositive());
    int lnNa = lnLevels.indexOf(spec.lnNotAssessed());
    int[] ln = data.codes(spec.lymphNodes());
    int recEvent = data.levels(spec.recurrence()).indexOf(spec.recurrenceEvent());
    int[] rec = data.codes(spec.recurrence());
    double[] time = data.values(spec.followup());
    boolean[] usable = new boolean[time.length];
    int excluded = 0;
    for (int r = 0; r < time.length; r++) {
      usable[r] = !Double.isNaN(time[r]) && rec[r] >= 0;
      excluded += usable[r] ? 0 : 1;
    }
    OutcomeSummary overall = summary("all", "All patients", r -> true, ln, lnYes, lnNa, rec, recEvent, time, usable);
    List<OutcomeSummary> groups = new ArrayList<>();
    for (int g = 0; g < levels.size(); g++) {
      final int gg = g;
      String label = codebook == null ? levels.get(g)
          : codebook.find(by).map(v -> v.levelLabel(levels.get(gg))).orElse(levels.get(g));
      groups.add(summary(levels.get(g), label, r -> group[r] == gg, ln, lnYes, lnNa, rec, recEvent, time, usable));
    }
    return new OutcomeTable(tableName, by, overall, groups, excluded);
  }

  private static OutcomeSummary summary(String group, String label, java.util.function.IntPredicate in, int[] ln,
      int lnYes, int lnNa, int[] rec, int recEvent, double[] time, boolean[] usable) {
    int n = 0;
    int assessed = 0;
    int positive = 0;
    int recurrences = 0;
    List<Double> t = new ArrayList<>();
    List<Boolean> e = new ArrayList<>();
    for (int r = 0; r < ln.length; r++) {
      if (!in.test(r)) {
        continue;
      }
      n++;
      assessed += ln[r] >= 0 && ln[r] != lnNa ? 1 : 0;
      positive += ln[r] == lnYes ? 1 : 0;
      recurrences += rec[r] == recEvent ? 1 : 0;
      if (usable[r]) {
        t.add(time[r]);
        e.add(rec[r] == recEvent);
      }
    }
    double[] times = t.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] events = new boolean[e.size()];
    for (int i = 0; i < events.length; i++) {
      events[i] = e.get(i);
    }
    double median = quantile(times, 50);
    double reverse = times.length == 0 ? Double.NaN
        : FollowUp.of(times, events).medianReverseKaplanMeier().orElse(Double.NaN);
    return new OutcomeSummary(group, label, n, assessed, positive, recurrences, median, quantile(times, 25),
        quantile(times, 75), reverse);
  }

  /** R's default quantile (type 7); NaN for no values. */
  private static double quantile(double[] values, double percent) {
    return values.length == 0 ? Double.NaN
        : new Percentile(percent).withEstimationType(Percentile.EstimationType.R_7).evaluate(values);
  }

  @Override
  public List<String> columns() {
    return List.of("group", "n", "ln_assessed", "ln_metastasis_positive", "recurrences", "followup_median",
        "followup_q1", "followup_q3", "followup_median_reverse_km");
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    List<OutcomeSummary> all = new ArrayList<>();
    all.add(overall);
    all.addAll(groups);
    for (OutcomeSummary s : all) {
      out.add(List.of(s.group(), s.n(), s.lnAssessed(), s.lnMetastasisPositive(), s.recurrences(), s.followupMedian(),
          s.followupQ1(), s.followupQ3(), s.followupMedianReverseKm()));
    }
    return out;
  }
}
