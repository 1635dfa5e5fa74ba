package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.Numbers;
import studybook.data.VariableKind;
import studybook.stats.regression.Design;
import studybook.stats.regression.LogisticRegression;
import studybook.stats.regression.Screening;

/**
 * Turns a frame, a binary outcome and a list of terms into a numeric design as R's model.matrix
 * does with treatment contrasts: an intercept, one 0/1 column named {@code variable=level} for every
 * non-reference level of a categorical term, and a continuous term as itself. Only complete cases
 * (outcome and every term present) enter; the rows left out are counted, never dropped silently.
 *
 * @param design the numeric design
 * @param outcome the outcome column
 * @param event the outcome value coded 1; null for a linear model (y is the outcome itself)
 * @param excluded rows left out for a missing outcome or term value
 */
public record DesignMatrix(Design design, String outcome, String event, int excluded) {

  /**
   * Builds the design. The outcome may be categorical or numeric but must take exactly two distinct
   * values, one of them {@code event}; every level of a categorical term must occur among the complete
   * cases (two or more of them) and a continuous term must vary, else a {@link DataException} names file,
   * line and column. Collinear columns are left to the fit, which reports them as aliased (as R's NA).
   */
  public static DesignMatrix of(Frame frame, String outcome, String event, List<String> terms) {
    return ofTerms(frame, outcome, event, Term.of(terms));
  }

  /** As {@link #of}, with terms that may be rescaled ({@code Term.of("age").per(10)} enters as age / 10). */
  public static DesignMatrix ofTerms(Frame frame, String outcome, String event, List<Term> terms) {
    List<String> names = Term.variables(terms);
    frame.requireColumn(outcome);
    checkTerms(frame, outcome, names);
    return build(frame, outcome, event, outcomeCodes(frame, outcome, event), names, Term.scales(terms));
  }

  /**
   * As {@link #of}, the design held column by column (no array per row), for
   * {@code LogisticRegression.fitColumns}: the same columns, names, complete cases and checks.
   */
  public static DesignColumns columnsOf(Frame frame, String outcome, String event, List<String> terms) {
    frame.requireColumn(outcome);
    checkTerms(frame, outcome, terms);
    double[] y = outcomeCodes(frame, outcome, event);
    ModelFrame mf = modelFrame(frame, outcome, y, terms, Map.of());
    return new DesignColumns(mf.columnMajor(), mf.select(y), mf.columns(), mf.termColumns(), outcome, event,
        mf.excluded());
  }

  /**
   * The design of a linear model: as {@link #of} with the outcome's own numbers as y (event null). The
   * outcome must be a numeric column; a text value in it is an error at its line.
   */
  public static DesignMatrix ofNumericOutcome(Frame frame, String outcome, List<String> terms) {
    return ofNumericOutcomeTerms(frame, outcome, Term.of(terms));
  }

  /** As {@link #ofNumericOutcome}, with terms that may be rescaled ({@code Term.of("age").per(10)}). */
  public static DesignMatrix ofNumericOutcomeTerms(Frame frame, String outcome, List<Term> termSpecs) {
    List<String> terms = Term.variables(termSpecs);
    frame.requireColumn(outcome);
    checkTerms(frame, outcome, terms);
    if (frame.kind(outcome) != VariableKind.CONTINUOUS) {
      for (int r = 0; r < frame.rowCount(); r++) {
        String v = frame.text(outcome, r);
        if (!v.isEmpty() && !Numbers.looksNumeric(v.trim())) {
          throw frame.problem(outcome, r, "the outcome of a linear model must be numeric", 
              "fix the value, mark it missing (empty or NA), or model a categorical outcome with logistic");
        }
      }
      throw new DataException(new DataProblem(frame.source(), 1, outcome, null,
          "the outcome of a linear model must be numeric", "do not name it in --categorical or --levels"));
    }
    return build(frame, outcome, null, frame.values(outcome), terms, Term.scales(termSpecs));
  }

  private static void checkTerms(Frame frame, String outcome, List<String> terms) {
    ModelFrame.checkTerms(frame, terms, Set.of(outcome), "the outcome");
  }

  private static DesignMatrix build(Frame frame, String outcome, String event, double[] y, List<String> terms,
      Map<String, Double> per) {
    ModelFrame mf = modelFrame(frame, outcome, y, terms, per);
    return new DesignMatrix(new Design(mf.rows(), mf.select(y), mf.columns(), mf.termColumns()), outcome, event,
        mf.excluded());
  }

  private static ModelFrame modelFrame(Frame frame, String outcome, double[] y, List<String> terms,
      Map<String, Double> per) {
    boolean[] present = new boolean[frame.rowCount()];
    for (int r = 0; r < present.length; r++) {
      present[r] = !Double.isNaN(y[r]);
    }
    return ModelFrame.of(frame, terms, per, true, present, "the outcome", outcome);
  }

  /**
   * Univariable models of each candidate term (each on its own complete cases) beside the
   * multivariable model of {@code multivariable}; the layout of a paper's Table 3.
   */
  public static Screening screen(LogisticRegression regression, Frame frame, String outcome, String event,
      List<String> candidates, List<String> multivariable) {
    Map<String, Design> univariable = new LinkedHashMap<>();
    Map<String, Integer> excluded = new LinkedHashMap<>();
    for (String term : candidates) {
      DesignMatrix d = of(frame, outcome, event, List.of(term));
      univariable.put(term, d.design());
      excluded.put(term, d.excluded());
    }
    return regression.screen(univariable, excluded, of(frame, outcome, event, multivariable).design());
  }

  /**
   * The event as the outcome's values are named (a level, or {@code Double.toString} of a number), after the checks
   * of a binary outcome: exactly two distinct values ({@code distinct}, in order of first appearance, at most three
   * needed), {@code event} one of them. On another engine the row that brings a third value is not known
   * ({@code thirdRow} -1) and the error names the value.
   */
  static String eventValue(Frame frame, String outcome, String event, List<String> distinct, int thirdRow) {
    boolean categorical = frame.kind(outcome) == VariableKind.CATEGORICAL;
    if (distinct.size() > 2) {
      String message = "the outcome must have exactly two values; this row brings a third (after " + distinct.get(0)
          + " and " + distinct.get(1) + ")";
      String hint = "recode the outcome to two values or mark others missing";
      throw thirdRow >= 0 ? frame.problem(outcome, thirdRow, message, hint)
          : new DataException(new DataProblem(frame.source(), 0, outcome, distinct.get(2), message, hint));
    }
    if (distinct.size() < 2) {
      throw new DataException(new DataProblem(frame.source(), 1, outcome, distinct.isEmpty() ? null : distinct.get(0),
          distinct.isEmpty() ? "the outcome has no non-missing value" : "the outcome has a single value, so there is nothing to model",
          null));
    }
    String eventValue = event;
    if (!categorical) {
      if (!Numbers.looksNumeric(event.trim())) {
        throw new DataException(new DataProblem(frame.source(), 1, outcome, event,
            "--event must be one of the outcome's values " + distinct, null));
      }
      eventValue = Double.toString(Numbers.parse(event.trim()));
    }
    if (!distinct.contains(eventValue)) {
      throw new DataException(new DataProblem(frame.source(), 1, outcome, event,
          "--event is not one of the outcome's values " + distinct,
          "use one of them"));
    }
    return eventValue;
  }

  /** 1 for the event, 0 for the other value, NaN where the outcome is missing. */
  private static double[] outcomeCodes(Frame frame, String outcome, String event) {
    int rows = frame.rowCount();
    boolean categorical = frame.kind(outcome) == VariableKind.CATEGORICAL;
    // Each row's value as an index into 'distinct' (the values in order of first appearance), read from
    // the frame's arrays once: text per row was most of building a large design.
    int[] codes = categorical ? frame.codes(outcome) : null;
    double[] numeric = categorical ? null : frame.values(outcome);
    List<String> levels = categorical ? frame.levels(outcome) : List.of();
    List<String> distinct = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] which = new int[rows];
    int thirdRow = -1;
    for (int r = 0; r < rows; r++) {
      String v = categorical ? (codes[r] < 0 ? "" : levels.get(codes[r]))
          : Double.isNaN(numeric[r]) ? "" : Double.toString(numeric[r]);
      if (v.isEmpty()) {
        which[r] = -1;
        continue;
      }
      Integer known = index.get(v);
      if (known == null) {
        known = distinct.size();
        index.put(v, known);
        distinct.add(v);
        if (distinct.size() == 3 && thirdRow < 0) {
          thirdRow = r;
        }
      }
      which[r] = known;
    }
    String eventValue = eventValue(frame, outcome, event, distinct, thirdRow);
    int eventIndex = distinct.indexOf(eventValue);
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = which[r] < 0 ? Double.NaN : which[r] == eventIndex ? 1 : 0;
    }
    return y;
  }

}
