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
 */
public record HazardRatioRow(String term, String variable, String label, CoxTermRow univariable,
    CoxTermRow multivariable) {}
