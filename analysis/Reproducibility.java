import java.util.LinkedHashMap;
import java.util.Map;
import studybook.claims.ClaimsFile;
import studybook.claims.ClaimsReport;
import studybook.kernel.Cell;
import studybook.kernel.ResultJson;
import studybook.tables.GroupContrasts;
import studybook.tables.RegressionTable;

/** Every published number (analysis/claims.csv) against what this run recomputed. */
public class Reproducibility {
  @Cell("Published claims checked against the recomputed results")
  public ClaimsReport reproducibility(Map<String, String> settings, ClaimsFile claims, Cohort.CohortFlow cohort,
      GroupContrasts curativeContrasts, RegressionTable table3, Outcomes.OutcomeTable table4) {
    // The same JSON as results.json, so a claim's path means the same here and in ./studybook verify.
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("cohort", cohort);
    results.put("curativeContrasts", curativeContrasts);
    results.put("table3", table3);
    results.put("table4", table4);
    return ClaimsReport.of(settings.get("claims"), claims, ResultJson.published(results));
  }
}
