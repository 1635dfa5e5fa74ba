package studybook.stats.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The test of proportional hazards from scaled Schoenfeld residuals, as {@code cox.zph(fit)} with its
 * defaults in survival 3.x (transform = "km", terms = TRUE, global = TRUE): the score test that the
 * coefficients do not change with g(t) = 1 - KM(t-) (centred over the event times), using the full
 * 2p x 2p information of the expanded model (survival's {@code zph1}), not the older
 * Grambsch-Therneau approximation. One row per term with df its number of coefficients, and a global row.
 *
 * @param terms one row per model term, in term order
 * @param global all coefficients jointly
 */
public record CoxPhTest(List<Row> terms, Row global) {

  /**
   * @param term the term (a categorical term is one row)
   * @param chisq the score statistic
   * @param df the number of coefficients of the term
   * @param p upper tail of chi-square(df)
   */
  public record Row(String term, double chisq, int df, double p) {
    /** Whether the term fails the test at the 5% level. */
    public boolean fails() {
      return p < 0.05;
    }
  }

  public CoxPhTest {
    terms = List.copyOf(terms);
  }

  /** The terms that fail at the 5% level, in term order. */
  public List<String> failing() {
    return terms.stream().filter(Row::fails).map(Row::term).toList();
  }

  /**
   * cox.zph for a fitted design of counting-process rows ({@code Surv(start, stop, event)}): {@code beta} the
   * estimates, {@code lp} the linear predictor of each row. Right-censored data take {@link #of(CoxPasses,
   * double[], double[], boolean, Map)}.
   */
  static CoxPhTest of(CoxDesign d, double[] beta, double[] lp, boolean efron) {
    int n = d.n();
    int p = beta.length;
    double[] time = d.timeView();
    boolean[] event = d.eventView();
    int[] stratum = d.stratumView();
    double[][] x = d.xView();
    double[] start = d.startView();
    if (start == null) {
      throw new IllegalArgumentException("right-censored data take the per-time sums");
    }
    double[] gt = kmTransform(start, time, event);
    double mean = 0;
    int events = 0;
    for (int i = 0; i < n; i++) {
      if (event[i]) {
        mean += gt[i];
        events++;
      }
    }
    mean /= events;
    for (int i = 0; i < n; i++) {
      gt[i] -= mean;
    }
    // zph1 recentres X by its plain mean for stability
    double[][] covar = new double[p][n];
    for (int j = 0; j < p; j++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += x[i][j];
      }
      m /= n;
      for (int i = 0; i < n; i++) {
        covar[j][i] = x[i][j] - m;
      }
    }
    double[] u = new double[2 * p];
    double[][] imat = new double[2 * p][2 * p];
    countingSums(start, time, event, stratum, lp, gt, covar, efron, u, imat);
    return test(d.terms(), u, imat, p);
  }

  /**
   * cox.zph of right-censored data from one pass of per-time sums at the estimate: the covariates centred by their
   * plain means (zph1 recentres for stability), the risk r = exp(lp) with lp = sum_j beta_j (x_j - means_j) (coxph's
   * linear predictor, {@code means} the fit's centring), and the time transform g(t) = 1 - KM(t-) of each time
   * ({@link CoxGroups#kmTransform}); the score and information of the expanded 2p model are then the cumulative
   * sums from the last time down, as survival's zph1 accumulates them row by row.
   */
  static CoxPhTest of(CoxPasses passes, double[] beta, double[] means, boolean efron, Map<String, int[]> terms) {
    CoxGroups groups = passes.groups();
    int p = beta.length;
    CoxPasses.Moments m = passes.moments();
    double[] plain = new double[p];
    double[] ones = new double[p];
    for (int j = 0; j < p; j++) {
      plain[j] = m.sums()[j] / m.weight();
      ones[j] = 1;
    }
    CoxTimeSums s = passes.timeSums(new CoxTimeSums.Pass(beta, plain, ones, means, ones));
    double[] gt = groups.kmTransform();
    double[] u = new double[2 * p];
    double[][] imat = new double[2 * p][2 * p];
    double[] a = new double[p];
    double[] a2 = new double[p];
    double[] add = new double[p];
    double[][] cmat = new double[p][p];
    double[][] cmat2 = new double[p][p];
    double denom = 0;
    for (int g = groups.size() - 1; g >= 0; g--) {
      denom = s.riskSet(g, groups.lastOfStratum(g), denom, a, cmat);
      long ndead = s.deaths(g);
      if (ndead == 0) {
        continue;
      }
      double timewt = gt[g];
      double deadwt = ndead;
      double denom2 = s.risk(g, true);
      s.eventCovariates(g, add);
      s.weighted(g, true, a2);
      s.squares(g, true, cmat2);
      for (int i = 0; i < p; i++) {
        u[i] += add[i];
        u[i + p] += timewt * add[i];
      }
      if (!efron) {
        denom += denom2;
        for (int i = 0; i < p; i++) {
          a[i] += a2[i];
          double temp2 = a[i] / denom;
          u[i] -= deadwt * temp2;
          u[i + p] -= timewt * deadwt * temp2;
          for (int j = 0; j <= i; j++) {
            cmat[i][j] += cmat2[i][j];
            double temp = deadwt * (cmat[i][j] - temp2 * a[j]) / denom;
            imat[j][i] += temp;
            imat[j][i + p] += temp * timewt;
            imat[j + p][i + p] += temp * timewt * timewt;
          }
        }
      } else {
        double wtave = deadwt / ndead;
        for (long k = 0; k < ndead; k++) {
          denom += denom2 / ndead;
          for (int i = 0; i < p; i++) {
            a[i] += a2[i] / ndead;
            double temp2 = a[i] / denom;
            u[i] -= wtave * temp2;
            u[i + p] -= timewt * wtave * temp2;
            for (int j = 0; j <= i; j++) {
              cmat[i][j] += cmat2[i][j] / ndead;
              double temp = wtave * (cmat[i][j] - temp2 * a[j]) / denom;
              imat[j][i] += temp;
              imat[j][i + p] += timewt * temp;
              imat[j + p][i + p] += timewt * timewt * temp;
            }
          }
        }
      }
    }
    return test(terms, u, imat, p);
  }

  /** The tests from the score {@code u} and the upper triangle of the information {@code imat} of the 2p model. */
  private static CoxPhTest test(Map<String, int[]> terms, double[] u, double[][] imat, int p) {
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < i; j++) {
        imat[i][j] = imat[j][i];
        imat[i][j + p] = imat[j][i + p];
        imat[i + p][j + p] = imat[j + p][i + p];
      }
    }
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        imat[i + p][j] = imat[j][i + p];
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, int[]> term : terms.entrySet()) {
      int[] jj = term.getValue();
      int[] kk = new int[p + jj.length];
      for (int i = 0; i < p; i++) {
        kk[i] = i;
      }
      for (int i = 0; i < jj.length; i++) {
        kk[p + i] = jj[i] + p;
      }
      rows.add(row(term.getKey(), imat, u, kk, p, jj.length));
    }
    int[] all = IntStream.range(0, 2 * p).toArray();
    return new CoxPhTest(rows, row("GLOBAL", imat, u, all, p, p));
  }

  /**
   * The score and information sums of the expanded model for counting-process data (survival's zph2): at each
   * event time t of a stratum, the rows of that stratum with start &lt; t &lt;= stop are at risk; each risk set
   * is summed afresh.
   */
  private static void countingSums(double[] start, double[] time, boolean[] event, int[] stratum, double[] lp,
      double[] gt, double[][] covar, boolean efron, double[] u, double[][] imat) {
    int n = time.length;
    int p = covar.length;
    int[] order = CoxOrder.sort(n, (i, j) -> stratum[i] != stratum[j] ? Integer.compare(stratum[i], stratum[j])
        : Double.compare(time[i], time[j]));
    double[] a = new double[p];
    double[] a2 = new double[p];
    double[][] cmat = new double[p][p];
    double[][] cmat2 = new double[p][p];
    int end = n - 1;
    while (end >= 0) {
      int from = end;
      while (from > 0 && stratum[order[from - 1]] == stratum[order[end]]) {
        from--;
      }
      int k = end;
      while (k >= from) {
        double dtime = time[order[k]];
        int g = k;
        boolean anyDead = false;
        double timewt = 0;
        while (g >= from && time[order[g]] == dtime) {
          if (event[order[g]]) {
            anyDead = true;
            timewt = gt[order[g]];
          }
          g--;
        }
        if (anyDead) {
          double denom = 0;
          double denom2 = 0;
          int ndead = 0;
          Arrays.fill(a, 0);
          Arrays.fill(a2, 0);
          for (int r = 0; r < p; r++) {
            Arrays.fill(cmat[r], 0);
            Arrays.fill(cmat2[r], 0);
          }
          for (int q = end; q > g; q--) {
            int person = order[q];
            if (!(start[person] < dtime)) {
              continue;
            }
            double risk = Math.exp(lp[person]);
            if (event[person] && time[person] == dtime) {
              ndead++;
              denom2 += risk;
              for (int i = 0; i < p; i++) {
                u[i] += covar[i][person];
                u[i + p] += timewt * covar[i][person];
                a2[i] += risk * covar[i][person];
                for (int j = 0; j <= i; j++) {
                  cmat2[i][j] += risk * covar[i][person] * covar[j][person];
                }
              }
            } else {
              denom += risk;
              for (int i = 0; i < p; i++) {
                a[i] += risk * covar[i][person];
                for (int j = 0; j <= i; j++) {
                  cmat[i][j] += risk * covar[i][person] * covar[j][person];
                }
              }
            }
          }
          int steps = efron ? ndead : 1;
          double wt = efron ? 1 : ndead;
          for (int s = 0; s < steps; s++) {
            denom += efron ? denom2 / ndead : denom2;
            for (int i = 0; i < p; i++) {
              a[i] += efron ? a2[i] / ndead : a2[i];
              double temp2 = a[i] / denom;
              u[i] -= wt * temp2;
              u[i + p] -= timewt * wt * temp2;
              for (int j = 0; j <= i; j++) {
                cmat[i][j] += efron ? cmat2[i][j] / ndead : cmat2[i][j];
                double temp = wt * (cmat[i][j] - temp2 * a[j]) / denom;
                imat[j][i] += temp;
                imat[j][i + p] += timewt * temp;
                imat[j + p][i + p] += timewt * timewt * temp;
              }
            }
          }
        }
        k = g;
      }
      end = from - 1;
    }
  }

  /** 1 - KM(t-) at each row's stop time, the Kaplan-Meier of (start, stop] rows pooled over strata. */
  static double[] kmTransform(double[] start, double[] time, boolean[] event) {
    int n = time.length;
    double[] eventTimes = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (event[i]) {
        eventTimes[m++] = time[i];
      }
    }
    double[] distinct = Arrays.stream(eventTimes, 0, m).sorted().distinct().toArray();
    double[] survBefore = new double[distinct.length];
    double s = 1;
    for (int k = 0; k < distinct.length; k++) {
      survBefore[k] = s;
      double t = distinct[k];
      int risk = 0;
      int deaths = 0;
      for (int i = 0; i < n; i++) {
        if (start[i] < t && time[i] >= t) {
          risk++;
          deaths += event[i] && time[i] == t ? 1 : 0;
        }
      }
      s *= (risk - deaths) / (double) risk;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int k = Arrays.binarySearch(distinct, time[i]);
      // S(t-): the product over event times before t
      int before = k >= 0 ? k : -k - 1;
      out[i] = 1 - (before < distinct.length ? survBefore[before] : s);
    }
    return out;
  }

  private static Row row(String name, double[][] imat, double[] u, int[] kk, int p, int df) {
    int m = kk.length;
    double[][] sub = new double[m][m];
    double[] rhs = new double[m];
    for (int a = 0; a < m; a++) {
      rhs[a] = kk[a] < p ? 0 : u[kk[a]];
      for (int b = 0; b < m; b++) {
        sub[a][b] = imat[kk[a]][kk[b]];
      }
    }
    DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(sub, false), 1e-300).getSolver();
    double chisq = Double.NaN;
    if (solver.isNonSingular()) {
      double[] s = solver.solve(new ArrayRealVector(rhs, false)).toArray();
      chisq = 0;
      for (int a = 0; a < m; a++) {
        chisq += s[a] * rhs[a];
      }
    }
    double pValue = Double.isNaN(chisq) ? Double.NaN : ChiSquaredDistribution.of(df).survivalProbability(chisq);
    return new Row(name, chisq, df, pValue);
  }
}
