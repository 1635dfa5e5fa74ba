package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    Set<String> outcomeColumns = new LinkedHashSet<>(List.of(time, status));
    strata.ifPresent(outcomeColumns::add);
    ModelFrame.checkTerms(frame, terms, outcomeColumns, "the time, status or strata column");
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
    if (strataCodes != null) {
      for (int r = 0; r < rows; r++) {
        complete[r] &= strataCodes[r] >= 0;
      }
    }
    ModelFrame mf = ModelFrame.of(frame, terms, scales, false, complete, "the time, status", time);
    boolean[] kept = mf.complete();
    double[][] x = mf.rows();
    int n = mf.n();
    double[] tt = mf.select(t);
    double[] ts = t0 == null ? null : mf.select(t0);
    boolean[] isEvent = surv.event();
    boolean[] ev = new boolean[n];
    int[] st = new int[n];
    for (int r = 0, i = 0; r < rows; r++) {
      if (kept[r]) {
        ev[i] = isEvent[r];
        st[i] = strataCodes == null ? 0 : strataCodes[r];
        i++;
      }
    }
    mf.requireFullRank(x);
    return new CoxDesignMatrix(new CoxDesign(tt, ev, st, strataNames, x, mf.columns(), mf.termColumns(), ts), coding,
        mf.excluded());
  }
}
