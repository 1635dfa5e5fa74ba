package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template-free example study of an observational cohort (src/test/resources/studies/observational, data
 * and claims made by src/test/r/observational_study.R): its report holds Table 1 of the observed data, the
 * balance table before and after weighting, a Love plot, the weighted Cox table with robust intervals, the
 * logistic table pooled over 20 imputations and a subgroup forest plot, each footnote naming its method; its
 * claims verify; and its weighted numbers equal R's to 1e-6.
 */
class ObservationalStudyTest {
  static final Path SOURCE = Path.of("src/test/resources/studies/observational");
  @TempDir static Path dir;
  static Path study;
  static CliRun run;

  @BeforeAll
  static void runTheStudy() throws Exception {
    study = dir.resolve("observational");
    studybook.kernel.MiniStudy.copyTree(SOURCE, study);
    run = CliRun.of("run", "--study", study.toString(), "--quiet");
  }

  static String md() throws Exception {
    return Files.readString(study.resolve("reports/report.md"));
  }

  @Test
  void theReportHoldsEveryTableAndFigure() throws Exception {
    assertEquals(0, run.code(), run.err());
    String md = md();
    for (String heading : List.of("## Table 1. Patient characteristics by treatment",
        "Table 2. Covariate balance before and after inverse-probability weighting",
        "Table 3. Death by treatment, weighted by the inverse probability of treatment",
        "Table 4. Complication within 30 days: logistic regression pooled over 20 imputations",
        "Table 5. Hazard ratio of death by subgroup", "![Figure 1. Covariate balance before and after weighting](figures/lovePlot.svg)",
        "![Figure 2. Hazard ratio of death, treated against control](figures/subgroupForest.svg)")) {
      assertTrue(md.contains(heading), heading + "\n" + md);
    }
    assertTrue(Files.readString(study.resolve("reports/figures/lovePlot.svg")).contains("After weighting"));
    assertTrue(Files.readString(study.resolve("reports/figures/subgroupForest.svg")).contains("HR (95% CI)"));
    assertTrue(md.contains("| Treatment: Treated vs Control | 0.59 | 0.45–0.78 | <0.001 |"), md);
    assertTrue(md.contains("| Age, years | 0.447 | 0.018 |"), "covariates by their codebook labels: " + md);
  }

  @Test
  void theFootnotesNameEachMethod() throws Exception {
    String md = md();
    List<String> said = List.of(
        // Table 1: which data it shows
        "Observed data, before imputation (missing values: bmi 50, smoking 47); the models use the 20 imputed data sets.",
        // estimand, weights, trimming
        "turned into inverse-probability weights (1/ps for the treated, 1/(1 − ps) for controls), for the average"
            + " treatment effect; no weight was trimmed.",
        "Effective sample sizes after weighting: 215.8 treated, 206.3 control.",
        // variance estimator
        "with the robust (sandwich) variance from the weighted dfbeta residuals for the 95% confidence limits and P",
        "survival::coxph(Surv(months, died) \\~ treatment, weights = weight, robust = TRUE, ties = \"efron\")",
        // m imputations, method, fraction of missing information
        "Logistic regression fitted on each of the 20 completed data sets and pooled by Rubin's rules",
        "Missing values were imputed by chained equations (m = 20, 5 iterations",
        "Body-mass index (50 missing) by predictive mean matching, 5 donors; Smoking (47 missing) by polytomous"
            + " logistic regression",
        "FMI, fraction of missing information",
        // subgroups
        "P for interaction: likelihood-ratio test of the product terms");
    for (String s : said) {
      assertTrue(md.contains(s), s + "\n" + md);
    }
  }

  @Test
  void itsClaimsVerify() {
    CliRun verify = CliRun.of("verify", "--study", study.toString());
    assertEquals(0, verify.code(), verify.out() + verify.err());
    assertTrue(verify.out().contains("14 of 14 claims reproduced, 0 mismatches"), verify.out());
  }

  @Test
  void theWeightedNumbersAreRs() throws Exception {
    Map<String, Double> want = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/reference/observational/expected.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",");
      want.put(c[0], Double.parseDouble(c[1]));
    }
    JsonNode results = new ObjectMapper().readTree(study.resolve("reports/results.json").toFile());
    JsonNode cox = results.at("/weightedCox/entries/0");
    assertEquals("treatment=treated", cox.get("term").asText());
    close(want.get("hr_weighted"), cox.get("ratio").asDouble(), "hr");
    close(want.get("hr_weighted_low"), cox.get("ciLow").asDouble(), "ci_low");
    close(want.get("hr_weighted_high"), cox.get("ciHigh").asDouble(), "ci_high");
    close(want.get("p_weighted"), cox.get("p").asDouble(), "p");
    close(want.get("se_weighted"), cox.get("se").asDouble(), "robust se");
    close(want.get("se_naive"), cox.get("seNaive").asDouble(), "naive se");
    JsonNode balance = results.at("/balance/result");
    // the scores and weights are per patient: results.json holds their size and hash, never their values
    for (String perRow : List.of("treated", "ps", "weights", "subclass")) {
      assertTrue(balance.get(perRow).path("rowLevel").asBoolean(), perRow + ": " + balance.get(perRow));
      assertEquals(500, balance.get(perRow).path("rows").asInt(), perRow);
    }
    close(want.get("ess_treated"), balance.at("/treatedSummary/ess").asDouble(), "ess treated");
    close(want.get("ess_control"), balance.at("/controlSummary/ess").asDouble(), "ess control");
    close(want.get("smd_age_before"), balance.at("/balance/0/smdBefore").asDouble(), "smd before");
    close(want.get("smd_age_after"), balance.at("/balance/0/smdAfter").asDouble(), "smd after");
    close(want.get("hr_diabetes"), results.at("/subgroups/groups/1/levels/1/ratio").asDouble(), "hr diabetes");
    // the pooled OR cannot equal mice's draws: within the claims' window of one decimal (mice's 0.407)
    double or = results.at("/pooledLogistic/estimates/0/ratio").asDouble();
    assertTrue(Math.abs(or - want.get("or_pooled")) < 0.03, "pooled OR " + or + " vs mice " + want.get("or_pooled"));
  }

  /**
   * Issue 23: the template-free report shows a cell's KmTable as a table, labelled from the frame's codebook
   * (Treatment, Control/Treated, the time unit), and its numbers are survfit's and survdiff's
   * (src/test/r/observational_km.R).
   */
  @Test
  void itsSurvivalTableIsRsAndLabelledFromTheCodebook() throws Exception {
    String md = md();
    assertTrue(md.contains("## Table 6. Overall survival by treatment (Kaplan-Meier, unweighted), at 1 and 3 years"), md);
    assertTrue(md.contains("| Treatment | N | Events | Median | 95% CI | Survival at 12 months | 95% CI |"
        + " Survival at 36 months | 95% CI | P |"), md);
    assertTrue(md.contains("| Control | 245 | 127 | 32.4 | 29.5–43.6 | 77.1% | 72.1–82.6 | 48.7% | 42.3–56.1 | 0.226ᵃ |"),
        md);
    assertTrue(md.contains("| Treated | 255 | 118 |"), md);
    assertTrue(md.contains("ᵃ Log-rank test"), md);
    Map<String, Double> want = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/reference/observational/km.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",");
      want.put(c[0], Double.parseDouble(c[1]));
    }
    JsonNode km = new ObjectMapper().readTree(study.resolve("reports/results.json").toFile()).get("survival");
    for (JsonNode g : km.get("groups")) {
      String level = g.get("level").asText();
      close(want.get(level + "_n"), g.get("n").asDouble(), level + " n");
      close(want.get(level + "_events"), g.get("events").asDouble(), level + " events");
      close(want.get(level + "_median"), g.at("/median/estimate").asDouble(), level + " median");
      close(want.get(level + "_median_lower"), g.at("/median/lower").asDouble(), level + " median lower");
      close(want.get(level + "_median_upper"), g.at("/median/upper").asDouble(), level + " median upper");
      for (JsonNode at : g.get("at")) {
        String t = Long.toString(Math.round(at.get("time").asDouble()));
        close(want.get(level + "_surv_" + t), at.get("survival").asDouble(), level + " survival at " + t);
        close(want.get(level + "_lower_" + t), at.get("lower").asDouble(), level + " lower at " + t);
        close(want.get(level + "_upper_" + t), at.get("upper").asDouble(), level + " upper at " + t);
      }
    }
    assertEquals(2, km.get("groups").size());
    close(want.get("logrank_chisq"), km.at("/logRank/chisq").asDouble(), "log-rank chi-square");
    close(want.get("logrank_p"), km.at("/logRank/p").asDouble(), "log-rank p");
  }

  static void close(double want, double got, String label) {
    assertTrue(Math.abs(got - want) <= 1e-6 * Math.abs(want) + 1e-12, label + ": want " + want + ", got " + got);
  }
}
