import java.util.ArrayList;
import java.util.List;
import studybook.data.Codebook;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.kernel.Cell;
import studybook.tables.CohortFlow;
import studybook.tables.CurativeRule;
import studybook.tables.GroupContrast;
import studybook.tables.GroupContrasts;

/**
 * The cohort: the declared curative-resection rule, the derived groups and the flow of patients
 * (322 -> curative / non-curative -> additional treatment or none).
 */
public class Cohort {
  /** Curative resection (the paper's criteria): every condition must hold. */
  static final CurativeRule CURATIVE = CurativeRule.of(
      CurativeRule.Criterion.below("tumor_size_mm", 10),
      CurativeRule.Criterion.in("grade", "G1"),
      CurativeRule.Criterion.in("depth", "mucosa", "submucosa"),
      CurativeRule.Criterion.in("lvi", "negative"),
      CurativeRule.Criterion.in("resection_margin", "negative"));

  static final List<String> GROUPS = List.of("curative", "non_curative");

  @Cell("The data with the codebook's level order and the derived groups: curative_resection, additional")
  public Frame studyData(Frame data, Codebook codebook) {
    Frame f = data;
    // The codebook, not the loader, fixes every reference level (the published odds ratios are 'versus' it).
    for (CodebookVariable v : codebook.variables()) {
      if (!v.levels().isEmpty() && f.has(v.name()) && f.kind(v.name()) == VariableKind.CATEGORICAL) {
        String[] values = new String[f.rowCount()];
        for (int r = 0; r < values.length; r++) {
          values[r] = f.text(v.name(), r);
        }
        f = f.withCategorical(v.name(), values, v.levels());
      }
    }
    int[] curative = CURATIVE.classify(f);
    int[] treatment = f.codes("additional_treatment");
    int none = f.levels("additional_treatment").indexOf("none");
    String[] group = new String[curative.length];
    String[] additional = new String[curative.length];
    for (int r = 0; r < curative.length; r++) {
      group[r] = curative[r] < 0 ? "" : GROUPS.get(curative[r] == 1 ? 0 : 1);
      additional[r] = curative[r] != 0 || treatment[r] < 0 ? "" : treatment[r] == none ? "no" : "yes";
    }
    return f.withCategorical("curative_resection", group, GROUPS)
        .withCategorical("additional", additional, List.of("no", "yes"));
  }

  @Cell("Patients by curative resection and additional treatment")
  public CohortFlow cohort(Frame studyData) {
    int[] group = studyData.codes("curative_resection");
    int[] treatment = studyData.codes("additional_treatment");
    List<String> levels = studyData.levels("additional_treatment");
    int curative = 0;
    int nonCurative = 0;
    int endoscopic = 0;
    int surgical = 0;
    int untreated = 0;
    for (int r = 0; r < group.length; r++) {
      if (group[r] == 0) {
        curative++;
      } else if (group[r] == 1) {
        nonCurative++;
        String t = treatment[r] < 0 ? "" : levels.get(treatment[r]);
        endoscopic += t.equals("endoscopic") ? 1 : 0;
        surgical += t.equals("surgical") ? 1 : 0;
        untreated += t.equals("none") ? 1 : 0;
      }
    }
    int additional = endoscopic + surgical;
    return new CohortFlow(group.length, curative, nonCurative, group.length - curative - nonCurative, additional,
        untreated, nonCurative == 0 ? Double.NaN : 100.0 * additional / nonCurative, endoscopic, surgical,
        CURATIVE.describe());
  }

  @Cell("The 2x2 contrasts the paper states between the curative and non-curative groups")
  public GroupContrasts curativeContrasts(Frame studyData) {
    int[] group = studyData.codes("curative_resection");
    return new GroupContrasts(List.of(
        GroupContrast.pearson("polypectomy_first", "Resected as a polyp first (vs forceps biopsy)", GROUPS,
            flag(studyData, "initial_diagnosis", "polypectomy"), group),
        GroupContrast.pearson("conventional_emr", "Conventional EMR (vs modified EMR or ESD)", GROUPS,
            flag(studyData, "er_method", "conventional_emr"), group)));
  }

  /** 1 where the variable has {@code level}, 0 where it has another, -1 where it is missing. */
  static int[] flag(Frame f, String variable, String level) {
    int target = f.levels(variable).indexOf(level);
    int[] codes = f.codes(variable);
    int[] out = new int[codes.length];
    for (int r = 0; r < codes.length; r++) {
      out[r] = codes[r] < 0 ? -1 : codes[r] == target ? 1 : 0;
    }
    return out;
  }
}
