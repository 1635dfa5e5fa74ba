package studybook.tables;

/**
 * One term of a regression table: its univariable, multivariable and Firth estimates (null where the
 * term is not in that model).
 *
 * @param term {@code variable=level} or a continuous variable's name
 * @param variable the variable the term belongs to
 * @param label for people, e.g. "Lymphovascular invasion: Positive vs Negative"
 * @param univariable the term in its own univariable model
 * @param multivariable the term in the multivariable ML model
 * @param firth the term in the multivariable Firth model (sensitivity analysis)
 * @param level a categorical term's variable, level and reference level as reference rows print them;
 *     null for a continuous term
 */
public record RegressionRow(String term, String variable, String label, TermRow univariable, TermRow multivariable,
    TermRow firth, TermLevel level) {
  /** A row without level names (no reference rows for it). */
  public RegressionRow(String term, String variable, String label, TermRow univariable, TermRow multivariable,
      TermRow firth) {
    this(term, variable, label, univariable, multivariable, firth, null);
  }
}
