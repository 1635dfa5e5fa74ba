package studybook.tables;

import java.util.Objects;
import studybook.data.Codebook;
import studybook.data.CodebookVariable;

/**
 * A categorical term's names as a table with reference rows prints them (gtsummary's layout): the
 * variable's label as a heading, each level under it, the reference level first with "—".
 *
 * @param variableLabel e.g. "Sex"
 * @param levelLabel the term's level, e.g. "Female"
 * @param referenceLabel the reference level, e.g. "Male"
 */
public record TermLevel(String variableLabel, String levelLabel, String referenceLabel) {
  public TermLevel {
    Objects.requireNonNull(variableLabel, "variableLabel");
    Objects.requireNonNull(levelLabel, "levelLabel");
    Objects.requireNonNull(referenceLabel, "referenceLabel");
  }

  /**
   * The names of {@code term} ({@code variable=level}) from the codebook; null for a continuous term
   * or a variable the codebook does not list with its levels (its reference is then unknown).
   */
  static TermLevel of(Codebook codebook, String variable, String term) {
    int eq = term.indexOf('=');
    if (eq < 0 || codebook == null) {
      return null;
    }
    CodebookVariable v = codebook.find(variable).orElse(null);
    if (v == null || v.levels().isEmpty()) {
      return null;
    }
    return new TermLevel(v.label(), v.levelLabel(term.substring(eq + 1)), v.levelLabel(v.levels().get(0)));
  }
}
