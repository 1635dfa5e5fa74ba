package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The maximum-likelihood fit from passes (what the Spark engine gives: X'WX, X'Wz and the deviance per IRLS step,
 * the likelihood at a point, a separation verdict) is the local fit: here the passes are written independently of
 * the local engine's, adding the rows in reverse order, so only rounding separates the two.
 */
class LogisticPassesTest {
  /** Passes over rows held in memory, each sum over the rows from last to first. */
  static final class Reversed implements LogisticPasses {
    final double[][] x;
    final double[] y;
    final double[] eta;

    Reversed(double[][] x, double[] y) {
      this.x = x;
      this.y = y;
      this.eta = new double[y.length];
    }

    @Override
    public int columns() {
      return x[0].length;
    }

    @Override
    public int rows() {
      return y.length;
    }

    @Override
    public int events() {
      int e = 0;
      for (double v : y) {
        e += (int) v;
      }
      return e;
    }

    @Override
    public double deviance(double[] beta) {
      double dev = 0;
      for (int i = y.length - 1; i >= 0; i--) {
        double e = 0;
        if (beta == null) {
          e = Math.log((y[i] + 0.5) / 2 / (1 - (y[i] + 0.5) / 2));
        } else {
          for (int j = 0; j < beta.length; j++) {
            e += x[i][j] * beta[j];
          }
        }
        eta[i] = e;
        dev += LogisticRegression.binomialDeviance(y[i], LogisticRegression.rLinkInverse(e));
      }
      return dev;
    }

    @Override
    public double[][] weightedCrossProducts() {
      int p = columns();
      double[][] out = new double[p + 1][p];
      for (int i = y.length - 1; i >= 0; i--) {
        double mu = LogisticRegression.rLinkInverse(eta[i]);
        double dmu = LogisticRegression.rMuEta(eta[i]);
        double w = dmu * dmu / (mu * (1 - mu));
        double z = eta[i] + (y[i] - mu) / dmu;
        for (int j = 0; j < p; j++) {
          out[p][j] += x[i][j] * w * z;
          for (int k = 0; k <= j; k++) {
            out[j][k] += x[i][j] * w * x[i][k];
          }
        }
      }
      return out;
    }

    @Override
    public Likelihood likelihood(double[] beta) {
      int p = columns();
      double logLik = 0;
      double[] score = new double[p];
      double[][] info = new double[p][p];
      for (int i = y.length - 1; i >= 0; i--) {
        double e = 0;
        for (int j = 0; j < p; j++) {
          e += x[i][j] * beta[j];
        }
        logLik += y[i] * e - LogisticRegression.log1pExp(e);
        double mu = 1 / (1 + Math.exp(-e));
        for (int j = 0; j < p; j++) {
          score[j] += x[i][j] * (y[i] - mu);
          for (int k = 0; k < p; k++) {
            info[j][k] += x[i][j] * mu * (1 - mu) * x[i][k];
          }
        }
      }
      return new Likelihood(logLik, score, info);
    }

    @Override
    public boolean separated(boolean converged, double[] beta) {
      return Separation.detect(x, y, converged, beta);
    }

    @Override
    public double[] firthScore(double[] beta, double[][] inverse) {
      int p = columns();
      double[] score = new double[p];
      for (int i = y.length - 1; i >= 0; i--) {
        double r = LogisticPasses.firthResidual(x[i], y[i], beta, inverse, p);
        for (int j = 0; j < p; j++) {
          score[j] += x[i][j] * r;
        }
      }
      return score;
    }
  }

  static double[][] design(int n, SplittableRandom r) {
    double[][] x = new double[n][3];
    for (int i = 0; i < n; i++) {
      x[i][0] = 1;
      x[i][1] = 30 + r.nextInt(55);
      x[i][2] = r.nextBoolean() ? 1 : 0;
    }
    return x;
  }

  @Test
  void theFitFromPassesIsTheLocalFit() {
    SplittableRandom r = new SplittableRandom(26);
    int n = 3_000;
    double[][] x = design(n, r);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(-3 + 0.04 * x[i][1] + 0.5 * x[i][2]))) ? 1 : 0;
    }
    List<String> names = List.of("(Intercept)", "age", "male");
    LogisticFit local = LogisticRegression.withDefaults().fit(x, y, names);
    LogisticFit passes = LogisticRegression.withDefaults().fit(new Reversed(x, y), names);
    assertEquals(local.n(), passes.n());
    assertEquals(local.events(), passes.events());
    assertEquals(local.iterations(), passes.iterations());
    assertEquals(local.converged(), passes.converged());
    assertEquals(local.separation(), passes.separation());
    assertEquals(local.logLik(), passes.logLik(), 1e-12 * Math.abs(local.logLik()));
    for (int j = 0; j < 3; j++) {
      Coefficient a = local.coefficients().get(j);
      Coefficient b = passes.coefficients().get(j);
      assertEquals(a.estimate(), b.estimate(), 1e-12 * Math.max(1, Math.abs(a.estimate())), a.term());
      assertEquals(a.se(), b.se(), 1e-12 * a.se(), a.term());
      assertEquals(a.p(), b.p(), 1e-12, a.term());
    }
  }

  @Test
  void separatedDataAreSaidSeparatedThroughThePasses() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 400;
    double[][] x = design(n, r);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      // every male row has the event: quasi-complete separation in the third column
      y[i] = x[i][2] == 1 ? 1 : r.nextDouble() < 0.3 ? 1 : 0;
    }
    List<String> names = List.of("(Intercept)", "age", "male");
    LogisticFit local = LogisticRegression.withDefaults().fit(x, y, names);
    LogisticFit passes = LogisticRegression.withDefaults().fit(new Reversed(x, y), names);
    assertEquals(true, local.separation());
    assertEquals(true, passes.separation());
    assertEquals(local.iterations(), passes.iterations());
    assertEquals(local.converged(), passes.converged());
  }

  /**
   * Firth's fit (penalized likelihood, penalized LR p, profile limits) and maximum likelihood with profile limits from
   * the passes are the local fits: every point of every constrained fit is a sequence of passes.
   */
  @Test
  void firthAndProfileLimitsFromThePassesAreTheLocalFits() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 120;
    double[][] x = design(n, r);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(-3 + 0.04 * x[i][1] + 0.8 * x[i][2]))) ? 1 : 0;
    }
    List<String> names = List.of("(Intercept)", "age", "male");
    for (LogisticRegression m : List.of(
        LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH).with(LogisticRegression.Limits.PROFILE),
        LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH),
        LogisticRegression.withDefaults().with(LogisticRegression.Limits.PROFILE))) {
      LogisticFit local = m.fit(x, y, names);
      LogisticFit passes = m.fit(new Reversed(x, y), names);
      String what = m.method() + "/" + m.limits();
      assertEquals(local.method(), passes.method(), what);
      assertEquals(local.converged(), passes.converged(), what);
      assertEquals(local.separation(), passes.separation(), what);
      assertEquals(local.logLik(), passes.logLik(), 1e-12 * Math.abs(local.logLik()), what);
      for (int j = 0; j < 3; j++) {
        Coefficient a = local.coefficients().get(j);
        Coefficient b = passes.coefficients().get(j);
        String t = what + " " + a.term();
        assertEquals(a.estimate(), b.estimate(), 1e-11 * Math.max(1, Math.abs(a.estimate())), t);
        assertEquals(a.se(), b.se(), 1e-11 * a.se(), t);
        assertEquals(a.p(), b.p(), 1e-11 * Math.max(1e-3, a.p()), t);
        assertEquals(a.ciLow(), b.ciLow(), 1e-10 * a.ciLow(), t);
        assertEquals(a.ciHigh(), b.ciHigh(), 1e-10 * a.ciHigh(), t);
      }
    }
  }

  /** A separated design through the passes: Firth's estimates stay finite, as locally. */
  @Test
  void firthOnSeparatedDataFromThePassesIsTheLocalFit() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 80;
    double[][] x = design(n, r);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i][2] == 1 ? 1 : r.nextDouble() < 0.3 ? 1 : 0;
    }
    List<String> names = List.of("(Intercept)", "age", "male");
    LogisticRegression firth = LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH)
        .with(LogisticRegression.Limits.PROFILE);
    LogisticFit local = firth.fit(x, y, names);
    LogisticFit passes = firth.fit(new Reversed(x, y), names);
    assertEquals(true, local.separation());
    assertEquals(true, passes.separation());
    Coefficient a = local.coefficient("male");
    Coefficient b = passes.coefficient("male");
    assertEquals(true, Double.isFinite(a.estimate()));
    assertEquals(a.estimate(), b.estimate(), 1e-11 * Math.abs(a.estimate()));
    assertEquals(a.ciLow(), b.ciLow(), 1e-10 * a.ciLow());
  }
}
