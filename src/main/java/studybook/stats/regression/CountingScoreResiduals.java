package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Score residuals of a Cox model on counting-process data ({@code Surv(start, stop, event)}), as survival's
 * {@code residuals(fit, type = "score")} (its agscore3): at each event time t of a stratum the risk set is the
 * rows of that stratum with start &lt; t &lt;= stop; a row's residual adds, at every such t, its covariates less
 * the risk set's weighted mean where it dies, and takes away their product with its share of the hazard
 * increment; tied deaths by Breslow or Efron (the mean and hazard recomputed for each of the d deaths with the
 * dying rows' risk down-weighted by k/d). Unweighted residuals (the robust variance multiplies them by the case
 * weight). Written by hand: the loop over event times and risk sets is O(events × rows × p).
 */
final class CountingScoreResiduals {
  private CountingScoreResiduals() {}

  /**
   * The residuals in row order.
   *
   * @param design the design (counting-process, times already made equal by timefix)
   * @param lp the linear predictor per row
   * @param w the case weight per row
   * @param efron Efron ties (else Breslow)
   */
  static double[][] of(CoxDesign design, double[] lp, double[] w, boolean efron) {
    int n = design.n();
    int p = design.columns().size();
    double[] stop = design.timeView();
    double[] start = design.startView();
    boolean[] event = design.eventView();
    int[] stratum = design.stratumView();
    double[][] x = design.xView();
    double[] risk = new double[n];
    for (int i = 0; i < n; i++) {
      risk[i] = Math.exp(lp[i]);
    }
    // event times per stratum, each with its dying rows
    TreeMap<Integer, TreeMap<Double, List<Integer>>> deaths = new TreeMap<>();
    List<List<Integer>> byStratum = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      while (byStratum.size() <= stratum[i]) {
        byStratum.add(new ArrayList<>());
      }
      byStratum.get(stratum[i]).add(i);
      if (event[i]) {
        deaths.computeIfAbsent(stratum[i], k -> new TreeMap<>()).computeIfAbsent(stop[i], k -> new ArrayList<>()).add(i);
      }
    }
    double[][] resid = new double[n][p];
    double[] a = new double[p];
    double[] a2 = new double[p];
    for (var s : deaths.entrySet()) {
      List<Integer> rows = byStratum.get(s.getKey());
      for (var e : s.getValue().entrySet()) {
        double t = e.getKey();
        List<Integer> dying = e.getValue();
        List<Integer> atRisk = new ArrayList<>();
        double denom = 0;
        java.util.Arrays.fill(a, 0);
        for (int i : rows) {
          if (start[i] < t && t <= stop[i]) {
            atRisk.add(i);
            double r = risk[i] * w[i];
            denom += r;
            for (int j = 0; j < p; j++) {
              a[j] += r * x[i][j];
            }
          }
        }
        double eDenom = 0;
        double wDeaths = 0;
        java.util.Arrays.fill(a2, 0);
        for (int i : dying) {
          double r = risk[i] * w[i];
          eDenom += r;
          wDeaths += w[i];
          for (int j = 0; j < p; j++) {
            a2[j] += r * x[i][j];
          }
        }
        int d = dying.size();
        if (d < 2 || !efron) {
          double hazard = wDeaths / denom;
          for (int i : atRisk) {
            boolean dies = event[i] && stop[i] == t;
            for (int j = 0; j < p; j++) {
              double diff = x[i][j] - a[j] / denom;
              if (dies) {
                resid[i][j] += diff;
              }
              resid[i][j] -= diff * risk[i] * hazard;
            }
          }
        } else {
          double meanwt = wDeaths / d;
          for (int k = 0; k < d; k++) {
            double downwt = (double) k / d;
            double temp = denom - downwt * eDenom;
            double hazard = meanwt / temp;
            for (int i : atRisk) {
              boolean dies = event[i] && stop[i] == t;
              for (int j = 0; j < p; j++) {
                double diff = x[i][j] - (a[j] - downwt * a2[j]) / temp;
                if (dies) {
                  resid[i][j] += diff / d - diff * risk[i] * hazard * (1 - downwt);
                } else {
                  resid[i][j] -= diff * risk[i] * hazard;
                }
              }
            }
          }
        }
      }
    }
    return resid;
  }
}
