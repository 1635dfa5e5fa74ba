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
import studybook.data.VariableKind;

/**
 * The one model frame of the regression fits, as R's {@code model.frame} and {@code model.matrix} serve
 * {@code glm}, {@code lm} and {@code coxph} alike: the terms' columns read from a frame, the complete cases
 * (the outcome's own columns, given by the caller, and every term present), treatment contrasts (a
 * categorical term's first level is the reference; one 0/1 column {@code variable=level} per other level),
 * a numeric term as itself or divided by its scale, and the rows left out counted. Logistic and linear
 * designs ({@link DesignMatrix}) and the Cox design ({@link CoxDesignMatrix}) are built from it.
 *
 * <p>What it refuses, each a {@link DataException} naming file, column and value: a term given twice or
 * naming an outcome column, a categorical term rescaled, no complete case, a level with no complete case,
 * a categorical term with one level (R: "contrasts can be applied only to factors with 2 or more levels"),
 * a numeric term constant among the complete cases. Collinearity between terms is the fit's to report
 * (aliased columns, as R's NA) unless the caller asks {@link #requireFullRank} (the Cox design does).
 */
public final class ModelFrame {
  private final Frame frame;
  private final List<String> terms;
  private final boolean intercept;
  private final boolean[] complete;
  private final int n;
  private final List<String> columns;
  private final Map<String, int[]> termColumns;
  private final int[][] termCodes;
  private final double[][] termValues;

  private ModelFrame(Frame frame, List<String> terms, boolean intercept, boolean[] complete, int n,
      List<String> columns, Map<String, int[]> termColumns, int[][] termCodes, double[][] termValues) {
    this.frame = frame;
    this.terms = terms;
    this.intercept = intercept;
    this.complete = complete;
    this.n = n;
    this.columns = columns;
    this.termColumns = termColumns;
    this.termCodes = termCodes;
    this.termValues = termValues;
  }

  /**
   * Checks the names of {@code terms}: each a column of the frame, none given twice, none one of
   * {@code outcomeColumns} (say what those are in {@code outcomeRole}, e.g. "the outcome").
   */
  static void checkTerms(Frame frame, List<String> terms, Set<String> outcomeColumns, String outcomeRole) {
    Set<String> seen = new LinkedHashSet<>();
    for (String term : terms) {
      frame.requireColumn(term);
      if (outcomeColumns.contains(term)) {
        throw new DataException(new DataProblem(frame.source(), 1, term, null,
            "is " + outcomeRole + " and cannot also be a term", null));
      }
      if (!seen.add(term)) {
        throw new DataException(new DataProblem(frame.source(), 1, term, null, "is given twice as a term", null));
      }
    }
  }

  /**
   * The model frame of {@code terms} over the rows {@code present} marks (the outcome's own complete cases;
   * not changed).
   *
   * @param scales numeric terms entering divided by their scale ({@code Term.of("age").per(10)})
   * @param intercept whether the design starts with an intercept column of ones (not for Cox)
   * @param nothingLeft what "no complete case" says is missing, e.g. "the outcome" or "the time, status"
   * @param nothingLeftColumn the column that message names
   */
  static ModelFrame of(Frame frame, List<String> terms, Map<String, Double> scales, boolean intercept,
      boolean[] present, String nothingLeft, String nothingLeftColumn) {
    int rows = frame.rowCount();
    boolean[] complete = present.clone();
    int t = terms.size();
    int[][] codes = new int[t][];
    double[][] values = new double[t][];
    for (int k = 0; k < t; k++) {
      String term = terms.get(k);
      Double scale = scales.get(term);
      checkScale(frame, term, scale);
      if (frame.kind(term) == VariableKind.CATEGORICAL) {
        int[] c = frame.codes(term);
        codes[k] = c;
        for (int r = 0; r < rows; r++) {
          complete[r] &= c[r] >= 0;
        }
      } else {
        double[] v = frame.values(term); // a copy: rescaled in place
        if (scale != null && scale != 1) {
          for (int r = 0; r < rows; r++) {
            v[r] /= scale;
          }
        }
        values[k] = v;
        for (int r = 0; r < rows; r++) {
          complete[r] &= !Double.isNaN(v[r]);
        }
      }
    }
    int n = 0;
    for (boolean c : complete) {
      n += c ? 1 : 0;
    }
    long[][] levelRows = new long[t][];
    for (int k = 0; k < t; k++) {
      if (codes[k] != null) {
        levelRows[k] = new long[frame.levels(terms.get(k)).size()];
        int[] c = codes[k];
        for (int r = 0; r < rows; r++) {
          if (complete[r]) {
            levelRows[k][c[r]]++;
          }
        }
      }
    }
    Layout layout = layout(frame, terms, intercept, n, levelRows, nothingLeft, nothingLeftColumn);
    List<String> columns = layout.columns();
    Map<String, int[]> termColumns = layout.termColumns();
    ModelFrame mf = new ModelFrame(frame, List.copyOf(terms), intercept, complete, n, columns, termColumns, codes, values);
    mf.requireVarying();
    return mf;
  }

  /** A categorical term cannot be rescaled: the error naming it. */
  static void checkScale(Frame frame, String term, Double scale) {
    if (scale != null && frame.kind(term) == VariableKind.CATEGORICAL) {
      throw new DataException(new DataProblem(frame.source(), 1, term, null,
          "is categorical and cannot be rescaled", "drop per(...) from the term"));
    }
  }

  /** The design's column names and each term's column indices. */
  record Layout(List<String> columns, Map<String, int[]> termColumns) {}

  /**
   * The design's columns from the counts of the complete cases, wherever the rows are counted (here, or on another
   * engine): an error when there is no complete case, a level of a categorical term has none, or a categorical term
   * has one level.
   *
   * @param n the complete cases
   * @param levelRows per term the complete cases per level (null for a numeric term)
   */
  static Layout layout(Frame frame, List<String> terms, boolean intercept, long n, long[][] levelRows,
      String nothingLeft, String nothingLeftColumn) {
    if (n == 0) {
      throw new DataException(new DataProblem(frame.source(), 1, nothingLeftColumn, null,
          "no row has " + nothingLeft + " and every term " + terms + " present", "check the missing values of these columns"));
    }
    List<String> columns = new ArrayList<>();
    if (intercept) {
      columns.add("(Intercept)");
    }
    Map<String, int[]> termColumns = new LinkedHashMap<>();
    for (int k = 0; k < terms.size(); k++) {
      String term = terms.get(k);
      if (levelRows[k] != null) {
        List<String> levels = frame.levels(term);
        for (int l = 0; l < levels.size(); l++) {
          if (levelRows[k][l] == 0) {
            throw new DataException(new DataProblem(frame.source(), 1, term, levels.get(l),
                "level has no row among the " + n + " complete cases, so its effect cannot be estimated",
                "merge it with another level or leave it out of --levels"));
          }
        }
        if (levels.size() < 2) {
          // R refuses too: "contrasts can be applied only to factors with 2 or more levels"
          throw new DataException(new DataProblem(frame.source(), 1, term, levels.isEmpty() ? null : levels.get(0),
              "a categorical term needs two or more levels among the " + n + " complete cases, but has one",
              "leave the term out of the model"));
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
    return new Layout(columns, termColumns);
  }

  /** A numeric term with one value ({@code value}) among the complete cases: the error naming it. */
  static DataException constant(Frame frame, String term, String value) {
    return new DataException(new DataProblem(frame.source(), 1, term, value,
        "the term is constant among the complete cases, so its effect cannot be estimated",
        "leave the term out of the model"));
  }

  /** The complete cases. */
  public int n() {
    return n;
  }

  /** Rows of the frame left out (a missing outcome or term value). */
  public int excluded() {
    return frame.rowCount() - n;
  }

  /** Whether each row of the frame is a complete case (a copy). */
  public boolean[] complete() {
    return complete.clone();
  }

  /** The design's column names: "(Intercept)" first when there is one, then each term's columns. */
  public List<String> columns() {
    return List.copyOf(columns);
  }

  /** Each term's column indices, in term order. */
  public Map<String, int[]> termColumns() {
    Map<String, int[]> copy = new LinkedHashMap<>();
    termColumns.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** {@code values} (one per row of the frame) at the complete cases, in row order. */
  public double[] select(double[] values) {
    double[] out = new double[n];
    for (int r = 0, i = 0; r < complete.length; r++) {
      if (complete[r]) {
        out[i++] = values[r];
      }
    }
    return out;
  }

  /** The design matrix, one array per complete case (R's model.matrix). */
  public double[][] rows() {
    int p = columns.size();
    double[][] x = new double[n][p];
    int[][] index = new int[terms.size()][];
    for (int k = 0; k < index.length; k++) {
      index[k] = termColumns.get(terms.get(k));
    }
    for (int r = 0, i = 0; r < complete.length; r++) {
      if (!complete[r]) {
        continue;
      }
      double[] row = x[i++];
      if (intercept) {
        row[0] = 1;
      }
      for (int k = 0; k < index.length; k++) {
        if (termCodes[k] != null) {
          int level = termCodes[k][r];
          if (level > 0) {
            row[index[k][level - 1]] = 1;
          }
        } else {
          row[index[k][0]] = termValues[k][r];
        }
      }
    }
    return x;
  }

  /** The design matrix, one array per column (length {@link #n()} each): the layout the cross products run on. */
  public double[][] columnMajor() {
    int p = columns.size();
    double[][] x = new double[p][n];
    if (intercept) {
      java.util.Arrays.fill(x[0], 1);
    }
    for (int k = 0; k < terms.size(); k++) {
      int[] index = termColumns.get(terms.get(k));
      if (termCodes[k] != null) {
        int[] codes = termCodes[k];
        for (int r = 0, i = 0; r < complete.length; r++) {
          if (complete[r]) {
            int level = codes[r];
            if (level > 0) {
              x[index[level - 1]][i] = 1;
            }
            i++;
          }
        }
      } else {
        double[] values = termValues[k];
        double[] col = x[index[0]];
        for (int r = 0, i = 0; r < complete.length; r++) {
          if (complete[r]) {
            col[i++] = values[r];
          }
        }
      }
    }
    return x;
  }

  /**
   * A numeric term with one value among the complete cases is a data problem (its coefficient would be
   * aliased with the intercept, or undefined without one): a located error naming the column and its value.
   */
  private void requireVarying() {
    for (int k = 0; k < terms.size(); k++) {
      double[] v = termValues[k];
      if (v == null) {
        continue;
      }
      double first = Double.NaN;
      boolean varies = false;
      int firstRow = -1;
      for (int r = 0; r < v.length && !varies; r++) {
        if (complete[r]) {
          if (firstRow < 0) {
            firstRow = r;
            first = v[r];
          } else {
            varies = v[r] != first;
          }
        }
      }
      if (!varies) {
        throw constant(frame, terms.get(k), frame.text(terms.get(k), firstRow));
      }
    }
  }

  /**
   * Refuses a design whose columns are collinear among the complete cases (columns centred and scaled to unit
   * maximum, a rank-revealing QR at 1e-10), or one with no more rows than columns: for a fit that cannot report
   * aliased columns (the Cox design, which has no intercept).
   */
  void requireFullRank(double[][] x) {
    int rows = x.length;
    int p = columns.size();
    double[][] centred = new double[rows][p];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j];
      }
      mean /= rows;
      double max = 0;
      for (int k = 0; k < rows; k++) {
        centred[k][j] = x[k][j] - mean;
        max = Math.max(max, Math.abs(centred[k][j]));
      }
      if (max == 0 || max <= 1e-12 * Math.max(1, Math.abs(mean))) {
        throw new DataException(new DataProblem(frame.source(), 1, owner(j), null,
            "is constant among the " + rows + " complete cases, so its effect cannot be estimated", "leave the term out"));
      }
      for (int k = 0; k < rows; k++) {
        centred[k][j] /= max;
      }
    }
    if (rows <= p || new RRQRDecomposition(new Array2DRowRealMatrix(centred, false), 1e-10).getRank(1e-10) < p) {
      throw new DataException(new DataProblem(frame.source(), 1, owner(p - 1), null,
          "the terms " + columns + " are collinear among the " + rows + " complete cases, so their effects cannot be separated",
          "leave out one of the terms"));
    }
  }

  private String owner(int column) {
    for (Map.Entry<String, int[]> e : termColumns.entrySet()) {
      for (int c : e.getValue()) {
        if (c == column) {
          return e.getKey();
        }
      }
    }
    throw new IllegalStateException("column " + column + " belongs to no term");
  }
}
