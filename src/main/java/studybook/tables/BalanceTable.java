package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studybook.stats.propensity.BalanceRow;
import studybook.stats.propensity.GroupSummary;
import studybook.stats.propensity.PropensityResult;
import studybook.stats.propensity.PropensityScore.Estimand;
import studybook.stats.propensity.PropensityScore.Method;

/**
 * The balance table of a propensity analysis, the journal's "Table 1 after weighting": per covariate (and
 * per level of a categorical one, as the contract's balance rows) the standardized mean difference and the
 * variance ratio before and after weighting or matching, with footnotes that say the method in a sentence
 * ({@link #methods()}), the groups and the effective sample sizes.
 *
 * @param tableName the CSV's file stem
 * @param treatment the treatment column
 * @param treatedValue its treated value
 * @param covariates the score model's covariates
 * @param labels one display label per balance row, from the codebook ("Age, years"; "Sex: Male" for a level),
 *     the term itself where the codebook has none
 * @param result the propensity analysis
 * @param excluded rows left out for a missing treatment or covariate
 */
public record BalanceTable(String tableName, String treatment, String treatedValue, List<String> covariates,
    List<String> labels, PropensityResult result, int excluded) implements Tabular, Displayable {

  public BalanceTable {
    covariates = List.copyOf(covariates);
    labels = List.copyOf(labels);
    if (labels.size() != result.balance().size()) {
      throw new IllegalArgumentException(labels.size() + " labels for " + result.balance().size() + " balance rows");
    }
  }

  /** The table of a fitted analysis. */
  public static BalanceTable of(String tableName, Propensity.Fit fit) {
    studybook.data.Codebook codebook = fit.frame().codebook();
    List<String> labels = fit.result().balance().stream().map(b -> label(codebook, b)).toList();
    return new BalanceTable(tableName, fit.treatment(), fit.treatedValue(), fit.covariates(), labels, fit.result(),
        fit.excluded());
  }

  /** "Age, years" for a covariate, "Sex: Male" for a level ({@code sex=male}), as the codebook labels them. */
  private static String label(studybook.data.Codebook codebook, BalanceRow b) {
    String term = b.term();
    int eq = b.level() ? term.indexOf('=') : -1;
    String variable = eq < 0 ? term : term.substring(0, eq);
    return codebook.find(variable).map(v -> {
      String name = v.unit().isEmpty() || eq >= 0 ? v.label() : v.label() + ", " + v.unit();
      return eq < 0 ? name : name + ": " + v.levelLabel(term.substring(eq + 1));
    }).orElse(term);
  }

  /** The balance rows, in covariate order. */
  public List<BalanceRow> entries() {
    return result.balance();
  }

  /** What was done, as a methods section says it (estimand, weights or matching, score model, variance). */
  public String methods() {
    String model = "a logistic model of " + treatment + " = " + treatedValue + " on " + String.join(", ", covariates)
        + " (as R's glm(" + treatment + " == \"" + treatedValue + "\" ~ " + String.join(" + ", covariates)
        + ", family = binomial))";
    if (result.method() == Method.MATCH) {
      String caliper = Double.isNaN(result.caliper()) ? "" : String.format(Locale.ROOT,
          " within a caliper of %s standard deviations of the score", trim(result.caliper()));
      return "Propensity scores were estimated with " + model + "; each treated patient was matched to "
          + (result.ratio() == 1 ? "the nearest control" : "the " + result.ratio() + " nearest controls")
          + " by greedy nearest-neighbour matching on the score without replacement, largest score first"
          + caliper + " (as MatchIt::matchit(method = \"nearest\", ratio = " + result.ratio()
          + ", replace = FALSE, m.order = \"largest\")), for the average treatment effect in the treated.";
    }
    String weights = result.estimand() == Estimand.ATE
        ? (result.stabilized() ? "stabilized inverse-probability weights (the group's share of the patients over"
            + " the probability of the treatment received)" : "inverse-probability weights (1/ps for the treated,"
            + " 1/(1 − ps) for controls)") + ", for the average treatment effect"
        : "weights of 1 for the treated and ps/(1 − ps) for controls, for the average treatment effect in the"
            + " treated";
    String trim = Double.isNaN(result.trimAt()) ? "; no weight was trimmed."
        : String.format(Locale.ROOT, "; the weights%s above their %s quantile were trimmed to it (%d weight%s), as"
            + " WeightIt::trim(w, at = %s).", result.estimand() == Estimand.ATT ? " of the controls" : "",
            trim(result.trimAt()), result.trimmed(), result.trimmed() == 1 ? "" : "s", trim(result.trimAt()));
    return "Propensity scores (ps) were estimated with " + model + " and turned into " + weights + trim;
  }

  /** The table as shown: SMD and variance ratio before and after per covariate, then the footnotes. */
  @Override
  public List<TableModel> display() {
    String after = result.method() == Method.MATCH ? "matching" : "weighting";
    List<TableModel.Column> columns = List.of(TableModel.Column.label("Covariate"),
        TableModel.Column.number("SMD before"), TableModel.Column.number("SMD after " + after),
        TableModel.Column.number("Variance ratio before"), TableModel.Column.number("Variance ratio after " + after));
    List<TableModel.Row> rows = new ArrayList<>();
    for (int i = 0; i < entries().size(); i++) {
      BalanceRow b = entries().get(i);
      rows.add(TableModel.Row.plain(labels.get(i), List.of(new TableValue.Decimal(b.smdBefore(), 3),
          new TableValue.Decimal(b.smdAfter(), 3),
          b.level() ? TableValue.empty() : new TableValue.Decimal(b.vrBefore(), 2),
          b.level() ? TableValue.empty() : new TableValue.Decimal(b.vrAfter(), 2))));
    }
    List<String> notes = new ArrayList<>();
    GroupSummary t = result.treatedSummary();
    GroupSummary c = result.controlSummary();
    notes.add("Treatment: " + treatment + " = " + treatedValue + ", " + result.treatedCount() + " treated and "
        + result.controlCount() + " control patients" + (excluded > 0 ? " (" + excluded
        + " left out for a missing value)" : "") + ".");
    notes.add(methods());
    notes.add("SMD, standardized mean difference: the difference of the group means (weighted after " + after
        + ") over " + (result.estimand() == Estimand.ATT ? "the standard deviation of the treated"
        : "the pooled standard deviation of the two groups") + ", before " + after + "; for a level, the proportions "
        + "with p(1 − p) as variance. Variance ratio: treated over control.");
    if (result.method() == Method.MATCH) {
      notes.add(String.format(Locale.ROOT, "Matched: %d of %d treated and %d control patients.", result.matched(1),
          result.treatedCount(), result.matched(0)));
    } else {
      notes.add(String.format(Locale.ROOT, "Effective sample sizes after weighting: %.1f treated, %.1f control.",
          t.ess(), c.ess()));
    }
    return List.of(new TableModel(tableName, "Covariate balance before and after " + after, columns, rows, List.of(),
        notes));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public List<String> columns() {
    return List.of("term", "type", "smd_before", "smd_after", "vr_before", "vr_after");
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (BalanceRow b : entries()) {
      List<Object> row = new ArrayList<>();
      row.add(b.term());
      row.add(b.level() ? "level" : "continuous");
      row.add(b.smdBefore());
      row.add(b.smdAfter());
      row.add(b.vrBefore());
      row.add(b.vrAfter());
      out.add(row);
    }
    return out;
  }
}
