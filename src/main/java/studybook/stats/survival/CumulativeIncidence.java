package studybook.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import studybook.stats.regression.RankRevealingQr;

/**
 * Competing risks: the Aalen-Johansen cumulative incidence of an event of interest and of its competing
 * events per group, as {@code survival::survfit(Surv(time, factor(status)) ~ group)}, and Gray's test
 * of equal incidence of the event of interest across groups, as {@code cmprsk::cuminc(...)$Tests}
 * (rho = 0, one stratum).
 *
 * <p>Status codes: 0 censored, 1 the event of interest, 2 (or more) a competing event. Without delayed
 * entry or weights the Aalen-Johansen estimate is F(t) = sum over event times s <= t of S(s-) d(s) / Y(s),
 * S the all-cause Kaplan-Meier. Gray's test is written by hand from Gray (1988, Ann Stat 16:1141-54): no
 * Java library has it; its score and variance follow the paper's estimators, checked against cmprsk.
 */
public final class CumulativeIncidence {
  private CumulativeIncidence() {}

  /** Status of a censored observation. */
  public static final int CENSORED = 0;
  /** Status of the event of interest. */
  public static final int EVENT = 1;
  /** Status of a competing event (any value above 1 is competing too). */
  public static final int COMPETING = 2;

  /**
   * Curves per group and, with two or more groups that have patients, Gray's test.
   *
   * @param time observed times, finite and not negative
   * @param status 0 censored, 1 event of interest, 2 or more competing
   * @param group the group index of each row, 0..levels-1
   * @param levels the group names
   */
  public static CumulativeIncidenceFit fit(double[] time, int[] status, int[] group, List<String> levels) {
    boolean[] any = new boolean[time.length];
    for (int i = 0; i < status.length; i++) {
      if (status[i] < 0) {
        throw new IllegalArgumentException("status must be 0, 1 or 2, not " + status[i]);
      }
      any[i] = status[i] != CENSORED;
    }
    SurvivalInput.check(time, any, group, levels.size());
    return fit(CompetingCounts.of(time, status, group, levels));
  }

  /**
   * Curves per group and, with two or more groups that have patients, Gray's test, from the counts of events of
   * interest, competing events and censorings at each distinct time per group (the sufficient statistics: an
   * engine that counts on a cluster calls this, and the row-taking method counts its rows and calls it too).
   */
  public static CumulativeIncidenceFit fit(CompetingCounts counts) {
    List<String> levels = counts.groups();
    List<CumulativeIncidenceCurve> curves = new ArrayList<>();
    int withPatients = 0;
    for (int g = 0; g < levels.size(); g++) {
      CumulativeIncidenceCurve c = curve(counts, g);
      curves.add(c);
      withPatients += c.n() > 0 ? 1 : 0;
    }
    Optional<CumulativeIncidenceFit.GrayTest> gray = levels.size() < 2 ? Optional.empty()
        : Optional.of(withPatients < 2
            ? notComputable("fewer than two groups have patients")
            : grayTest(counts));
    return new CumulativeIncidenceFit(curves, gray);
  }

  private static CumulativeIncidenceCurve curve(CompetingCounts counts, int g) {
    int n = counts.n(g);
    double[] t = counts.times();
    int[] e1 = counts.events()[g];
    int[] e2 = counts.competing()[g];
    int[] c0 = counts.censored()[g];
    List<Double> times = new ArrayList<>();
    List<Integer> atRisk = new ArrayList<>();
    List<Double> incidence = new ArrayList<>();
    List<Double> competing = new ArrayList<>();
    double survival = 1;
    double f1 = 0;
    double f2 = 0;
    int events = 0;
    int competingEvents = 0;
    int risk = n;
    for (int i = 0; i < t.length; i++) {
      int d1 = e1[i];
      int d2 = e2[i];
      int leaving = d1 + d2 + c0[i];
      if (leaving == 0) {
        continue; // a time of another group only
      }
      f1 += survival * d1 / risk;
      f2 += survival * d2 / risk;
      times.add(t[i]);
      atRisk.add(risk);
      incidence.add(f1);
      competing.add(f2);
      survival *= (risk - d1 - d2) / (double) risk;
      events += d1;
      competingEvents += d2;
      risk -= leaving;
    }
    return new CumulativeIncidenceCurve(counts.groups().get(g), n, events, competingEvents, times, atRisk, incidence,
        competing);
  }

  private static CumulativeIncidenceFit.GrayTest notComputable(String why) {
    return new CumulativeIncidenceFit.GrayTest(OptionalDouble.empty(), OptionalInt.empty(), OptionalDouble.empty(),
        Optional.of(why));
  }

  /**
   * Gray's score s (one entry per group but the last) and its variance, accumulated over the distinct
   * times in increasing order. At each time with a failure, per group k with Y_k at risk: the
   * left-continuous all-cause Kaplan-Meier S_k-, the left-continuous incidence F_k-, R_k = Y_k / S_k-;
   * the pooled incidence F grows by d1 / sum R. The score adds d1_k - d1 R_k (1 - F_k-) / sum_j R_j (1 - F_j-);
   * the variance is the paper's estimator of the variance of the score process (its influence terms
   * from events of interest and from competing events, with the tie corrections).
   */
  private static CumulativeIncidenceFit.GrayTest grayTest(CompetingCounts counts) {
    int groups = counts.groups().size();
    double[] times = counts.times();
    // Groups without patients take no part, as cuminc drops empty levels.
    int[] index = new int[groups];
    int ng = 0;
    for (int g = 0; g < groups; g++) {
      index[g] = counts.n(g) > 0 ? ng++ : -1;
    }
    int m = ng - 1;
    double[] risk = new double[ng];
    for (int g = 0; g < groups; g++) {
      if (index[g] >= 0) {
        risk[index[g]] = counts.n(g);
      }
    }
    double[] survBefore = new double[ng];
    double[] survAfter = new double[ng];
    double[] incBefore = new double[ng];
    double[] incAfter = new double[ng];
    Arrays.fill(survBefore, 1);
    Arrays.fill(survAfter, 1);
    double pooledBefore = 0;
    double pooled = 0;
    double[] score = new double[m];
    double[][] variance = new double[m][m];
    double[][] cumC = new double[ng][ng];
    double[] v3 = new double[ng];
    double[][] v2 = new double[m][ng];
    double[][] a = new double[ng][ng];
    int[] d1 = new int[ng];
    int[] d2 = new int[ng];
    int[] leaving = new int[ng];
    for (int i = 0; i < times.length; i++) {
      for (int g = 0; g < groups; g++) {
        int at = index[g];
        if (at >= 0) {
          d1[at] = counts.events()[g][i];
          d2[at] = counts.competing()[g][i];
          leaving[at] = d1[at] + d2[at] + counts.censored()[g][i];
        }
      }
      int total1 = Arrays.stream(d1).sum();
      int total2 = Arrays.stream(d2).sum();
      if (total1 + total2 > 0) {
        double sumR = 0;
        double sumQ = 0;
        for (int g = 0; g < ng; g++) {
          if (risk[g] <= 0) {
            continue;
          }
          survAfter[g] = survBefore[g] * (risk[g] - d1[g] - d2[g]) / risk[g];
          incAfter[g] = incBefore[g] + survBefore[g] * d1[g] / risk[g];
          sumR += risk[g] / survBefore[g];
          sumQ += risk[g] * (1 - incBefore[g]) / survBefore[g];
        }
        pooled = pooledBefore + total1 / sumR;
        double weight = 1; // (1 - F-)^rho with rho = 0
        double scaleC = total1 / (sumR * (1 - pooledBefore));
        for (double[] row : a) {
          Arrays.fill(row, 0);
        }
        for (int g = 0; g < ng; g++) {
          if (risk[g] <= 0) {
            continue;
          }
          double rg = risk[g] / survBefore[g];
          a[g][g] = weight * rg * (1 - rg / sumR);
          for (int h = g + 1; h < ng; h++) {
            if (risk[h] > 0) {
              a[g][h] = -weight * rg * risk[h] / (survBefore[h] * sumR);
            }
          }
        }
        for (int g = 0; g < ng; g++) {
          for (int h = g; h < ng; h++) {
            cumC[g][h] += a[g][h] * scaleC;
          }
        }
        for (int g = 0; g < ng; g++) {
          for (int h = 0; h < g; h++) {
            a[g][h] = a[h][g];
            cumC[g][h] = cumC[h][g];
          }
        }
        for (int g = 0; g < m; g++) {
          if (risk[g] > 0) {
            score[g] += weight * (d1[g] - total1 * risk[g] * (1 - incBefore[g]) / (survBefore[g] * sumQ));
          }
        }
        if (total1 > 0) {
          for (int k = 0; k < ng; k++) {
            if (risk[k] <= 0) {
              continue;
            }
            double u = survAfter[k] > 0 ? 1 - (1 - pooled) / survAfter[k] : 1;
            double tie = total1 > 1 ? 1 - (total1 - 1) / (sumR * survBefore[k] - 1) : 1;
            double w = tie * survBefore[k] * total1 / (sumR * risk[k]);
            v3[k] += u * u * w;
            for (int g = 0; g < m; g++) {
              double eg = a[g][k] - u * cumC[g][k];
              v2[g][k] += eg * u * w;
              for (int h = 0; h <= g; h++) {
                variance[g][h] += eg * (a[h][k] - u * cumC[h][k]) * w;
              }
            }
          }
        }
        if (total2 > 0) {
          for (int k = 0; k < ng; k++) {
            if (survAfter[k] <= 0 || d2[k] <= 0) {
              continue;
            }
            double u = (1 - pooled) / survAfter[k];
            double tie = d2[k] > 1 ? 1 - (d2[k] - 1.0) / (risk[k] - 1.0) : 1;
            double w = tie * survBefore[k] * survBefore[k] * d2[k] / (risk[k] * risk[k]);
            v3[k] += u * u * w;
            for (int g = 0; g < m; g++) {
              double eg = u * cumC[g][k];
              v2[g][k] -= eg * u * w;
              for (int h = 0; h <= g; h++) {
                variance[g][h] += eg * u * cumC[h][k] * w;
              }
            }
          }
        }
      }
      for (int g = 0; g < ng; g++) {
        risk[g] -= leaving[g];
      }
      pooledBefore = pooled;
      System.arraycopy(incAfter, 0, incBefore, 0, ng);
      System.arraycopy(survAfter, 0, survBefore, 0, ng);
    }
    for (int g = 0; g < m; g++) {
      for (int h = 0; h <= g; h++) {
        for (int k = 0; k < ng; k++) {
          variance[g][h] += cumC[g][k] * cumC[h][k] * v3[k] + cumC[g][k] * v2[h][k] + cumC[h][k] * v2[g][k];
        }
        variance[h][g] = variance[g][h];
      }
    }
    // cuminc inverts V by qr() (tolerance 1e-7) and reports -1 when it is singular
    RankRevealingQr qr = RankRevealingQr.of(variance, RankRevealingQr.LM_TOLERANCE);
    if (qr.rank() < m) {
      return notComputable(Arrays.stream(score).allMatch(s -> s == 0) && counts.totalEvents() == 0
          ? "no event of interest" : "the variance of the scores is singular");
    }
    RealMatrix v = new Array2DRowRealMatrix(variance, false);
    double[] solved = new org.apache.commons.math3.linear.LUDecomposition(v).getSolver()
        .solve(new org.apache.commons.math3.linear.ArrayRealVector(score)).toArray();
    double chisq = 0;
    for (int g = 0; g < m; g++) {
      chisq += score[g] * solved[g];
    }
    return new CumulativeIncidenceFit.GrayTest(OptionalDouble.of(chisq), OptionalInt.of(m),
        OptionalDouble.of(ChiSquaredDistribution.of(m).survivalProbability(chisq)), Optional.empty());
  }
}
