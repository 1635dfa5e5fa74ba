package studybook.tables;

import java.util.ArrayList;
import java.util.List;
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
    List<String> labels) implements Tabular {

  /** The method in one line, for footnotes. */
  public static final String METHOD = "Ordinary least squares with t-based 95% confidence limits; as R's "
      + "summary(lm(y ~ ...)) and confint(fit)";
  /** The HC3 variant, for footnotes. */
  public static final String METHOD_HC3 = "Ordinary least squares with HC3 robust standard errors and t-based 95% "
      + "limits on the residual df; as lmtest::coeftest(fit, vcov = sandwich::vcovHC(fit, type = \"HC3\"))";

  public LinearModelTable {
    labels = List.copyOf(labels);
  }

  /** Classical standard errors. */
  public static LinearModelTable of(String tableName, Frame data, Codebook codebook, String outcome, List<String> terms) {
    return of(tableName, data, codebook, outcome, terms, LinearRegression.withDefaults());
  }

  /** With a configured regression (e.g. {@code LinearRegression.withDefaults().with(StandardErrors.HC3)}). */
  public static LinearModelTable of(String tableName, Frame data, Codebook codebook, String outcome, List<String> terms,
      LinearRegression regression) {
    DesignMatrix design = DesignMatrix.ofNumericOutcome(data, outcome, terms);
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
        labels.add(RegressionTable.label(codebook, Term.of(variable), c.term()));
      }
    }
    String outcomeLabel = codebook == null ? outcome
        : codebook.find(outcome).map(v -> v.label()).orElse(outcome);
    return new LinearModelTable(tableName, outcome, outcomeLabel, fit, design.excluded(), labels);
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
