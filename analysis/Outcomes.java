import static studybook.data.Condition.is;
import static studybook.data.Condition.isNot;

import java.util.ArrayList;
import java.util.List;
import studybook.data.Frame;
import studybook.data.Surv;
import studybook.data.SurvivalData;
import studybook.kernel.Cell;
import studybook.stats.describe.Descriptives;
import studybook.stats.describe.Summary;
import studybook.stats.survival.FollowUp;
import studybook.stats.survival.TimeCounts;
import studybook.tables.KmTable;
import studybook.tables.RegressionTable;
import studybook.tables.Tabular;

/** Additional treatment after non-curative resection (Table 3) and long-term outcomes (Table 4, survival). */
public class Outcomes {
  /** The published multivariable model: five categorical terms, adjusted for tumour size and age. */
  static final List<String> MODEL = List.of("initial_diagnosis", "suspected_net", "lvi", "resection_margin",
      "tumor_size_mm", "age");
  /** Univariable candidates: the model's terms and other characteristics recorded at resection. */
  static final List<String> CANDIDATES = List.of("age", "sex", "tumor_size_mm", "initial_diagnosis", "suspected_net",
      "er_method", "grade", "depth", "lvi", "resection_margin");
  /** Recurrence-free survival: follow-up until a local or metastatic recurrence. */
  static final Surv RECURRENCE_FREE = Surv.of("followup_months", "recurrence", "yes");

  /**
   * Long-term outcomes of one group (a row of Table 4).
   *
   * @param group the group's level ("all" for everyone)
   * @param label its display label
   * @param n patients
   * @param lnAssessed patients whose lymph-node status was assessed
   * @param lnMetastasisPositive patients with lymph-node metastasis
   * @param recurrences patients with a recurrence
   * @param followupMedian median follow-up (plain median of observed times, R's median)
   * @param followupQ1 first quartile of follow-up (type 7)
   * @param followupQ3 third quartile
   * @param followupMedianReverseKm median follow-up by reverse Kaplan-Meier; NaN when not reached
   */
  public record OutcomeSummary(String group, String label, int n, int lnAssessed, int lnMetastasisPositive,
      int recurrences, double followupMedian, double followupQ1, double followupQ3, double followupMedianReverseKm) {}

  /**
   * Table 4: long-term outcomes overall and by additional treatment.
   *
   * @param by the grouping variable
   * @param overall all patients
   * @param groups one summary per level of {@code by}
   * @param excluded patients left out of the follow-up summaries for a missing follow-up or recurrence value
   */
  public record OutcomeTable(String by, OutcomeSummary overall, List<OutcomeSummary> groups, int excluded)
      implements Tabular {
    @Override
    public String tableName() {
      return "table4";
    }

    @Override
    public List<String> columns() {
      return List.of("group", "n", "ln_assessed", "ln_metastasis_positive", "recurrences", "followup_median",
          "followup_q1", "followup_q3", "followup_median_reverse_km");
    }

    @Override
    public List<List<Object>> rows() {
      List<List<Object>> out = new ArrayList<>();
      for (OutcomeSummary s : all()) {
        out.add(List.of(s.group(), s.n(), s.lnAssessed(), s.lnMetastasisPositive(), s.recurrences(),
            s.followupMedian(), s.followupQ1(), s.followupQ3(), s.followupMedianReverseKm()));
      }
      return out;
    }

    private List<OutcomeSummary> all() {
      List<OutcomeSummary> all = new ArrayList<>(List.of(overall));
      all.addAll(groups);
      return all;
    }
  }

  @Cell("The non-curative patients")
  public Frame nonCurative(Frame studyData) {
    return studyData.where(is("curative_resection", "non_curative"));
  }

  @Cell("Table 3: logistic models for additional treatment among the non-curative patients")
  public RegressionTable table3(Frame nonCurative) {
    return RegressionTable.of("table3", nonCurative, nonCurative.codebook(), "additional", "yes", CANDIDATES, MODEL)
        .referenceRows();
  }

  @Cell("Table 4: lymph-node metastasis, recurrence and follow-up by additional treatment")
  public OutcomeTable table4(Frame studyData) {
    String by = "additional_treatment";
    List<String> levels = studyData.levels(by);
    int[] excluded = new int[1];
    TimeCounts counts = followUpCounts(studyData, by, excluded);
    List<OutcomeSummary> groups = new ArrayList<>();
    for (String level : studyData.countBy(by).levels()) {
      groups.add(outcomes(level, studyData.variable(by).levelLabel(level), studyData.where(is(by, level)),
          counts.group(levels.indexOf(level))));
    }
    return new OutcomeTable(by, outcomes("all", "All patients", studyData, counts), groups, excluded[0]);
  }

  /**
   * The follow-up times counted once, by group (and a group of their own for the rows whose group is missing,
   * which count in "All patients" only): each row of Table 4 reads its group's counts. The rows' arrays are let go
   * on return; the rows left out are written to {@code excluded[0]}.
   */
  private static TimeCounts followUpCounts(Frame studyData, String by, int[] excluded) {
    SurvivalData all = RECURRENCE_FREE.from(studyData);
    excluded[0] = all.excluded();
    List<String> levels = studyData.levels(by);
    int[] group = studyData.codes(by);
    int[] rows = all.rows();
    for (int i = 0; i < rows.length; i++) {
      int c = group[rows[i]];
      group[i] = c < 0 ? levels.size() : c; // rows[i] >= i: the codes are read before they are overwritten
    }
    List<String> names = new ArrayList<>(levels);
    names.add("(missing)");
    return TimeCounts.of(all.time(), all.event(),
        rows.length == group.length ? group : java.util.Arrays.copyOf(group, rows.length), names);
  }

  @Cell("Recurrence-free survival (Kaplan-Meier) by additional treatment, at 3 and 5 years, with the log-rank test")
  public KmTable recurrenceFreeSurvival(Frame studyData) {
    return KmTable.of(studyData, RECURRENCE_FREE.by("additional_treatment"), 36, 60);
  }

  /**
   * One row of Table 4: nodes assessed and positive, recurrences, and follow-up of the complete cases, from their
   * events and censorings by distinct time.
   */
  static OutcomeSummary outcomes(String group, String label, Frame patients, TimeCounts followUp) {
    Summary time = Descriptives.summarizeSorted(followUp.sortedTimes(), 0);
    double reverseKm = followUp.n() == 0 ? Double.NaN
        : FollowUp.of(followUp).medianReverseKaplanMeier().orElse(Double.NaN);
    return new OutcomeSummary(group, label, patients.rowCount(), patients.count(isNot("ln_metastasis", "not_assessed")),
        patients.count(is("ln_metastasis", "yes")), patients.count(is("recurrence", "yes")), time.median(), time.q1(),
        time.q3(), reverseKm);
  }
}
