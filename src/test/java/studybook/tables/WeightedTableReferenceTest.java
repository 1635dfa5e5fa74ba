package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.tables.HazardRatioTable.CoxOutcome;

/**
 * The weighted and clustered outcome tables of a study ({@link WeightedModel}) give R's numbers: each case of
 * the weighted fixtures (src/test/r/weighted.R: glm quasibinomial with sandwich's vcovHC HC0 or vcovCL, lm with
 * vcovHC HC3 or vcovCL, coxph with weights and robust = TRUE or cluster) is rebuilt from its command line as a
 * cell would, and every coefficient, robust se, P and limit agrees to 1e-6 relative.
 */
class WeightedTableReferenceTest {
  static String folder = "weighted";

  static Path reference(String name) {
    try {
      return Path.of(WeightedTableReferenceTest.class.getResource("/reference/" + folder + "/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Double> expected(String caseName) throws Exception {
    Map<String, Double> out = new HashMap<>();
    List<String> lines = Files.readAllLines(reference("expected.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",", -1);
      if (c[0].equals(caseName) && !c[2].equals("NA")) {
        out.put(c[1], Double.parseDouble(c[2]));
      }
    }
    return out;
  }

  /** The case's file and options, as the command reads them. */
  static Map<String, String> args(String caseName, String[] file) throws Exception {
    for (String line : Files.readAllLines(reference("cases.csv"))) {
      String[] c = line.replace("\"", "").split(",", 4);
      if (c[0].equals(caseName)) {
        file[0] = c[2];
        String[] a = c[3].split(";");
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < a.length; i += 2) {
          out.put(a[i], a[i + 1]);
        }
        return out;
      }
    }
    throw new IllegalArgumentException(caseName);
  }

  static void close(double want, double got, String label) {
    assertTrue(Math.abs(got - want) <= 1e-6 * Math.abs(want) + 1e-12, label + ": want " + want + ", got " + got);
  }

  @ParameterizedTest
  @ValueSource(strings = {"linear_ate_hc3", "linear_match_cluster", "linear_mtcars_cluster", "linear_cluster_only",
      "logistic_ate", "logistic_match_cluster", "logistic_mtcars", "logistic_mtcars_cluster", "logistic_cluster_only",
      "cox_weights", "cox_weights_breslow", "cox_cluster", "cox_weights_cluster", "cox_weights_strata"})
  void theTableGivesRsNumbers(String caseName) throws Exception {
    folder = "weighted";
    check(caseName);
  }

  /** Counting-process data with weights and a cluster (src/test/r/weighted_counting.R, survival's heart). */
  @ParameterizedTest
  @ValueSource(strings = {"heart_cluster", "heart_weights_cluster", "heart_weights_cluster_breslow",
      "heart_weights_cluster_strata"})
  void countingProcessDataGiveRsNumbers(String caseName) throws Exception {
    folder = "weighted_counting";
    check(caseName);
  }

  @org.junit.jupiter.api.Test
  void countingProcessDataWithWeightsNeedACluster() {
    folder = "weighted_counting";
    Frame frame = AdhocLoader.load(reference("heart_w.csv"), Set.of(), Map.of());
    studybook.StudybookException e = org.junit.jupiter.api.Assertions.assertThrows(studybook.StudybookException.class,
        () -> WeightedModel.of(frame).weights("w").cox("t", CoxOutcome.of("stop", "event").startingAt("start"),
            List.of("age")));
    assertTrue(e.getMessage().contains("cluster(\"id\")"), e.getMessage());
  }

  private void check(String caseName) throws Exception {
    String[] file = new String[1];
    Map<String, String> a = args(caseName, file);
    Set<String> categorical = new HashSet<>();
    if (a.containsKey("--categorical")) {
      categorical.addAll(Arrays.asList(a.get("--categorical").split(",")));
    }
    Frame frame = AdhocLoader.load(reference(file[0]), categorical, Map.of());
    WeightedModel model = WeightedModel.of(frame);
    if (a.containsKey("--weights")) {
      model = model.weights(a.get("--weights"));
    }
    if (a.containsKey("--cluster")) {
      model = model.cluster(a.get("--cluster"));
    }
    List<String> terms = List.of(a.get("--terms").split(","));
    WeightedTable table;
    String ratio;
    if (caseName.startsWith("linear")) {
      table = model.linear("t", a.get("--outcome"), terms);
      ratio = "estimate";
    } else if (caseName.startsWith("logistic")) {
      table = model.logistic("t", a.get("--outcome"), a.get("--event"), terms);
      ratio = "or";
    } else {
      CoxOutcome outcome = CoxOutcome.of(a.get("--time"), a.get("--event"));
      if (a.containsKey("--strata")) {
        outcome = outcome.stratifiedBy(a.get("--strata"));
      }
      if (a.containsKey("--start")) {
        outcome = outcome.startingAt(a.get("--start"));
      }
      if (a.get("--ties").equals("breslow")) {
        outcome = outcome.with(studybook.stats.regression.CoxRegression.Ties.BRESLOW);
      }
      table = model.cox("t", outcome, terms);
      ratio = "hr";
    }
    Map<String, Double> want = expected(caseName);
    assertEquals(want.get("n").intValue(), table.n(), "n");
    List<String> checked = new ArrayList<>();
    for (WeightedTable.Row r : table.entries()) {
      String k = "terms[" + r.term() + "].";
      close(want.get(k + "estimate"), r.estimate(), k + "estimate");
      close(want.get(k + "se"), r.se(), k + "se");
      close(want.get(k + "p"), r.p(), k + "p");
      close(want.get(k + ratio), r.ratio(), k + ratio);
      close(want.get(k + "ci_low"), r.ciLow(), k + "ci_low");
      close(want.get(k + "ci_high"), r.ciHigh(), k + "ci_high");
      if (want.containsKey(k + "se_naive")) {
        close(want.get(k + "se_naive"), r.seNaive(), k + "se_naive");
      }
      checked.add(r.term());
    }
    long expectedTerms = want.keySet().stream().filter(k -> k.endsWith("].estimate") && !k.contains("(Intercept)"))
        .count();
    assertEquals(expectedTerms, checked.size(), "terms " + checked);
    String notes = String.join(" ", table.display().get(0).notes());
    assertTrue(notes.contains(a.containsKey("--cluster") ? "cluster-robust variance by " + a.get("--cluster")
        : "robust (sandwich) variance"), notes);
    if (a.containsKey("--weights")) {
      assertTrue(notes.contains("Weights: " + a.get("--weights")) && notes.contains("Effective sample size"), notes);
    }
  }
}
