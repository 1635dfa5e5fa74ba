import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import studybook.claims.Claim;
import studybook.claims.Comparison;
import studybook.claims.Window;

/**
 * Builds the non-curative patients so that the multivariable logistic model for additional treatment
 * (the five categorical terms + tumour size + age) reproduces the claimed odds ratios and p-values.
 *
 * <p>Three stages, because the claimed odds ratios are printed to three decimals: discrete cell
 * counts move a log odds ratio by 0.05-0.5 per patient, far coarser than the windows.
 * <ol>
 *   <li>a simulated-annealing search over the categorical values and outcomes to within a few per
 *       cent of the odds ratios and with standard errors that give the claimed p-values;</li>
 *   <li>a minimum-norm Gauss-Newton adjustment of the continuous sizes and ages to hit every target
 *       at its centre, followed by rounding to 0.1 mm and 1 year, most influential values first,
 *       re-solving the rest each time;</li>
 *   <li>a greedy polish of single and paired grid moves until every claimed value lies in the inner
 *       half of its window.</li>
 * </ol>
 */
final class ModelSearch {
  static final int COLUMNS = 8;
  static final int SIZE = 6;
  static final int AGE = 7;
  static final double SIZE_GRID = 0.1;
  static final double AGE_GRID = 1;
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

  final int n;
  final int[] biopsy;
  final int[] suspected;
  final int[] lvi;
  final int[] margin;
  final double[] y;
  final double[] size;
  final double[] age;
  /** Non-curative only because of size: keep size >= 10 mm. */
  final boolean[] sizeReason;

  private final List<Target> targets = new ArrayList<>();
  private final SplittableRandom random;
  private double[] beta;

  /** One claimed value of the model: an odds ratio or a p-value of a term (design column). */
  record Target(Claim claim, int column, boolean oddsRatio) {
    Window safe() {
      return claim.safeWindow();
    }

    /** The claimed value's smooth counterpart: log odds ratio, or |z| for a p-value. */
    double smoothCentre() {
      Window w = safe();
      double centre = (w.low() + w.high()) / 2;
      return oddsRatio ? Math.log(centre) : zOf(centre);
    }

    /** Half the inner window, on the smooth scale. */
    double smoothTolerance() {
      Window w = safe();
      return oddsRatio ? (Math.log(w.high()) - Math.log(w.low())) / 2 : (zOf(w.low()) - zOf(w.high())) / 2;
    }

    boolean below() {
      return claim.comparison() == Comparison.BELOW;
    }

    double value(FastLogit.Fit f) {
      return oddsRatio ? Math.exp(f.beta()[column]) : 2 * NORMAL.survivalProbability(Math.abs(f.z(column)));
    }

    /** Signed distance from the centre of the inner window in half-widths; for "below", p over the safe bound. */
    double error(FastLogit.Fit f) {
      double v = value(f);
      Window w = safe();
      if (below()) {
        return Math.max(0, v / w.high());
      }
      return (v - (w.low() + w.high()) / 2) / ((w.high() - w.low()) / 2);
    }
  }

  static double zOf(double p) {
    return NORMAL.inverseSurvivalProbability(p / 2);
  }

  ModelSearch(int n, SplittableRandom random) {
    this.n = n;
    this.random = random;
    biopsy = new int[n];
    suspected = new int[n];
    lvi = new int[n];
    margin = new int[n];
    y = new double[n];
    size = new double[n];
    age = new double[n];
    sizeReason = new boolean[n];
  }

  void target(Claim claim, int column, boolean oddsRatio) {
    targets.add(new Target(claim, column, oddsRatio));
  }

  double[][] design() {
    double[][] x = new double[n][COLUMNS];
    for (int i = 0; i < n; i++) {
      x[i] = row(i);
    }
    return x;
  }

  private double[] row(int i) {
    return new double[] {1, biopsy[i], suspected[i], lvi[i], margin[i] == 1 ? 1 : 0, margin[i] == 2 ? 1 : 0,
        size[i], age[i]};
  }

  FastLogit.Fit fit(double[][] x) {
    FastLogit.Fit f = FastLogit.fit(x, y, beta);
    if (!f.ok()) {
      f = FastLogit.fit(x, y, null);
    }
    return f;
  }

  // ---------------------------------------------------------------- stage 1: discrete search

  private double discreteObjective(FastLogit.Fit f) {
    if (!f.ok()) {
      return Double.POSITIVE_INFINITY;
    }
    double s = 0;
    for (Target t : targets) {
      if (t.oddsRatio()) {
        double d = (f.beta()[t.column()] - t.smoothCentre()) / 0.03;
        s += d * d;
      } else if (t.below()) {
        double zMin = zOf(t.safe().high() / 2);
        double d = Math.max(0, zMin - Math.abs(f.z(t.column()))) / 0.05;
        s += d * d;
      } else {
        double d = (Math.abs(f.z(t.column())) - t.smoothCentre()) / (0.3 * t.smoothTolerance());
        s += d * d;
      }
    }
    return s;
  }

  /** Simulated annealing over categorical values and outcomes (event and biopsy totals fixed); returns the objective. */
  double searchDiscrete(int iterations) {
    double[][] x = design();
    FastLogit.Fit f = fit(x);
    double current = discreteObjective(f);
    if (f.ok()) {
      beta = f.beta();
    }
    for (int it = 0; it < iterations && current > 0.05; it++) {
      double temperature = 2.0 * Math.pow(0.002, (double) it / iterations);
      int kind = random.nextInt(5);
      int i = random.nextInt(n);
      int j = random.nextInt(n);
      Runnable undo;
      switch (kind) {
        case 0 -> {
          suspected[i] ^= 1;
          undo = () -> suspected[i] ^= 1;
        }
        case 1 -> {
          lvi[i] ^= 1;
          undo = () -> lvi[i] ^= 1;
        }
        case 2 -> {
          int old = margin[i];
          margin[i] = (old + 1 + random.nextInt(2)) % 3;
          undo = () -> margin[i] = old;
        }
        case 3 -> {
          if (y[i] == y[j]) {
            continue;
          }
          swap(y, i, j);
          undo = () -> swap(y, i, j);
        }
        default -> {
          if (biopsy[i] == biopsy[j]) {
            continue;
          }
          swapInt(biopsy, i, j);
          undo = () -> swapInt(biopsy, i, j);
        }
      }
      x[i] = row(i);
      x[j] = row(j);
      FastLogit.Fit g = fit(x);
      double candidate = discreteObjective(g);
      if (candidate <= current || random.nextDouble() < Math.exp((current - candidate) / temperature)) {
        current = candidate;
        beta = g.beta();
      } else {
        undo.run();
        x[i] = row(i);
        x[j] = row(j);
      }
    }
    return current;
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static void swapInt(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  // ---------------------------------------------------------------- stage 2: continuous adjustment

  /** A size (column SIZE) or age (column AGE) value of one patient. */
  private record Variable(int patient, int column) {}

  private double get(Variable v) {
    return v.column() == SIZE ? size[v.patient()] : age[v.patient()];
  }

  private void set(Variable v, double value) {
    if (v.column() == SIZE) {
      size[v.patient()] = value;
    } else {
      age[v.patient()] = value;
    }
  }

  private double low(Variable v) {
    return v.column() == AGE ? 22 : sizeReason[v.patient()] ? 10.2 : 2.6;
  }

  private double high(Variable v) {
    return v.column() == AGE ? 78 : 19.4;
  }

  private static double grid(Variable v) {
    return v.column() == SIZE ? SIZE_GRID : AGE_GRID;
  }

  /** The smooth targets the Gauss-Newton stage aims at (odds ratios and windowed p-values). */
  private List<Target> smoothTargets() {
    return targets.stream().filter(t -> !t.below()).toList();
  }

  private double[] smoothValues(FastLogit.Fit f, List<Target> ts) {
    double[] g = new double[ts.size()];
    for (int k = 0; k < g.length; k++) {
      Target t = ts.get(k);
      g[k] = t.oddsRatio() ? f.beta()[t.column()] : Math.abs(f.z(t.column()));
    }
    return g;
  }

  /** d(smooth values)/d(variable) by forward differences, warm-started from the current fit. */
  private double[][] jacobian(List<Variable> free, List<Target> ts, double[][] x, FastLogit.Fit at) {
    double[] g0 = smoothValues(at, ts);
    double[][] jac = new double[ts.size()][free.size()];
    double[] saved = beta;
    beta = at.beta();
    for (int v = 0; v < free.size(); v++) {
      Variable var = free.get(v);
      double h = var.column() == SIZE ? 1e-4 : 1e-3;
      int i = var.patient();
      double old = x[i][var.column()];
      x[i][var.column()] = old + h;
      FastLogit.Fit f = fit(x);
      x[i][var.column()] = old;
      double[] g = smoothValues(f, ts);
      for (int k = 0; k < g.length; k++) {
        jac[k][v] = (g[k] - g0[k]) / h;
      }
    }
    beta = saved;
    return jac;
  }

  /**
   * Minimum-norm Gauss-Newton on the free variables (scaled: 1 mm of size ~ 3 years of age) until every
   * smooth target sits at its centre; returns the largest remaining error in tolerances.
   */
  double solveContinuous(List<Variable> free, int maxIterations) {
    List<Target> ts = smoothTargets();
    double worst = Double.POSITIVE_INFINITY;
    for (int it = 0; it < maxIterations; it++) {
      double[][] x = design();
      FastLogit.Fit f = fit(x);
      if (!f.ok()) {
        return Double.POSITIVE_INFINITY;
      }
      beta = f.beta();
      double[] g = smoothValues(f, ts);
      double[] r = new double[ts.size()];
      worst = 0;
      for (int k = 0; k < r.length; k++) {
        r[k] = ts.get(k).smoothCentre() - g[k];
        worst = Math.max(worst, Math.abs(r[k]) / ts.get(k).smoothTolerance());
      }
      if (worst < 1e-3 || free.isEmpty()) {
        return worst;
      }
      double[][] jac = jacobian(free, ts, x, f);
      double[] scale = new double[free.size()];
      for (int v = 0; v < scale.length; v++) {
        scale[v] = free.get(v).column() == SIZE ? 1 : 3;
        // Values near a bound move less, so nothing piles up on the bounds.
        Variable var = free.get(v);
        double room = Math.min(get(var) - low(var), high(var) - get(var)) / (var.column() == SIZE ? 1 : 3);
        scale[v] *= Math.min(1, Math.max(0.05, room));
      }
      int m = ts.size();
      double[][] a = new double[m][m];
      for (int k = 0; k < m; k++) {
        for (int l = 0; l < m; l++) {
          double s = 0;
          for (int v = 0; v < scale.length; v++) {
            s += jac[k][v] * jac[l][v] * scale[v] * scale[v];
          }
          a[k][l] = s;
        }
      }
      for (int k = 0; k < m; k++) {
        a[k][k] *= 1 + 1e-10;
      }
      double[][] inv = FastLogit.invert(a);
      if (inv == null) {
        return worst;
      }
      double[] lambda = new double[m];
      for (int k = 0; k < m; k++) {
        for (int l = 0; l < m; l++) {
          lambda[k] += inv[k][l] * r[l];
        }
      }
      double[] step = new double[free.size()];
      double biggest = 0;
      for (int v = 0; v < step.length; v++) {
        double s = 0;
        for (int k = 0; k < m; k++) {
          s += jac[k][v] * lambda[k];
        }
        step[v] = s * scale[v] * scale[v];
        biggest = Math.max(biggest, Math.abs(step[v]) / (free.get(v).column() == SIZE ? 1 : 3));
      }
      double damp = biggest > 1.5 ? 1.5 / biggest : 1;
      for (int v = 0; v < step.length; v++) {
        Variable var = free.get(v);
        set(var, Math.min(high(var), Math.max(low(var), get(var) + damp * step[v])));
      }
    }
    return worst;
  }

  /** All adjustable sizes and ages. */
  List<Variable> variables() {
    List<Variable> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      vs.add(new Variable(i, SIZE));
      vs.add(new Variable(i, AGE));
    }
    return vs;
  }

  /** Rounds every variable to its grid, most influential first, re-solving the rest after each batch. */
  void roundAll() {
    List<Variable> free = new ArrayList<>(variables());
    List<Target> ts = smoothTargets();
    while (free.size() > 24) {
      double[][] x = design();
      FastLogit.Fit f = fit(x);
      double[][] jac = jacobian(free, ts, x, f);
      double[] influence = new double[free.size()];
      for (int v = 0; v < influence.length; v++) {
        for (int k = 0; k < ts.size(); k++) {
          influence[v] = Math.max(influence[v], Math.abs(jac[k][v]) * grid(free.get(v)) / ts.get(k).smoothTolerance());
        }
      }
      Integer[] order = new Integer[free.size()];
      for (int v = 0; v < order.length; v++) {
        order[v] = v;
      }
      Arrays.sort(order, (p, q) -> Double.compare(influence[q], influence[p]));
      int batch = Math.max(1, free.size() / 6);
      List<Variable> chosen = new ArrayList<>();
      for (int b = 0; b < batch; b++) {
        chosen.add(free.get(order[b]));
      }
      for (Variable v : chosen) {
        set(v, snap(v, get(v)));
      }
      free.removeAll(chosen);
      solveContinuous(free, 8);
    }
    for (Variable v : free) {
      set(v, snap(v, get(v)));
    }
  }

  private double snap(Variable v, double value) {
    double g = grid(v);
    double snapped = Math.round(value / g) * g;
    snapped = Math.min(high(v), Math.max(low(v), snapped));
    // Keep exact decimal values (0.1 mm), not binary neighbours of them.
    return Math.round(snapped * 10) / 10.0;
  }

  // ---------------------------------------------------------------- stage 3: polish on the grid

  /** The worst claimed value, in half-widths of its inner window (for "below": p over its safe bound). */
  double worstError() {
    FastLogit.Fit f = fit(design());
    return f.ok() ? worst(errors(f)) : Double.POSITIVE_INFINITY;
  }

  private double[] errors(FastLogit.Fit f) {
    double[] e = new double[targets.size()];
    for (int k = 0; k < e.length; k++) {
      e[k] = targets.get(k).error(f);
    }
    return e;
  }

  private static double worst(double[] e) {
    double w = 0;
    for (double v : e) {
      w = Math.max(w, Math.abs(v));
    }
    return w;
  }

  private static double spread(double[] e) {
    double s = 0;
    for (double v : e) {
      double a = Math.max(0, Math.abs(v) - 0.2);
      s += a * a;
    }
    return s;
  }

  /** Greedy single and paired grid moves until every claimed value is within {@code goal} half-widths. */
  double polish(double goal, int rounds) {
    List<Variable> vars = variables();
    for (int round = 0; round < rounds; round++) {
      double[][] x = design();
      FastLogit.Fit f = fit(x);
      if (!f.ok()) {
        return Double.POSITIVE_INFINITY;
      }
      beta = f.beta();
      double[] e0 = errors(f);
      if (worst(e0) <= goal) {
        return worst(e0);
      }
      List<double[]> deltas = new ArrayList<>();
      List<int[]> moves = new ArrayList<>();
      for (int v = 0; v < vars.size(); v++) {
        Variable var = vars.get(v);
        for (int dir = -1; dir <= 1; dir += 2) {
          double to = snap(var, get(var) + dir * grid(var));
          if (to == get(var)) {
            continue;
          }
          int i = var.patient();
          double old = x[i][var.column()];
          x[i][var.column()] = to;
          FastLogit.Fit g = fit(x);
          x[i][var.column()] = old;
          if (!g.ok()) {
            continue;
          }
          double[] e = errors(g);
          double[] d = new double[e.length];
          for (int k = 0; k < e.length; k++) {
            d[k] = e[k] - e0[k];
          }
          deltas.add(d);
          moves.add(new int[] {v, dir});
        }
      }
      double best = spread(e0);
      int bestA = -1;
      int bestB = -1;
      double[] trial = new double[e0.length];
      for (int a = 0; a < deltas.size(); a++) {
        for (int b = a; b < deltas.size(); b++) {
          if (b != a && moves.get(a)[0] == moves.get(b)[0]) {
            continue;
          }
          for (int k = 0; k < trial.length; k++) {
            trial[k] = e0[k] + deltas.get(a)[k] + (b == a ? 0 : deltas.get(b)[k]);
          }
          double s = spread(trial);
          if (s < best) {
            best = s;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (bestA < 0) {
        return worst(e0);
      }
      apply(vars, moves.get(bestA));
      if (bestB != bestA) {
        apply(vars, moves.get(bestB));
      }
    }
    return worstError();
  }

  private void apply(List<Variable> vars, int[] move) {
    Variable v = vars.get(move[0]);
    set(v, snap(v, get(v) + move[1] * grid(v)));
  }
}
