package studybook.tables;

/**
 * One term of a hazard-ratio table: its univariable and multivariable Cox estimates (null where the
 * term is not in that model).
 *
 * @param term {@code variable=level} or a continuous variable's name
 * @param variable the variable the term belongs to
 * @param label for people, e.g. "Sex: Female vs Male"
 * @param univariable the term in its own univariable model
 * @param multivariable the term in the multivariable model
 * @param level a categorical term's variable, level and reference level as reference rows print them;
 *     null for a continuous term
 */
public record HazardRatioRow(String term, String variable, String label, CoxTermRow univariable,
    CoxTermRow multivariable, TermLevel level) {
  /** A row without level names (no reference rows for it). */
  public HazardRatioRow(String term, String variable, String label, CoxTermRow univariable,
      CoxTermRow multivariable) {
    this(term, variable, label, univariable, multivariable, null);
  }
}
