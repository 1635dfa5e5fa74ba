package studybook.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/** The log-rank test (Mantel-Haenszel weights, rho = 0) for any number of groups. */
public final class LogRank {
  private LogRank() {}

  /**
   * Log-rank chi-square over the groups with expected events above 0; as survival::survdiff(rho = 0).
   *
   * @param group the group of each patient as an index into {@code levels}; a group may be empty
   */
  public static LogRankTest test(double[] time, boolean[] event, int[] group, List<String> levels) {
    return test(TimeCounts.of(time, event, group, levels));
  }

  /**
   * The log-rank test from the events and censorings by distinct time of each group (the groups are the
   * counts' groups, in order; a group may be empty); as survival::survdiff(rho = 0).
   */
  public static LogRankTest test(TimeCounts counts) {
    List<String> levels = counts.groups();
    int k = levels.size();
    int[] atRisk = new int[k];
    int[] observed = new int[k];
    for (int g = 0; g < k; g++) {
      atRisk[g] = counts.n(g);
    }
    double[] expected = new double[k];
    double[][] variance = new double[k][k];
    int remaining = counts.n();
    int events = 0;
    int[] deaths = new int[k];
    int[] leaving = new int[k];
    for (int i = 0; i < counts.times().length; i++) {
      int d = 0;
      for (int g = 0; g < k; g++) {
        deaths[g] = counts.events()[g][i];
        leaving[g] = deaths[g] + counts.censored()[g][i];
        d += deaths[g];
      }
      if (d > 0) {
        double n = remaining;
        double spread = remaining > 1 ? d * (n - d) / (n - 1) : 0;
        for (int g = 0; g < k; g++) {
          observed[g] += deaths[g];
          double share = atRisk[g] / n;
          expected[g] += d * share;
          for (int h = 0; h < k; h++) {
            variance[g][h] += spread * share * ((g == h ? 1 : 0) - atRisk[h] / n);
          }
        }
        events += d;
      }
      for (int g = 0; g < k; g++) {
        atRisk[g] -= leaving[g];
        remaining -= leaving[g];
      }
    }
    List<Integer> obs = Arrays.stream(observed).boxed().toList();
    List<Double> exp = Arrays.stream(expected).boxed().toList();
    int[] used = IntStream.range(0, k).filter(g -> expected[g] > 0).toArray();
    if (used.length < 2) {
      String why = events == 0 ? "no events, so there is nothing to compare"
          : "fewer than two groups have patients at risk when events occur";
      return notComputable(levels, obs, exp, why);
    }
    // As survdiff: drop the first group that has expected events; the rest carry all the information.
    int m = used.length - 1;
    double[][] v = new double[m][m];
    double[] diff = new double[m];
    for (int a = 0; a < m; a++) {
      diff[a] = observed[used[a + 1]] - expected[used[a + 1]];
      for (int b = 0; b < m; b++) {
        v[a][b] = variance[used[a + 1]][used[b + 1]];
      }
    }
    double chisq;
    try {
      RealVector u = new ArrayRealVector(diff, false);
      chisq = new LUDecomposition(new Array2DRowRealMatrix(v, false)).getSolver().solve(u).dotProduct(u);
    } catch (SingularMatrixException e) {
      return notComputable(levels, obs, exp, "the variance of the log-rank statistic is singular");
    }
    double p = ChiSquaredDistribution.of(m).survivalProbability(chisq);
    return new LogRankTest(levels, obs, exp, OptionalDouble.of(chisq), OptionalInt.of(m), OptionalDouble.of(p),
        Optional.empty());
  }

  private static LogRankTest notComputable(List<String> levels, List<Integer> obs, List<Double> exp, String why) {
    return new LogRankTest(new ArrayList<>(levels), obs, exp, OptionalDouble.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), Optional.of(why));
  }
}
