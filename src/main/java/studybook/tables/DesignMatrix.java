package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RRQRDecomposition;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.Numbers;
import studybook.data.VariableKind;
import studybook.stats.regression.Design;
import studybook.stats.regression.LogisticRegression;
import studybook.stats.regression.Screening;

/**
 * Turns a frame, a binary outcome and a list of terms into a numeric design as R's model.matrix
 * does with treatment contrasts: an intercept, one 0/1 column named {@code variable=level} for every
 * non-reference level of a categorical term, and a continuous term as itself. Only complete cases
 * (outcome and every term present) enter; the rows left out are counted, never dropped silently.
 *
 * @param design the numeric design
 * @param outcome the outcome column
 * @param event the outcome value coded 1
 * @param excluded rows left out for a missing outcome or term value
 */
public record DesignMatrix(Design design, String outcome, String event, int excluded) {

  /**
   * Builds the design. The outcome may be categorical or numeric but must take exactly two distinct
   * values, one of them {@code event}; every level of a categorical term must occur among the complete
   * cases and the columns must not be collinear, else a {@link DataException} names file, line and column.
   */
  public static DesignMatrix of(Frame frame, String outcome, String event, List<String> terms) {
    frame.requireColumn(outcome);
    Set<String> seen = new LinkedHashSet<>();
    for (String term : terms) {
      frame.requireColumn(term);
      if (term.equals(outcome) || !seen.add(term)) {
        throw new DataException(new DataProblem(frame.source(), 1, term, null,
            term.equals(outcome) ? "is the outcome and cannot also be a term" : "is given twice as a term", null));
      }
    }
    int rows = frame.rowCount();
    double[] y = outcomeCodes(frame, outcome, event);
    boolean[] complete = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      complete[r] = !Double.isNaN(y[r]);
    }
    Map<String, int[]> codes = new LinkedHashMap<>();
    Map<String, double[]> values = new LinkedHashMap<>();
    for (String term : terms) {
      if (frame.kind(term) == VariableKind.CATEGORICAL) {
        int[] c = frame.codes(term);
        codes.put(term, c);
        for (int r = 0; r < rows; r++) {
          complete[r] &= c[r] >= 0;
        }
      } else {
        double[] v = frame.values(term);
        values.put(term, v);
        for (int r = 0; r < rows; r++) {
          complete[r] &= !Double.isNaN(v[r]);
        }
      }
    }
    int n = 0;
    for (boolean c : complete) {
      n += c ? 1 : 0;
    }
    if (n == 0) {
      throw new DataException(new DataProblem(frame.source(), 1, outcome, null,
          "no row has the outcome and every term " + terms + " present", "check the missing values of these columns"));
    }
    List<String> columns = new ArrayList<>();
    columns.add("(Intercept)");
    Map<String, int[]> termColumns = new LinkedHashMap<>();
    for (String term : terms) {
      if (codes.containsKey(term)) {
        List<String> levels = frame.levels(term);
        int[] count = new int[levels.size()];
        int[] c = codes.get(term);
        for (int r = 0; r < rows; r++) {
          if (complete[r]) {
            count[c[r]]++;
          }
        }
        for (int l = 0; l < levels.size(); l++) {
          if (count[l] == 0) {
            throw new DataException(new DataProblem(frame.source(), 1, term, levels.get(l),
                "level has no row among the " + n + " complete cases, so its effect cannot be estimated",
                "merge it with another level or leave it out of --levels"));
          }
        }
        int[] idx = new int[levels.size() - 1];
        for (int l = 1; l < levels.size(); l++) {
          idx[l - 1] = columns.size();
          columns.add(term + "=" + levels.get(l));
        }
        termColumns.put(term, idx);
      } else {
        termColumns.put(term, new int[] {columns.size()});
        columns.add(term);
      }
    }
    double[][] x = new double[n][columns.size()];
    double[] yy = new double[n];
    int i = 0;
    for (int r = 0; r < rows; r++) {
      if (!complete[r]) {
        continue;
      }
      x[i][0] = 1;
      for (String term : terms) {
        int[] idx = termColumns.get(term);
        if (codes.containsKey(term)) {
          int level = codes.get(term)[r];
          if (level > 0) {
            x[i][idx[level - 1]] = 1;
          }
        } else {
          x[i][idx[0]] = values.get(term)[r];
        }
      }
      yy[i] = y[r];
      i++;
    }
    requireFullRank(frame, x, columns);
    return new DesignMatrix(new Design(x, yy, columns, termColumns), outcome, event, rows - n);
  }

  /**
   * Univariable models of each candidate term (each on its own complete cases) beside the
   * multivariable model of {@code multivariable}; the layout of a paper's Table 3.
   */
  public static Screening screen(LogisticRegression regression, Frame frame, String outcome, String event,
      List<String> candidates, List<String> multivariable) {
    Map<String, Design> univariable = new LinkedHashMap<>();
    Map<String, Integer> excluded = new LinkedHashMap<>();
    for (String term : candidates) {
      DesignMatrix d = of(frame, outcome, event, List.of(term));
      univariable.put(term, d.design());
      excluded.put(term, d.excluded());
    }
    return regression.screen(univariable, excluded, of(frame, outcome, event, multivariable).design());
  }

  /** 1 for the event, 0 for the other value, NaN where the outcome is missing. */
  private static double[] outcomeCodes(Frame frame, String outcome, String event) {
    int rows = frame.rowCount();
    double[] y = new double[rows];
    List<String> distinct = new ArrayList<>();
    int thirdRow = -1;
    boolean categorical = frame.kind(outcome) == VariableKind.CATEGORICAL;
    double[] numeric = categorical ? null : frame.values(outcome);
    for (int r = 0; r < rows; r++) {
      String v = categorical ? frame.text(outcome, r) : Double.isNaN(numeric[r]) ? "" : Double.toString(numeric[r]);
      if (v.isEmpty()) {
        y[r] = Double.NaN;
        continue;
      }
      if (!distinct.contains(v)) {
        distinct.add(v);
        if (distinct.size() == 3 && thirdRow < 0) {
          thirdRow = r;
        }
      }
    }
    if (thirdRow >= 0) {
      throw frame.problem(outcome, thirdRow, "the outcome must have exactly two values; this row brings a third (after "
          + distinct.get(0) + " and " + distinct.get(1) + ")", "recode the outcome to two values or mark others missing");
    }
    if (distinct.size() < 2) {
      throw new DataException(new DataProblem(frame.source(), 1, outcome, distinct.isEmpty() ? null : distinct.get(0),
          distinct.isEmpty() ? "the outcome has no non-missing value" : "the outcome has a single value, so there is nothing to model",
          null));
    }
    String eventValue = event;
    if (!categorical) {
      if (!Numbers.looksNumeric(event.trim())) {
        throw new DataException(new DataProblem(frame.source(), 1, outcome, event,
            "--event must be one of the outcome's values " + distinct, null));
      }
      eventValue = Double.toString(Numbers.parse(event.trim()));
    }
    if (!distinct.contains(eventValue)) {
      throw new DataException(new DataProblem(frame.source(), 1, outcome, event,
          "--event is not one of the outcome's values " + distinct,
          "use one of them"));
    }
    for (int r = 0; r < rows; r++) {
      if (!Double.isNaN(y[r])) {
        String v = categorical ? frame.text(outcome, r) : Double.toString(numeric[r]);
        y[r] = v.equals(eventValue) ? 1 : 0;
      }
    }
    return y;
  }

  private static void requireFullRank(Frame frame, double[][] x, List<String> columns) {
    int p = columns.size();
    double[][] scaled = new double[x.length][p];
    for (int k = 0; k < p; k++) {
      double max = 0;
      for (double[] row : x) {
        max = Math.max(max, Math.abs(row[k]));
      }
      for (int i = 0; i < x.length; i++) {
        scaled[i][k] = max == 0 ? 0 : x[i][k] / max;
      }
    }
    if (x.length < p || new RRQRDecomposition(new Array2DRowRealMatrix(scaled, false), 1e-10).getRank(1e-10) < p) {
      throw new DataException(new DataProblem(frame.source(), 1, columns.get(p - 1).split("=", 2)[0], null,
          "the terms " + columns.subList(1, p) + " are collinear (or constant) among the " + x.length
              + " complete cases, so their effects cannot be separated",
          "leave out one of the terms"));
    }
  }
}
