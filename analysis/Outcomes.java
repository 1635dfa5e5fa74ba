import static studybook.data.Condition.is;
import static studybook.data.Condition.isNot;

import java.util.ArrayList;
import java.util.List;
import studybook.data.Frame;
import studybook.data.Surv;
import studybook.data.SurvivalCounts;
import studybook.kernel.Cell;
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
    // Follow-up of the patients with a time and a recurrence status; those whose group is missing count in "All
    // patients" only.
    SurvivalCounts followUp = RECURRENCE_FREE.by(by).counts(studyData);
    List<OutcomeSummary> groups = new ArrayList<>();
    for (String level : studyData.levels(by)) {
      groups.add(outcomes(level, studyData.variable(by).levelLabel(level), studyData.where(is(by, level)),
          followUp.followUp(level)));
    }
    return new OutcomeTable(by, outcomes("all", "All patients", studyData, followUp.followUp()), groups,
        followUp.withoutTimeOrStatus());
  }

  @Cell("Recurrence-free survival (Kaplan-Meier) by additional treatment, at 3 and 5 years, with the log-rank test")
  public KmTable recurrenceFreeSurvival(Frame studyData) {
    return KmTable.of(studyData, RECURRENCE_FREE.by("additional_treatment"), 36, 60);
  }

  /** One row of Table 4: nodes assessed and positive, recurrences, and the follow-up of the complete cases. */
  static OutcomeSummary outcomes(String group, String label, Frame patients, SurvivalCounts.FollowUpTimes followUp) {
    return new OutcomeSummary(group, label, patients.rowCount(), patients.count(isNot("ln_metastasis", "not_assessed")),
        patients.count(is("ln_metastasis", "yes")), patients.count(is("recurrence", "yes")), followUp.median(),
        followUp.q1(), followUp.q3(), followUp.medianReverseKaplanMeier());
  }
}
