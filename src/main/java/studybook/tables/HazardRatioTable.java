package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studybook.data.Codebook;
import studybook.data.Frame;
import studybook.stats.regression.CoxPhTest;
import studybook.stats.regression.CoxRegression;

/**
 * A paper's hazard-ratio table, laid out as the logistic Table 3: a univariable Cox model of each
 * candidate (each on its own complete cases) beside the multivariable model, with the
 * proportional-hazards test of every model. Cox proportional-hazards regression with Wald 95% limits;
 * as {@code survival::coxph(Surv(time, status) ~ terms, ties = "efron")}, {@code exp(confint(fit))} and
 * {@code cox.zph(fit)}. With no events nothing is estimable and the table says so
 * ({@link #estimable()} false, every number NaN), never numbers.
 *
 * <pre>{@code
 * @Cell("Hazard ratios of recurrence")
 * public HazardRatioTable recurrenceModel(Frame data, Codebook codebook) {
 *   return HazardRatioTable.of("table5", data, codebook, CoxOutcome.of("followup_months", "recurrence", "yes"),
 *       List.of("age", "sex", "grade"), List.of("age", "grade"));
 * }
 * }</pre>
 *
 * @param tableName the CSV's file stem
 * @param outcome time, status and event value, strata and ties
 * @param univariable one model per candidate variable, in candidate order
 * @param multivariable the multivariable model
 * @param entries one row per term, candidates first, then multivariable-only terms
 */
public record HazardRatioTable(String tableName, CoxOutcome outcome, List<CoxModelSummary> univariable,
    CoxModelSummary multivariable, List<HazardRatioRow> entries) implements Tabular {

  /**
   * The survival outcome of the models and how they are fitted.
   *
   * @param time the follow-up time column
   * @param status the status column
   * @param eventValue the status value of an event; empty for R's Surv coding (0/1, 1/2, TRUE/FALSE)
   * @param strata a column stratifying the baseline hazard, if any
   * @param ties how tied event times are handled
   */
  public record CoxOutcome(String time, String status, Optional<String> eventValue, Optional<String> strata,
      CoxRegression.Ties ties) {
    /** The status read as R's Surv reads it (0/1, 1/2, TRUE/FALSE); Efron ties, no strata. */
    public static CoxOutcome of(String time, String status) {
      return new CoxOutcome(time, status, Optional.empty(), Optional.empty(), CoxRegression.Ties.EFRON);
    }

    /** {@code eventValue} marks an event; Efron ties, no strata. */
    public static CoxOutcome of(String time, String status, String eventValue) {
      return new CoxOutcome(time, status, Optional.of(eventValue), Optional.empty(), CoxRegression.Ties.EFRON);
    }

    /** The same outcome stratified by {@code column}. */
    public CoxOutcome stratifiedBy(String column) {
      return new CoxOutcome(time, status, eventValue, Optional.of(column), ties);
    }

    /** The same outcome with other ties. */
    public CoxOutcome with(CoxRegression.Ties t) {
      return new CoxOutcome(time, status, eventValue, strata, t);
    }

    /** The R call the models match, e.g. {@code coxph(Surv(time, status == "yes") ~ terms, ties = "efron")}. */
    public String rCall(List<String> terms) {
      String event = eventValue.map(v -> status + " == \"" + v + "\"").orElse(status);
      return "survival::coxph(Surv(" + time + ", " + event + ") ~ " + String.join(" + ", terms)
          + strata.map(s -> " + strata(" + s + ")").orElse("") + ", ties = \"" + ties.rName() + "\")";
    }
  }

  public HazardRatioTable {
    univariable = List.copyOf(univariable);
    entries = List.copyOf(entries);
  }

  public static HazardRatioTable of(String tableName, Frame data, Codebook codebook, CoxOutcome outcome,
      List<String> candidates, List<String> multivariableTerms) {
    CoxRegression cox = CoxRegression.withDefaults().with(outcome.ties());
    List<CoxModelSummary> uni = new ArrayList<>();
    Map<String, CoxTermRow> uniTerms = new LinkedHashMap<>();
    Map<String, String> variableOf = new LinkedHashMap<>();
    for (String c : candidates) {
      CoxDesignMatrix d = design(data, outcome, List.of(c));
      CoxModelSummary s = CoxModelSummary.of(cox.fit(d.design()), d);
      uni.add(s);
      s.terms().forEach(t -> {
        uniTerms.put(t.term(), t);
        variableOf.put(t.term(), c);
      });
    }
    CoxDesignMatrix multi = design(data, outcome, multivariableTerms);
    CoxModelSummary model = CoxModelSummary.of(cox.fit(multi.design()), multi);
    multi.design().terms().forEach((v, cols) -> {
      for (int col : cols) {
        variableOf.putIfAbsent(multi.design().columns().get(col), v);
      }
    });
    List<HazardRatioRow> rows = new ArrayList<>();
    for (Map.Entry<String, String> e : variableOf.entrySet()) {
      String term = e.getKey();
      rows.add(new HazardRatioRow(term, e.getValue(), RegressionTable.label(codebook, Term.of(e.getValue()), term),
          uniTerms.get(term), model.terms().stream().filter(t -> t.term().equals(term)).findFirst().orElse(null)));
    }
    return new HazardRatioTable(tableName, outcome, uni, model, rows);
  }

  private static CoxDesignMatrix design(Frame data, CoxOutcome outcome, List<String> terms) {
    return CoxDesignMatrix.of(data, outcome.time(), outcome.status(), outcome.eventValue(), terms, outcome.strata());
  }

  /** False when the data hold no event: the table must then say "not estimable (no events)" and show no numbers. */
  public boolean estimable() {
    return multivariable.estimable();
  }

  /** The multivariable terms whose hazard ratio changes over time (cox.zph p &lt; 0.05). */
  public List<CoxPhTest.Row> phFailures() {
    return multivariable.phFailures();
  }

  /** The footnote naming the method and the R call of the multivariable model. */
  public String methodNote() {
    List<String> terms = new ArrayList<>(multivariable.terms().stream().map(t -> variableOf(t.term())).distinct().toList());
    return "Cox proportional-hazards regression (" + outcome.ties().rName() + " ties), Wald 95% confidence limits; as "
        + outcome.rCall(terms) + " and exp(confint(fit)). Proportional hazards: scaled Schoenfeld residuals against "
        + "1 - KM(t), as survival::cox.zph(fit).";
  }

  private String variableOf(String term) {
    return entries.stream().filter(r -> r.term().equals(term)).map(HazardRatioRow::variable).findFirst().orElse(term);
  }

  @Override
  public List<String> columns() {
    List<String> c = new ArrayList<>(List.of("term"));
    for (String m : List.of("univariable", "multivariable")) {
      for (String k : List.of("hr", "ci_low", "ci_high", "p")) {
        c.add(m + "_" + k);
      }
    }
    return c;
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (HazardRatioRow r : entries) {
      List<Object> row = new ArrayList<>();
      row.add(r.term());
      for (CoxTermRow t : new CoxTermRow[] {r.univariable(), r.multivariable()}) {
        row.add(t == null ? null : t.hazardRatio());
        row.add(t == null ? null : t.ciLow());
        row.add(t == null ? null : t.ciHigh());
        row.add(t == null ? null : t.p());
      }
      out.add(row);
    }
    return out;
  }
}
