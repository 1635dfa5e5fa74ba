package studybook.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A weighted or clustered outcome model as a paper prints it ({@link WeightedModel} makes it): per term the
 * odds ratio, hazard ratio or coefficient with its robust 95% limits and P, and footnotes that say the rows
 * and events, the weights (column, how they were made, effective sample size), the variance estimator and the
 * R call the numbers match.
 *
 * @param tableName the CSV's file stem
 * @param model logistic, linear or Cox
 * @param outcomeLabel the outcome as the footnote names it
 * @param entries one row per coefficient (no intercept), in design order
 * @param n rows used
 * @param events rows with the event (0 for linear)
 * @param excluded rows of positive weight left out for a missing value
 * @param zeroWeight rows of weight 0 left out
 * @param weights the weight column, or null for none
 * @param cluster the cluster column, or null for none
 * @param clusters the number of clusters (0 without)
 * @param ess the effective sample size (Σw)²/Σw² of the rows used
 * @param weightsMethod how the weights were made, a sentence (empty when not said)
 * @param variance the variance estimator in words with its R call
 * @param rCall the R call of the model
 */
public record WeightedTable(String tableName, Model model, String outcomeLabel, List<Row> entries, int n, int events,
    int excluded, int zeroWeight, String weights, String cluster, int clusters, double ess, String weightsMethod,
    String variance, String rCall) implements Tabular, Displayable {

  /** The kind of model. */
  public enum Model {
    LOGISTIC("OR", "odds ratio"),
    LINEAR("Estimate", "coefficient"),
    COX("HR", "hazard ratio");

    private final String header;
    private final String words;

    Model(String header, String words) {
      this.header = header;
      this.words = words;
    }
  }

  /**
   * One coefficient.
   *
   * @param term the design column, e.g. "arm=surgery"
   * @param variable its variable
   * @param label the row label
   * @param estimate the coefficient (log ratio for logistic and Cox)
   * @param se its robust standard error
   * @param seNaive the model-based standard error (Cox: {@code sqrt(diag(fit$naive.var))}; NaN otherwise)
   * @param statistic z (logistic, Cox) or t (linear)
   * @param p two-sided P
   * @param ratio exp(estimate) for logistic and Cox, the estimate for linear
   * @param ciLow lower 95% limit on the same scale as {@code ratio}
   * @param ciHigh upper 95% limit
   */
  public record Row(String term, String variable, String label, double estimate, double se, double seNaive,
      double statistic, double p, double ratio, double ciLow, double ciHigh) {}

  public WeightedTable {
    entries = List.copyOf(entries);
  }

  /** The variance and weights in a sentence, for the footnote and the methods section. */
  public String methods() {
    String kind = switch (model) {
      case LOGISTIC -> "Logistic regression";
      case LINEAR -> "Linear regression";
      case COX -> "Cox proportional-hazards regression";
    };
    String w = weights == null ? "without weights" : "weighted by " + weights;
    return kind + " " + w + ", with the " + variance + " for the 95% confidence limits and P (as R's " + rCall
        + ")";
  }

  /**
   * What was done, as a methods section says it: how the weights were made (estimand, weights, trimming,
   * matching ratio and caliper, when a propensity analysis made them) and the model with its variance estimator.
   */
  public String methodsParagraph() {
    return (weightsMethod.isEmpty() ? "" : weightsMethod + " ") + methods() + ".";
  }

  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = List.of(TableModel.Column.label("Characteristic"),
        TableModel.Column.number(model.header), TableModel.Column.number("95% CI"), TableModel.Column.number("P"));
    List<TableModel.Row> rows = new ArrayList<>();
    for (Row r : entries) {
      List<TableValue> cells = new ArrayList<>();
      if (model == Model.LINEAR) {
        cells.add(new TableValue.Decimal(r.estimate(), TableValue.STYLE));
        cells.add(new TableValue.Interval(r.ciLow(), r.ciHigh(), TableValue.STYLE));
      } else {
        cells.add(new TableValue.Ratio(r.ratio()));
        cells.add(new TableValue.Limits(r.ciLow(), r.ciHigh()));
      }
      cells.add(TableValue.PValue.of(r.p()));
      rows.add(new TableModel.Row(TableModel.RowKind.PLAIN, r.label(), "", r.variable(), cells));
    }
    List<String> notes = new ArrayList<>();
    String abbreviation = switch (model) {
      case LOGISTIC -> "OR, odds ratio; ";
      case COX -> "HR, hazard ratio; ";
      case LINEAR -> "";
    };
    notes.add("Outcome: " + outcomeLabel + " (" + TableValue.countInText(n) + " patients"
        + (model == Model.LINEAR ? "" : ", " + TableValue.countInText(events) + " events") + ")"
        + (excluded > 0 ? "; " + TableValue.countInText(excluded) + " left out for a missing value" : "")
        + (zeroWeight > 0 ? "; " + TableValue.countInText(zeroWeight) + " of weight 0 left out" : "") + ". "
        + abbreviation + "CI, 95% confidence interval (robust).");
    if (weights != null) {
      notes.add("Weights: " + weights + "." + (weightsMethod.isEmpty() ? "" : " " + weightsMethod)
          + String.format(Locale.ROOT, " Effective sample size (Σw)²/Σw²: %.1f of %d patients.", ess, n));
    } else if (!weightsMethod.isEmpty()) {
      notes.add(weightsMethod);
    }
    notes.add(methods() + ".");
    return List.of(new TableModel(tableName, "", columns, rows, List.of(), notes));
  }

  @Override
  public List<String> columns() {
    return List.of("term", "label", "estimate", "se", "se_naive", "statistic", "p", model == Model.LINEAR
        ? "estimate_shown" : model == Model.COX ? "hr" : "or", "ci_low", "ci_high");
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : entries) {
      out.add(Arrays.asList(r.term(), r.label(), r.estimate(), r.se(), r.seNaive(), r.statistic(), r.p(), r.ratio(),
          r.ciLow(), r.ciHigh()));
    }
    return out;
  }
}
