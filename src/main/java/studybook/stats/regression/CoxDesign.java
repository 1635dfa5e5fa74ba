package studybook.stats.regression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A numeric design for a Cox model: follow-up time, event flag, stratum and covariates of each row
 * (no intercept: the baseline hazard absorbs it), one name per column, and which columns belong to
 * each term (a categorical term owns one indicator per non-reference level, so its tests are joint).
 *
 * @param time follow-up time of each row (finite, not negative)
 * @param event whether the row ends in an event (else it is censored)
 * @param stratum the stratum of each row, 0 .. strata.size()-1 (all 0 without strata)
 * @param strata the stratum names, in code order ("all" when the model has no strata)
 * @param x covariates, one row per observation and one column per coefficient
 * @param columns the coefficient names, e.g. "age" or "sex=2"
 * @param terms term name to its column indices, in term order
 * @param start for counting-process data ({@code Surv(start, stop, event)}), the start of each row's interval
 *     (the row is at risk on (start, time]); null for right-censored data (every row at risk from 0)
 */
public record CoxDesign(@studybook.RowLevel double[] time, @studybook.RowLevel boolean[] event,
    @studybook.RowLevel int[] stratum, List<String> strata, @studybook.RowLevel double[][] x,
    List<String> columns, Map<String, int[]> terms, @studybook.RowLevel double[] start) {

  /** Right-censored data: each row at risk from 0 to its time. */
  public CoxDesign(double[] time, boolean[] event, int[] stratum, List<String> strata, double[][] x,
      List<String> columns, Map<String, int[]> terms) {
    this(time, event, stratum, strata, x, columns, terms, null);
  }

  public CoxDesign {
    int n = time.length;
    if (start != null) {
      if (start.length != n) {
        throw new IllegalArgumentException("start needs one entry per row");
      }
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(start[i]) || !(start[i] < time[i])) {
          throw new IllegalArgumentException("row " + i + " has a start that is missing, infinite or not before its stop time");
        }
      }
      start = start.clone();
    }
    if (event.length != n || stratum.length != n || x.length != n) {
      throw new IllegalArgumentException("time, event, stratum and x need one entry per row");
    }
    double[][] xc = new double[n][];
    for (int i = 0; i < n; i++) {
      if (x[i].length != columns.size()) {
        throw new IllegalArgumentException("every row of x needs one value per column name");
      }
      if (!(start != null ? !Double.isNaN(time[i]) : time[i] >= 0) || Double.isInfinite(time[i])) {
        throw new IllegalArgumentException("row " + i + " has a time that is missing, negative or infinite");
      }
      if (stratum[i] < 0 || stratum[i] >= strata.size()) {
        throw new IllegalArgumentException("row " + i + " has a stratum code outside the strata");
      }
      xc[i] = x[i].clone();
    }
    time = time.clone();
    event = event.clone();
    stratum = stratum.clone();
    strata = List.copyOf(strata);
    x = xc;
    columns = List.copyOf(columns);
    Map<String, int[]> t = new LinkedHashMap<>();
    terms.forEach((k, v) -> t.put(k, v.clone()));
    terms = Collections.unmodifiableMap(t);
  }

  /** A design without strata. */
  public static CoxDesign unstratified(double[] time, boolean[] event, double[][] x, List<String> columns,
      Map<String, int[]> terms) {
    return new CoxDesign(time, event, new int[time.length], List.of("all"), x, columns, terms);
  }

  @Override
  public double[] time() {
    return time.clone();
  }

  @Override
  public double[] start() {
    return start == null ? null : start.clone();
  }

  /** Whether the rows are (start, stop] intervals of counting-process data. */
  public boolean countingProcess() {
    return start != null;
  }

  @Override
  public boolean[] event() {
    return event.clone();
  }

  @Override
  public int[] stratum() {
    return stratum.clone();
  }

  @Override
  public double[][] x() {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }

  /** Rows. */
  public int n() {
    return time.length;
  }

  /** Rows that end in an event. */
  public int events() {
    int e = 0;
    for (boolean v : event) {
      e += v ? 1 : 0;
    }
    return e;
  }

  /** The term names, in order. */
  public List<String> termNames() {
    return new ArrayList<>(terms.keySet());
  }

  /** Package access to the arrays without copies. */
  double[] timeView() {
    return time;
  }

  double[] startView() {
    return start;
  }

  boolean[] eventView() {
    return event;
  }

  int[] stratumView() {
    return stratum;
  }

  double[][] xView() {
    return x;
  }
}
