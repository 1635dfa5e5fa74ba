package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studybook.stats.survival.LogRank;

/** Cox regression on data small enough to check by hand or by an identity; R's values are in CoxCommandTest. */
class CoxRegressionTest {
  // no tied times: the Cox score test of a 0/1 covariate is the log-rank test
  static final double[] TIME = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  static final boolean[] EVENT = {true, true, false, true, true, true, false, true, true, false, true, true};
  static final int[] GROUP = {1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0};

  static CoxDesign design(Map<String, int[]> terms) {
    double[][] x = new double[TIME.length][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = GROUP[i];
    }
    return CoxDesign.unstratified(TIME, EVENT, x, List.of("g=1"), terms);
  }

  @Test
  void scoreTestOfOneBinaryCovariateIsTheLogRankTest() {
    CoxFit fit = CoxRegression.withDefaults().fit(design(Map.of("g", new int[] {0})));
    double logRank = LogRank.test(TIME, EVENT, GROUP, List.of("0", "1")).chisq().getAsDouble();
    assertEquals(logRank, fit.score().chisq(), 1e-10);
    assertTrue(fit.converged());
    assertTrue(fit.diverged().isEmpty());
  }

  @Test
  void nullLogLikelihoodIsTheSumOfMinusLogRiskSetSizes() {
    // beta = 0 and no ties: each event contributes -log(number at risk)
    CoxFit fit = CoxRegression.withDefaults().fit(design(Map.of("g", new int[] {0})));
    double expected = 0;
    for (int i = 0; i < TIME.length; i++) {
      if (EVENT[i]) {
        expected -= Math.log(TIME.length - i);
      }
    }
    assertEquals(expected, fit.logLikNull(), 1e-12);
    assertEquals(2 * (fit.logLik() - fit.logLikNull()), fit.likelihoodRatio().chisq(), 1e-12);
    assertEquals(-2 * fit.logLik() + 2, fit.aic(), 1e-12);
  }

  @Test
  void efronAndBreslowAgreeWithoutTies() {
    CoxFit efron = CoxRegression.withDefaults().fit(design(Map.of("g", new int[] {0})));
    CoxFit breslow = CoxRegression.withDefaults().with(CoxRegression.Ties.BRESLOW).fit(design(Map.of("g", new int[] {0})));
    assertEquals(efron.coefficient("g=1").estimate(), breslow.coefficient("g=1").estimate(), 1e-12);
  }

  @Test
  void concordanceCountsComparablePairsByHand() {
    // times 1..4, all events; risk scores: 4, 3, 1, 2 -> pairs (i<j): concordant when risk_i > risk_j:
    // (1,2) c, (1,3) c, (1,4) c, (2,3) c, (2,4) c, (3,4) d -> C = 5/6
    CoxConcordance c = CoxConcordance.of(new double[] {1, 2, 3, 4}, new boolean[] {true, true, true, true},
        new int[4], new double[] {4, 3, 1, 2});
    assertEquals(5.0 / 6, c.concordance(), 1e-15);
    assertEquals(5, c.concordant());
    assertEquals(1, c.discordant());
  }

  @Test
  void aGroupWithoutEventsDiverges() {
    boolean[] event = EVENT.clone();
    for (int i = 0; i < event.length; i++) {
      event[i] &= GROUP[i] == 0;
    }
    double[][] x = new double[TIME.length][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = GROUP[i];
    }
    CoxFit fit = CoxRegression.withDefaults().fit(CoxDesign.unstratified(TIME, event, x, List.of("g=1"),
        Map.of("g", new int[] {0})));
    assertEquals(List.of("g=1"), fit.diverged());
    assertTrue(Double.isNaN(fit.coefficient("g=1").hazardRatio()));
    assertTrue(fit.likelihoodRatio().chisq() > 0);
  }

  @Test
  void noEventsIsNotEstimable() {
    double[][] x = new double[TIME.length][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = GROUP[i];
    }
    CoxFit fit = CoxRegression.withDefaults().fit(CoxDesign.unstratified(TIME, new boolean[TIME.length], x,
        List.of("g=1"), Map.of("g", new int[] {0})));
    assertFalse(fit.estimable());
    assertEquals(CoxCoefficient.Estimability.NO_EVENTS, fit.coefficient("g=1").estimability());
    assertTrue(Double.isNaN(fit.coefficient("g=1").hazardRatio()));
  }
}
