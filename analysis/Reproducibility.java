import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import studybook.claims.ClaimsReader;
import studybook.claims.ClaimsReport;
import studybook.data.Codebook;
import studybook.kernel.Cell;
import studybook.kernel.ResultJson;
import studybook.tables.CohortFlow;
import studybook.tables.GroupContrasts;
import studybook.tables.OutcomeTable;
import studybook.tables.RegressionTable;

/** Every published number (analysis/claims.csv) against what this run recomputed. */
public class Reproducibility {
  @Cell("Published claims checked against the recomputed results")
  public ClaimsReport reproducibility(Map<String, String> settings, Codebook codebook, CohortFlow cohort,
      GroupContrasts curativeContrasts, RegressionTable table3, OutcomeTable table4) {
    // The same JSON as results.json, so a claim's path means the same here and in ./studybook verify.
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("cohort", cohort);
    results.put("curativeContrasts", curativeContrasts);
    results.put("table3", table3);
    results.put("table4", table4);
    String claims = settings.getOrDefault("claims", "analysis/claims.csv");
    return ClaimsReport.of(claims, ClaimsReader.read(studyFolder(settings, codebook).resolve(claims)),
        ResultJson.published(results));
  }

  /**
   * The study folder, found from where the kernel loaded the codebook (study folder + the codebook
   * setting), because a cell sees settings but not the folder they came from.
   */
  static Path studyFolder(Map<String, String> settings, Codebook codebook) {
    Path folder = codebook.file().toAbsolutePath().normalize();
    for (int i = 0; i < Path.of(settings.get("codebook")).normalize().getNameCount(); i++) {
      folder = folder.getParent();
    }
    return folder;
  }
}
