package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RRQRDecomposition;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.SurvivalColumns;
import studybook.data.VariableKind;
import studybook.stats.regression.CoxDesign;
import studybook.stats.survival.EventCoding;

/**
 * Turns a frame, a survival outcome (time and status), terms and optional strata into the numeric
 * design of a Cox model, as R's {@code coxph(Surv(time, status) ~ terms + strata(s))} builds it:
 * treatment contrasts (one 0/1 column {@code variable=level} per non-reference level), no intercept,
 * and complete cases on time, status, terms and strata; the rows left out are counted.
 * The status is read as R's Surv reads it ({@link EventCoding}: 0/1, 1/2, TRUE/FALSE) unless an event
 * value is given. A negative time, an ambiguous status, a constant or collinear term is a
 * {@link DataException} naming file, line and column.
 *
 * @param design the numeric design
 * @param coding how the event was read from the status column
 * @param excluded rows left out for a missing time, status, term or stratum
 */
public record CoxDesignMatrix(CoxDesign design, EventCoding coding, int excluded) {

  /** The design of {@code terms} without strata. */
  public static CoxDesignMatrix of(Frame frame, String time, String status, Optional<String> eventValue,
      List<String> terms) {
    return of(frame, time, status, eventValue, terms, Optional.empty());
  }

  /** The design of {@code terms}, stratified by {@code strata} when given. */
  public static CoxDesignMatrix of(Frame frame, String time, String status, Optional<String> eventValue,
      List<String> terms, Optional<String> strata) {
    return of(frame, time, status, eventValue, terms, strata, Map.of(), Optional.empty());
  }

  /**
   * As {@link #of(Frame, String, String, Optional, List, Optional)}, each numeric term in {@code scales}
   * entering divided by its scale ({@code Term.of("age").per(10)}: the hazard ratio per 10 years).
   */
  public static CoxDesignMatrix of(Frame frame, String time, String status, Optional<String> eventValue,
      List<String> terms, Optional<String> strata, Map<String, Double> scales) {
    return of(frame, time, status, eventValue, terms, strata, scales, Optional.empty());
  }

  /**
   * The design of counting-process data when {@code start} is given, as {@code coxph(Surv(start, time, status) ~
   * ...)}: each row is an interval (start, time] in which its covariates hold, ending in an event or not. A
   * start that is missing where the time is present, or not before the time, is an error naming the row.
   */
  public static CoxDesignMatrix of(Frame frame, String time, String status, Optional<String> eventValue,
      List<String> terms, Optional<String> strata, Optional<String> start) {
    return of(frame, time, status, eventValue, terms, strata, Map.of(), start);
  }

  /** The design with both: terms rescaled by {@code scales}, and counting-process data when {@code start} is given. */
  public static CoxDesignMatrix of(Frame frame, String time, String status, Optional<String> eventValue,
      List<String> terms, Optional<String> strata, Map<String, Double> scales, Optional<String> start) {
    frame.requireColumn(time);
    start.ifPresent(frame::requireColumn);
    if (start.isPresent() && (start.get().equals(time) || start.get().equals(status)
        || strata.map(start.get()::equals).orElse(false) || terms.contains(start.get()))) {
      throw new DataException(new DataProblem(frame.source(), 1, start.get(), null,
          "is the start column and cannot also be the time, status, strata or a term", null));
    }
    frame.requireColumn(status);
    strata.ifPresent(frame::requireColumn);
    Set<String> seen = new LinkedHashSet<>();
    for (String term : terms) {
      frame.requireColumn(term);
      if (term.equals(time) || term.equals(status) || strata.map(term::equals).orElse(false)) {
        throw new DataException(new DataProblem(frame.source(), 1, term, null,
            "is the time, status or strata column and cannot also be a term", null));
      }
      if (!seen.add(term)) {
        throw new DataException(new DataProblem(frame.source(), 1, term, null, "is given twice as a term", null));
      }
    }
    if (terms.isEmpty()) {
      throw new DataException(new DataProblem(frame.source(), 1, null, null, "a Cox model needs at least one term", null));
    }
    int rows = frame.rowCount();
    SurvivalColumns surv;
    try {
      surv = SurvivalColumns.read(frame, time, status, eventValue);
    } catch (EventCoding.AmbiguousCodingException e) {
      throw SurvivalColumns.refusal(frame, status, e);
    }
    double[] t = surv.time();
    double[] t0 = null;
    if (start.isPresent()) {
      String sc = start.get();
      if (frame.kind(sc) != VariableKind.CONTINUOUS) {
        int r = 0;
        while (r < rows - 1 && frame.codes(sc)[r] < 0) {
          r++;
        }
        throw frame.problem(sc, r, "the start time must be a number", "fix it");
      }
      t0 = frame.values(sc);
      List<DataProblem> bad = new ArrayList<>();
      for (int r = 0; r < rows && bad.size() < DataException.MAX_PROBLEMS; r++) {
        if (Double.isNaN(t[r])) {
          continue;
        }
        if (Double.isNaN(t0[r])) {
          bad.add(new DataProblem(frame.source(), frame.line(r), sc, frame.text(sc, r),
              "missing start time of an interval whose stop time (" + frame.text(time, r) + ") is present",
              "each row is an interval (start, stop]: give its start"));
        } else if (!(t0[r] < t[r])) {
          bad.add(new DataProblem(frame.source(), frame.line(r), sc, frame.text(sc, r),
              "start time is not before the stop time " + time + " = " + frame.text(time, r),
              "each row is an interval (start, stop] with start < stop; drop intervals of length zero"));
        }
      }
      if (!bad.isEmpty()) {
        throw new DataException(bad);
      }
    }
    if (start.isEmpty()) {
      surv.requireNonNegative(frame, time, null);
    }
    EventCoding coding = surv.coding();
    boolean[] complete = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      complete[r] = surv.present(r);
    }
    Map<String, int[]> codes = new LinkedHashMap<>();
    Map<String, double[]> values = new LinkedHashMap<>();
    for (String term : terms) {
      if (frame.kind(term) == VariableKind.CATEGORICAL) {
        codes.put(term, frame.codes(term));
      } else {
        double[] v = frame.values(term);
        Double scale = scales.get(term);
        if (scale != null && scale != 1) {
          v = v.clone();
          for (int i = 0; i < v.length; i++) {
            v[i] /= scale;
          }
        }
        values.put(term, v);
      }
    }
    int[] strataCodes = null;
    List<String> strataNames = List.of("all");
    if (strata.isPresent()) {
      String s = strata.get();
      if (frame.kind(s) == VariableKind.CATEGORICAL) {
        strataCodes = frame.codes(s);
        strataNames = frame.levels(s);
      } else {
        double[] v = frame.values(s);
        TreeSet<Double> distinct = new TreeSet<>();
        for (double d : v) {
          if (!Double.isNaN(d)) {
            distinct.add(d);
          }
        }
        List<Double> order = new ArrayList<>(distinct);
        Map<Double, Integer> code = new java.util.HashMap<>();
        for (int k = 0; k < order.size(); k++) {
          code.put(order.get(k), k);
        }
        strataCodes = new int[rows];
        for (int r = 0; r < rows; r++) {
          strataCodes[r] = Double.isNaN(v[r]) ? -1 : code.get(v[r]);
        }
        List<String> names = new ArrayList<>();
        for (double d : order) {
          names.add(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
        }
        strataNames = names;
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int[] c : codes.values()) {
        complete[r] &= c[r] >= 0;
      }
      for (double[] v : values.values()) {
        complete[r] &= !Double.isNaN(v[r]);
      }
      if (strataCodes != null) {
        complete[r] &= strataCodes[r] >= 0;
      }
    }
    int n = 0;
    for (boolean c : complete) {
      n += c ? 1 : 0;
    }
    if (n == 0) {
      throw new DataException(new DataProblem(frame.source(), 1, time, null,
          "no row has the time, status and every term " + terms + " present", "check the missing values of these columns"));
    }
    List<String> columns = new ArrayList<>();
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
    int p = columns.size();
    double[][] x = new double[n][p];
    double[] tt = new double[n];
    double[] ts = t0 == null ? null : new double[n];
    boolean[] ev = new boolean[n];
    int[] st = new int[n];
    boolean[] isEvent = surv.event();
    int i = 0;
    for (int r = 0; r < rows; r++) {
      if (!complete[r]) {
        continue;
      }
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
      tt[i] = t[r];
      if (ts != null) {
        ts[i] = t0[r];
      }
      ev[i] = isEvent[r];
      st[i] = strataCodes == null ? 0 : strataCodes[r];
      i++;
    }
    requireIdentifiable(frame, x, columns, termColumns);
    return new CoxDesignMatrix(new CoxDesign(tt, ev, st, strataNames, x, columns, termColumns, ts), coding, rows - n);
  }

  /** Model terms whose complete cases vary, and together are not collinear (no intercept, so columns are centred). */
  private static void requireIdentifiable(Frame frame, double[][] x, List<String> columns,
      Map<String, int[]> termColumns) {
    int n = x.length;
    int p = columns.size();
    double[][] centred = new double[n][p];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j];
      }
      mean /= n;
      double max = 0;
      for (int k = 0; k < n; k++) {
        centred[k][j] = x[k][j] - mean;
        max = Math.max(max, Math.abs(centred[k][j]));
      }
      if (max == 0 || max <= 1e-12 * Math.max(1, Math.abs(mean))) {
        String owner = owner(termColumns, j);
        throw new DataException(new DataProblem(frame.source(), 1, owner, null,
            "is constant among the " + n + " complete cases, so its effect cannot be estimated", "leave the term out"));
      }
      for (int k = 0; k < n; k++) {
        centred[k][j] /= max;
      }
    }
    if (n <= p || new RRQRDecomposition(new Array2DRowRealMatrix(centred, false), 1e-10).getRank(1e-10) < p) {
      throw new DataException(new DataProblem(frame.source(), 1, owner(termColumns, p - 1), null,
          "the terms " + columns + " are collinear among the " + n + " complete cases, so their effects cannot be separated",
          "leave out one of the terms"));
    }
  }

  private static String owner(Map<String, int[]> termColumns, int column) {
    for (Map.Entry<String, int[]> e : termColumns.entrySet()) {
      if (contains(e.getValue(), column)) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("column " + column + " belongs to no term");
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
