package studybook.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studybook.StudybookException;
import studybook.stats.propensity.BalanceRow;
import studybook.tables.Propensity;

/**
 * Trimmed weights in a cell ({@code Propensity...trimmed(at)}) are WeightIt's {@code trim(w, at)} (every row's
 * weights for the ATE, the controls' for the ATT, above their type-3 quantile set to it), and the balance after
 * trimming, the effective sample sizes and the methods sentence follow: against src/test/r/propensity_trim.R
 * on lalonde, 1e-6 relative.
 */
public class PropensityTrimTest {
  /** path to value of one case of src/test/resources/reference/propensity_trim/expected.csv (also the CLI's test). */
  public static Map<String, Double> expected(String caseName) throws Exception {
    Map<String, Double> out = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/reference/propensity_trim/expected.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",", -1);
      if (c[0].equals(caseName)) {
        out.put(c[1], Double.parseDouble(c[2]));
      }
    }
    return out;
  }

  @Test
  void trimmedWeightsAreWeightItsAndTheBalanceFollows() throws Exception {
    for (String c : List.of("ate_95", "att_90")) {
      Propensity p = Propensity.of(PropensityCellTest.lalonde()).treatment("treat", "1")
          .covariates(PropensityCellTest.COVARIATES);
      Propensity.Fit fit = (c.startsWith("att") ? p.att().trimmed(0.90) : p.trimmed(0.95)).fit();
      Map<String, Double> want = expected(c);
      assertEquals(want.get("trimmed").intValue(), fit.result().trimmed(), c);
      double cut = want.get("cut");
      double max = 0;
      for (int i = 0; i < fit.result().weights().length; i++) {
        if (!(c.startsWith("att") && fit.result().treated()[i] == 1)) {
          max = Math.max(max, fit.result().weights()[i]);
        }
      }
      PropensityCellTest.close(cut, max, c + " largest weight = the cut");
      PropensityCellTest.close(want.get("ess_treated"), fit.result().treatedSummary().ess(), c + " ess treated");
      PropensityCellTest.close(want.get("ess_control"), fit.result().controlSummary().ess(), c + " ess control");
      for (BalanceRow b : fit.result().balance()) {
        PropensityCellTest.close(want.get("balance[" + b.term() + "].smd_after"), b.smdAfter(), c + " " + b.term());
        if (!b.level()) {
          PropensityCellTest.close(want.get("balance[" + b.term() + "].vr_after"), b.vrAfter(), c + " vr " + b.term());
        }
      }
      String methods = fit.balance("b").methods();
      assertTrue(methods.contains("quantile were trimmed to it (" + want.get("trimmed").intValue() + " weights), as"
          + " WeightIt::trim(w, at = " + (c.startsWith("att") ? "0.9" : "0.95") + ")"), methods);
      assertTrue(c.startsWith("ate") || methods.contains("the weights of the controls above"), methods);
    }
  }

  @Test
  void trimmingIsForWeightsAtAQuantileAboveOneHalf() {
    Propensity p = Propensity.of(PropensityCellTest.lalonde()).treatment("treat", "1").covariates("age");
    assertThrows(StudybookException.class, () -> p.trimmed(0.4));
    assertThrows(StudybookException.class, () -> p.trimmed(1));
    StudybookException e = assertThrows(StudybookException.class, () -> p.matching(1).trimmed(0.99).fit());
    assertTrue(e.getMessage().contains("trimming applies to weights"), e.getMessage());
  }
}
