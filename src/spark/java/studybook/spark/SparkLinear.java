package studybook.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import studybook.cli.SparkBridge;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.stats.regression.LinearFit;
import studybook.stats.regression.LinearPasses;
import studybook.stats.regression.LinearRegression;
import studybook.stats.regression.LinearSums;

/**
 * Linear regression (least squares) on Spark, as the local linear command fits it. After the columns are typed,
 * one pass over the partitions gives the complete cases' census (rows left out, each level's rows, whether each
 * numeric term varies) and the cross products [X y]'[X y] of the design built on the cluster (intercept, one
 * column per non-reference level), as {@link LinearSums} accumulates them; the partials are added on the driver in
 * partition order; with --weights, [X y]'W[X y] over the rows of positive weight (a missing or negative weight is an
 * error, a weight of 0 leaves the row out, as the local engine prepares weighted rows). The fit is the local engine's ({@link LinearRegression#fit(LinearPasses, List)}: R's aliasing,
 * the solve, R², F, the t table); HC3 standard errors take a second pass for their meat. No row reaches the driver.
 */
final class SparkLinear {
  private SparkLinear() {}

  /** One partition's census of the complete cases and its cross products. */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    long excluded;
    long zeroWeight;
    long missingWeight;
    long badWeight;
    double badWeightValue;
    long[][] levelRows;
    double[] first;
    String[] firstText;
    boolean[] varies;
    LinearSums.CrossProducts crossProducts;
  }

  /** How a row of the data becomes a design row: the outcome's and terms' column indices, codes and level counts. */
  static final class Layout implements Serializable {
    private static final long serialVersionUID = 1L;
    int outcome;
    /** The weight column's index, or -1 without weights. */
    int weight = -1;
    int[] index;
    boolean[] categorical;
    List<Map<String, Integer>> codes;
    int[] levels;
    int p;

    /** The row's weight: 1 without weights; NaN when missing (the cell's number otherwise, 0 and negatives too). */
    double weight(Row r) {
      return weight < 0 ? 1 : Cells.number(r.get(weight));
    }

    /** The design row of {@code r} into {@code x} (and term codes/values into the others); its outcome, or NaN when incomplete. */
    double design(Row r, double[] x, int[] code, double[] value) {
      double y = Cells.number(r.get(outcome));
      if (Double.isNaN(y)) {
        return Double.NaN;
      }
      x[0] = 1;
      int j = 1;
      for (int k = 0; k < index.length; k++) {
        if (categorical[k]) {
          int c = SparkData.code(codes.get(k), r.get(index[k]));
          if (c < 0) {
            return Double.NaN;
          }
          code[k] = c;
          for (int l = 1; l < levels[k]; l++) {
            x[j++] = c == l ? 1.0 : 0.0;
          }
        } else {
          double v = Cells.number(r.get(index[k]));
          if (Double.isNaN(v)) {
            return Double.NaN;
          }
          value[k] = v;
          x[j++] = v;
        }
      }
      return y;
    }
  }

  static SparkBridge.Linear run(SparkData d, String outcome, List<String> terms,
      LinearRegression.StandardErrors standardErrors, String weights, Set<String> categorical,
      Map<String, List<String>> levels) {
    List<String> names = new ArrayList<>();
    names.add(outcome);
    names.addAll(terms);
    if (weights != null) {
      // the weights are checked first, as the local engine prepares the weighted rows before the design
      d.index(weights);
      if (names.contains(weights)) {
        throw new DataException(new DataProblem(d.file, 1, weights, null,
            "is a model column and cannot also be the weights", null));
      }
    }
    ModelTerms.check(d, outcome, terms);
    if (weights != null) {
      names.add(weights);
    }
    Map<String, SparkData.Column> typed = d.type(names, categorical, levels);
    if (weights != null && typed.get(weights).categorical()) {
      throw new DataException(new DataProblem(d.file, 1, weights, null, "the weights must be numeric",
          "do not name the column in --categorical or --levels"));
    }
    if (typed.get(outcome).categorical()) {
      throw new DataException(new DataProblem(d.file, 1, outcome, null,
          "the outcome of a linear model must be numeric",
          "fix its values, mark them missing (empty or NA), or model a categorical outcome with logistic; do not name"
              + " it in --categorical or --levels"));
    }
    int t = terms.size();
    Layout layout = new Layout();
    layout.outcome = typed.get(outcome).index();
    layout.weight = weights == null ? -1 : typed.get(weights).index();
    layout.index = new int[t];
    layout.categorical = new boolean[t];
    layout.codes = new ArrayList<>();
    layout.levels = new int[t];
    List<String> columns = new ArrayList<>();
    columns.add("(Intercept)");
    for (int k = 0; k < t; k++) {
      SparkData.Column c = typed.get(terms.get(k));
      layout.index[k] = c.index();
      layout.categorical[k] = c.categorical();
      layout.codes.add(c.categorical() ? SparkData.codes(c) : Map.of());
      layout.levels[k] = c.categorical() ? c.levels().size() : 0;
      if (c.categorical()) {
        for (int l = 1; l < c.levels().size(); l++) {
          columns.add(terms.get(k) + "=" + c.levels().get(l));
        }
      } else {
        columns.add(terms.get(k));
      }
    }
    int p = columns.size();
    layout.p = p;
    // one pass: the census of the complete cases and the cross products of their design rows
    List<Part> parts = d.job(() -> SparkData.partials(d.rows, it -> {
      Part part = new Part();
      part.levelRows = new long[t][];
      part.first = new double[t];
      part.firstText = new String[t];
      part.varies = new boolean[t];
      for (int k = 0; k < t; k++) {
        part.levelRows[k] = new long[layout.levels[k]];
        part.first[k] = Double.NaN;
      }
      part.crossProducts = new LinearSums.CrossProducts(p);
      double[] x = new double[p];
      int[] code = new int[t];
      double[] value = new double[t];
      while (it.hasNext()) {
        Row r = it.next();
        double w = layout.weight(r);
        if (Double.isNaN(w)) {
          part.missingWeight++;
          continue;
        }
        if (w < 0 || Double.isInfinite(w)) {
          if (part.badWeight++ == 0) {
            part.badWeightValue = w;
          }
          continue;
        }
        if (w == 0) {
          part.zeroWeight++;
          continue;
        }
        double y = layout.design(r, x, code, value);
        if (Double.isNaN(y)) {
          part.excluded++;
          continue;
        }
        for (int k = 0; k < t; k++) {
          if (layout.categorical[k]) {
            part.levelRows[k][code[k]]++;
          } else if (part.firstText[k] == null) {
            part.first[k] = value[k];
            part.firstText[k] = Cells.text(r.get(layout.index[k]));
          } else if (value[k] != part.first[k]) {
            part.varies[k] = true;
          }
        }
        part.crossProducts.add(x, y, w);
      }
      return part;
    }));
    long excluded = 0;
    long zeroWeight = 0;
    long missingWeight = 0;
    long badWeight = 0;
    double badWeightValue = 0;
    long[][] levelRows = new long[t][];
    double[] first = new double[t];
    String[] firstText = new String[t];
    boolean[] varies = new boolean[t];
    LinearSums.CrossProducts crossProducts = new LinearSums.CrossProducts(p);
    for (int k = 0; k < t; k++) {
      levelRows[k] = new long[layout.levels[k]];
    }
    for (Part part : parts) {
      excluded += part.excluded;
      zeroWeight += part.zeroWeight;
      missingWeight += part.missingWeight;
      if (badWeight == 0 && part.badWeight > 0) {
        badWeightValue = part.badWeightValue;
      }
      badWeight += part.badWeight;
      crossProducts.add(part.crossProducts);
      for (int k = 0; k < t; k++) {
        for (int l = 0; l < layout.levels[k]; l++) {
          levelRows[k][l] += part.levelRows[k][l];
        }
        if (part.firstText[k] != null) {
          if (firstText[k] == null) {
            first[k] = part.first[k];
            firstText[k] = part.firstText[k];
          } else if (part.first[k] != first[k]) {
            varies[k] = true;
          }
          varies[k] |= part.varies[k];
        }
      }
    }
    long n = crossProducts.rows();
    if (missingWeight > 0) {
      throw new DataException(new DataProblem(d.file, 0, weights, null, "a weight is missing (" + missingWeight
          + " rows)", "give every row a weight (0 leaves it out)"));
    }
    if (badWeight > 0) {
      throw new DataException(new DataProblem(d.file, 0, weights, null, "a weight must be a finite number of at least"
          + " 0, not " + badWeightValue + " (" + badWeight + " rows)", "fix the value"));
    }
    if (weights != null && n == 0) {
      throw new DataException(new DataProblem(d.file, 1, weights, null,
          "no row has a positive weight and every model column present", null));
    }
    // the local model frame's checks, in its order and words
    if (n == 0) {
      throw new DataException(new DataProblem(d.file, 1, outcome, null,
          "no row has the outcome and every term " + terms + " present", "check the missing values of these columns"));
    }
    for (int k = 0; k < t; k++) {
      if (!layout.categorical[k]) {
        continue;
      }
      List<String> lv = typed.get(terms.get(k)).levels();
      for (int l = 0; l < lv.size(); l++) {
        if (levelRows[k][l] == 0) {
          throw new DataException(new DataProblem(d.file, 1, terms.get(k), lv.get(l),
              "level has no row among the " + n + " complete cases, so its effect cannot be estimated",
              "merge it with another level or leave it out of --levels"));
        }
      }
      if (lv.size() < 2) {
        throw new DataException(new DataProblem(d.file, 1, terms.get(k), lv.isEmpty() ? null : lv.get(0),
            "a categorical term needs two or more levels among the " + n + " complete cases, but has one",
            "leave the term out of the model"));
      }
    }
    for (int k = 0; k < t; k++) {
      if (!layout.categorical[k] && !varies[k]) {
        throw new DataException(new DataProblem(d.file, 1, terms.get(k), firstText[k],
            "the term is constant among the complete cases, so its effect cannot be estimated",
            "leave the term out of the model"));
      }
    }
    LinearFit fit;
    try {
      fit = LinearRegression.withDefaults().with(standardErrors).fit(new Passes(d, layout, crossProducts), columns);
    } catch (IllegalArgumentException e) {
      throw new studybook.StudybookException(d.file + ": column '" + outcome + "': " + e.getMessage()
          + " among the " + n + " complete cases; use fewer terms");
    }
    return new SparkBridge.Linear(fit, Math.toIntExact(excluded), Math.toIntExact(zeroWeight));
  }

  /** The passes of the local engine's fit: the cross products already counted, HC3's meat one more job. */
  static final class Passes implements LinearPasses {
    private final SparkData d;
    private final Layout layout;
    private final LinearSums.CrossProducts crossProducts;

    Passes(SparkData d, Layout layout, LinearSums.CrossProducts crossProducts) {
      this.d = d;
      this.layout = layout;
      this.crossProducts = crossProducts;
    }

    @Override
    public int columns() {
      return layout.p;
    }

    @Override
    public LinearSums.CrossProducts crossProducts() {
      return crossProducts;
    }

    @Override
    public double[][] hc3Meat(int[] kept, double[] beta, double[][] unscaled) {
      // locals only in the closure: the executors get the layout, not these passes
      Layout rows = layout;
      int t = rows.index.length;
      List<LinearSums.Hc3Meat> parts = d.job(() -> SparkData.partials(d.rows, it -> {
        LinearSums.Hc3Meat meat = new LinearSums.Hc3Meat(kept, beta, unscaled);
        double[] x = new double[rows.p];
        int[] code = new int[t];
        double[] value = new double[t];
        while (it.hasNext()) {
          Row r = it.next();
          double w = rows.weight(r);
          if (!(w > 0) || Double.isInfinite(w)) {
            continue; // weight 0 left out (a missing or negative one stopped the fit before)
          }
          double y = rows.design(r, x, code, value);
          if (!Double.isNaN(y)) {
            meat.add(x, y, w);
          }
        }
        return meat;
      }));
      LinearSums.Hc3Meat total = new LinearSums.Hc3Meat(kept, beta, unscaled);
      parts.forEach(total::add);
      return total.meat();
    }
  }
}
