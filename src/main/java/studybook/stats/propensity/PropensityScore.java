package studybook.stats.propensity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import studybook.stats.regression.Design;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;

/**
 * Propensity scores, weights, matching and balance, configured with enums and withers.
 *
 * <p>The score is the fitted probability of treatment from the logistic model of the design (as
 * {@code glm(T == LEVEL ~ covariates, family = binomial)}). Weighting: ATE weights 1/ps (treated) and
 * 1/(1 − ps) (control); ATT weights 1 and ps/(1 − ps); stabilizing (ATE only) multiplies each weight by
 * its group's share of the rows, as {@code WeightIt::weightit(..., stabilize = TRUE)}. Matching (ATT):
 * greedy nearest neighbour on the score without replacement, as {@code MatchIt::matchit(..., method =
 * "nearest", distance = "glm", m.order = "largest", replace = FALSE)}: in each of K rounds the treated rows,
 * from the largest score down, each take the nearest unused control (ties: the first in row order) whose
 * distance is at most caliper · sd(ps); weights are MatchIt's (treated 1, a control the treated count over
 * the control count of its matched set, controls rescaled to sum to their number; unmatched 0).
 *
 * <p>Balance: smd = (m_t − m_c)/s with weighted group means and the unweighted s of the rows used
 * (sqrt((s_t² + s_c²)/2) for the ATE, s_t for the ATT; s² the sample variance, or p(1 − p) for a level
 * indicator); variance ratios of weighted variances Σw(x − m)²/(Σw − Σw²/Σw).
 *
 * <p>Defaults ({@link #withDefaults()}): ATE weights, not stabilized, ratio 1, no caliper.
 */
public final class PropensityScore {
  /** The population the weights or matches target. */
  public enum Estimand {
    /** Average treatment effect in the whole sample. */
    ATE,
    /** Average treatment effect in the treated. */
    ATT
  }

  /** How the score is used. */
  public enum Method {
    /** Inverse-probability weights. */
    WEIGHT,
    /** Nearest-neighbour matching (ATT only). */
    MATCH
  }

  private final Estimand estimand;
  private final Method method;
  private final boolean stabilize;
  private final int ratio;
  private final double caliper;
  private final double trimAt;

  private PropensityScore(Estimand estimand, Method method, boolean stabilize, int ratio, double caliper,
      double trimAt) {
    this.estimand = estimand;
    this.method = method;
    this.stabilize = stabilize;
    this.ratio = ratio;
    this.caliper = caliper;
    this.trimAt = trimAt;
  }

  /** ATE weights, not stabilized. */
  public static PropensityScore withDefaults() {
    return new PropensityScore(Estimand.ATE, Method.WEIGHT, false, 1, Double.NaN, Double.NaN);
  }

  public PropensityScore with(Estimand e) {
    return new PropensityScore(Objects.requireNonNull(e), method, stabilize, ratio, caliper, trimAt);
  }

  public PropensityScore with(Method m) {
    return new PropensityScore(estimand, Objects.requireNonNull(m), stabilize, ratio, caliper, trimAt);
  }

  /** Stabilized ATE weights. */
  public PropensityScore stabilized(boolean s) {
    return new PropensityScore(estimand, method, s, ratio, caliper, trimAt);
  }

  /** Controls per treated row when matching (≥ 1). */
  public PropensityScore ratio(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("the matching ratio must be 1 or more, not " + k);
    }
    return new PropensityScore(estimand, method, stabilize, k, caliper, trimAt);
  }

  /** The caliper in standard deviations of the score (> 0), or NaN for none. */
  public PropensityScore caliper(double c) {
    if (!Double.isNaN(c) && !(c > 0 && Double.isFinite(c))) {
      throw new IllegalArgumentException("the caliper must be a positive number, not " + c);
    }
    return new PropensityScore(estimand, method, stabilize, ratio, c, trimAt);
  }

  /**
   * Trims (winsorizes) the weights at the quantile {@code at} (above 0.5, below 1), as
   * {@code WeightIt::trim(w, at = at)}: the weights of the rows trimmed (every row for the ATE; the controls for
   * the ATT, whose treated weights are all 1) above their type-3 quantile ({@code quantile(w, at, type = 3)})
   * are set to it. NaN for none (the default).
   */
  public PropensityScore trimmed(double at) {
    if (!Double.isNaN(at) && !(at > 0.5 && at < 1)) {
      throw new IllegalArgumentException("trim at a quantile above 0.5 and below 1 (e.g. 0.99), not " + at);
    }
    return new PropensityScore(estimand, method, stabilize, ratio, caliper, at);
  }

  /**
   * Fits the score model and makes the weights and the balance table.
   *
   * @param design the score model's design: y 1 for a treated row, 0 for a control; column 0 the intercept
   * @param balance the balance columns, each with one value per design row
   * @throws IllegalArgumentException for a combination the methods do not define (matching for the ATE,
   *     stabilized ATT weights)
   */
  public PropensityResult fit(Design design, List<BalanceColumn> balance) {
    if (method == Method.MATCH && estimand == Estimand.ATE) {
      throw new IllegalArgumentException("matching estimates the ATT; the ATE needs weighting");
    }
    if (stabilize && (estimand != Estimand.ATE || method != Method.WEIGHT)) {
      throw new IllegalArgumentException("stabilizing applies to ATE weights only");
    }
    if (!Double.isNaN(trimAt) && method != Method.WEIGHT) {
      throw new IllegalArgumentException("trimming applies to weights, not to matching");
    }
    LogisticFit fit = LogisticRegression.withDefaults().fit(design);
    double[] ps = fit.fitted(design.x());
    return fromScores(fit, design.y(), ps, balance);
  }

  /** The weights, matches and balance for given scores (the score model is kept for the report). */
  PropensityResult fromScores(LogisticFit fit, double[] y, double[] ps, List<BalanceColumn> balance) {
    int n = ps.length;
    int[] treated = new int[n];
    int nt = 0;
    for (int i = 0; i < n; i++) {
      treated[i] = y[i] == 1 ? 1 : 0;
      nt += treated[i];
    }
    double[] w = new double[n];
    int[] subclass = new int[n];
    if (method == Method.WEIGHT) {
      double shareTreated = (double) nt / n;
      for (int i = 0; i < n; i++) {
        if (estimand == Estimand.ATE) {
          w[i] = treated[i] == 1 ? 1 / ps[i] : 1 / (1 - ps[i]);
          if (stabilize) {
            w[i] *= treated[i] == 1 ? shareTreated : 1 - shareTreated;
          }
        } else {
          w[i] = treated[i] == 1 ? 1 : ps[i] / (1 - ps[i]);
        }
      }
    } else {
      match(ps, treated, subclass);
      matchWeights(treated, subclass, w);
    }
    int trimmedCount = Double.isNaN(trimAt) ? 0 : trim(w, treated, estimand == Estimand.ATT, trimAt);
    List<BalanceRow> rows = new ArrayList<>();
    boolean att = estimand == Estimand.ATT;
    for (BalanceColumn c : balance) {
      if (c.values().length != n) {
        throw new IllegalArgumentException("balance column '" + c.term() + "' needs one value per row");
      }
      rows.add(balanceRow(c, treated, w, att));
    }
    return new PropensityResult(estimand, method, method == Method.MATCH ? ratio : 0,
        method == Method.MATCH ? caliper : Double.NaN, stabilize, fit, treated, ps, w, subclass,
        summary(ps, w, treated, 1), summary(ps, w, treated, 0), rows, trimAt, trimmedCount);
  }

  /**
   * WeightIt's trim: the weights of the rows trimmed (controls only for the ATT) above their quantile {@code at}
   * (R's type 3, the nearest even order statistic) set to it; returns how many were changed.
   */
  static int trim(double[] w, int[] treated, boolean att, double at) {
    int n = 0;
    for (int i = 0; i < w.length; i++) {
      n += att && treated[i] == 1 ? 0 : 1;
    }
    double[] x = new double[n];
    int k = 0;
    for (int i = 0; i < w.length; i++) {
      if (!(att && treated[i] == 1)) {
        x[k++] = w[i];
      }
    }
    java.util.Arrays.sort(x);
    double cut = quantileType3(x, at);
    int changed = 0;
    for (int i = 0; i < w.length; i++) {
      if (!(att && treated[i] == 1) && w[i] > cut) {
        w[i] = cut;
        changed++;
      }
    }
    return changed;
  }

  /** R's quantile(x, p, type = 3) of sorted x: j = floor(np − 1/2), the j-th order statistic when np − 1/2 = j is even, else the (j+1)-th. */
  static double quantileType3(double[] sorted, double p) {
    int n = sorted.length;
    double np = p * n - 0.5; // as quantile.default: nppm <- m + probs * n, j <- floor(nppm + fuzz)
    int j = (int) Math.floor(np + 4 * Math.ulp(1.0));
    boolean next = np != j || j % 2 != 0;
    int index = next ? j + 1 : j; // 1-based
    index = Math.max(1, Math.min(n, index));
    return sorted[index - 1];
  }

  /** K rounds of greedy nearest-neighbour matching; subclass numbers are set per treated row in row order. */
  private void match(double[] ps, int[] treated, int[] subclass) {
    int n = ps.length;
    double limit = Double.isNaN(caliper) ? Double.POSITIVE_INFINITY : caliper * sd(ps);
    List<Integer> order = new ArrayList<>();
    List<Integer> controls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (treated[i] == 1 ? order : controls).add(i);
    }
    // largest score first; equal scores in row order (a stable sort)
    order.sort((a, b) -> Double.compare(ps[b], ps[a]));
    boolean[] used = new boolean[n];
    int[] set = new int[n];
    Arrays.fill(set, -1);
    for (int round = 0; round < ratio; round++) {
      for (int t : order) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c : controls) {
          if (used[c]) {
            continue;
          }
          double d = Math.abs(ps[c] - ps[t]);
          if (d <= limit && d < bestDistance) {
            best = c;
            bestDistance = d;
          }
        }
        if (best < 0) {
          continue;
        }
        used[best] = true;
        set[t] = t;
        set[best] = t;
      }
    }
    // matched sets numbered by the row order of their treated rows
    int[] number = new int[n];
    int next = 0;
    for (int i = 0; i < n; i++) {
      if (treated[i] == 1 && set[i] >= 0) {
        number[i] = ++next;
      }
    }
    for (int i = 0; i < n; i++) {
      subclass[i] = set[i] < 0 ? 0 : number[set[i]];
    }
  }

  private static void matchWeights(int[] treated, int[] subclass, double[] w) {
    int sets = Arrays.stream(subclass).max().orElse(0);
    int[] nt = new int[sets + 1];
    int[] nc = new int[sets + 1];
    for (int i = 0; i < subclass.length; i++) {
      if (subclass[i] > 0) {
        (treated[i] == 1 ? nt : nc)[subclass[i]]++;
      }
    }
    double sum = 0;
    int matchedControls = 0;
    for (int i = 0; i < subclass.length; i++) {
      int s = subclass[i];
      if (s == 0) {
        w[i] = 0;
      } else if (treated[i] == 1) {
        w[i] = 1;
      } else {
        w[i] = (double) nt[s] / nc[s];
        sum += w[i];
        matchedControls++;
      }
    }
    for (int i = 0; i < subclass.length; i++) {
      if (subclass[i] > 0 && treated[i] == 0) {
        w[i] *= matchedControls / sum;
      }
    }
  }

  private static BalanceRow balanceRow(BalanceColumn column, int[] treated, double[] w, boolean att) {
    double[] x = column.values();
    int n = x.length;
    int nt = 0;
    for (int t : treated) {
      nt += t;
    }
    double[] xt = new double[nt];
    double[] xc = new double[n - nt];
    double[] wt = new double[nt];
    double[] wc = new double[n - nt];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (treated[i] == 1) {
        xt[a] = x[i];
        wt[a++] = w[i];
      } else {
        xc[b] = x[i];
        wc[b++] = w[i];
      }
    }
    double[] oneT = ones(nt);
    double[] oneC = ones(n - nt);
    double s2t = column.level() ? bernoulli(xt) : weightedVariance(xt, oneT);
    double s2c = column.level() ? bernoulli(xc) : weightedVariance(xc, oneC);
    double s = att ? Math.sqrt(s2t) : Math.sqrt((s2t + s2c) / 2);
    double before = (mean(xt, oneT) - mean(xc, oneC)) / s;
    double after = (mean(xt, wt) - mean(xc, wc)) / s;
    double vrBefore = Double.NaN;
    double vrAfter = Double.NaN;
    if (!column.level()) {
      vrBefore = s2t / s2c;
      vrAfter = weightedVariance(xt, wt) / weightedVariance(xc, wc);
    }
    return new BalanceRow(column.term(), column.level(), before, after, vrBefore, vrAfter);
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    Arrays.fill(o, 1);
    return o;
  }

  /** Σwx/Σw. */
  static double mean(double[] x, double[] w) {
    double sw = 0;
    double swx = 0;
    for (int i = 0; i < x.length; i++) {
      sw += w[i];
      swx += w[i] * x[i];
    }
    return swx / sw;
  }

  /** Σw(x − m)²/(Σw − Σw²/Σw) over the rows with w > 0; the sample variance when every w is 1. */
  static double weightedVariance(double[] x, double[] w) {
    double m = mean(x, w);
    double sw = 0;
    double sw2 = 0;
    double ss = 0;
    for (int i = 0; i < x.length; i++) {
      if (w[i] > 0) {
        sw += w[i];
        sw2 += w[i] * w[i];
        ss += w[i] * (x[i] - m) * (x[i] - m);
      }
    }
    return ss / (sw - sw2 / sw);
  }

  private static double bernoulli(double[] x) {
    double p = mean(x, ones(x.length));
    return p * (1 - p);
  }

  /** The sample standard deviation (n − 1), as R's sd. */
  static double sd(double[] x) {
    return Math.sqrt(weightedVariance(x, ones(x.length)));
  }

  private static GroupSummary summary(double[] ps, double[] w, int[] treated, int group) {
    List<Double> scores = new ArrayList<>();
    double sum = 0;
    double sum2 = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < ps.length; i++) {
      if (treated[i] != group) {
        continue;
      }
      scores.add(ps[i]);
      if (w[i] > 0) {
        sum += w[i];
        sum2 += w[i] * w[i];
        max = Math.max(max, w[i]);
      }
    }
    double[] sorted = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int k = sorted.length;
    double median = k == 0 ? Double.NaN : k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    return new GroupSummary(k == 0 ? Double.NaN : sorted[0], median, k == 0 ? Double.NaN : sorted[k - 1], sum,
        sum * sum / sum2, sum > 0 ? max : Double.NaN);
  }
}
