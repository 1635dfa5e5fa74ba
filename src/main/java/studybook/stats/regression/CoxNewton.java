package studybook.stats.regression;

import java.util.Arrays;

/**
 * The partial likelihood of a Cox model and its maximisation, written to follow survival's
 * {@code coxph.fit}/{@code coxfit6} step for step (R 4.2, survival 3.5): rows sorted by stratum and
 * time, columns centred and scaled (0/1 columns left alone), Newton-Raphson from zero with R's
 * step-halving, convergence when the relative change in log-likelihood is at most 1e-9 (20 iterations
 * at most), Breslow or Efron ties, and survival's own Cholesky routines ({@code cholesky2},
 * {@code chsolve2}, {@code chinv2}) with tolerance {@code .Machine$double.eps^0.75}. Following R's
 * arithmetic rather than a textbook Newton loop is what makes iterations, estimates at R's stopping
 * point and the "coefficient may be infinite" check agree with R. No library fits Cox models, hence
 * hand-written.
 */
final class CoxNewton {
  static final double EPS = 1e-9;
  static final double TOLER_CHOL = Math.pow(Math.ulp(1.0), 0.75);
  static final double TOLER_INF = Math.sqrt(EPS);
  static final int MAX_ITER = 20;

  private final int p;
  private final boolean efron;
  private final CoxPasses passes;
  /** The rows of counting-process data (their risk sets are summed afresh at each time); null for right-censored data. */
  private final Counting counting;
  final double[] means;
  final double[] scale;

  // scratch shared by one evaluation
  private final double[] u;
  private final double[][] imat;

  /** The result of {@link #fit()} on R's scale. */
  record Result(double[] beta, double[][] variance, double[] score, double logLikInit, double logLik,
      double scoreTest, int iterations, boolean converged, int rank, double[] means) {}

  CoxNewton(CoxDesign d, boolean efron) {
    this(d, efron, null);
  }

  /** With case weights (one positive weight per row of the design, or null for all 1), as coxph(weights = w). */
  CoxNewton(CoxDesign d, boolean efron, double[] weights) {
    this(new LocalCoxPasses(d, weights), efron, d, weights);
  }

  /** The fit from the passes of any engine (right-censored data). */
  CoxNewton(CoxPasses passes, boolean efron) {
    this(passes, efron, null, null);
  }

  private CoxNewton(CoxPasses passes, boolean efron, CoxDesign d, double[] weights) {
    this.passes = passes;
    this.p = passes.columns();
    this.efron = efron;
    means = new double[p];
    scale = new double[p];
    // weighted mean and scale, as coxfit6 (with unit weights: the mean and n / sum |x - mean|); 0/1 columns alone
    CoxPasses.Moments m = passes.moments();
    for (int j = 0; j < p; j++) {
      means[j] = m.zeroOne()[j] ? 0 : m.sums()[j] / m.weight();
    }
    double[] abs = passes.absoluteDeviations(means);
    for (int j = 0; j < p; j++) {
      scale[j] = m.zeroOne()[j] || !(abs[j] > 0) ? 1.0 : m.weight() / abs[j];
    }
    counting = d != null && d.countingProcess() ? new Counting(d, weights, means, scale) : null;
    u = new double[p];
    imat = new double[p][p];
  }

  /** Counting-process rows sorted by stratum, then time (stable), with their covariates centred and scaled. */
  private static final class Counting {
    final int n;
    final double[] time;
    final double[] start;
    final boolean[] status;
    final double[] weight;
    /** true for the last row of a stratum in sorted order, as coxph.fit's newstrat. */
    final boolean[] lastOfStratum;
    /** covar[j][i]: centred and scaled column j of sorted row i. */
    final double[][] covar;

    Counting(CoxDesign d, double[] weights, double[] means, double[] scale) {
      n = d.n();
      int p = d.columns().size();
      double[] t = d.timeView();
      int[] s = d.stratumView();
      int[] order = CoxOrder.sort(n, (i, j) -> s[i] != s[j] ? Integer.compare(s[i], s[j]) : Double.compare(t[i], t[j]));
      time = new double[n];
      double[] st = d.startView();
      start = new double[n];
      status = new boolean[n];
      weight = new double[n];
      lastOfStratum = new boolean[n];
      covar = new double[p][n];
      double[][] x = d.xView();
      boolean[] e = d.eventView();
      for (int k = 0; k < n; k++) {
        int i = order[k];
        time[k] = t[i];
        start[k] = st[i];
        status[k] = e[i];
        weight[k] = weights == null ? 1 : weights[i];
        lastOfStratum[k] = k == n - 1 || s[order[k + 1]] != s[i];
        for (int j = 0; j < p; j++) {
          covar[j][k] = (x[i][j] - means[j]) * scale[j];
        }
      }
    }
  }

  /** coxfit6 with init = 0, as coxph(). */
  Result fit() {
    double[] beta = new double[p];
    double logLikInit = iterate(beta);
    double best = logLikInit;
    double[] a = u.clone();
    int rank = cholesky2(imat, p, TOLER_CHOL);
    chsolve2(imat, p, a);
    double scoreTest = 0;
    for (int j = 0; j < p; j++) {
      scoreTest += u[j] * a[j];
    }
    if (!Double.isFinite(logLikInit)) {
      return finish(beta, logLikInit, logLikInit, scoreTest, 0, true, rank);
    }
    double[] newBeta = new double[p];
    for (int j = 0; j < p; j++) {
      newBeta[j] = beta[j] + a[j];
    }
    int halving = 0;
    for (int iter = 1; iter <= MAX_ITER; iter++) {
      double newLik = iterate(newBeta);
      rank = cholesky2(imat, p, TOLER_CHOL);
      boolean notFinite = !Double.isFinite(newLik);
      for (int i = 0; i < p; i++) {
        notFinite |= !Double.isFinite(u[i]);
        for (int j = 0; j < p; j++) {
          notFinite |= !Double.isFinite(imat[i][j]);
        }
      }
      if (!notFinite && Math.abs(1 - best / newLik) <= EPS) {
        return finish(newBeta, logLikInit, newLik, scoreTest, iter, true, rank);
      }
      if (notFinite || newLik < best) {
        halving++;
        for (int j = 0; j < p; j++) {
          newBeta[j] = (newBeta[j] + halving * beta[j]) / (halving + 1.0);
        }
      } else {
        halving = 0;
        best = newLik;
        chsolve2(imat, p, u);
        for (int j = 0; j < p; j++) {
          beta[j] = newBeta[j];
          newBeta[j] = newBeta[j] + u[j];
        }
      }
    }
    double last = iterate(beta);
    rank = cholesky2(imat, p, TOLER_CHOL);
    // R's loop counter ends one past the limit and fit$iter reports it
    return finish(beta, logLikInit, last, scoreTest, MAX_ITER + 1, false, rank);
  }

  /** Inverts the factored information and returns everything on the original scale of the columns. */
  private Result finish(double[] scaledBeta, double logLikInit, double logLik, double scoreTest, int iterations,
      boolean converged, int rank) {
    chinv2(imat, p);
    double[] beta = new double[p];
    double[] score = new double[p];
    double[][] var = new double[p][p];
    for (int i = 0; i < p; i++) {
      beta[i] = scaledBeta[i] * scale[i];
      score[i] = u[i] / scale[i];
      for (int j = 0; j <= i; j++) {
        // as in survival's C code, the information is accumulated in m[j][i] (j <= i) and chinv2
        // leaves the inverse there
        double v = imat[j][i] * scale[i] * scale[j];
        var[i][j] = v;
        var[j][i] = v;
      }
    }
    return new Result(beta, var, score, logLikInit, logLik, scoreTest, iterations, converged, rank, means.clone());
  }

  /** coxfit6_iter: log-likelihood, score (into u) and information (into imat[j][i], j <= i). */
  private double iterate(double[] beta) {
    if (counting != null) {
      return iterateCounting(beta);
    }
    return fromSums(passes.groups(), passes.timeSums(new CoxTimeSums.Pass(beta, means, scale, null, null)));
  }

  /**
   * The log-likelihood, score and information from one pass's sums per stratum and time: the risk set of a time is
   * the cumulative sum of its group and every later one of the stratum, as coxfit6 accumulates it from the last
   * row down, and the events of the time enter by {@link #tiedDeaths}.
   */
  private double fromSums(CoxGroups groups, CoxTimeSums s) {
    double logLik = 0;
    double[] a = new double[p];
    double[] a2 = new double[p];
    double[] add = new double[p];
    double[][] cmat = new double[p][p];
    double[][] cmat2 = new double[p][p];
    for (int i = 0; i < p; i++) {
      u[i] = 0;
      Arrays.fill(imat[i], 0);
    }
    double denom = 0;
    for (int g = groups.size() - 1; g >= 0; g--) {
      denom = s.riskSet(g, groups.lastOfStratum(g), denom, a, cmat);
      int ndead = (int) s.deaths(g);
      if (ndead > 0) {
        logLik += s.weightedEta(g);
        s.eventCovariates(g, add);
        for (int i = 0; i < p; i++) {
          u[i] += add[i];
        }
        s.weighted(g, true, a2);
        s.squares(g, true, cmat2);
        double[] acc = {logLik, denom};
        tiedDeaths(acc, ndead, s.deadWeight(g), s.risk(g, true), a, a2, cmat, cmat2);
        logLik = acc[0];
        denom = acc[1];
      }
    }
    return logLik;
  }

  /**
   * The same sums for counting-process data (survival's agfit4): at each event time t of a stratum the risk
   * set is the rows of that stratum with start &lt; t &lt;= stop, and the events are the event rows stopping at t.
   * Each risk set is summed afresh (no running sums with subtractions), in O(rows x event times).
   */
  private double iterateCounting(double[] beta) {
    int n = counting.n;
    double[] time = counting.time;
    double[] start = counting.start;
    boolean[] status = counting.status;
    double[] weight = counting.weight;
    boolean[] lastOfStratum = counting.lastOfStratum;
    double[][] covar = counting.covar;
    double logLik = 0;
    double[] a = new double[p];
    double[] a2 = new double[p];
    double[][] cmat = new double[p][p];
    double[][] cmat2 = new double[p][p];
    for (int i = 0; i < p; i++) {
      u[i] = 0;
      Arrays.fill(imat[i], 0);
    }
    double[] zbeta = new double[n];
    double[] risk = new double[n];
    for (int k = 0; k < n; k++) {
      double z = 0;
      for (int i = 0; i < p; i++) {
        z += beta[i] * covar[i][k];
      }
      zbeta[k] = z;
      risk[k] = Math.exp(z) * weight[k];
    }
    int end = n - 1;
    while (end >= 0) {
      int from = end;
      while (from > 0 && !lastOfStratum[from - 1]) {
        from--;
      }
      int k = end;
      while (k >= from) {
        double dtime = time[k];
        int g = k;
        boolean anyDead = false;
        while (g >= from && time[g] == dtime) {
          anyDead |= status[g];
          g--;
        }
        if (anyDead) {
          double denom = 0;
          double denom2 = 0;
          double deadwt = 0;
          int ndead = 0;
          Arrays.fill(a, 0);
          Arrays.fill(a2, 0);
          for (int r = 0; r < p; r++) {
            Arrays.fill(cmat[r], 0);
            Arrays.fill(cmat2[r], 0);
          }
          for (int person = end; person > g; person--) {
            if (!(start[person] < dtime)) {
              continue;
            }
            double rk = risk[person];
            if (status[person] && time[person] == dtime) {
              ndead++;
              deadwt += weight[person];
              denom2 += rk;
              logLik += weight[person] * zbeta[person];
              for (int i = 0; i < p; i++) {
                u[i] += weight[person] * covar[i][person];
                a2[i] += rk * covar[i][person];
                for (int j = 0; j <= i; j++) {
                  cmat2[i][j] += rk * covar[i][person] * covar[j][person];
                }
              }
            } else {
              denom += rk;
              for (int i = 0; i < p; i++) {
                a[i] += rk * covar[i][person];
                for (int j = 0; j <= i; j++) {
                  cmat[i][j] += rk * covar[i][person] * covar[j][person];
                }
              }
            }
          }
          double[] acc = {logLik, denom};
          tiedDeaths(acc, ndead, deadwt, denom2, a, a2, cmat, cmat2);
          logLik = acc[0];
        }
        k = g;
      }
      end = from - 1;
    }
    return logLik;
  }

  /**
   * Adds the events of one event time to u and imat (Breslow or Efron) given the sums over the other rows at
   * risk (denom, a, cmat) and over the events (denom2, a2, cmat2), as coxfit6 does in place: {@code acc[0]} is
   * the log-likelihood and {@code acc[1]} denom, both updated (the running sums carry on to the next time).
   */
  private void tiedDeaths(double[] acc, int ndead, double deadwt, double denom2, double[] a, double[] a2,
      double[][] cmat, double[][] cmat2) {
    double logLik = acc[0];
    double denom = acc[1];
    if (!efron || ndead == 1) {
      denom += denom2;
      logLik -= deadwt * Math.log(denom);
      for (int i = 0; i < p; i++) {
        a[i] += a2[i];
        double temp2 = a[i] / denom;
        u[i] -= deadwt * temp2;
        for (int j = 0; j <= i; j++) {
          cmat[i][j] += cmat2[i][j];
          imat[j][i] += deadwt * (cmat[i][j] - temp2 * a[j]) / denom;
        }
      }
    } else {
      double wtave = deadwt / ndead;
      for (int k = 0; k < ndead; k++) {
        denom += denom2 / ndead;
        logLik -= wtave * Math.log(denom);
        for (int i = 0; i < p; i++) {
          a[i] += a2[i] / ndead;
          double temp2 = a[i] / denom;
          u[i] -= wtave * temp2;
          for (int j = 0; j <= i; j++) {
            cmat[i][j] += cmat2[i][j] / ndead;
            imat[j][i] += wtave * (cmat[i][j] - temp2 * a[j]) / denom;
          }
        }
      }
    }
    acc[0] = logLik;
    acc[1] = denom;
  }

  // ---- survival's Cholesky routines, indexed as its C code indexes its ragged arrays ----

  /** cholesky2: returns the rank (negative when not non-negative definite). */
  static int cholesky2(double[][] m, int size, double toler) {
    double eps = 0;
    boolean nonneg = true;
    for (int i = 0; i < size; i++) {
      if (m[i][i] > eps) {
        eps = m[i][i];
      }
      for (int j = i + 1; j < size; j++) {
        m[j][i] = m[i][j];
      }
    }
    if (eps == 0) {
      return 0;
    }
    eps *= toler;
    int rank = 0;
    for (int i = 0; i < size; i++) {
      double pivot = m[i][i];
      if (Double.isNaN(pivot) || Double.isInfinite(pivot) || pivot < eps) {
        m[i][i] = 0;
        if (pivot < -8 * eps) {
          nonneg = false;
        }
      } else {
        rank++;
        for (int j = i + 1; j < size; j++) {
          double temp = m[j][i] / pivot;
          m[j][i] = temp;
          m[j][j] -= temp * temp * pivot;
          for (int k = j + 1; k < size; k++) {
            m[k][j] -= temp * m[k][i];
          }
        }
      }
    }
    return nonneg ? rank : -rank;
  }

  static void chsolve2(double[][] m, int size, double[] y) {
    for (int i = 0; i < size; i++) {
      double temp = y[i];
      for (int j = 0; j < i; j++) {
        temp -= y[j] * m[i][j];
      }
      y[i] = temp;
    }
    for (int i = size - 1; i >= 0; i--) {
      if (m[i][i] == 0) {
        y[i] = 0;
      } else {
        double temp = y[i] / m[i][i];
        for (int j = i + 1; j < size; j++) {
          temp -= y[j] * m[j][i];
        }
        y[i] = temp;
      }
    }
  }

  static void chinv2(double[][] m, int size) {
    for (int i = 0; i < size; i++) {
      if (m[i][i] > 0) {
        m[i][i] = 1 / m[i][i];
        for (int j = i + 1; j < size; j++) {
          m[j][i] = -m[j][i];
          for (int k = 0; k < i; k++) {
            m[j][k] += m[j][i] * m[i][k];
          }
        }
      }
    }
    for (int i = 0; i < size; i++) {
      if (m[i][i] == 0) {
        for (int j = 0; j < i; j++) {
          m[j][i] = 0;
        }
        for (int j = i; j < size; j++) {
          m[i][j] = 0;
        }
      } else {
        for (int j = i + 1; j < size; j++) {
          double temp = m[j][i] * m[j][j];
          if (j != i) {
            m[i][j] = temp;
          }
          for (int k = i; k < j; k++) {
            m[i][k] += temp * m[j][k];
          }
        }
      }
    }
  }
}
