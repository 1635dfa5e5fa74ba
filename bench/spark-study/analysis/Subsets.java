import static studybook.data.Condition.is;

import studybook.data.Frame;
import studybook.data.Surv;
import studybook.data.SummaryStyle;
import studybook.data.Tally;
import studybook.kernel.Cell;
import studybook.tables.GroupTable;
import studybook.tables.KmTable;
import studybook.tables.Table1;

/**
 * The part of the rectal NET study that runs on both engines, beside its analysis/Cohort.java (copied in
 * unchanged by bench/spark-study.sh and the Spark tests): the non-curative subset (as its Outcomes.nonCurative),
 * recurrence-free survival (as its Outcomes.recurrenceFreeSurvival), one curve on a subset, a level reorder and
 * Table 1s of categorical characteristics.
 */
public class Subsets {
  @Cell("The non-curative patients")
  public Frame nonCurative(Frame studyData) {
    return studyData.where(is("curative_resection", "non_curative"));
  }

  @Cell("Recurrence-free survival by additional treatment at 3 and 5 years, with the log-rank test")
  public KmTable recurrenceFreeSurvival(Frame studyData) {
    return KmTable.of(studyData, Surv.of("followup_months", "recurrence", "yes").by("additional_treatment"), 36, 60);
  }

  @Cell("Recurrence-free survival of the non-curative patients, one curve")
  public KmTable overall(Frame nonCurative) {
    return KmTable.of("overall", nonCurative, Surv.of("followup_months", "recurrence", "yes"), 12, 60);
  }

  @Cell("Characteristics of the non-curative patients by additional treatment (Table1: numbers and levels)")
  public GroupTable characteristics(Frame nonCurative) {
    return Table1.of(nonCurative).name("characteristics").by("additional")
        .variables("age", "sex", "tumor_size_mm", "ki67_percent", "grade", "depth", "lvi", "resection_margin")
        .dichotomous("sex", "female").test("ki67_percent", "welch").summary("tumor_size_mm", SummaryStyle.MEAN_SD)
        .digits("ki67_percent", 2).build();
  }

  @Cell("Lesion characteristics of all patients by resection method (GroupTable.of: three groups)")
  public GroupTable lesions(Frame studyData) {
    return GroupTable.of("lesions", studyData, "er_method",
        java.util.List.of("age", "tumor_size_mm", "distance_av_cm", "grade", "lvi", "curative_resection"));
  }

  @Cell("Everyone in one column (Table1 without by)")
  public GroupTable everyone(Frame studyData) {
    return Table1.of(studyData).name("everyone").variables("age", "followup_months", "grade", "resection_margin")
        .build();
  }

  @Cell("Lymph-node status of the treated non-curative patients, in a new level order")
  public Tally nodes(Frame nonCurative) {
    return nonCurative.where(is("additional", "yes"))
        .withLevelOrder("ln_metastasis", java.util.List.of("not_assessed", "yes", "no")).countBy("ln_metastasis");
  }
}
