package studybook.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import studybook.StudybookException;
import studybook.data.Codebook;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.stats.propensity.PropensityScore.Method;
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.CoxCoefficient;
import studybook.stats.regression.CoxFit;
import studybook.stats.regression.CoxRegression;
import studybook.stats.regression.LinearCoefficient;
import studybook.stats.regression.LinearFit;
import studybook.stats.regression.LinearRegression;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.WeightedLogistic;
import studybook.tables.HazardRatioTable.CoxOutcome;

/**
 * Outcome models with case weights and a robust variance in a study, as the commands' {@code --weights} and
 * {@code --cluster} fit them (docs/CONTRACT.md, "Weighted, clustered and pooled fits"): a logistic, linear or
 * Cox model whose table says in its footnote which weights were used, how they were made and which variance
 * estimator gives the intervals.
 * <pre>{@code
 * Propensity.Fit ps = Propensity.of(data).treatment("arm", "surgery").covariates("age", "sex").fit();
 * WeightedTable hr = WeightedModel.of(ps).cox("weighted_cox", CoxOutcome.of("months", "died"), List.of("arm"));
 * WeightedTable or = WeightedModel.of(data).weights("w").cluster("centre").logistic("t", "response", "yes",
 *     List.of("arm", "age"));
 * }</pre>
 * From a propensity fit the frame is its weighted rows ({@code weight} as the weights) or, for matching, its
 * matched rows with the matched set ({@code subclass}) as the cluster, as MatchIt's authors advise; the
 * footnote then carries the propensity method's sentence ({@link BalanceTable#methods()}). Variance: logistic
 * {@code sandwich::vcovHC(glm(..., family = quasibinomial, weights = w), type = "HC0")} or
 * {@code vcovCL(fit, cluster = ~g)}; linear {@code vcovHC(lm(..., weights = w), type = "HC3")} or
 * {@code vcovCL}; Cox {@code coxph(..., weights = w, robust = TRUE)} or {@code coxph(..., cluster = g)}.
 */
public final class WeightedModel {
  private final Frame frame;
  private final String weights;
  private final String cluster;
  private final String weightsMethod;

  private WeightedModel(Frame frame, String weights, String cluster, String weightsMethod) {
    this.frame = frame;
    this.weights = weights;
    this.cluster = cluster;
    this.weightsMethod = weightsMethod;
  }

  /** Models of {@code frame}; name the weights and the cluster next (neither: robust variance, weights 1). */
  public static WeightedModel of(Frame frame) {
    return new WeightedModel(Objects.requireNonNull(frame), null, null, "");
  }

  /**
   * Models weighted by a propensity analysis: its weighted rows and weights, or for matching its matched rows
   * with their matched set as the cluster; the footnote says how the weights were made.
   */
  public static WeightedModel of(Propensity.Fit fit) {
    String sentence = BalanceTable.of("", fit).methods();
    if (fit.result().method() == Method.MATCH) {
      return new WeightedModel(fit.matched(), "weight", "subclass", sentence);
    }
    return new WeightedModel(fit.weighted(), "weight", null, sentence);
  }

  /** The column of case weights (numbers of at least 0; weight 0 leaves a row out). */
  public WeightedModel weights(String column) {
    frame.requireColumn(column);
    return new WeightedModel(frame, column, cluster, weightsMethod);
  }

  /** Cluster-robust variance by this column (e.g. a patient's id with several rows, a centre, a matched set). */
  public WeightedModel cluster(String column) {
    frame.requireColumn(column);
    return new WeightedModel(frame, weights, column, weightsMethod);
  }

  /** How the weights were made, in a sentence for the footnote. */
  public WeightedModel describedAs(String sentence) {
    return new WeightedModel(frame, weights, cluster, sentence == null ? "" : sentence.trim());
  }

  /** The logistic model of {@code outcome == event} on {@code terms}: odds ratios with robust 95% limits. */
  public WeightedTable logistic(String tableName, String outcome, String event, List<String> terms) {
    List<String> columns = new ArrayList<>(List.of(outcome));
    columns.addAll(terms);
    WeightedRows rows = WeightedRows.prepare(frame, weights, cluster, columns);
    DesignMatrix dm = DesignMatrix.of(rows.frame(), outcome, event, terms);
    requireSameRows(dm.design().n(), rows);
    LogisticFit fit;
    try {
      fit = WeightedLogistic.fit(dm.design(), rows.weights(), rows.cluster());
    } catch (IllegalArgumentException e) {
      throw new StudybookException(frame.source() + ": weighted logistic model of '" + outcome + "': "
          + e.getMessage());
    }
    List<WeightedTable.Row> out = new ArrayList<>();
    for (Coefficient c : fit.coefficients()) {
      if (c.term().equals("(Intercept)")) {
        continue;
      }
      out.add(new WeightedTable.Row(c.term(), variableOf(dm.design().terms(), dm.design().columns(), c.term()),
          label(c.term(), dm.design().terms(), dm.design().columns()), c.estimate(), c.se(), Double.NaN, c.z(),
          c.p(), c.oddsRatio(), c.ciLow(), c.ciHigh()));
    }
    String w = weights == null ? "" : ", weights = " + weights;
    String rCall = "glm(" + outcome + " == \"" + event + "\" ~ " + String.join(" + ", terms)
        + ", family = quasibinomial" + w + ")";
    String variance = cluster == null
        ? "robust (sandwich) variance HC0, as sandwich::vcovHC(fit, type = \"HC0\")"
        : "cluster-robust variance by " + cluster + " (" + rows.clusters() + " clusters), as sandwich::vcovCL(fit,"
            + " cluster = ~" + cluster + ") with its defaults";
    return new WeightedTable(tableName, WeightedTable.Model.LOGISTIC, outcomeLabel(outcome, event), out,
        fit.n(), fit.events(), rows.excluded(), rows.zeroWeight(), weights, cluster, rows.clusters(), rows.ess(),
        weightsMethod, variance, rCall);
  }

  /** The linear model of {@code outcome} on {@code terms}: coefficients with robust 95% limits (t on the residual df). */
  public WeightedTable linear(String tableName, String outcome, List<String> terms) {
    List<String> columns = new ArrayList<>(List.of(outcome));
    columns.addAll(terms);
    WeightedRows rows = WeightedRows.prepare(frame, weights, cluster, columns);
    DesignMatrix dm = DesignMatrix.ofNumericOutcome(rows.frame(), outcome, terms);
    requireSameRows(dm.design().n(), rows);
    LinearFit fit;
    try {
      fit = LinearRegression.withDefaults().with(LinearRegression.StandardErrors.HC3).fit(dm.design(),
          rows.weights(), rows.cluster());
    } catch (IllegalArgumentException e) {
      throw new StudybookException(frame.source() + ": weighted linear model of '" + outcome + "': " + e.getMessage());
    }
    if (!fit.aliased().isEmpty()) {
      throw new StudybookException(frame.source() + ": weighted linear model of '" + outcome + "': aliased"
          + " (collinear) terms " + fit.aliased() + " cannot be estimated; leave them out");
    }
    List<WeightedTable.Row> out = new ArrayList<>();
    for (LinearCoefficient c : fit.coefficients()) {
      if (c.term().equals("(Intercept)")) {
        continue;
      }
      out.add(new WeightedTable.Row(c.term(), variableOf(dm.design().terms(), dm.design().columns(), c.term()),
          label(c.term(), dm.design().terms(), dm.design().columns()), c.estimate(), c.se(), Double.NaN, c.t(),
          c.p(), c.estimate(), c.ciLow(), c.ciHigh()));
    }
    String rCall = "lm(" + outcome + " ~ " + String.join(" + ", terms) + (weights == null ? "" : ", weights = "
        + weights) + ")";
    String variance = cluster == null
        ? "robust (sandwich) variance HC3 with t on the residual degrees of freedom, as lmtest::coeftest(fit, vcov"
            + " = sandwich::vcovHC(fit, type = \"HC3\"))"
        : "cluster-robust variance by " + cluster + " (" + rows.clusters() + " clusters) with t on the residual"
            + " degrees of freedom, as lmtest::coeftest(fit, vcov = sandwich::vcovCL(fit, cluster = ~" + cluster
            + "))";
    Codebook cb = frame.codebook();
    String label = cb == null ? outcome : cb.find(outcome).map(CodebookVariable::label).orElse(outcome);
    return new WeightedTable(tableName, WeightedTable.Model.LINEAR, label, out, fit.n(), 0, rows.excluded(),
        rows.zeroWeight(), weights, cluster, rows.clusters(), rows.ess(), weightsMethod, variance, rCall);
  }

  /** The Cox model of {@code outcome} on {@code terms}: hazard ratios with robust 95% limits. */
  public WeightedTable cox(String tableName, CoxOutcome outcome, List<String> terms) {
    if (outcome.start().isPresent() && weights != null && cluster == null) {
      // as survival: coxph(Surv(start, stop, event) ~ ..., robust = TRUE) needs a cluster or id
      throw new StudybookException("WeightedModel.cox: counting-process data (startingAt) with weights need"
          + " cluster(\"id\"), the column naming each patient: the rows of one patient are not independent");
    }
    List<String> columns = new ArrayList<>(List.of(outcome.time(), outcome.status()));
    outcome.start().ifPresent(columns::add);
    outcome.strata().ifPresent(columns::add);
    columns.addAll(terms);
    WeightedRows rows = WeightedRows.prepare(frame, weights, cluster, columns);
    CoxDesignMatrix dm = CoxDesignMatrix.of(rows.frame(), outcome.time(), outcome.status(), outcome.eventValue(),
        terms, outcome.strata(), Map.of(), outcome.start());
    requireSameRows(dm.design().n(), rows);
    CoxRegression.RobustCoxFit robust;
    try {
      robust = CoxRegression.withDefaults().with(outcome.ties()).fitRobust(dm.design(), rows.weights(),
          rows.cluster());
    } catch (IllegalArgumentException e) {
      throw new StudybookException(frame.source() + ": weighted Cox model: " + e.getMessage());
    }
    CoxFit fit = robust.fit();
    double[] naive = robust.seNaive();
    List<WeightedTable.Row> out = new ArrayList<>();
    for (int j = 0; j < fit.coefficients().size(); j++) {
      CoxCoefficient c = fit.coefficients().get(j);
      if (c.diverged()) {
        throw new StudybookException(frame.source() + ": weighted Cox model: the estimate of '" + c.term()
            + "' diverges (monotone likelihood, e.g. a group without events); leave the term out or merge its levels");
      }
      out.add(new WeightedTable.Row(c.term(), variableOf(dm.design().terms(), dm.design().columns(), c.term()),
          label(c.term(), dm.design().terms(), dm.design().columns()), c.estimate(), c.se(), naive[j], c.z(), c.p(),
          c.hazardRatio(), c.ciLow(), c.ciHigh()));
    }
    String event = outcome.eventValue().map(v -> outcome.status() + " == \"" + v + "\"").orElse(outcome.status());
    String rCall = "survival::coxph(Surv(" + outcome.start().map(s -> s + ", ").orElse("") + outcome.time() + ", "
        + event + ") ~ " + String.join(" + ", terms) + outcome.strata().map(s -> " + strata(" + s + ")").orElse("")
        + (weights == null ? "" : ", weights = " + weights)
        + (cluster == null ? ", robust = TRUE" : ", cluster = " + cluster)
        + ", ties = \"" + outcome.ties().rName() + "\")";
    String variance = cluster == null
        ? "robust (sandwich) variance from the weighted dfbeta residuals"
        : "cluster-robust variance by " + cluster + " (" + rows.clusters() + " clusters), the weighted dfbeta"
            + " residuals summed within each cluster";
    Codebook cb = frame.codebook();
    String label = cb == null ? outcome.status() : cb.find(outcome.status()).map(CodebookVariable::label)
        .orElse(outcome.status());
    return new WeightedTable(tableName, WeightedTable.Model.COX, label, out, fit.n(), fit.events(),
        rows.excluded() + dm.excluded(), rows.zeroWeight(), weights, cluster, rows.clusters(), rows.ess(),
        weightsMethod, variance, rCall);
  }

  private static void requireSameRows(int designRows, WeightedRows rows) {
    if (designRows != rows.frame().rowCount()) {
      throw new IllegalStateException("rows differ: " + designRows + " vs " + rows.frame().rowCount());
    }
  }

  private String outcomeLabel(String outcome, String event) {
    Codebook cb = frame.codebook();
    CodebookVariable o = cb == null ? null : cb.find(outcome).orElse(null);
    return o == null ? outcome + " = " + event : o.label() + ": " + o.levelLabel(event);
  }

  private String label(String column, Map<String, int[]> terms, List<String> columns) {
    return RegressionTable.label(frame.codebook(), Term.of(variableOf(terms, columns, column)), column);
  }

  private static String variableOf(Map<String, int[]> terms, List<String> columns, String column) {
    int index = columns.indexOf(column);
    return terms.entrySet().stream().filter(e -> Arrays.stream(e.getValue()).anyMatch(i -> i == index))
        .map(Map.Entry::getKey).findFirst().orElse(column);
  }

  static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
