package studybook.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import studybook.claims.ClaimChecker;
import studybook.claims.ClaimsFile;
import studybook.claims.Verdict;
import studybook.data.CodebookLoader;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;
import studybook.stats.regression.LogisticRegression;
import studybook.tables.CohortFlow;
import studybook.tables.CurativeRule;
import studybook.tables.DesignMatrix;
import studybook.tables.GroupContrast;
import studybook.tables.ModelSummary;

/**
 * Re-analyses a twin file the way the study's cells do, for the claim-bearing results only, and
 * checks every claim; the generator's own guard and the twin's tests use it. The study's full
 * re-analysis is {@code ./studybook verify}.
 */
public final class TwinCheck {
  /** The declared curative-resection rule. */
  public static final CurativeRule CURATIVE = CurativeRule.of(
      CurativeRule.Criterion.below("tumor_size_mm", 10),
      CurativeRule.Criterion.in("grade", "G1"),
      CurativeRule.Criterion.in("depth", "mucosa", "submucosa"),
      CurativeRule.Criterion.in("lvi", "negative"),
      CurativeRule.Criterion.in("resection_margin", "negative"));

  static final List<String> MODEL_TERMS = List.of("initial_diagnosis", "suspected_net", "lvi", "resection_margin",
      "tumor_size_mm", "age");

  private TwinCheck() {}

  /** The claim-bearing results of a twin file read by the study's codebook, shaped as the study's results.json. */
  public static JsonNode results(Path twin, Path codebook) {
    Frame data = StudyDataLoader.load(twin, CodebookLoader.load(codebook));
    int[] curative = CURATIVE.classify(data);
    int[] group = new int[curative.length];
    int nCur = 0;
    int nNon = 0;
    for (int r = 0; r < curative.length; r++) {
      group[r] = curative[r] == 1 ? 0 : curative[r] == 0 ? 1 : -1;
      nCur += curative[r] == 1 ? 1 : 0;
      nNon += curative[r] == 0 ? 1 : 0;
    }
    int[] treatment = data.codes("additional_treatment");
    int endo = 0;
    int surg = 0;
    String[] additional = new String[curative.length];
    for (int r = 0; r < curative.length; r++) {
      if (curative[r] == 0) {
        endo += treatment[r] == 1 ? 1 : 0;
        surg += treatment[r] == 2 ? 1 : 0;
        additional[r] = treatment[r] < 0 ? "" : treatment[r] == 0 ? "no" : "yes";
      }
    }
    CohortFlow flow = new CohortFlow(data.rowCount(), nCur, nNon, data.rowCount() - nCur - nNon, endo + surg,
        nNon - endo - surg, 100.0 * (endo + surg) / nNon, endo, surg, CURATIVE.describe());

    List<String> groups = List.of("curative", "non_curative");
    int[] polyp = flag(data.codes("initial_diagnosis"), 0);
    int[] cemr = flag(data.codes("er_method"), 0);
    List<GroupContrast> contrasts = List.of(
        GroupContrast.pearson("polypectomy_first", "Resected as a polyp first", groups, polyp, group),
        GroupContrast.pearson("conventional_emr", "Conventional EMR", groups, cemr, group));

    List<Integer> nonRows = new ArrayList<>();
    for (int r = 0; r < curative.length; r++) {
      if (curative[r] == 0) {
        nonRows.add(r);
      }
    }
    Frame non = data.withCategorical("additional", fill(additional), List.of("no", "yes"))
        .where(tech.tablesaw.selection.Selection.with(nonRows.stream().mapToInt(Integer::intValue).toArray()));
    DesignMatrix design = DesignMatrix.of(non, "additional", "yes", MODEL_TERMS);
    var fit = LogisticRegression.withDefaults().fit(design.design().x(), design.design().y(), design.design().columns());

    int[] ln = data.codes("ln_metastasis");
    int[] rec = data.codes("recurrence");
    double[] fu = data.values("followup_months");
    int lnYes = 0;
    int recYes = 0;
    for (int r = 0; r < ln.length; r++) {
      lnYes += ln[r] == 1 ? 1 : 0;
      recYes += rec[r] == 1 ? 1 : 0;
    }
    Percentile median = new Percentile(50).withEstimationType(Percentile.EstimationType.R_7);

    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.set("cohort", m.valueToTree(flow));
    root.putObject("curativeContrasts").set("contrasts", m.valueToTree(contrasts));
    root.putObject("table3").set("multivariable", m.valueToTree(ModelSummary.of(fit, design)));
    Map<String, Object> overall = new LinkedHashMap<>();
    overall.put("lnMetastasisPositive", lnYes);
    overall.put("recurrences", recYes);
    overall.put("followupMedian", median.evaluate(fu));
    root.putObject("table4").set("overall", m.valueToTree(overall));
    return root;
  }

  /** One verdict per claim of {@code claims} on the twin file. */
  public static List<Verdict> check(ClaimsFile claims, Path twin, Path codebook) {
    return ClaimChecker.check(claims, results(twin, codebook));
  }

  private static int[] flag(int[] codes, int level) {
    int[] f = new int[codes.length];
    for (int r = 0; r < codes.length; r++) {
      f[r] = codes[r] < 0 ? -1 : codes[r] == level ? 1 : 0;
    }
    return f;
  }

  private static String[] fill(String[] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? "" : values[i];
    }
    return out;
  }
}
