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
 * public HazardRatioTable recurrenceModel(Frame data) {
 *   return HazardRatioTable.of("table5", data, CoxOutcome.of("followup_months", "recurrence", "yes"),
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
    CoxModelSummary multivariable, List<HazardRatioRow> entries, Map<String, String> variableLabels,
    RatioDisplay shownAs) implements Tabular, Displayable {

  /** A table shown a row per term in the style's decimals. */
  public HazardRatioTable(String tableName, CoxOutcome outcome, List<CoxModelSummary> univariable,
      CoxModelSummary multivariable, List<HazardRatioRow> entries, Map<String, String> variableLabels) {
    this(tableName, outcome, univariable, multivariable, entries, variableLabels, RatioDisplay.DEFAULT);
  }

  /**
   * The same table with reference rows: each categorical variable as a heading, its reference level
   * with "—" and its other levels below (as gtsummary prints them), instead of "Sex: Female vs Male".
   */
  public HazardRatioTable referenceRows() {
    return with(shownAs.withReferenceRows(true));
  }

  /** The same table with every hazard ratio and limit at {@code decimals} decimals (default: {@code style.or_decimals}). */
  public HazardRatioTable digits(int decimals) {
    return with(shownAs.withDigits(decimals));
  }

  /** The same table with {@code term}'s (a variable's or a level's) hazard ratios and limits at {@code decimals} decimals. */
  public HazardRatioTable digits(String term, int decimals) {
    RatioDisplay d = shownAs;
    boolean known = false;
    for (HazardRatioRow r : entries) {
      if (r.term().equals(term) || r.variable().equals(term)) {
        d = d.withDigits(r.term(), decimals);
        known = true;
      }
    }
    if (!known) {
      throw new studybook.StudybookException("HazardRatioTable.digits(\"" + term + "\", ...): no term '" + term
          + "' in this table" + studybook.Names.didYouMean(term, entries.stream().map(HazardRatioRow::term).toList()));
    }
    return with(d);
  }

  private HazardRatioTable with(RatioDisplay d) {
    return new HazardRatioTable(tableName, outcome, univariable, multivariable, entries, variableLabels, d);
  }

  /**
   * The survival outcome of the models and how they are fitted.
   *
   * @param time the follow-up time column
   * @param status the status column
   * @param eventValue the status value of an event; empty for R's Surv coding (0/1, 1/2, TRUE/FALSE)
   * @param strata a column stratifying the baseline hazard, if any
   * @param ties how tied event times are handled
   * @param start for counting-process data (time-varying covariates), the column holding the start of each
   *     row's interval (start, time]; empty when every row is one patient followed from 0
   */
  public record CoxOutcome(String time, String status, Optional<String> eventValue, Optional<String> strata,
      CoxRegression.Ties ties, Optional<String> start) {
    /** Right-censored data, one row per patient. */
    public CoxOutcome(String time, String status, Optional<String> eventValue, Optional<String> strata,
        CoxRegression.Ties ties) {
      this(time, status, eventValue, strata, ties, Optional.empty());
    }

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
      return new CoxOutcome(time, status, eventValue, Optional.of(column), ties, start);
    }

    /**
     * Counting-process data, as {@code Surv(column, time, status)}: each row is an interval (start, time] of one
     * patient in which the covariates hold (a time-varying exposure is split into rows at each change, as
     * survival's tmerge does); the status says whether the interval ends in the event.
     */
    public CoxOutcome startingAt(String column) {
      return new CoxOutcome(time, status, eventValue, strata, ties, Optional.of(column));
    }

    /** The same outcome with other ties. */
    public CoxOutcome with(CoxRegression.Ties t) {
      return new CoxOutcome(time, status, eventValue, strata, t, start);
    }

    /** The R call the models match, e.g. {@code coxph(Surv(time, status == "yes") ~ terms, ties = "efron")}. */
    public String rCall(List<String> terms) {
      String event = eventValue.map(v -> status + " == \"" + v + "\"").orElse(status);
      return "survival::coxph(Surv(" + start.map(s -> s + ", ").orElse("") + time + ", " + event + ") ~ "
          + String.join(" + ", terms)
          + strata.map(s -> " + strata(" + s + ")").orElse("") + ", ties = \"" + ties.rName() + "\")";
    }
  }

  public HazardRatioTable {
    univariable = List.copyOf(univariable);
    entries = List.copyOf(entries);
    variableLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variableLabels));
    shownAs = shownAs == null ? RatioDisplay.DEFAULT : shownAs;
  }

  /** The table with labels from the frame's own codebook. */
  public static HazardRatioTable of(String tableName, Frame data, CoxOutcome outcome, List<String> candidates,
      List<String> multivariableTerms) {
    return of(tableName, data, null, outcome, candidates, multivariableTerms);
  }

  /** As {@link #ofTerms(String, Frame, Codebook, CoxOutcome, List, List)}, labelled by the frame's own codebook. */
  public static HazardRatioTable ofTerms(String tableName, Frame data, CoxOutcome outcome, List<Term> candidateTerms,
      List<Term> multivariable) {
    return ofTerms(tableName, data, null, outcome, candidateTerms, multivariable);
  }

  /** As {@link #of(String, Frame, CoxOutcome, List, List)}; {@code codebook} null means the frame's own. */
  public static HazardRatioTable of(String tableName, Frame data, Codebook codebook, CoxOutcome outcome,
      List<String> candidates, List<String> multivariableTerms) {
    return ofTerms(tableName, data, codebook, outcome, Term.of(candidates), Term.of(multivariableTerms));
  }

  /**
   * As {@link #of}, with terms that may be rescaled: {@code Term.of("age").per(10)} gives the hazard
   * ratio per 10 years (as R's {@code I(age / 10)}) and the row label says so.
   */
  public static HazardRatioTable ofTerms(String tableName, Frame data, Codebook codebook, CoxOutcome outcome,
      List<Term> candidateTerms, List<Term> multivariable) {
    codebook = codebook == null ? data.codebook() : codebook;
    Map<String, Term> spec = new LinkedHashMap<>();
    candidateTerms.forEach(t -> spec.put(t.variable(), t));
    multivariable.forEach(t -> spec.putIfAbsent(t.variable(), t));
    Map<String, Double> scales = Term.scales(new ArrayList<>(spec.values()));
    List<String> candidates = Term.variables(candidateTerms);
    List<String> multivariableTerms = Term.variables(multivariable);
    CoxRegression cox = CoxRegression.withDefaults().with(outcome.ties());
    List<CoxModelSummary> uni = new ArrayList<>();
    Map<String, CoxTermRow> uniTerms = new LinkedHashMap<>();
    Map<String, String> variableOf = new LinkedHashMap<>();
    for (String c : candidates) {
      CoxDesignMatrix d = design(data, outcome, List.of(c), scales);
      CoxModelSummary s = CoxModelSummary.of(cox.fit(d.design()), d);
      uni.add(s);
      s.terms().forEach(t -> {
        uniTerms.put(t.term(), t);
        variableOf.put(t.term(), c);
      });
    }
    CoxDesignMatrix multi = design(data, outcome, multivariableTerms, scales);
    CoxModelSummary model = CoxModelSummary.of(cox.fit(multi.design()), multi);
    multi.design().terms().forEach((v, cols) -> {
      for (int col : cols) {
        variableOf.putIfAbsent(multi.design().columns().get(col), v);
      }
    });
    List<HazardRatioRow> rows = new ArrayList<>();
    for (Map.Entry<String, String> e : variableOf.entrySet()) {
      String term = e.getKey();
      rows.add(new HazardRatioRow(term, e.getValue(), RegressionTable.label(codebook, spec.getOrDefault(e.getValue(), Term.of(e.getValue())), term),
          uniTerms.get(term), model.terms().stream().filter(t -> t.term().equals(term)).findFirst().orElse(null),
          TermLevel.of(codebook, e.getValue(), term)));
    }
    Map<String, String> variableLabels = new LinkedHashMap<>();
    for (HazardRatioRow r : rows) {
      Codebook cb = codebook;
      variableLabels.putIfAbsent(r.variable(), cb.find(r.variable()).map(v -> v.label()).orElse(r.variable()));
    }
    return new HazardRatioTable(tableName, outcome, uni, model, rows, variableLabels);
  }

  private static CoxDesignMatrix design(Frame data, CoxOutcome outcome, List<String> terms,
      Map<String, Double> scales) {
    return CoxDesignMatrix.of(data, outcome.time(), outcome.status(), outcome.eventValue(), terms, outcome.strata(),
        scales, outcome.start());
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

  /**
   * The table as shown, laid out as the logistic Table 3: a row per term with univariable and
   * multivariable HR, 95% CI and P (Wald); footnotes give the patients and events, the method with its
   * R call, a sentence per term whose hazard ratio changes over follow-up and per diverged term. A
   * second table gives the proportional-hazards test (cox.zph) of every multivariable term and
   * globally. Without events every estimate cell reads "not estimable (no events)" and no number is shown.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = new ArrayList<>();
    columns.add(TableModel.Column.label("Characteristic"));
    List<TableModel.Spanner> spanners = new ArrayList<>();
    for (String m : List.of("Univariable", "Multivariable")) {
      spanners.add(new TableModel.Spanner(m, columns.size(), 3));
      columns.add(TableModel.Column.number("HR"));
      columns.add(TableModel.Column.number("95% CI"));
      columns.add(TableModel.Column.number("P"));
    }
    List<RatioRows.Entry> shownRows = new ArrayList<>();
    for (HazardRatioRow r : entries) {
      List<TableValue> cells = new ArrayList<>();
      int places = shownAs.of(r.term());
      CoxModelSummary uniModel = univariableOf(r.term());
      CoxTermRow[] shown = {r.univariable(), r.multivariable()};
      for (int m = 0; m < shown.length; m++) {
        CoxTermRow t = shown[m];
        CoxModelSummary model = m == 0 ? uniModel : multivariable;
        boolean noEventsInLevel = model != null
            && model.separatedLevels().stream().anyMatch(l -> l.term().equals(r.term()));
        String missing = t == null ? null : !estimable() ? "not estimable (no events)"
            : noEventsInLevel ? "not estimable (no events in this level)"
            : t.diverged() ? "not estimable (diverged)" : !t.estimated() ? "not estimable" : null;
        if (t == null || missing != null) {
          cells.add(t == null ? TableValue.empty() : TableValue.text(missing));
          cells.add(TableValue.empty());
          cells.add(TableValue.empty());
        } else {
          cells.add(new TableValue.Ratio(t.hazardRatio(), places));
          cells.add(new TableValue.Limits(t.ciLow(), t.ciHigh(), places));
          cells.add(new TableValue.PValue(t.p(), "wald", t.z(), Double.NaN));
        }
      }
      shownRows.add(new RatioRows.Entry(r.term(), r.variable(), r.label(), r.level(), cells));
    }
    List<TableModel.Row> rows = RatioRows.of(shownRows, shownAs.referenceRows(), 3);
    CoxModelSummary multi = multivariable;
    // counting-process data: a row is an interval of a patient, not a patient
    String rowsAre = outcome.start().isPresent() ? " intervals (rows of (" + outcome.start().get() + ", "
        + outcome.time() + "] follow-up)" : " patients";
    List<String> notes = new ArrayList<>();
    if (!estimable()) {
      notes.add("Not estimable (no events): none of the " + TableValue.countInText(multi.n()) + rowsAre
          + " had the event, so no hazard ratio exists.");
    }
    notes.add("HR, hazard ratio; CI, confidence interval. " + TableValue.countInText(multi.n()) + rowsAre + ", "
        + TableValue.countInText(multi.events()) + " events"
        + (multi.excluded() > 0 ? " (" + TableValue.countInText(multi.excluded()) + " left out of the multivariable model for a missing value)"
            : "") + ".");
    notes.add(methodNote());
    for (CoxPhTest.Row r : phFailures()) {
      notes.add("The hazard ratio of " + labelOfVariable(r.term()) + " changes over follow-up (its proportional-hazards test "
          + "is significant at the 5% level, see the test below): its single hazard ratio is an average over time.");
    }
    String separation = separationNote();
    if (separation != null) {
      notes.add(separation);
    }
    if (RatioRows.anyReference(shownRows, shownAs.referenceRows())) {
      notes.add(RatioRows.REFERENCE_NOTE);
    }
    List<TableModel.Test> tests = estimable()
        ? List.of(new TableModel.Test("wald", "Wald test of the Cox coefficient", "", "z")) : List.of();
    List<TableModel> out = new ArrayList<>();
    out.add(new TableModel(tableName, "", columns, rows, tests, notes).withSpanners(spanners));
    if (estimable() && multi.phTest() != null) {
      out.add(phTable(multi.phTest()));
    }
    return out;
  }

  /**
   * The footnote on estimates that do not exist (a monotone likelihood: a diverged term, a level in
   * which nobody had the event) in any model, univariable or multivariable, naming the Firth
   * alternative; null when every estimate exists.
   */
  String separationNote() {
    List<String> terms = new ArrayList<>();
    List<String> models = new ArrayList<>();
    List<CoxModelSummary> all = new ArrayList<>(univariable);
    all.add(multivariable);
    for (int i = 0; i < all.size(); i++) {
      CoxModelSummary m = all.get(i);
      if (!m.estimable() || !m.separation()) {
        continue;
      }
      models.add(i == all.size() - 1 ? "the multivariable model" : "a univariable model");
      for (SeparatedLevel l : m.separatedLevels()) {
        String d = l.describe(labelOf(l.term()));
        if (!terms.contains(d)) {
          terms.add(d);
        }
      }
      for (String t : m.diverged()) {
        String d = labelOf(t);
        if (terms.stream().noneMatch(x -> x.startsWith(d + " ("))) {
          terms.add(d);
        }
      }
    }
    if (terms.isEmpty()) {
      return null;
    }
    return "Monotone likelihood (separation) in " + RegressionTable.joinAnd(models.stream().distinct().toList())
        + ": the hazard ratio of " + String.join("; ", terms) + " does not exist (its estimate diverges, e.g. a "
        + "level in which nobody had the event), so none is reported. Firth's penalized partial likelihood (as "
        + "R's coxphf) gives finite estimates; or merge the level with another.";
  }

  private CoxModelSummary univariableOf(String term) {
    return univariable.stream().filter(u -> u.terms().stream().anyMatch(t -> t.term().equals(term))).findFirst()
        .orElse(null);
  }

  private String labelOf(String term) {
    return entries.stream().filter(r -> r.term().equals(term)).map(HazardRatioRow::label).findFirst().orElse(term);
  }

  /** The proportional-hazards test of the multivariable model, a row per term and the global test. */
  private TableModel phTable(CoxPhTest ph) {
    List<TableModel.Row> rows = new ArrayList<>();
    List<CoxPhTest.Row> all = new ArrayList<>(ph.terms());
    all.add(ph.global());
    for (int i = 0; i < all.size(); i++) {
      CoxPhTest.Row r = all.get(i);
      String label = i == all.size() - 1 ? "Global" : labelOfVariable(r.term());
      rows.add(TableModel.Row.plain(label, List.of(new TableValue.Decimal(r.chisq(), 2), new TableValue.Decimal(r.df(), 0),
          new TableValue.PValue(r.p(), "zph", r.chisq(), r.df()))));
    }
    return new TableModel(tableName + "_ph", "Proportional-hazards test of the multivariable model",
        List.of(TableModel.Column.label("Term"), TableModel.Column.number("χ²"), TableModel.Column.number("df"),
            TableModel.Column.number("P")), rows,
        List.of(new TableModel.Test("zph", "Test of proportional hazards: scaled Schoenfeld residuals against "
            + "1 - KM(t), per term and global", "survival::cox.zph(fit)", "χ²")),
        List.of("A P-value below 0.05 means the term's hazard ratio changes over follow-up."));
  }

  /** A cox.zph term (a variable) as its rows' label says it, without the level part. */
  private String labelOfVariable(String variable) {
    return entries.stream().filter(r -> r.variable().equals(variable) && r.term().equals(variable))
        .map(HazardRatioRow::label).findFirst().orElse(variableLabels.getOrDefault(variable, variable));
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
