import static studybook.data.Case.when;
import static studybook.data.Condition.allOf;
import static studybook.data.Condition.below;
import static studybook.data.Condition.is;
import static studybook.data.Condition.isNot;
import static studybook.data.Condition.not;

import studybook.data.CodebookVariable;
import studybook.data.Condition;
import studybook.data.Frame;
import studybook.data.Tally;
import studybook.kernel.Cell;
import studybook.tables.GroupContrast;
import studybook.tables.GroupContrasts;

/**
 * The cohort: the declared curative-resection rule, the derived groups and the flow of patients
 * (322 -> curative / non-curative -> additional treatment or none).
 */
public class Cohort {
  /** Curative resection (the paper's criteria): every condition must hold. */
  static final Condition CURATIVE = allOf(below("tumor_size_mm", 10), is("grade", "G1"),
      is("depth", "mucosa", "submucosa"), is("lvi", "negative"), is("resection_margin", "negative"));

  /** Any salvage treatment after the index resection. */
  static final Condition TREATED = isNot("additional_treatment", "none");

  /**
   * The cohort's flow: all patients, split by the curative-resection rule, the non-curative ones split
   * by additional treatment.
   *
   * @param total patients in the data
   * @param curative patients meeting the rule
   * @param nonCurative patients failing it
   * @param unclassified patients the rule cannot decide (a value missing); in neither group
   * @param additional non-curative patients given any additional treatment
   * @param noAdditional non-curative patients given none
   * @param additionalPercent 100 * additional / nonCurative
   * @param endoscopic additional treatment that was endoscopic
   * @param surgical additional treatment that was surgical
   * @param rule the rule, for the methods text
   */
  public record CohortFlow(int total, int curative, int nonCurative, int unclassified, int additional,
      int noAdditional, double additionalPercent, int endoscopic, int surgical, String rule) {}

  @Cell("The data with the derived groups: curative_resection, additional")
  public Frame studyData(Frame data) {
    return data
        .withFactor(CodebookVariable.categorical("curative_resection").withLabel("Curative resection"),
            when(CURATIVE, "curative", "Curative resection"),
            when(not(CURATIVE), "non_curative", "Non-curative resection"))
        .withFactor(CodebookVariable.categorical("additional").withLabel("Additional treatment"),
            when(not(CURATIVE).and(not(TREATED)), "no", "No additional treatment"),
            when(not(CURATIVE).and(TREATED), "yes", "Additional treatment"));
  }

  @Cell("Patients by curative resection and additional treatment")
  public CohortFlow cohort(Frame studyData, Frame nonCurative) {
    Tally resection = studyData.countBy("curative_resection");
    Tally treatment = nonCurative.countBy("additional_treatment");
    int treated = treatment.count("endoscopic", "surgical");
    return new CohortFlow(resection.total(), resection.count("curative"), resection.count("non_curative"),
        resection.missing(), treated, treatment.count("none"), 100.0 * treated / resection.count("non_curative"),
        treatment.count("endoscopic"), treatment.count("surgical"), CURATIVE.describe(studyData));
  }

  @Cell("The 2x2 contrasts the paper states between the curative and non-curative groups")
  public GroupContrasts curativeContrasts(Frame studyData) {
    return new GroupContrasts(java.util.List.of(
        GroupContrast.pearson("polypectomy_first", "Resected as a polyp first (vs forceps biopsy)", studyData,
            is("initial_diagnosis", "polypectomy"), "curative_resection"),
        GroupContrast.pearson("conventional_emr", "Conventional EMR (vs modified EMR or ESD)", studyData,
            is("er_method", "conventional_emr"), "curative_resection")));
  }
}
