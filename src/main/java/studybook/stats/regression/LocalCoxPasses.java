package studybook.stats.regression;

import studybook.stats.AccurateSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local engine's {@link CoxPasses}: each pass walks the design's rows in row order and adds each row to the
 * sums of its group (stratum and time) with {@link CoxTimeSums#add}, the same per-row arithmetic the Spark engine
 * runs on its partitions. The design's times are already fixed ({@link CoxRegression#timefix}).
 */
final class LocalCoxPasses implements CoxPasses {
  private final CoxDesign d;
  private final double[] weights;
  private CoxGroups groups;
  private int[] group;

  /** {@code weights}: one positive case weight per row, or null for all 1. */
  LocalCoxPasses(CoxDesign d, double[] weights) {
    this.d = d;
    this.weights = weights;
  }

  private double weight(int i) {
    return weights == null ? 1 : weights[i];
  }

  @Override
  public int columns() {
    return d.columns().size();
  }

  @Override
  public CoxGroups groups() {
    if (groups == null) {
      double[] t = d.timeView();
      boolean[] e = d.eventView();
      int[] s = d.stratumView();
      List<Map<Double, long[]>> byStratum = new ArrayList<>();
      for (int k = 0; k < d.strata().size(); k++) {
        byStratum.add(new TreeMap<>());
      }
      for (int i = 0; i < t.length; i++) {
        long[] c = byStratum.get(s[i]).computeIfAbsent(t[i] + 0.0, k -> new long[2]);
        c[0]++;
        c[1] += e[i] ? 1 : 0;
      }
      groups = CoxGroups.of(byStratum, false);
      group = new int[t.length];
      for (int i = 0; i < t.length; i++) {
        group[i] = groups.group(s[i], t[i]);
      }
    }
    return groups;
  }

  @Override
  public Moments moments() {
    int p = columns();
    double[][] x = d.xView();
    AccurateSum total = new AccurateSum();
    AccurateSum[] sums = new AccurateSum[p];
    boolean[] zeroOne = new boolean[p];
    for (int j = 0; j < p; j++) {
      sums[j] = new AccurateSum();
      zeroOne[j] = true;
    }
    for (int i = 0; i < x.length; i++) {
      double w = weight(i);
      total.add(w);
      for (int j = 0; j < p; j++) {
        double v = x[i][j];
        sums[j].add(w * v);
        zeroOne[j] &= v == 0 || v == 1 || v == -1;
      }
    }
    double[] s = new double[p];
    for (int j = 0; j < p; j++) {
      s[j] = sums[j].value();
    }
    return new Moments(total.value(), s, zeroOne);
  }

  @Override
  public double[] absoluteDeviations(double[] centre) {
    int p = columns();
    double[][] x = d.xView();
    AccurateSum[] abs = new AccurateSum[p];
    for (int j = 0; j < p; j++) {
      abs[j] = new AccurateSum();
    }
    for (int i = 0; i < x.length; i++) {
      double w = weight(i);
      for (int j = 0; j < p; j++) {
        abs[j].add(w * Math.abs(x[i][j] - centre[j]));
      }
    }
    double[] out = new double[p];
    for (int j = 0; j < p; j++) {
      out[j] = abs[j].value();
    }
    return out;
  }

  @Override
  public CoxTimeSums timeSums(CoxTimeSums.Pass pass) {
    CoxGroups g = groups();
    int p = columns();
    CoxTimeSums s = new CoxTimeSums(g.size(), p);
    double[][] x = d.xView();
    boolean[] e = d.eventView();
    double[] c = new double[p];
    for (int i = 0; i < x.length; i++) {
      s.add(group[i], e[i], weight(i), x[i], pass, c);
    }
    return s;
  }

  @Override
  public CoxConcordance concordance(double[] beta, double[] means) {
    double[][] x = d.xView();
    double centre = CoxRegression.centre(beta, means);
    double[] lp = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      lp[i] = CoxRegression.linearPredictor(x[i], beta, centre);
    }
    return CoxConcordance.of(d.startView(), d.timeView(), d.eventView(), d.stratumView(), lp, weights, null);
  }
}
