package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import studybook.data.Codebook;
import studybook.data.Condition;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.CoxCoefficient;
import studybook.stats.regression.CoxFit;
import studybook.stats.regression.CoxRegression;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;
import studybook.tables.HazardRatioTable.CoxOutcome;

/**
 * A subgroup analysis as journals print it: the effect of one exposure (a numeric term or a two-level
 * factor, one coefficient) within each level of each subgroup variable, and per subgroup variable the
 * P-value for interaction. Each level's effect is the model {@code outcome ~ exposure + adjust} fitted on that
 * level's rows (complete cases there); the interaction test is the likelihood-ratio test of the model with
 * the product terms against the model without them, both on the same complete cases:
 * {@code anova(fit0, fit1, test = "Chisq")} with {@code fit0 <- glm(y ~ exposure + S + adjust, binomial)}
 * and {@code fit1} adding {@code exposure:S} (for Cox, {@code coxph(...)} and {@code anova(fit0, fit1)}).
 * Ratios with Wald 95% limits ({@code exp(confint.default(fit))}) and Wald P.
 *
 * <pre>{@code
 * SubgroupTable t = SubgroupTable.cox("subgroups", data, CoxOutcome.of("time", "status"), "arm",
 *     List.of("age"), List.of("sex", "stage"));
 * ForestPlot plot = t.forest("Hazard ratio of death by subgroup");
 * }</pre>
 *
 * @param tableName the CSV's file stem
 * @param ratio "HR" or "OR"
 * @param exposure the exposure variable
 * @param exposureTerm the exposure's coefficient, e.g. "arm=surgery"
 * @param rCall the R call of the model within a subgroup level
 * @param overall the effect in all rows (the same model without subsetting)
 * @param groups one per subgroup variable, in the order given
 */
public record SubgroupTable(String tableName, String ratio, String exposure, String exposureTerm, String rCall,
    Effect overall, List<Subgroup> groups) implements Tabular, Displayable {

  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
  private static final double Z975 = NORMAL.inverseSurvivalProbability(0.025);

  /**
   * The exposure's effect in some rows.
   *
   * @param label "all patients" or the level
   * @param n rows used
   * @param events rows with the event
   * @param estimate the log ratio
   * @param se its standard error
   * @param ratio exp(estimate)
   * @param ciLow lower Wald 95% limit of the ratio
   * @param ciHigh upper limit
   * @param p Wald P
   */
  public record Effect(String label, int n, int events, double estimate, double se, double ratio, double ciLow,
      double ciHigh, double p) {}

  /**
   * One subgroup variable.
   *
   * @param variable its column
   * @param label its label (the codebook's, else the column)
   * @param levels the effect in each level, in level order
   * @param interactionChisq the likelihood-ratio statistic of the product terms
   * @param interactionDf their number
   * @param interactionP upper tail of chi-square(df)
   */
  public record Subgroup(String variable, String label, List<Effect> levels, double interactionChisq,
      int interactionDf, double interactionP) {
    public Subgroup {
      levels = List.copyOf(levels);
    }
  }

  public SubgroupTable {
    groups = List.copyOf(groups);
  }

  /** One model kind: fits the exposure's effect and the log-likelihood. */
  private interface Model {
    /** Effect of {@code term} and the log-likelihood of {@code outcome ~ terms} on {@code frame}. */
    Fit fit(Frame frame, List<String> terms, String term, String label);

    String ratio();

    String rCall(List<String> terms);
  }

  private record Fit(Effect effect, double logLik, String exposureTerm) {}

  /** Subgroups of a Cox model (hazard ratios). */
  public static SubgroupTable cox(String tableName, Frame data, CoxOutcome outcome, String exposure,
      List<String> adjust, List<String> subgroups) {
    return cox(tableName, data, null, outcome, exposure, adjust, subgroups);
  }

  /** As {@link #cox(String, Frame, CoxOutcome, String, List, List)}, labelled by {@code codebook} (null: the frame's). */
  public static SubgroupTable cox(String tableName, Frame data, Codebook codebook, CoxOutcome outcome,
      String exposure, List<String> adjust, List<String> subgroups) {
    CoxRegression cox = CoxRegression.withDefaults().with(outcome.ties());
    Model m = new Model() {
      @Override
      public Fit fit(Frame frame, List<String> terms, String term, String label) {
        CoxDesignMatrix d = CoxDesignMatrix.of(frame, outcome.time(), outcome.status(), outcome.eventValue(), terms,
            outcome.strata(), outcome.start());
        String t = term != null ? term : single(frame, d.design().terms().get(terms.get(0)), d.design().columns(),
            terms.get(0));
        CoxFit fit = cox.fit(d.design());
        if (!fit.estimable()) {
          throw new DataException(new DataProblem(frame.source(), 1, outcome.status(), null,
              "no events among the " + fit.n() + " rows of " + label, "merge the subgroup's levels"));
        }
        CoxCoefficient c = fit.coefficient(t);
        return new Fit(effect(label, fit.n(), fit.events(), c.estimate(), c.se(), c.diverged()), fit.logLik(), t);
      }

      @Override
      public String ratio() {
        return "HR";
      }

      @Override
      public String rCall(List<String> terms) {
        return outcome.rCall(terms);
      }
    };
    return of(tableName, data, codebook, m, exposure, adjust, subgroups);
  }

  /** Subgroups of a logistic model (odds ratios): {@code outcome == event} the event. */
  public static SubgroupTable logistic(String tableName, Frame data, String outcome, String event, String exposure,
      List<String> adjust, List<String> subgroups) {
    return logistic(tableName, data, null, outcome, event, exposure, adjust, subgroups);
  }

  /** As {@link #logistic(String, Frame, String, String, String, List, List)}, labelled by {@code codebook}. */
  public static SubgroupTable logistic(String tableName, Frame data, Codebook codebook, String outcome, String event,
      String exposure, List<String> adjust, List<String> subgroups) {
    LogisticRegression logistic = LogisticRegression.withDefaults();
    Model m = new Model() {
      @Override
      public Fit fit(Frame frame, List<String> terms, String term, String label) {
        DesignMatrix d = DesignMatrix.of(frame, outcome, event, terms);
        String t = term != null ? term : single(frame, d.design().terms().get(terms.get(0)), d.design().columns(),
            terms.get(0));
        LogisticFit fit = logistic.fit(d.design());
        if (!fit.aliased().isEmpty()) {
          throw new DataException(new DataProblem(frame.source(), 1, fit.aliased().get(0), null,
              "is aliased (collinear with other terms) in " + label, "leave it out of the adjustment"));
        }
        Coefficient c = fit.coefficient(t);
        return new Fit(effect(label, fit.n(), fit.events(), c.estimate(), c.se(), fit.separation()), fit.logLik(), t);
      }

      @Override
      public String ratio() {
        return "OR";
      }

      @Override
      public String rCall(List<String> terms) {
        return "glm(" + outcome + " == \"" + event + "\" ~ " + String.join(" + ", terms) + ", family = binomial)";
      }
    };
    return of(tableName, data, codebook, m, exposure, adjust, subgroups);
  }

  private static SubgroupTable of(String tableName, Frame data, Codebook given, Model m, String exposure,
      List<String> adjust, List<String> subgroups) {
    // labels from the frame's own codebook unless another is given, as the other model tables
    Codebook codebook = given == null ? data.codebook() : given;
    data.requireColumn(exposure);
    List<String> base = new ArrayList<>(List.of(exposure));
    base.addAll(adjust);
    Fit all = m.fit(data, base, null, "All patients");
    String term = all.exposureTerm();
    double[] e = exposureValues(data, exposure);
    List<Subgroup> groups = new ArrayList<>();
    for (String s : subgroups) {
      data.requireColumn(s);
      if (data.kind(s) != VariableKind.CATEGORICAL) {
        throw new DataException(new DataProblem(data.source(), 1, s, null,
            "a subgroup variable must be categorical", "declare it categorical or cut it into groups first"));
      }
      if (s.equals(exposure)) {
        throw new DataException(new DataProblem(data.source(), 1, s, null, "is the exposure and cannot be a subgroup",
            null));
      }
      List<String> within = new ArrayList<>(List.of(exposure));
      adjust.stream().filter(a -> !a.equals(s)).forEach(within::add);
      List<String> levels = data.levels(s);
      List<Effect> effects = new ArrayList<>();
      for (String level : levels) {
        Frame rows = data.where(Condition.is(s, level));
        Effect fitted = m.fit(rows, within, term, s + " = " + level).effect();
        effects.add(new Effect(level, fitted.n(), fitted.events(), fitted.estimate(), fitted.se(), fitted.ratio(),
            fitted.ciLow(), fitted.ciHigh(), fitted.p()));
      }
      // the product columns exposure x (S = level), level > reference; missing where either is missing
      int[] codes = data.codes(s);
      Frame withProducts = data;
      List<String> terms0 = new ArrayList<>(within);
      terms0.add(s);
      List<String> terms1 = new ArrayList<>(terms0);
      for (int l = 1; l < levels.size(); l++) {
        double[] prod = new double[data.rowCount()];
        for (int r = 0; r < prod.length; r++) {
          prod[r] = codes[r] < 0 || Double.isNaN(e[r]) ? Double.NaN : codes[r] == l ? e[r] : 0;
        }
        String name = term + ":" + s + "=" + levels.get(l);
        withProducts = withProducts.withContinuous(name, prod);
        terms1.add(name);
      }
      double l0 = m.fit(withProducts, terms0, term, "the model without interaction").logLik();
      double l1 = m.fit(withProducts, terms1, term, "the model with interaction").logLik();
      int df = levels.size() - 1;
      double chisq = 2 * (l1 - l0);
      double p = ChiSquaredDistribution.of(df).survivalProbability(Math.max(chisq, 0));
      groups.add(new Subgroup(s, label(codebook, s), effects, chisq, df, p));
    }
    return new SubgroupTable(tableName, m.ratio(), exposure, term, m.rCall(base), all.effect(), groups);
  }

  /** The exposure as the number its coefficient multiplies: the value, or 1 for the non-reference level. */
  private static double[] exposureValues(Frame data, String exposure) {
    int n = data.rowCount();
    double[] e = new double[n];
    if (data.kind(exposure) == VariableKind.CATEGORICAL) {
      int[] c = data.codes(exposure);
      for (int r = 0; r < n; r++) {
        e[r] = c[r] < 0 ? Double.NaN : c[r];
      }
    } else {
      System.arraycopy(data.values(exposure), 0, e, 0, n);
    }
    return e;
  }

  private static String single(Frame frame, int[] columns, List<String> names, String exposure) {
    if (columns.length != 1) {
      throw new DataException(new DataProblem(frame.source(), 1, exposure, null,
          "a subgroup analysis needs an exposure with one coefficient (a number or a factor with two levels), not "
              + columns.length, "merge its levels into two"));
    }
    return names.get(columns[0]);
  }

  private static Effect effect(String label, int n, int events, double b, double se, boolean notEstimable) {
    if (notEstimable || !Double.isFinite(b) || !Double.isFinite(se)) {
      return new Effect(label, n, events, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Effect(label, n, events, b, se, Math.exp(b), Math.exp(b - Z975 * se), Math.exp(b + Z975 * se),
        2 * NORMAL.survivalProbability(Math.abs(b / se)));
  }

  private static String label(Codebook codebook, String column) {
    if (codebook == null) {
      return column;
    }
    return codebook.find(column).map(v -> v.label()).orElse(column);
  }

  /**
   * The subgroup forest plot: the overall effect, then each subgroup's levels (the interaction P in the label of
   * its first level); drawn by the report's forest plot.
   */
  public studybook.report.figures.ForestPlot forest(String title) {
    List<studybook.report.figures.ForestRow> rows = new ArrayList<>();
    rows.add(studybook.report.figures.ForestRow.of("All patients", estimate(overall)));
    for (Subgroup g : groups) {
      // the interaction P once per subgroup variable, on its first level, as journals print it
      boolean first = true;
      for (Effect e : g.levels()) {
        rows.add(studybook.report.figures.ForestRow.of(g.label() + ": " + e.label()
            + (first ? " (P interaction " + pText(g.interactionP()) + ")" : ""), estimate(e)));
        first = false;
      }
    }
    return new studybook.report.figures.ForestPlot(title, ratio + " within each subgroup, Wald 95% CI", "", rows,
        ratio.equals("HR") ? studybook.report.figures.ForestPlot.Ratio.HAZARD
            : studybook.report.figures.ForestPlot.Ratio.ODDS);
  }

  private static studybook.report.figures.OddsRatioEstimate estimate(Effect e) {
    return new studybook.report.figures.OddsRatioEstimate(e.ratio(), e.ciLow(), e.ciHigh());
  }

  private static String pText(double p) {
    return Double.isNaN(p) ? "NA" : p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = List.of(TableModel.Column.label("Subgroup"), TableModel.Column.number("n"),
        TableModel.Column.number("Events"), TableModel.Column.number(ratio), TableModel.Column.number("95% CI"),
        TableModel.Column.number("P"), TableModel.Column.number("P for interaction"));
    List<TableModel.Row> rows = new ArrayList<>();
    rows.add(new TableModel.Row(TableModel.RowKind.PLAIN, "All patients", "", exposure, cells(overall, null)));
    for (Subgroup g : groups) {
      List<TableValue> head = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        head.add(TableValue.empty());
      }
      head.add(new TableValue.PValue(g.interactionP(), "lr", g.interactionChisq(), g.interactionDf()));
      rows.add(new TableModel.Row(TableModel.RowKind.HEADING, g.label(), "", g.variable(), head));
      for (Effect e : g.levels()) {
        rows.add(new TableModel.Row(TableModel.RowKind.LEVEL, e.label(), "", g.variable(), cells(e, null)));
      }
    }
    String name = ratio.equals("HR") ? "hazard ratio" : "odds ratio";
    List<String> notes = List.of(ratio + ", " + name + " of " + exposureTerm + "; CI, confidence interval (Wald). "
        + "Within each subgroup level: " + rCall + " fitted on that level's rows. P for interaction: likelihood-ratio "
        + "test of the product terms " + exposureTerm + " × subgroup, anova(fit0, fit1) of the models with and without "
        + "them (each with the subgroup variable as a term).");
    return List.of(new TableModel(tableName, "", columns, rows,
        List.of(new TableModel.Test("wald", "Wald test of the coefficient", "", "z"),
            new TableModel.Test("lr", "Likelihood-ratio test of interaction", "anova(fit0, fit1)", "χ²")),
        notes));
  }

  private static List<TableValue> cells(Effect e, TableValue last) {
    List<TableValue> c = new ArrayList<>();
    c.add(TableValue.Count.of(e.n()));
    c.add(TableValue.Count.of(e.events()));
    if (Double.isNaN(e.ratio())) {
      c.add(TableValue.text("not estimable"));
      c.add(TableValue.empty());
      c.add(TableValue.empty());
    } else {
      c.add(new TableValue.Ratio(e.ratio()));
      c.add(new TableValue.Limits(e.ciLow(), e.ciHigh()));
      c.add(new TableValue.PValue(e.p(), "wald", e.estimate() / e.se(), Double.NaN));
    }
    c.add(last == null ? TableValue.empty() : last);
    return c;
  }

  @Override
  public List<String> columns() {
    return List.of("subgroup", "level", "n", "events", "estimate", "se", "ratio", "ci_low", "ci_high", "p",
        "interaction_chisq", "interaction_df", "interaction_p");
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    out.add(row("", overall, null));
    for (Subgroup g : groups) {
      for (Effect e : g.levels()) {
        out.add(row(g.variable(), e, g));
      }
    }
    return out;
  }

  private static List<Object> row(String variable, Effect e, Subgroup g) {
    List<Object> r = new ArrayList<>(List.of(variable, e.label(), e.n(), e.events(), e.estimate(), e.se(), e.ratio(),
        e.ciLow(), e.ciHigh(), e.p()));
    r.add(g == null ? null : g.interactionChisq());
    r.add(g == null ? null : g.interactionDf());
    r.add(g == null ? null : g.interactionP());
    return r;
  }
}
