package studybook.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import studybook.StudybookException;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.stats.propensity.BalanceColumn;
import studybook.stats.propensity.PropensityResult;
import studybook.stats.propensity.PropensityScore;
import studybook.stats.propensity.PropensityScore.Estimand;
import studybook.stats.propensity.PropensityScore.Method;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * Propensity scores in a study, as the {@code propensity} command computes them (docs/CONTRACT.md,
 * "propensity"): a cell names the treatment, its treated value and the covariates, and gets the fit, a
 * weighted or matched frame for the outcome models, and the balance table ("Table 1 after weighting"):
 * <pre>{@code
 * Propensity.Fit ps = Propensity.of(data).treatment("arm", "surgery").covariates("age", "sex", "stage").fit();
 * Frame weighted = ps.weighted();            // the rows used, with columns ps and weight
 * BalanceTable balance = ps.balance("balance");
 * }</pre>
 * Defaults: ATE inverse-probability weights, not stabilized; {@code att()}, {@code stabilized()},
 * {@code matching(k)} and {@code caliper(c)} as the command's options. Bad input is the command's errors.
 */
public final class Propensity {
  private final Frame frame;
  private final String treatment;
  private final String treatedValue;
  private final List<String> covariates;
  private final PropensityScore config;
  private final boolean estimandGiven;

  private Propensity(Frame frame, String treatment, String treatedValue, List<String> covariates,
      PropensityScore config, boolean estimandGiven) {
    this.frame = frame;
    this.treatment = treatment;
    this.treatedValue = treatedValue;
    this.covariates = covariates;
    this.config = config;
    this.estimandGiven = estimandGiven;
  }

  /** Propensity scores of rows of {@code frame}; name the treatment and covariates next. */
  public static Propensity of(Frame frame) {
    return new Propensity(Objects.requireNonNull(frame), null, null, List.of(), PropensityScore.withDefaults(), false);
  }

  /** The two-valued treatment column and its treated value. */
  public Propensity treatment(String column, String treated) {
    return new Propensity(frame, column, treated, covariates, config, estimandGiven);
  }

  /** The covariates of the score model. */
  public Propensity covariates(String... names) {
    return covariates(List.of(names));
  }

  /** The covariates of the score model. */
  public Propensity covariates(List<String> names) {
    return new Propensity(frame, treatment, treatedValue, List.copyOf(names), config, estimandGiven);
  }

  /** ATT weights (1 for the treated, ps/(1 − ps) for controls). */
  public Propensity att() {
    return new Propensity(frame, treatment, treatedValue, covariates, config.with(Estimand.ATT), true);
  }

  /** Stabilized ATE weights. */
  public Propensity stabilized() {
    return new Propensity(frame, treatment, treatedValue, covariates, config.stabilized(true), estimandGiven);
  }

  /** Nearest-neighbour matching (ATT), {@code ratio} controls per treated row. */
  public Propensity matching(int ratio) {
    return new Propensity(frame, treatment, treatedValue, covariates,
        config.with(Method.MATCH).with(Estimand.ATT).ratio(ratio), estimandGiven);
  }

  /** A caliper for matching, in standard deviations of the score. */
  public Propensity caliper(double sd) {
    return new Propensity(frame, treatment, treatedValue, covariates, config.caliper(sd), estimandGiven);
  }

  /**
   * Trims (winsorizes) the weights at the quantile {@code at} (e.g. 0.99), as {@code WeightIt::trim(w, at = at)}:
   * weights above it (every row's for the ATE, the controls' for the ATT) are set to it; the balance after and
   * the methods sentence use the trimmed weights. Weighting only.
   */
  public Propensity trimmed(double at) {
    try {
      return new Propensity(frame, treatment, treatedValue, covariates, config.trimmed(at), estimandGiven);
    } catch (IllegalArgumentException e) {
      throw new StudybookException("Propensity.trimmed(" + at + "): " + e.getMessage());
    }
  }

  /** Fits the score model and makes the weights or matches. */
  public Fit fit() {
    if (treatment == null || covariates.isEmpty()) {
      throw new StudybookException("Propensity: name the treatment (treatment(column, treatedValue)) and the covariates");
    }
    return analyse(frame, treatment, treatedValue, covariates, config);
  }

  /**
   * A fitted propensity analysis of a frame.
   *
   * @param frame the frame analysed
   * @param treatment the treatment column
   * @param treatedValue its treated value
   * @param covariates the score model's covariates
   * @param result the scores, weights, matches and balance
   * @param rows the frame row of each row used, in order
   * @param excluded rows left out for a missing treatment or covariate
   */
  public record Fit(Frame frame, String treatment, String treatedValue, List<String> covariates,
      PropensityResult result, @studybook.RowLevel int[] rows, int excluded) {
    public Fit {
      covariates = List.copyOf(covariates);
      rows = rows.clone();
    }

    @Override
    public int[] rows() {
      return rows.clone();
    }

    /** The rows used, in file order, with their propensity score ({@code ps}) and {@code weight}. */
    public Frame weighted() {
      BitmapBackedSelection keep = new BitmapBackedSelection();
      for (int r : rows) {
        keep.add(r);
      }
      return frame.where(keep).withContinuous("ps", result.ps()).withContinuous("weight", result.weights());
    }

    /**
     * The matched rows (weight above 0), with {@code ps}, {@code weight} and their matched set {@code subclass};
     * only for matching.
     */
    public Frame matched() {
      if (result.method() != Method.MATCH) {
        throw new StudybookException("matched(): the propensity analysis weights; use matching(k) to match");
      }
      double[] w = result.weights();
      int[] subclass = result.subclass();
      BitmapBackedSelection keep = new BitmapBackedSelection();
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        if (w[i] > 0) {
          keep.add(rows[i]);
          kept.add(i);
        }
      }
      double[] ps = result.ps();
      double[] kps = new double[kept.size()];
      double[] kw = new double[kept.size()];
      double[] ks = new double[kept.size()];
      for (int k = 0; k < kept.size(); k++) {
        kps[k] = ps[kept.get(k)];
        kw[k] = w[kept.get(k)];
        ks[k] = subclass[kept.get(k)];
      }
      return frame.where(keep).withContinuous("ps", kps).withContinuous("weight", kw).withContinuous("subclass", ks);
    }

    /** The balance table named {@code tableName}: SMD (and variance ratio) per covariate, before and after. */
    public BalanceTable balance(String tableName) {
      return BalanceTable.of(tableName, this);
    }
  }


  /**
   * Checks the input as the contract says (two treatment values, covariates that vary in each group, no
   * separation in the score model) and fits.
   */
  public static Fit analyse(Frame frame, String treatment, String treatedValue, List<String> covariates,
      PropensityScore config) {
    frame.requireColumn(treatment);
    Set<String> seen = new LinkedHashSet<>();
    for (String c : covariates) {
      frame.requireColumn(c);
      if (c.equals(treatment) || !seen.add(c)) {
        throw new DataException(new DataProblem(frame.source(), 1, c, null,
            c.equals(treatment) ? "is the treatment and cannot also be a covariate" : "is given twice as a covariate",
            null));
      }
    }
    int[] group = treatmentGroups(frame, treatment, treatedValue);
    int n = frame.rowCount();
    boolean[] complete = new boolean[n];
    for (int r = 0; r < n; r++) {
      complete[r] = group[r] >= 0;
    }
    for (String c : covariates) {
      boolean[] present = present(frame, c);
      for (int r = 0; r < n; r++) {
        complete[r] &= present[r];
      }
    }
    List<Integer> used = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (complete[r]) {
        used.add(r);
      }
    }
    int[] rows = used.stream().mapToInt(Integer::intValue).toArray();
    requireBothGroups(frame, treatment, treatedValue, group, rows);
    for (String c : covariates) {
      requireVariationInEachGroup(frame, treatment, c, group, rows);
    }
    DesignMatrix dm = DesignMatrix.of(frame, treatment, treatedValue, covariates);
    if (dm.design().n() != rows.length) {
      throw new IllegalStateException("complete cases differ: " + dm.design().n() + " vs " + rows.length);
    }
    List<BalanceColumn> balance = balanceColumns(frame, covariates, rows);
    PropensityResult result;
    try {
      result = config.fit(dm.design(), balance);
    } catch (IllegalArgumentException e) {
      throw new StudybookException(e.getMessage());
    }
    if (separated(result)) {
      throw new DataException(new DataProblem(frame.source(), 1, treatment, null,
          "the score model is separated (some propensity scores are 0 or 1, so their weights are infinite)"
              + offenders(frame, treatment, treatedValue, covariates),
          "leave the covariate out, merge its sparse levels, or restrict the data to rows both groups share"));
    }
    return new Fit(frame, treatment, treatedValue, covariates, result, rows, n - rows.length);
  }

  private static boolean[] present(Frame frame, String column) {
    boolean[] p = new boolean[frame.rowCount()];
    if (frame.kind(column) == VariableKind.CATEGORICAL) {
      int[] codes = frame.codes(column);
      for (int r = 0; r < p.length; r++) {
        p[r] = codes[r] >= 0;
      }
    } else {
      double[] v = frame.values(column);
      for (int r = 0; r < p.length; r++) {
        p[r] = !Double.isNaN(v[r]);
      }
    }
    return p;
  }

  /** 1 for the treated value, 0 for the other value, -1 where missing; exactly two values or an error at the row. */
  private static int[] treatmentGroups(Frame frame, String treatment, String treatedValue) {
    int n = frame.rowCount();
    boolean numeric = frame.kind(treatment) == VariableKind.CONTINUOUS;
    double[] values = numeric ? frame.values(treatment) : null;
    Double treatedNumber = null;
    if (numeric) {
      try {
        treatedNumber = Double.parseDouble(treatedValue.trim());
      } catch (NumberFormatException e) {
        throw new DataException(new DataProblem(frame.source(), 1, treatment, treatedValue,
            "--treated is not one of the treatment's values (the column holds numbers)", null));
      }
    }
    List<String> distinct = new ArrayList<>();
    int[] group = new int[n];
    boolean found = false;
    for (int r = 0; r < n; r++) {
      String v = frame.text(treatment, r);
      if (v.isEmpty()) {
        group[r] = -1;
        continue;
      }
      if (!distinct.contains(v)) {
        distinct.add(v);
        if (distinct.size() == 3) {
          throw frame.problem(treatment, r, "the treatment must have exactly two values; this row brings a third (after '"
              + distinct.get(0) + "' and '" + distinct.get(1) + "')",
              "recode the treatment to two values or mark the others missing");
        }
      }
      boolean isTreated = numeric ? values[r] == treatedNumber : v.equals(treatedValue);
      group[r] = isTreated ? 1 : 0;
      found |= isTreated;
    }
    if (distinct.size() < 2) {
      throw new DataException(new DataProblem(frame.source(), 1, treatment, distinct.isEmpty() ? null : distinct.get(0),
          distinct.isEmpty() ? "the treatment has no non-missing value" : "the treatment has a single value, so there"
              + " is no comparison group", null));
    }
    if (!found) {
      throw new DataException(new DataProblem(frame.source(), 1, treatment, treatedValue,
          "--treated is not one of the treatment's values " + distinct, "use one of them"));
    }
    return group;
  }

  private static void requireBothGroups(Frame frame, String treatment, String treatedValue, int[] group, int[] rows) {
    int t = 0;
    for (int r : rows) {
      t += group[r];
    }
    if (t == 0 || t == rows.length) {
      throw new DataException(new DataProblem(frame.source(), 1, treatment, null, "among the " + rows.length
          + " complete cases every row is " + (t == 0 ? "a control" : "treated (" + treatedValue + ")")
          + ", so there is nothing to compare", "check the missing values of the covariates"));
    }
  }

  /** A covariate with one value in a group cannot be balanced or modelled: an error naming it, the group and the value. */
  private static void requireVariationInEachGroup(Frame frame, String treatment, String covariate, int[] group,
      int[] rows) {
    for (int g = 1; g >= 0; g--) {
      String first = null;
      int firstRow = -1;
      boolean varies = false;
      for (int r : rows) {
        if (group[r] != g) {
          continue;
        }
        String v = frame.text(covariate, r);
        if (first == null) {
          first = v;
          firstRow = r;
        } else if (!v.equals(first)) {
          varies = true;
          break;
        }
      }
      if (!varies && firstRow >= 0) {
        throw new DataException(new DataProblem(frame.source(), 1, covariate, first,
            "has no variation among the " + (g == 1 ? "treated" : "control") + " rows (" + treatment + " "
                + (g == 1 ? "=" : "≠") + " the treated value): every one of them has the same value, so the score"
                + " model is separated or the balance undefined",
            "leave the covariate out or restrict the data"));
      }
    }
  }

  /** The balance columns: a continuous covariate as itself; a factor's non-reference level (two levels) or every level. */
  static List<BalanceColumn> balanceColumns(Frame frame, List<String> covariates, int[] rows) {
    List<BalanceColumn> out = new ArrayList<>();
    for (String c : covariates) {
      if (frame.kind(c) == VariableKind.CATEGORICAL) {
        List<String> levels = frame.levels(c);
        int[] codes = frame.codes(c);
        for (int l = levels.size() == 2 ? 1 : 0; l < levels.size(); l++) {
          double[] x = new double[rows.length];
          for (int i = 0; i < rows.length; i++) {
            x[i] = codes[rows[i]] == l ? 1 : 0;
          }
          out.add(new BalanceColumn(c + "=" + levels.get(l), true, x));
        }
      } else {
        double[] v = frame.values(c);
        double[] x = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          x[i] = v[rows[i]];
        }
        out.add(new BalanceColumn(c, false, x));
      }
    }
    return out;
  }

  private static boolean separated(PropensityResult r) {
    if (r.scoreModel().separation()) {
      return true;
    }
    for (double p : r.ps()) {
      if (!(p > 0 && p < 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The covariates behind a separated score model: those whose removal ends the separation; failing that,
   * those separated on their own; failing that, none named.
   */
  private static String offenders(Frame frame, String treatment, String treatedValue, List<String> covariates) {
    List<String> named = new ArrayList<>();
    if (covariates.size() > 1) {
      for (String c : covariates) {
        List<String> others = new ArrayList<>(covariates);
        others.remove(c);
        if (!fitSeparated(frame, treatment, treatedValue, others)) {
          named.add(c);
        }
      }
    }
    if (named.isEmpty()) {
      for (String c : covariates) {
        if (fitSeparated(frame, treatment, treatedValue, List.of(c))) {
          named.add(c);
        }
      }
    }
    if (named.isEmpty()) {
      return "; no single covariate causes it: it comes from their combination";
    }
    return "; it comes from " + (named.size() == 1 ? "the covariate '" + named.get(0) + "'"
        : "the covariates '" + String.join("', '", named) + "'");
  }

  private static boolean fitSeparated(Frame frame, String treatment, String treatedValue, List<String> covariates) {
    try {
      DesignMatrix dm = DesignMatrix.of(frame, treatment, treatedValue, covariates);
      LogisticFit fit = LogisticRegression.withDefaults().fit(dm.design());
      if (fit.separation()) {
        return true;
      }
      for (double p : fit.fitted(dm.design().x())) {
        if (!(p > 0 && p < 1)) {
          return true;
        }
      }
      return false;
    } catch (DataException e) {
      return true;
    }
  }

}
