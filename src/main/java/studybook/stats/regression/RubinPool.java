package studybook.stats.regression;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Rubin's rules for m completed-data fits, as {@code summary(mice::pool(fits), conf.int = TRUE)} (mice
 * 3.15): the pooled estimate is the mean, its variance t = ū + (1 + 1/m) b (ū the mean within-imputation
 * variance, b the between-imputation variance), the degrees of freedom Barnard and Rubin's (1999) with the
 * complete-data df (mice's {@code barnard.rubin}: λ floored at 1e-4 for the df), t-based p and 95% limits,
 * and riv = (1 + 1/m) b / ū, λ = (1 + 1/m) b / t, fmi = (riv + 2/(df + 3))/(riv + 1).
 */
public final class RubinPool {
  /** One pooled coefficient. */
  public record Term(String term, double estimate, double se, double statistic, double df, double p, double ciLow,
      double ciHigh, double riv, double lambda, double fmi) {}

  private RubinPool() {}

  /**
   * Pools per-term estimates and standard errors.
   *
   * @param terms the term names
   * @param estimates m rows, one estimate per term
   * @param se m rows, one standard error per term
   * @param dfCom the complete-data degrees of freedom (Infinity for none)
   */
  public static List<Term> pool(List<String> terms, double[][] estimates, double[][] se, double dfCom) {
    int m = estimates.length;
    if (m < 2) {
      throw new IllegalArgumentException("pooling needs two or more imputed data sets, not " + m);
    }
    List<Term> out = new ArrayList<>();
    for (int j = 0; j < terms.size(); j++) {
      double qbar = 0;
      double ubar = 0;
      for (int k = 0; k < m; k++) {
        qbar += estimates[k][j];
        ubar += se[k][j] * se[k][j];
      }
      qbar /= m;
      ubar /= m;
      double b = 0;
      for (int k = 0; k < m; k++) {
        b += (estimates[k][j] - qbar) * (estimates[k][j] - qbar);
      }
      b /= m - 1;
      double t = ubar + (1 + 1.0 / m) * b;
      double riv = (1 + 1.0 / m) * b / ubar;
      double lambda = (1 + 1.0 / m) * b / t;
      double df = barnardRubin(m, b, t, dfCom);
      double fmi = (riv + 2 / (df + 3)) / (riv + 1);
      double seT = Math.sqrt(t);
      double statistic = qbar / seT;
      TDistribution dist = TDistribution.of(df);
      double p = 2 * dist.survivalProbability(Math.abs(statistic));
      double q = dist.inverseSurvivalProbability(0.025);
      out.add(new Term(terms.get(j), qbar, seT, statistic, df, p, qbar - q * seT, qbar + q * seT, riv, lambda, fmi));
    }
    return out;
  }

  /** mice's barnard.rubin(m, b, t, dfcom). */
  static double barnardRubin(int m, double b, double t, double dfCom) {
    double lambda = Math.max((1 + 1.0 / m) * b / t, 1e-4);
    double dfOld = (m - 1) / (lambda * lambda);
    if (Double.isInfinite(dfCom)) {
      return dfOld;
    }
    double dfObs = (dfCom + 1) / (dfCom + 3) * dfCom * (1 - lambda);
    return dfOld * dfObs / (dfOld + dfObs);
  }
}
