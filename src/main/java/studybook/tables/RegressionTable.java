package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.data.Codebook;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;

/**
 * A paper's logistic-regression table: univariable models of each candidate, the multivariable
 * maximum-likelihood model (Wald limits and p, as SPSS and R's glm report them) and, as a sensitivity
 * analysis, the same model by Firth's penalized likelihood (profile limits, penalized LR p; as logistf).
 *
 * @param tableName the CSV's file stem
 * @param outcome the outcome variable
 * @param event its level modelled as 1
 * @param univariable one model per candidate variable, in candidate order
 * @param multivariable the multivariable ML model
 * @param firth the multivariable Firth model, or null when the test policy skipped it
 * @param entries one row per term, candidates first, then multivariable-only terms
 * @param outcomeLabel the outcome as the table's footnote names it, e.g. "Additional treatment: Yes"
 * @param firthChoice whether Firth's model was fitted and why ({@link TestPolicy#forFirth})
 * @param shownAs reference rows or not, and the decimals of ratios and limits
 */
public record RegressionTable(String tableName, String outcome, String event, List<ModelSummary> univariable,
    ModelSummary multivariable, ModelSummary firth, List<RegressionRow> entries, String outcomeLabel,
    FirthChoice firthChoice, RatioDisplay shownAs) implements Tabular, Displayable {

  public RegressionTable {
    univariable = List.copyOf(univariable);
    entries = List.copyOf(entries);
    shownAs = shownAs == null ? RatioDisplay.DEFAULT : shownAs;
  }

  /** A table shown a row per term in the style's decimals. */
  public RegressionTable(String tableName, String outcome, String event, List<ModelSummary> univariable,
      ModelSummary multivariable, ModelSummary firth, List<RegressionRow> entries, String outcomeLabel,
      FirthChoice firthChoice) {
    this(tableName, outcome, event, univariable, multivariable, firth, entries, outcomeLabel, firthChoice,
        RatioDisplay.DEFAULT);
  }

  /**
   * The same table with reference rows: each categorical variable as a heading, its reference level
   * with "—" and its other levels below (as gtsummary prints them), instead of "Sex: Female vs Male".
   */
  public RegressionTable referenceRows() {
    return with(shownAs.withReferenceRows(true));
  }

  /** The same table with every odds ratio and limit at {@code decimals} decimals (default: {@code style.or_decimals}). */
  public RegressionTable digits(int decimals) {
    return with(shownAs.withDigits(decimals));
  }

  /**
   * The same table with {@code term}'s odds ratios and limits at {@code decimals} decimals: a variable
   * ({@code "age"}) or a level's term ({@code "sex=female"}); a variable sets all its levels.
   */
  public RegressionTable digits(String term, int decimals) {
    RatioDisplay d = shownAs;
    boolean known = false;
    for (RegressionRow r : entries) {
      if (r.term().equals(term) || r.variable().equals(term)) {
        d = d.withDigits(r.term(), decimals);
        known = true;
      }
    }
    if (!known) {
      throw new studybook.StudybookException("RegressionTable.digits(\"" + term + "\", ...): no term '" + term
          + "' in this table" + studybook.Names.didYouMean(term, entries.stream().map(RegressionRow::term).toList()));
    }
    return with(d);
  }

  private RegressionTable with(RatioDisplay d) {
    return new RegressionTable(tableName, outcome, event, univariable, multivariable, firth, entries, outcomeLabel,
        firthChoice, d);
  }

  /**
   * The logistic table of {@code outcome == event}: each of {@code univariable} alone, then the
   * {@code multivariable} model (ML and Firth); labels from the frame's codebook, named for its cell.
   */
  public static RegressionTable logistic(Frame data, String outcome, String event, List<String> univariable,
      List<String> multivariable) {
    return of("", data, data.codebook(), outcome, event, univariable, multivariable);
  }

  public static RegressionTable of(String tableName, Frame data, String outcome, String event, List<String> candidates,
      List<String> multivariableTerms) {
    return of(tableName, data, null, outcome, event, candidates, multivariableTerms);
  }

  /** As {@link #ofTerms(String, Frame, Codebook, String, String, List, List)}, labelled by the frame's codebook. */
  public static RegressionTable ofTerms(String tableName, Frame data, String outcome, String event,
      List<Term> candidateTerms, List<Term> multivariable) {
    return ofTerms(tableName, data, null, outcome, event, candidateTerms, multivariable);
  }

  /** As {@link #of(String, Frame, String, String, List, List)}, labelled by {@code codebook} (null: the frame's own). */
  public static RegressionTable of(String tableName, Frame data, Codebook codebook, String outcome, String event,
      List<String> candidates, List<String> multivariableTerms) {
    return ofTerms(tableName, data, codebook, outcome, event, Term.of(candidates), Term.of(multivariableTerms));
  }

  /**
   * As {@link #of}, with terms that may be rescaled: {@code Term.of("age").per(10)} gives the odds
   * ratio per 10 years (as R's {@code I(age / 10)}) and the row label says so ("Age, per 10 years").
   */
  public static RegressionTable ofTerms(String tableName, Frame data, Codebook codebook, String outcome, String event,
      List<Term> candidateTerms, List<Term> multivariable) {
    // labels from the frame's own codebook unless another is given (null no longer means raw names)
    codebook = codebook == null ? data.codebook() : codebook;
    List<String> candidates = Term.variables(candidateTerms);
    List<String> multivariableTerms = Term.variables(multivariable);
    Map<String, Term> spec = new LinkedHashMap<>();
    candidateTerms.forEach(t -> spec.put(t.variable(), t));
    multivariable.forEach(t -> spec.putIfAbsent(t.variable(), t));
    LogisticRegression ml = LogisticRegression.withDefaults();
    List<ModelSummary> uni = new ArrayList<>();
    Map<String, TermRow> uniTerms = new LinkedHashMap<>();
    Map<String, String> variableOf = new LinkedHashMap<>();
    // each model on whichever engine holds the frame's rows (LogisticModel): the same checks, fits and summaries
    for (String c : candidates) {
      ModelSummary s;
      try (LogisticModel d = LogisticModel.of(data, outcome, event, List.of(spec.get(c)))) {
        s = d.summary(ml);
      }
      uni.add(s);
      s.terms().forEach(t -> {
        uniTerms.put(t.term(), t);
        variableOf.put(t.term(), c);
      });
    }
    ModelSummary mlModel;
    ModelSummary firthModel;
    FirthChoice firthChoice;
    try (LogisticModel multi = LogisticModel.of(data, outcome, event, multivariable)) {
      mlModel = multi.summary(ml);
      firthChoice = TestPolicy.forFirth(mlModel);
      firthModel = firthChoice.decision() == FirthChoice.Decision.SKIPPED ? null
          : multi.summary(LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH)
              .with(LogisticRegression.Limits.PROFILE));
      for (String v : multivariableTerms) {
        for (int col : multi.terms().getOrDefault(v, new int[0])) {
          variableOf.putIfAbsent(multi.columns().get(col), v);
        }
      }
    }
    List<RegressionRow> rows = new ArrayList<>();
    for (String term : variableOf.keySet()) {
      String variable = variableOf.get(term);
      rows.add(new RegressionRow(term, variable, label(codebook, spec.get(variable), term), uniTerms.get(term),
          find(mlModel, term), firthModel == null ? null : find(firthModel, term), TermLevel.of(codebook, variable, term)));
    }
    CodebookVariable o = codebook == null ? null : codebook.find(outcome).orElse(null);
    String level = o == null ? event : o.levelLabel(event);
    // "Additional treatment" for yes/no or a level named as the variable, else "Stage: III".
    String outcomeLabel = o == null || o.label().equals(outcome) && level.equals(event) ? outcome + " = " + event
        : level.equalsIgnoreCase(o.label()) || level.equalsIgnoreCase("yes") ? o.label() : o.label() + ": " + level;
    return new RegressionTable(tableName, outcome, event, uni, mlModel, firthModel, rows, outcomeLabel, firthChoice);
  }

  /**
   * The table as shown: a row per term, and for each model its odds ratio, 95% CI and P (blank where
   * the term is not in that model); footnotes give the outcome, the patients and events, the
   * abbreviations, the methods and any patients left out or separation.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = new ArrayList<>();
    columns.add(TableModel.Column.label("Characteristic"));
    List<String> models = firth == null ? List.of("Univariable", "Multivariable")
        : List.of("Univariable", "Multivariable", "Firth");
    List<TableModel.Spanner> spanners = new ArrayList<>();
    for (String m : models) {
      // each model's three columns under its spanning header, as gtsummary's tbl_merge sets them
      spanners.add(new TableModel.Spanner(m, columns.size(), 3));
      columns.add(TableModel.Column.number("OR"));
      columns.add(TableModel.Column.number("95% CI"));
      columns.add(TableModel.Column.number("P"));
    }
    List<RatioRows.Entry> shownRows = new ArrayList<>();
    for (RegressionRow r : entries) {
      List<TableValue> cells = new ArrayList<>();
      int places = shownAs.of(r.term());
      TermRow[] shown = firth == null ? new TermRow[] {r.univariable(), r.multivariable()}
          : new TermRow[] {r.univariable(), r.multivariable(), r.firth()};
      for (int m = 0; m < shown.length; m++) {
        TermRow t = shown[m];
        ModelSummary model = m == 0 ? univariableOf(r.term()) : m == 1 ? multivariable : null;
        if (t == null) {
          cells.addAll(List.of(new TableValue.Empty(), new TableValue.Empty(), new TableValue.Empty()));
        } else if (model != null && separatedLevel(model, r.term()) != null) {
          // quasi-complete separation in this level: the ML odds ratio does not exist (glm's stopping point
          // would print as 0.00 (0.00-Inf) with p near 1); Firth's column keeps its finite estimate
          cells.addAll(List.of(TableValue.text("not estimable (separation)"), TableValue.empty(), TableValue.empty()));
        } else {
          cells.add(new TableValue.Ratio(t.oddsRatio(), places));
          cells.add(new TableValue.Limits(t.ciLow(), t.ciHigh(), places));
          cells.add(TableValue.PValue.of(t.p()));
        }
      }
      shownRows.add(new RatioRows.Entry(r.term(), r.variable(), r.label(), r.level(), cells));
    }
    List<TableModel.Row> rows = RatioRows.of(shownRows, shownAs.referenceRows(), 3);
    List<String> notes = new ArrayList<>();
    notes.add("Outcome: " + outcomeLabel + " (" + TableValue.countInText(multivariable.events()) + " events among "
        + TableValue.countInText(multivariable.n()) + " patients in the multivariable model). OR, odds ratio; CI, 95% confidence interval.");
    notes.add("Maximum likelihood with Wald limits and p-values (as R's glm(family = binomial)); Firth's penalized "
        + "likelihood with profile limits and penalized likelihood-ratio p-values (as logistf).");
    if (firth == null) {
      notes.set(notes.size() - 1, "Maximum likelihood with Wald limits and p-values (as R's glm(family = binomial)). "
          + "Firth's penalized likelihood was not fitted: " + firthChoice.reason() + ".");
    }
    if (!multivariable.aliased().isEmpty()) {
      notes.add("Aliased (collinear) terms, not estimable and shown as NA (as R reports them): "
          + String.join(", ", multivariable.aliased().stream().map(this::labelOf).toList()) + ".");
    }
    String separation = separationNote();
    if (separation != null) {
      notes.add(separation);
    }
    if (RatioRows.anyReference(shownRows, shownAs.referenceRows())) {
      notes.add(RatioRows.REFERENCE_NOTE);
    }
    if (multivariable.excluded() > 0) {
      notes.add(TableValue.countInText(multivariable.excluded()) + " patients with a missing value were left out of the multivariable model.");
    }
    return List.of(new TableModel(tableName, "", columns, rows, List.of(), notes).withSpanners(spanners));
  }

  /**
   * The footnote on separation, naming every separated model (univariable and multivariable), the
   * levels with no events or no non-events, and the Firth alternative; null when no model is separated.
   */
  String separationNote() {
    List<String> models = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    for (ModelSummary u : univariable) {
      if (u.separation()) {
        models.add("the univariable model of " + variableLabel(u));
        u.separatedLevels().forEach(l -> levels.add(l.describe(labelOf(l.term()))));
      }
    }
    if (multivariable.separation()) {
      models.add("the multivariable model");
      multivariable.separatedLevels().stream().map(l -> l.describe(labelOf(l.term()))).filter(d -> !levels.contains(d))
          .forEach(levels::add);
    }
    if (models.isEmpty()) {
      return null;
    }
    String firthHint = firth != null && multivariable.separation()
        ? "Firth's penalized likelihood (as logistf) gives finite estimates: see the Firth columns"
        : "Firth's penalized likelihood (as logistf) gives finite estimates: fit the model with "
            + "LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH)";
    if (firth != null && multivariable.separation() && models.size() > 1) {
      firthHint += " (for a univariable model, LogisticRegression.withDefaults().with(LogisticRegression.Method.FIRTH))";
    }
    return "Separation (complete or quasi-complete) in " + joinAnd(models) + ": the maximum-likelihood "
        + "odds ratios do not exist there" + (levels.isEmpty() ? "" : ", and a level in which every patient has the "
        + "same outcome reads 'not estimable (separation)': " + String.join("; ", levels)) + ". " + firthHint + ".";
  }

  static String joinAnd(List<String> items) {
    return items.size() <= 1 ? String.join("", items)
        : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** The univariable model holding {@code term}, or null. */
  private ModelSummary univariableOf(String term) {
    return univariable.stream().filter(u -> u.terms().stream().anyMatch(t -> t.term().equals(term))).findFirst()
        .orElse(null);
  }

  private static SeparatedLevel separatedLevel(ModelSummary model, String term) {
    return model.separatedLevels().stream().filter(l -> l.term().equals(term)).findFirst().orElse(null);
  }

  /** A univariable model's variable as its rows name it: "Parity" of "Parity: 3 vs 0". */
  private String variableLabel(ModelSummary u) {
    if (u.terms().isEmpty()) {
      return "?";
    }
    String term = u.terms().get(0).term();
    RegressionRow row = entries.stream().filter(r -> r.term().equals(term)).findFirst().orElse(null);
    if (row == null) {
      return term;
    }
    int colon = row.label().lastIndexOf(": ");
    return row.label().equals(term) || colon < 0 ? row.variable() : row.label().substring(0, colon);
  }

  private String labelOf(String term) {
    return entries.stream().filter(r -> r.term().equals(term)).map(RegressionRow::label).findFirst().orElse(term);
  }

  /**
   * The fit of one model. Maximum likelihood with Wald limits runs on the design's columns
   * ({@code fitColumns}: the same fit to the bit, without a row array per cross product, which cost most
   * of Table 3's time on a large registry); Firth and profile limits work on rows.
   */
  static LogisticFit fit(LogisticRegression r, DesignMatrix d) {
    double[][] x = d.design().x();
    if (r.method() != LogisticRegression.Method.ML || r.limits() != LogisticRegression.Limits.WALD || x.length == 0) {
      return r.fit(x, d.design().y(), d.design().columns());
    }
    int p = x[0].length;
    double[][] columns = new double[p][x.length];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      for (int j = 0; j < p; j++) {
        columns[j][i] = row[j];
      }
    }
    return r.fitColumns(columns, d.design().y(), d.design().columns());
  }

  private static TermRow find(ModelSummary m, String term) {
    return m.terms().stream().filter(t -> t.term().equals(term)).findFirst().orElse(null);
  }

  /** "Lymphovascular invasion: Positive vs Negative", "Tumour size, per mm" or "Age, per 10 years". */
  static String label(Codebook codebook, Term spec, String term) {
    CodebookVariable v = codebook == null ? null : codebook.find(spec.variable()).orElse(null);
    if (v == null) {
      return spec.rescaled() ? spec.label(null) : term;
    }
    int eq = term.indexOf('=');
    if (eq >= 0) {
      String level = term.substring(eq + 1);
      return v.label() + ": " + v.levelLabel(level) + " vs " + v.levelLabel(v.levels().isEmpty() ? "" : v.levels().get(0));
    }
    if (!spec.rescaled() && v.unit().isEmpty() && v.label().equals(v.name())) {
      return term; // a column the codebook says nothing about: its name, not "karno, per unit"
    }
    return spec.label(v);
  }

  @Override
  public List<String> columns() {
    List<String> c = new ArrayList<>(List.of("term"));
    for (String m : List.of("univariable", "multivariable", "firth")) {
      for (String k : List.of("or", "ci_low", "ci_high", "p")) {
        c.add(m + "_" + k);
      }
    }
    return c;
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (RegressionRow r : entries) {
      List<Object> row = new ArrayList<>();
      row.add(r.term());
      for (TermRow t : new TermRow[] {r.univariable(), r.multivariable(), r.firth()}) {
        row.add(t == null ? null : t.oddsRatio());
        row.add(t == null ? null : t.ciLow());
        row.add(t == null ? null : t.ciHigh());
        row.add(t == null ? null : t.p());
      }
      out.add(row);
    }
    return out;
  }
}
