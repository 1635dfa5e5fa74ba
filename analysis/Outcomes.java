import java.util.ArrayList;
import java.util.List;
import studybook.data.Codebook;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.stats.survival.KaplanMeier;
import studybook.stats.survival.KaplanMeierCurve;
import studybook.tables.OutcomeTable;
import studybook.tables.RegressionTable;
import tech.tablesaw.selection.Selection;

/** Additional treatment after non-curative resection (Table 3) and long-term outcomes (Table 4, survival). */
public class Outcomes {
  /** The published multivariable model: five categorical terms, adjusted for tumour size and age. */
  static final List<String> MODEL = List.of("initial_diagnosis", "suspected_net", "lvi", "resection_margin",
      "tumor_size_mm", "age");
  /** Univariable candidates: the model's terms and other characteristics recorded at resection. */
  static final List<String> CANDIDATES = List.of("age", "sex", "tumor_size_mm", "initial_diagnosis", "suspected_net",
      "er_method", "grade", "depth", "lvi", "resection_margin");

  /** Recurrence-free survival curves, overall and by additional treatment. */
  public record SurvivalCurves(String event, String time, KaplanMeierCurve overall, List<KaplanMeierCurve> groups) {}

  @Cell("The non-curative patients")
  public Frame nonCurative(Frame studyData) {
    int[] group = studyData.codes("curative_resection");
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < group.length; r++) {
      if (group[r] == 1) {
        rows.add(r);
      }
    }
    return studyData.where(Selection.with(rows.stream().mapToInt(Integer::intValue).toArray()));
  }

  @Cell("Table 3: logistic models for additional treatment among the non-curative patients")
  public RegressionTable table3(Frame nonCurative, Codebook codebook) {
    return RegressionTable.of("table3", nonCurative, codebook, "additional", "yes", CANDIDATES, MODEL);
  }

  @Cell("Table 4: lymph-node metastasis, recurrence and follow-up by additional treatment")
  public OutcomeTable table4(Frame studyData, Codebook codebook) {
    return OutcomeTable.of("table4", studyData, codebook, "additional_treatment",
        new OutcomeTable.Spec("ln_metastasis", "yes", "not_assessed", "recurrence", "yes", "followup_months"));
  }

  @Cell("Recurrence-free survival (Kaplan-Meier), overall and by additional treatment")
  public SurvivalCurves recurrenceFreeSurvival(Frame studyData) {
    double[] time = studyData.values("followup_months");
    int[] rec = studyData.codes("recurrence");
    int yes = studyData.levels("recurrence").indexOf("yes");
    int[] group = studyData.codes("additional_treatment");
    List<Integer> keep = new ArrayList<>();
    for (int r = 0; r < time.length; r++) {
      if (!Double.isNaN(time[r]) && rec[r] >= 0 && group[r] >= 0) {
        keep.add(r);
      }
    }
    double[] t = new double[keep.size()];
    boolean[] e = new boolean[keep.size()];
    int[] g = new int[keep.size()];
    for (int i = 0; i < t.length; i++) {
      int r = keep.get(i);
      t[i] = time[r];
      e[i] = rec[r] == yes;
      g[i] = group[r];
    }
    KaplanMeier km = KaplanMeier.withDefaults();
    return new SurvivalCurves("recurrence", "followup_months", km.fit("all", t, e),
        km.fitByGroup(t, e, g, studyData.levels("additional_treatment")));
  }
}
