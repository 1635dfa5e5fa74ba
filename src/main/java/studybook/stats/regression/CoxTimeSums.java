package studybook.stats.regression;

import studybook.stats.AccurateSum;
import java.io.Serializable;

/**
 * The sums one pass of a Cox fit makes over the rows, per group of {@link CoxGroups} (a stratum and a time):
 * for the rows censored at that time, the sums of r, r c and r c c' (lower triangle); for the rows with an event
 * there, the same and the sums of w, w eta and w c; and the number of events. Here c = (x - centre) * scale is a
 * row's covariates as the pass centres and scales them, eta = sum_j beta_j (x_j - etaCentre_j) etaScale_j its
 * linear predictor, w its case weight and r = exp(eta) w. The risk sets are then cumulative sums of these from
 * the last time down, which {@link CoxNewton} and {@link CoxPhTest} make on the driver, whoever summed the rows.
 *
 * <p>Each cell is an {@link AccurateSum} (kept in arrays), and two sums are combined cell by cell
 * ({@link #add(CoxTimeSums)}), so partial sums over partitions added in a fixed order give the local engine's
 * sums in row order, nearly always to the bit.
 */
public final class CoxTimeSums implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * What one pass computes: each row's covariates c = (x - centre) * scale and its linear predictor eta =
   * sum_j beta_j ((x_j - etaCentre_j) * etaScale_j); with {@code etaCentre} null, eta = sum_j beta_j c_j.
   */
  public record Pass(double[] beta, double[] centre, double[] scale, double[] etaCentre, double[] etaScale)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Pass {
      beta = beta.clone();
      centre = centre.clone();
      scale = scale.clone();
      etaCentre = etaCentre == null ? null : etaCentre.clone();
      etaScale = etaScale == null ? null : etaScale.clone();
    }
  }

  private final int p;
  private final int tri;
  private final int width;
  private final double[] sum;
  private final double[] cs;
  private final double[] ccs;
  private final long[] deaths;

  /** Zero sums for {@code groups} groups and {@code p} covariates. */
  public CoxTimeSums(int groups, int p) {
    this.p = p;
    this.tri = p * (p + 1) / 2;
    this.width = 2 * (1 + p + tri) + 2 + p;
    this.sum = new double[groups * width];
    this.cs = new double[groups * width];
    this.ccs = new double[groups * width];
    this.deaths = new long[groups];
  }

  /**
   * Adds one row: its group, whether it ends in an event, its case weight and covariates; {@code c} is scratch
   * of length p.
   */
  public void add(int group, boolean event, double weight, double[] x, Pass pass, double[] c) {
    double[] centre = pass.centre();
    double[] scale = pass.scale();
    double[] beta = pass.beta();
    for (int j = 0; j < p; j++) {
      c[j] = (x[j] - centre[j]) * scale[j];
    }
    double eta = 0;
    if (pass.etaCentre() == null) {
      for (int j = 0; j < p; j++) {
        eta += beta[j] * c[j];
      }
    } else {
      double[] ec = pass.etaCentre();
      double[] es = pass.etaScale();
      for (int j = 0; j < p; j++) {
        eta += beta[j] * ((x[j] - ec[j]) * es[j]);
      }
    }
    double risk = Math.exp(eta) * weight;
    int at = group * width + (event ? 1 + p + tri : 0);
    add(at++, risk);
    for (int i = 0; i < p; i++) {
      add(at++, risk * c[i]);
    }
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        add(at++, risk * c[i] * c[j]);
      }
    }
    if (event) {
      deaths[group]++;
      add(at++, weight);
      add(at++, weight * eta);
      for (int i = 0; i < p; i++) {
        add(at++, weight * c[i]);
      }
    }
  }

  private void add(int cell, double v) {
    AccurateSum.add(sum, cs, ccs, cell, v);
  }

  /** Adds another pass's sums (over other rows) cell by cell. */
  public void add(CoxTimeSums other) {
    if (other.sum.length != sum.length) {
      throw new IllegalArgumentException("sums of different shapes");
    }
    for (int k = 0; k < sum.length; k++) {
      add(k, other.sum[k]);
      add(k, other.cs[k]);
      add(k, other.ccs[k]);
    }
    for (int g = 0; g < deaths.length; g++) {
      deaths[g] += other.deaths[g];
    }
  }

  int p() {
    return p;
  }

  private double cell(int k) {
    return sum[k] + (cs[k] + ccs[k]);
  }

  long deaths(int g) {
    return deaths[g];
  }

  /**
   * Moves the running risk-set sums from the group after g (of the same stratum) to g: with {@code restart} (g is
   * the last group of its stratum) they start from zero; the censored rows of g are added to {@code a} (sums of
   * r c) and {@code cmat} (lower triangle of the sums of r c c'), and the new sum of r is returned.
   */
  double riskSet(int g, boolean restart, double denom, double[] a, double[][] cmat) {
    if (restart) {
      denom = 0;
      java.util.Arrays.fill(a, 0);
      for (double[] row : cmat) {
        java.util.Arrays.fill(row, 0);
      }
    }
    int at = g * width;
    denom += cell(at++);
    for (int i = 0; i < p; i++) {
      a[i] += cell(at++);
    }
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        cmat[i][j] += cell(at++);
      }
    }
    return denom;
  }

  /** Sum of r over the censored rows of group g (event false) or its events (event true). */
  double risk(int g, boolean event) {
    return cell(g * width + (event ? 1 + p + tri : 0));
  }

  /** Into {@code a}: the sums of r c over the censored rows or the events of group g. */
  void weighted(int g, boolean event, double[] a) {
    int at = g * width + (event ? 1 + p + tri : 0) + 1;
    for (int i = 0; i < p; i++) {
      a[i] = cell(at + i);
    }
  }

  /** Into {@code m} (lower triangle, m[i][j] with j at most i): the sums of r c c'. */
  void squares(int g, boolean event, double[][] m) {
    int at = g * width + (event ? 1 + p + tri : 0) + 1 + p;
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        m[i][j] = cell(at++);
      }
    }
  }

  /** The sum of the case weights of the events of group g. */
  double deadWeight(int g) {
    return cell(g * width + 2 * (1 + p + tri));
  }

  /** The sum of w eta over the events of group g. */
  double weightedEta(int g) {
    return cell(g * width + 2 * (1 + p + tri) + 1);
  }

  /** Into {@code u}: the sums of w c over the events of group g. */
  void eventCovariates(int g, double[] u) {
    int at = g * width + 2 * (1 + p + tri) + 2;
    for (int i = 0; i < p; i++) {
      u[i] = cell(at + i);
    }
  }
}
