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
    int t = terms.size();
    int[][] termIndex = new int[t][];
    int[][] termCodes = new int[t][];
    double[][] termValues = new double[t][];
    for (int k = 0; k < t; k++) {
      termIndex[k] = termColumns.get(terms.get(k));
      termCodes[k] = codes.get(terms.get(k));
      termValues[k] = values.get(terms.get(k));
    }
    int i = 0;
    for (int r = 0; r < rows; r++) {
      if (!complete[r]) {
        continue;
      }
      double[] row = x[i];
      row[0] = 1;
      for (int k = 0; k < t; k++) {
        if (termCodes[k] != null) {
          int level = termCodes[k][r];
          if (level > 0) {
            row[termIndex[k][level - 1]] = 1;
          }
        } else {
          row[termIndex[k][0]] = termValues[k][r];
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
    boolean categorical = frame.kind(outcome) == VariableKind.CATEGORICAL;
    // Each row's value as an index into 'distinct' (the values in order of first appearance), read from
    // the frame's arrays once: text per row was most of building a large design.
    int[] codes = categorical ? frame.codes(outcome) : null;
    double[] numeric = categorical ? null : frame.values(outcome);
    List<String> levels = categorical ? frame.levels(outcome) : List.of();
    List<String> distinct = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] which = new int[rows];
    int thirdRow = -1;
    for (int r = 0; r < rows; r++) {
      String v = categorical ? (codes[r] < 0 ? "" : levels.get(codes[r]))
          : Double.isNaN(numeric[r]) ? "" : Double.toString(numeric[r]);
      if (v.isEmpty()) {
        which[r] = -1;
        continue;
      }
      Integer known = index.get(v);
      if (known == null) {
        known = distinct.size();
        index.put(v, known);
        distinct.add(v);
        if (distinct.size() == 3 && thirdRow < 0) {
          thirdRow = r;
        }
      }
      which[r] = known;
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
    int eventIndex = distinct.indexOf(eventValue);
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = which[r] < 0 ? Double.NaN : which[r] == eventIndex ? 1 : 0;
    }
    return y;
  }

  /** Rows above which the rank is read from X's R factor, built chunk by chunk, instead of X itself. */
  static final int CHUNKED_RANK_ROWS = 20_000;

  private static void requireFullRank(Frame frame, double[][] x, List<String> columns) {
    int p = columns.size();
    double[] max = new double[p];
    for (double[] row : x) {
      for (int k = 0; k < p; k++) {
        max[k] = Math.max(max[k], Math.abs(row[k]));
      }
    }
    if (x.length < p || rank(x, max, p) < p) {
      throw new DataException(new DataProblem(frame.source(), 1, columns.get(p - 1).split("=", 2)[0], null,
          "the terms " + columns.subList(1, p) + " are collinear (or constant) among the " + x.length
              + " complete cases, so their effects cannot be separated",
          "leave out one of the terms"));
    }
  }

  /**
   * The rank of X with columns scaled to unit maximum, by a rank-revealing QR with tolerance 1e-10.
   * A large X is first reduced to its p x p R factor by QR updates over chunks of rows (R has X's
   * singular values, so the decision is the same) instead of copying all of X into one decomposition.
   */
  private static int rank(double[][] x, double[] max, int p) {
    if (x.length <= CHUNKED_RANK_ROWS) {
      return new RRQRDecomposition(new Array2DRowRealMatrix(scaledRows(x, max, 0, x.length, null), false), 1e-10)
          .getRank(1e-10);
    }
    double[][] r = null;
    for (int from = 0; from < x.length; from += 4096) {
      double[][] block = scaledRows(x, max, from, Math.min(x.length, from + 4096), r);
      double[][] full = new org.apache.commons.math3.linear.QRDecomposition(new Array2DRowRealMatrix(block, false))
          .getR().getData();
      r = new double[p][];
      for (int k = 0; k < p; k++) {
        r[k] = java.util.Arrays.copyOf(full[k], p);
      }
    }
    return new RRQRDecomposition(new Array2DRowRealMatrix(r, false), 1e-10).getRank(1e-10);
  }

  /** Rows [from, to) of X scaled by {@code max}, below the rows of {@code top} when given. */
  private static double[][] scaledRows(double[][] x, double[] max, int from, int to, double[][] top) {
    int p = max.length;
    int offset = top == null ? 0 : top.length;
    double[][] out = new double[offset + to - from][];
    for (int k = 0; k < offset; k++) {
      out[k] = top[k].clone();
    }
    for (int i = from; i < to; i++) {
      double[] row = new double[p];
      for (int k = 0; k < p; k++) {
        row[k] = max[k] == 0 ? 0 : x[i][k] / max[k];
      }
      out[offset + i - from] = row;
    }
    return out;
  }
}
