package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studybook.data.Codebook;
import studybook.data.Frame;
import studybook.stats.regression.LinearCoefficient;
import studybook.stats.regression.LinearFit;
import studybook.stats.regression.LinearRegression;

/**
 * A linear model's coefficient table, as a model of raw numbers: one row per coefficient without the
 * intercept (estimate, 95% limits, p), the fit's n, R², adjusted R², residual SE and F test, and the
 * aliased terms. A cell fits one in a line:
 * <pre>{@code
 * return LinearModelTable.of("tumourSize", data, codebook, "tumor_size_mm", List.of("age", "sex"));
 * }</pre>
 * As R's {@code summary(lm(y ~ a + b))} with {@code confint(fit)}; HC3 standard errors on request.
 *
 * @param tableName the CSV's file stem
 * @param outcome the outcome variable
 * @param outcomeLabel its label (the codebook's, or the name)
 * @param fit the fitted model
 * @param excluded rows left out for a missing outcome or term
 * @param labels one label per row of {@link #entries()} ("Age, per year", "Sex: male vs female")
 */
public record LinearModelTable(String tableName, String outcome, String outcomeLabel, LinearFit fit, int excluded,
    List<String> labels, int digits, Map<String, Integer> termDigits) implements Tabular, Displayable {

  /** The method in one line, for footnotes. */
  public static final String METHOD = "Ordinary least squares with t-based 95% confidence limits; as R's "
      + "summary(lm(y ~ ...)) and confint(fit)";
  /** The HC3 variant, for footnotes. */
  public static final String METHOD_HC3 = "Ordinary least squares with HC3 robust standard errors and t-based 95% "
      + "limits on the residual df; as lmtest::coeftest(fit, vcov = sandwich::vcovHC(fit, type = \"HC3\"))";

  public LinearModelTable {
    labels = List.copyOf(labels);
    termDigits = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(termDigits));
  }

  /**
   * The same table with every estimate and limit at {@code decimals} decimals (the default,
   * {@link TableValue#STYLE}, is {@code style.decimals}, widened where it would show a nonzero number as 0).
   */
  public LinearModelTable digits(int decimals) {
    return new LinearModelTable(tableName, outcome, outcomeLabel, fit, excluded, labels, decimals, termDigits);
  }

  /** The same table with {@code term}'s estimate and limits at {@code decimals} decimals, e.g. {@code digits("age", 3)}. */
  public LinearModelTable digits(String term, int decimals) {
    boolean known = fit.coefficients().stream().anyMatch(c -> c.term().equals(term));
    if (!known) {
      throw new studybook.StudybookException("LinearModelTable.digits(\"" + term + "\", ...): no term '" + term
          + "' in this model" + studybook.Names.didYouMean(term,
              fit.coefficients().stream().map(LinearCoefficient::term).toList()));
    }
    Map<String, Integer> d = new java.util.TreeMap<>(termDigits);
    d.put(term, decimals);
    return new LinearModelTable(tableName, outcome, outcomeLabel, fit, excluded, labels, digits, d);
  }

  /** Classical standard errors. */
  public static LinearModelTable of(String tableName, Frame data, String outcome, List<String> terms) {
    return of(tableName, data, null, outcome, terms);
  }

  /** As {@link #of(String, Frame, String, List)}, with a configured regression. */
  public static LinearModelTable of(String tableName, Frame data, String outcome, List<String> terms,
      LinearRegression regression) {
    return of(tableName, data, null, outcome, terms, regression);
  }

  /** As {@link #ofTerms(String, Frame, Codebook, String, List, LinearRegression)}, labelled by the frame's codebook. */
  public static LinearModelTable ofTerms(String tableName, Frame data, String outcome, List<Term> termSpecs,
      LinearRegression regression) {
    return ofTerms(tableName, data, null, outcome, termSpecs, regression);
  }

  /** As {@link #of(String, Frame, String, List)}, labelled by {@code codebook} (null: the frame's own). */
  public static LinearModelTable of(String tableName, Frame data, Codebook codebook, String outcome, List<String> terms) {
    return of(tableName, data, codebook, outcome, terms, LinearRegression.withDefaults());
  }

  /** With a configured regression (e.g. {@code LinearRegression.withDefaults().with(StandardErrors.HC3)}). */
  public static LinearModelTable of(String tableName, Frame data, Codebook codebook, String outcome, List<String> terms,
      LinearRegression regression) {
    return ofTerms(tableName, data, codebook, outcome, Term.of(terms), regression);
  }

  /**
   * With terms that may be rescaled: {@code Term.of("age").per(10)} gives the change per 10 years (as R's
   * {@code I(age / 10)}) and the row label says so.
   */
  public static LinearModelTable ofTerms(String tableName, Frame data, Codebook codebook, String outcome,
      List<Term> termSpecs, LinearRegression regression) {
    codebook = codebook == null ? data.codebook() : codebook;
    Map<String, Term> spec = new java.util.LinkedHashMap<>();
    termSpecs.forEach(t -> spec.put(t.variable(), t));
    DesignMatrix design = DesignMatrix.ofNumericOutcomeTerms(data, outcome, termSpecs);
    LinearFit fit;
    try {
      fit = regression.fit(design.design());
    } catch (IllegalArgumentException e) {
      throw new studybook.StudybookException(data.source() + ": linear model of '" + outcome + "': " + e.getMessage());
    }
    List<String> labels = new ArrayList<>();
    for (LinearCoefficient c : fit.coefficients()) {
      if (!c.term().equals("(Intercept)")) {
        String variable = variableOf(design, c.term());
        labels.add(RegressionTable.label(codebook, spec.getOrDefault(variable, Term.of(variable)), c.term()));
      }
    }
    String outcomeLabel = codebook == null ? outcome
        : codebook.find(outcome).map(v -> v.label()).orElse(outcome);
    return new LinearModelTable(tableName, outcome, outcomeLabel, fit, design.excluded(), labels, TableValue.STYLE,
        Map.of());
  }

  private static String variableOf(DesignMatrix design, String column) {
    int index = design.design().columns().indexOf(column);
    return design.design().terms().entrySet().stream()
        .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(i -> i == index))
        .map(java.util.Map.Entry::getKey).findFirst().orElse(column);
  }

  /** The coefficients without the intercept, in design order (aliased ones included, with NaN numbers). */
  public List<LinearCoefficient> entries() {
    return fit.coefficients().stream().filter(c -> !c.term().equals("(Intercept)")).toList();
  }

  /** The footnote's method sentence for the standard errors used. */
  public String method() {
    return fit.standardErrors() == LinearRegression.StandardErrors.HC3 ? METHOD_HC3 : METHOD;
  }

  /**
   * The table as shown: a row per term (estimate, 95% CI, P; an aliased term reads "NA (aliased)"),
   * then the outcome, the patients and anyone left out, R², adjusted R², residual SE and the F test,
   * the method with its R call, and a sentence per aliased term.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = List.of(TableModel.Column.label("Characteristic"),
        TableModel.Column.number("Estimate"), TableModel.Column.number("95% CI"), TableModel.Column.number("P"));
    List<TableModel.Row> rows = new ArrayList<>();
    List<LinearCoefficient> entries = entries();
    List<String> aliased = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      LinearCoefficient c = entries.get(i);
      List<TableValue> cells = c.aliased()
          ? List.of(TableValue.text("NA (aliased)"), TableValue.empty(), TableValue.empty())
          : List.of(new TableValue.Decimal(c.estimate(), termDigits.getOrDefault(c.term(), digits)),
              new TableValue.Interval(c.ciLow(), c.ciHigh(), termDigits.getOrDefault(c.term(), digits)),
              new TableValue.PValue(c.p(), "t", c.t(), fit.dfResidual()));
      if (c.aliased()) {
        aliased.add(labels.get(i));
      }
      rows.add(TableModel.Row.plain(labels.get(i), cells));
    }
    List<TableModel.Test> tests = List.of(new TableModel.Test("t", "t test of the coefficient"
        + (fit.standardErrors() == LinearRegression.StandardErrors.HC3 ? " with HC3 standard errors" : ""), "", "t"));
    List<TableModel> out = new ArrayList<>();
    out.add(new TableModel(tableName, "", columns, rows, tests, notes(aliased)));
    out.add(fitTable());
    return out;
  }

  private List<String> notes(List<String> aliased) {
    List<String> notes = new ArrayList<>();
    notes.add("Outcome: " + outcomeLabel + ". " + TableValue.countInText(fit.n()) + " patients"
        + (excluded > 0 ? " (" + TableValue.countInText(excluded) + " left out for a missing value)" : "") + ". CI, 95% confidence interval.");
    notes.add(method() + ".");
    for (String a : aliased) {
      notes.add(a + " is a linear combination of the other terms (aliased): it cannot be estimated and is reported "
          + "as NA, as R does.");
    }
    return notes;
  }

  /** The fit of the model: R², adjusted R², residual SE and the F test, typed. */
  private TableModel fitTable() {
    List<TableModel.Row> rows = new ArrayList<>();
    rows.add(TableModel.Row.plain("Patients", List.of(TableValue.Count.of(fit.n()))));
    rows.add(TableModel.Row.plain("R²", List.of(new TableValue.Decimal(fit.rSquared(), 3))));
    rows.add(TableModel.Row.plain("Adjusted R²", List.of(new TableValue.Decimal(fit.adjRSquared(), 3))));
    rows.add(TableModel.Row.plain("Residual SE", List.of(new TableValue.Decimal(fit.sigma(), TableValue.STYLE))));
    List<TableModel.Test> tests = new ArrayList<>();
    fit.f().ifPresent(f -> {
      rows.add(TableModel.Row.plain("F test (" + f.df() + " and " + f.df2() + " df)",
          List.of(new TableValue.Decimal(f.statistic(), TableValue.STYLE))));
      rows.add(TableModel.Row.plain("P (F test)", List.of(new TableValue.PValue(f.p(), "F", f.statistic(), f.df()))));
      tests.add(new TableModel.Test("F", "F test of the model against the intercept alone", "summary(lm(y ~ ...))",
          "F"));
    });
    return new TableModel(tableName + "_fit", "Fit of the linear model of " + outcomeLabel,
        List.of(TableModel.Column.label("Fit"), TableModel.Column.number("Value")), rows, tests, List.of());
  }

  @Override
  public List<String> columns() {
    return List.of("term", "label", "estimate", "se", "t", "p", "ci_low", "ci_high", "aliased");
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    List<LinearCoefficient> entries = entries();
    for (int i = 0; i < entries.size(); i++) {
      LinearCoefficient c = entries.get(i);
      List<Object> row = new ArrayList<>();
      row.add(c.term());
      row.add(labels.get(i));
      row.add(c.estimate());
      row.add(c.se());
      row.add(c.t());
      row.add(c.p());
      row.add(c.ciLow());
      row.add(c.ciHigh());
      row.add(c.aliased() ? "yes" : "no");
      out.add(row);
    }
    return out;
  }
}
