package studybook.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import studybook.StudybookException;
import studybook.data.Codebook;
import studybook.data.CodebookVariable;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.stats.impute.ChainedEquations;
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.CoxCoefficient;
import studybook.stats.regression.CoxFit;
import studybook.stats.regression.CoxRegression;
import studybook.stats.regression.LinearCoefficient;
import studybook.stats.regression.LinearFit;
import studybook.stats.regression.LinearRegression;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;
import studybook.stats.regression.RubinPool;

/**
 * A regression fitted on each completed data set of an {@link Imputation} and pooled by Rubin's rules with
 * Barnard–Rubin degrees of freedom ({@link RubinPool}), as {@code summary(mice::pool(with(imp, glm(...))),
 * conf.int = TRUE)}: per term the pooled estimate (odds ratio for logistic), 95% limits, p and the fraction of
 * missing information; the footnotes give m, the method per variable and the analysis model.
 *
 * @param tableName the CSV's file stem
 * @param model logistic (odds ratios), linear or Cox (hazard ratios)
 * @param outcomeLabel the outcome as the footnote names it
 * @param terms the pooled coefficients, intercept first
 * @param labels one label per term after the intercept
 * @param n the rows of each analysis
 * @param excluded rows left out of the analysis for a missing value in a column not imputed
 * @param m the number of completed data sets pooled
 * @param methods each variable of the imputation model and its method ({@code NONE} when complete)
 * @param imputationMethod the imputation in a sentence ({@link Imputation.Result#methodSentence()})
 * @param estimates per term after the intercept what the table shows: the ratio (odds or hazard ratio; the
 *     estimate for linear), its limits, P and FMI
 */
public record PooledTable(String tableName, Model model, String outcomeLabel, List<RubinPool.Term> terms,
    List<String> labels, int n, int excluded, int m, Map<String, ChainedEquations.Method> methods,
    String imputationMethod, List<Shown> estimates) implements Tabular, Displayable {

  /**
   * One term as shown.
   *
   * @param term the design column, e.g. "treatment=treated"
   * @param label its row label
   * @param ratio exp(estimate) for logistic and Cox, the estimate for linear
   * @param ciLow lower 95% limit on the same scale
   * @param ciHigh upper 95% limit
   * @param p the pooled P
   * @param fmi the fraction of missing information
   */
  public record Shown(String term, String label, double ratio, double ciLow, double ciHigh, double p, double fmi) {}

  public PooledTable {
    terms = List.copyOf(terms);
    estimates = List.copyOf(estimates);
    labels = List.copyOf(labels);
    methods = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(methods));
  }

  /** The model pooled. */
  public enum Model {
    LOGISTIC,
    LINEAR,
    COX;

    boolean ratio() {
      return this != LINEAR;
    }
  }

  private record One(int n, int excluded, double dfCom, List<String> terms, double[] est, double[] se,
      DesignMatrix design, Map<String, int[]> termColumns, List<String> columns) {
    One(int n, int excluded, double dfCom, List<String> terms, double[] est, double[] se, DesignMatrix design) {
      this(n, excluded, dfCom, terms, est, se, design, design.design().terms(), design.design().columns());
    }
  }

  static PooledTable logistic(String tableName, Imputation.Result imp, String outcome, String event,
      List<String> terms) {
    List<One> fits = new ArrayList<>();
    for (Frame f : imp.completed()) {
      DesignMatrix dm = DesignMatrix.of(f, outcome, event, terms);
      LogisticFit fit = LogisticRegression.withDefaults().fit(dm.design());
      fits.add(new One(fit.n(), dm.excluded(), fit.n() - fit.coefficients().size(),
          fit.coefficients().stream().map(Coefficient::term).toList(),
          fit.coefficients().stream().mapToDouble(Coefficient::estimate).toArray(),
          fit.coefficients().stream().mapToDouble(Coefficient::se).toArray(), dm));
    }
    Codebook cb = imp.observed().codebook();
    CodebookVariable o = cb == null ? null : cb.find(outcome).orElse(null);
    String label = o == null ? outcome + " = " + event : o.label() + ": " + o.levelLabel(event);
    return pool(tableName, Model.LOGISTIC, label, imp, fits);
  }

  static PooledTable linear(String tableName, Imputation.Result imp, String outcome, List<String> terms) {
    List<One> fits = new ArrayList<>();
    for (Frame f : imp.completed()) {
      DesignMatrix dm = DesignMatrix.ofNumericOutcome(f, outcome, terms);
      LinearFit fit;
      try {
        fit = LinearRegression.withDefaults().fit(dm.design());
      } catch (IllegalArgumentException e) {
        throw new StudybookException(f.source() + ": linear model of '" + outcome + "': " + e.getMessage());
      }
      fits.add(new One(fit.n(), dm.excluded(), fit.dfResidual(),
          fit.coefficients().stream().map(LinearCoefficient::term).toList(),
          fit.coefficients().stream().mapToDouble(LinearCoefficient::estimate).toArray(),
          fit.coefficients().stream().mapToDouble(LinearCoefficient::se).toArray(), dm));
    }
    Codebook cb = imp.observed().codebook();
    String label = cb == null ? outcome : cb.find(outcome).map(v -> v.label()).orElse(outcome);
    return pool(tableName, Model.LINEAR, label, imp, fits);
  }

  /**
   * The Cox model fitted on each completed frame and pooled, as {@code summary(mice::pool(with(imp,
   * coxph(Surv(time, status) ~ ...))), conf.int = TRUE)}: the complete-data df is mice's for coxph, the events
   * less the coefficients.
   */
  static PooledTable cox(String tableName, Imputation.Result imp, HazardRatioTable.CoxOutcome outcome,
      List<String> terms) {
    List<One> fits = new ArrayList<>();
    int k = 0;
    for (Frame f : imp.completed()) {
      k++;
      CoxDesignMatrix dm = CoxDesignMatrix.of(f, outcome.time(), outcome.status(), outcome.eventValue(), terms,
          outcome.strata(), Map.of(), outcome.start());
      CoxFit fit;
      try {
        fit = CoxRegression.withDefaults().with(outcome.ties()).fit(dm.design());
      } catch (IllegalArgumentException e) {
        throw new StudybookException(f.source() + ": Cox model of completed data set " + k + ": " + e.getMessage());
      }
      if (!fit.estimable()) {
        throw new StudybookException(f.source() + ": no events in completed data set " + k
            + ": the Cox model is not estimable");
      }
      fits.add(new One(fit.n(), dm.excluded(), fit.events() - fit.coefficients().size(),
          fit.coefficients().stream().map(CoxCoefficient::term).toList(),
          fit.coefficients().stream().mapToDouble(CoxCoefficient::estimate).toArray(),
          fit.coefficients().stream().mapToDouble(CoxCoefficient::se).toArray(), null, dm.design().terms(),
          dm.design().columns()));
    }
    Codebook cb = imp.observed().codebook();
    String label = cb == null ? outcome.status() : cb.find(outcome.status()).map(v -> v.label())
        .orElse(outcome.status());
    return pool(tableName, Model.COX, label, imp, fits);
  }

  private static PooledTable pool(String tableName, Model model, String outcomeLabel, Imputation.Result imp,
      List<One> fits) {
    One first = fits.get(0);
    int m = fits.size();
    double[][] est = new double[m][];
    double[][] se = new double[m][];
    for (int k = 0; k < m; k++) {
      One c = fits.get(k);
      if (c.n() != first.n() || !c.terms().equals(first.terms())) {
        throw new StudybookException("the completed data sets differ in their rows used or terms (" + c.n() + " rows, "
            + c.terms() + " in data set " + (k + 1) + "; " + first.n() + ", " + first.terms() + " in the first)");
      }
      for (int j = 0; j < c.est().length; j++) {
        if (!Double.isFinite(c.est()[j]) || !Double.isFinite(c.se()[j])) {
          throw new DataException(new DataProblem(imp.observed().source(), 1, null, null, "the term '"
              + c.terms().get(j) + "' is not estimable in completed data set " + (k + 1) + " of " + m
              + ", so the fits cannot be pooled", "leave the term out or merge its sparse levels"));
        }
      }
      est[k] = c.est();
      se[k] = c.se();
    }
    List<RubinPool.Term> pooled = RubinPool.pool(first.terms(), est, se, Math.max(first.dfCom(), 1));
    Codebook cb = imp.observed().codebook();
    List<String> labels = new ArrayList<>();
    for (RubinPool.Term t : pooled) {
      if (!t.term().equals("(Intercept)")) {
        labels.add(RegressionTable.label(cb, Term.of(variableOf(first.termColumns(), first.columns(), t.term())),
            t.term()));
      }
    }
    List<Shown> shown = new ArrayList<>();
    int i = 0;
    for (RubinPool.Term t : pooled) {
      if (t.term().equals("(Intercept)")) {
        continue;
      }
      shown.add(model.ratio()
          ? new Shown(t.term(), labels.get(i), Math.exp(t.estimate()), Math.exp(t.ciLow()), Math.exp(t.ciHigh()), t.p(),
              t.fmi())
          : new Shown(t.term(), labels.get(i), t.estimate(), t.ciLow(), t.ciHigh(), t.p(), t.fmi()));
      i++;
    }
    return new PooledTable(tableName, model, outcomeLabel, pooled, labels, first.n(), first.excluded(), m,
        imp.methods(), imp.methodSentence(), shown);
  }

  private static String variableOf(Map<String, int[]> terms, List<String> columns, String column) {
    int index = columns.indexOf(column);
    return terms.entrySet().stream()
        .filter(e -> Arrays.stream(e.getValue()).anyMatch(i -> i == index))
        .map(Map.Entry::getKey).findFirst().orElse(column);
  }

  /** The pooled coefficients without the intercept. */
  public List<RubinPool.Term> entries() {
    return terms.stream().filter(t -> !t.term().equals("(Intercept)")).toList();
  }

  /** The pooling in a sentence, for footnotes. */
  public String method() {
    return switch (model) {
      case LOGISTIC -> "Logistic regression";
      case LINEAR -> "Linear regression";
      case COX -> "Cox proportional-hazards regression";
    } + " fitted on each of the " + m + " completed data sets and"
        + " pooled by Rubin's rules with Barnard–Rubin degrees of freedom"
        + (model == Model.COX ? " (complete-data df: events less coefficients)" : "") + "; t-based 95% limits"
        + (model.ratio() ? " (exponentiated)" : "") + "; as R's summary(mice::pool(with(imp, "
        + switch (model) {
          case LOGISTIC -> "glm(y ~ ..., family = binomial)";
          case LINEAR -> "lm(y ~ ...)";
          case COX -> "coxph(Surv(time, status) ~ ...)";
        } + ")), conf.int = TRUE)";
  }

  /**
   * The table as shown: per term the pooled odds ratio (or estimate), 95% CI, P and FMI; footnotes give the
   * outcome and patients, the pooling, the imputation (m, the method per variable) and the abbreviations.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = List.of(TableModel.Column.label("Characteristic"),
        TableModel.Column.number(model == Model.LOGISTIC ? "OR" : model == Model.COX ? "HR" : "Estimate"), TableModel.Column.number("95% CI"),
        TableModel.Column.number("P"), TableModel.Column.number("FMI"));
    List<TableModel.Row> rows = new ArrayList<>();
    List<RubinPool.Term> entries = entries();
    for (int i = 0; i < entries.size(); i++) {
      RubinPool.Term t = entries.get(i);
      List<TableValue> cells = new ArrayList<>();
      if (model.ratio()) {
        cells.add(new TableValue.Ratio(Math.exp(t.estimate())));
        cells.add(new TableValue.Limits(Math.exp(t.ciLow()), Math.exp(t.ciHigh())));
      } else {
        cells.add(new TableValue.Decimal(t.estimate(), TableValue.STYLE));
        cells.add(new TableValue.Interval(t.ciLow(), t.ciHigh(), TableValue.STYLE));
      }
      cells.add(new TableValue.PValue(t.p(), "pooled", t.statistic(), t.df()));
      cells.add(new TableValue.Decimal(t.fmi(), 2));
      rows.add(TableModel.Row.plain(labels.get(i), cells));
    }
    List<TableModel.Test> tests = List.of(new TableModel.Test("pooled", "t test of the pooled coefficient with"
        + " Barnard–Rubin degrees of freedom", "summary(mice::pool(fits))", "t"));
    List<String> notes = new ArrayList<>();
    notes.add("Outcome: " + outcomeLabel + ". " + n + " patients" + (excluded > 0 ? " (" + excluded
        + " left out for a missing value in a column not imputed)" : "") + ". "
        + (model == Model.LOGISTIC ? "OR, odds ratio; " : model == Model.COX ? "HR, hazard ratio; " : "") + "CI, 95% confidence interval; FMI, fraction of missing information.");
    notes.add(method() + ".");
    notes.add(imputationMethod + ".");
    return List.of(new TableModel(tableName, "", columns, rows, tests, notes));
  }

  @Override
  public List<String> columns() {
    return List.of("term", "label", "estimate", "se", "t", "df", "p", "ci_low", "ci_high", "riv", "lambda", "fmi", "m");
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    List<RubinPool.Term> entries = entries();
    for (int i = 0; i < entries.size(); i++) {
      RubinPool.Term t = entries.get(i);
      out.add(Arrays.asList(t.term(), labels.get(i), t.estimate(), t.se(), t.statistic(), t.df(), t.p(), t.ciLow(),
          t.ciHigh(), t.riv(), t.lambda(), t.fmi(), m));
    }
    return out;
  }
}
