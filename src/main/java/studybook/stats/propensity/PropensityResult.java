package studybook.stats.propensity;

import java.util.List;
import studybook.stats.regression.LogisticFit;

/**
 * What {@link PropensityScore#fit} found, per row used (in the order given) and in summary.
 *
 * @param estimand the estimand the weights target
 * @param method weighting or matching
 * @param ratio controls per treated row (matching only; 0 for weighting)
 * @param caliper the caliper in standard deviations of the score (matching; NaN when none)
 * @param stabilized whether the weights were stabilized
 * @param scoreModel the logistic model of treatment on the covariates
 * @param treated 1 for a treated row, 0 for a control, per row
 * @param ps the propensity score per row
 * @param weights the weight per row (0 for an unmatched row)
 * @param subclass the matched set per row, numbered 1.. in the order of their treated rows; 0 for a row in
 *     none (and for every row when weighting)
 * @param treatedSummary scores and weights of the treated rows
 * @param controlSummary scores and weights of the control rows
 * @param balance one row per balance column, in the order given
 * @param trimAt the quantile the weights were trimmed at (WeightIt's {@code trim(w, at)}), NaN when not trimmed
 * @param trimmed the number of weights trimmed
 */
public record PropensityResult(PropensityScore.Estimand estimand, PropensityScore.Method method, int ratio,
    double caliper, boolean stabilized, LogisticFit scoreModel, @studybook.RowLevel int[] treated,
    @studybook.RowLevel double[] ps, @studybook.RowLevel double[] weights, @studybook.RowLevel int[] subclass,
    GroupSummary treatedSummary, GroupSummary controlSummary, List<BalanceRow> balance, double trimAt,
    int trimmed) {

  public PropensityResult {
    treated = treated.clone();
    ps = ps.clone();
    weights = weights.clone();
    subclass = subclass.clone();
    balance = List.copyOf(balance);
  }

  @Override
  public int[] treated() {
    return treated.clone();
  }

  @Override
  public double[] ps() {
    return ps.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public int[] subclass() {
    return subclass.clone();
  }

  /** Rows used. */
  public int n() {
    return treated.length;
  }

  /** Treated rows. */
  public int treatedCount() {
    int c = 0;
    for (int t : treated) {
      c += t;
    }
    return c;
  }

  /** Control rows. */
  public int controlCount() {
    return n() - treatedCount();
  }

  /** Rows of group {@code t} (1 treated, 0 control) with a positive weight. */
  public int matched(int t) {
    int c = 0;
    for (int i = 0; i < treated.length; i++) {
      c += treated[i] == t && weights[i] > 0 ? 1 : 0;
    }
    return c;
  }
}
