package studybook.stats.regression;

import studybook.stats.AccurateSum;
import java.util.Arrays;

/**
 * Harrell's concordance of a Cox model's linear predictor and its standard error, as
 * {@code summary(coxph(...))$concordance} in survival 3.x ({@code concordancefit(y, lp, strata,
 * reverse = TRUE, timefix = FALSE)}): a pair is comparable when the shorter time is an event (a
 * censoring at the same time counts as longer; tied event times are not compared), pairs are formed
 * within strata only, tied predictors count one half, and the variance is the infinitesimal-jackknife
 * one ({@code sum(dfbeta^2)/4}). Counted with Fenwick trees over the ranks of the predictor in
 * O(n log n), as survival's balanced-tree walk does.
 *
 * @param concordance the probability that the member of a comparable pair who fails first has the higher risk
 * @param se its standard error
 * @param concordant comparable pairs ordered as the model predicts
 * @param discordant comparable pairs ordered against the prediction
 * @param tiedRisk comparable pairs with equal predictors
 */
public record CoxConcordance(double concordance, double se, double concordant, double discordant, double tiedRisk) {

  /** Computes the concordance of {@code risk} with the survival times. */
  static CoxConcordance of(double[] time, boolean[] event, int[] stratum, double[] risk) {
    return of(null, time, event, stratum, risk);
  }

  /**
   * The same for counting-process data when {@code start} is given: a row is compared with an event at t only
   * while it is at risk (start &lt; t &lt;= stop), as concordancefit does for {@code Surv(start, stop, event)}.
   */
  static CoxConcordance of(double[] start, double[] time, boolean[] event, int[] stratum, double[] risk) {
    return of(start, time, event, stratum, risk, null, null);
  }

  /**
   * The concordance of a weighted or clustered fit, as coxph computes it for one
   * ({@code concordancefit(y, lp, strata, weights, cluster = cluster, reverse = TRUE, timefix = FALSE)}): each
   * comparable pair counts with the product of its two case weights, and the infinitesimal-jackknife variance
   * sums each row's weighted influence within its cluster before squaring.
   *
   * @param weights the case weight per row, or null for all 1
   * @param cluster the cluster per row, or null for each row its own
   */
  static CoxConcordance of(double[] start, double[] time, boolean[] event, int[] stratum, double[] risk,
      double[] weights, int[] cluster) {
    return of(start, time, event, stratum, risk, weights, cluster, null);
  }

  /**
   * The concordance of rows given as counts: {@code count[i]} rows share stratum, time, event and predictor i (as
   * the Spark engine aggregates them). Each pair counts once per pair of rows, and each of the count[i] rows adds
   * its own squared influence to the variance, so the answer is that of the rows one by one.
   */
  public static CoxConcordance ofCounts(int[] stratum, double[] time, boolean[] event, double[] risk, double[] count) {
    return of(null, time, event, stratum, risk, null, null, count.clone());
  }

  private static CoxConcordance of(double[] start, double[] time, boolean[] event, int[] stratum, double[] risk,
      double[] weights, int[] cluster, double[] frequency) {
    int n = time.length;
    // a row of frequency f counts as f rows of weight 1 in the pairs (the variance below sums f influences)
    double[] w = weights == null ? frequency : weights.clone();
    double[] sorted = risk.clone();
    Arrays.sort(sorted);
    int[] rank = new int[n];
    int distinct = 0;
    double[] unique = new double[n];
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        unique[distinct++] = sorted[i];
      }
    }
    unique = Arrays.copyOf(unique, distinct);
    for (int i = 0; i < n; i++) {
      rank[i] = Arrays.binarySearch(unique, risk[i]);
    }
    // per observation: pairs in which it is concordant / discordant / tied on risk (unreversed orientation)
    double[][] influence = new double[3][n];
    double[] count = new double[3];
    int strata = 0;
    for (int s : stratum) {
      strata = Math.max(strata, s + 1);
    }
    // the rows of each stratum, in one pass (a filter per stratum is quadratic with many strata)
    int[] size = new int[strata];
    for (int s : stratum) {
      size[s]++;
    }
    int[][] members = new int[strata][];
    for (int s = 0; s < strata; s++) {
      members[s] = new int[size[s]];
    }
    int[] filled = new int[strata];
    for (int i = 0; i < n; i++) {
      members[stratum[i]][filled[stratum[i]]++] = i;
    }
    for (int s = 0; s < strata; s++) {
      int[] rows = members[s];
      // survival: order(-time, status, risk)
      int[] order = CoxOrder.sort(rows, (i, j) -> time[i] != time[j] ? Double.compare(time[j], time[i])
          : event[i] != event[j] ? (event[i] ? 1 : -1) : Integer.compare(rank[i], rank[j]));
      Fenwick all = new Fenwick(distinct);
      Fenwick deaths = new Fenwick(distinct);
      // counting process: rows leave the risk set once the time reaches their start (latest start first)
      int[] byStart = start == null ? new int[0]
          : CoxOrder.sort(rows, (i, j) -> Double.compare(start[j], start[i]));
      boolean[] removed = new boolean[n];
      int leave = 0;
      int k = 0;
      while (k < order.length) {
        int ii = order[k];
        if (!event[ii]) {
          subtract(influence, ii, deaths, rank[ii]);
          all.add(rank[ii], w == null ? 1 : w[ii]);
          k++;
          continue;
        }
        int end = k;
        while (end < order.length && event[order[end]] && time[order[end]] == time[ii]) {
          end++;
        }
        while (leave < byStart.length && start[byStart[leave]] >= time[ii]) {
          int r = byStart[leave++];
          all.add(rank[r], w == null ? -1 : -w[r]);
          influence[0][r] += deaths.less(rank[r]);
          influence[1][r] += deaths.greater(rank[r]);
          influence[2][r] += deaths.equal(rank[r]);
          removed[r] = true;
        }
        for (int j = k; j < end; j++) {
          int jj = order[j];
          double greater = all.greater(rank[jj]);
          double less = all.less(rank[jj]);
          double equal = all.equal(rank[jj]);
          double wj = w == null ? 1 : w[jj];
          count[0] += wj * greater;
          count[1] += wj * less;
          count[2] += wj * equal;
          influence[0][jj] += greater;
          influence[1][jj] += less;
          influence[2][jj] += equal;
          deaths.add(rank[jj], wj);
        }
        for (int j = k; j < end; j++) {
          int jj = order[j];
          subtract(influence, jj, deaths, rank[jj]);
          all.add(rank[jj], w == null ? 1 : w[jj]);
        }
        k = end;
      }
      for (int i : rows) {
        if (removed[i]) {
          continue;
        }
        influence[0][i] += deaths.less(rank[i]);
        influence[1][i] += deaths.greater(rank[i]);
        influence[2][i] += deaths.equal(rank[i]);
      }
    }
    double npair = count[0] + count[1] + count[2];
    double somer = (count[0] - count[1]) / npair;
    // an accurate sum, so that rows one by one (local) and rows counted by key (Spark) agree to the bit
    AccurateSum var = new AccurateSum();
    java.util.Map<Integer, Double> byCluster = cluster == null ? null : new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      double dfbeta = (weights == null ? 1 : w[i]) * ((influence[0][i] - influence[1][i]) / npair
          - somer / npair * (influence[0][i] + influence[1][i] + influence[2][i]));
      if (frequency != null) {
        var.add(frequency[i] * (dfbeta * dfbeta));
      } else if (byCluster == null) {
        var.add(dfbeta * dfbeta);
      } else {
        byCluster.merge(cluster[i], dfbeta, Double::sum);
      }
    }
    if (byCluster != null) {
      for (double d : byCluster.values()) {
        var.add(d * d);
      }
    }
    // reverse = TRUE: a higher risk score should go with a shorter time
    return new CoxConcordance(1 - (somer + 1) / 2, Math.sqrt(var.value() / 4), count[1], count[0], count[2]);
  }

  private static void subtract(double[][] influence, int i, Fenwick deaths, int rank) {
    influence[0][i] -= deaths.less(rank);
    influence[1][i] -= deaths.greater(rank);
    influence[2][i] -= deaths.equal(rank);
  }

  /** Sums of weights by rank. */
  private static final class Fenwick {
    private final double[] tree;
    private final double[] node;
    private double total;

    Fenwick(int size) {
      tree = new double[size + 1];
      node = new double[size];
    }

    void add(int rank, double w) {
      node[rank] += w;
      total += w;
      for (int i = rank + 1; i < tree.length; i += i & -i) {
        tree[i] += w;
      }
    }

    /** Weight at ranks below {@code rank}. */
    double less(int rank) {
      double s = 0;
      for (int i = rank; i > 0; i -= i & -i) {
        s += tree[i];
      }
      return s;
    }

    double equal(int rank) {
      return node[rank];
    }

    double greater(int rank) {
      return total - less(rank) - node[rank];
    }
  }
}
