package studybook.spark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import studybook.data.DataException;
import studybook.data.DataProblem;

/** The checks of a model's outcome and terms before any pass, in the local model frame's words. */
final class ModelTerms {
  private ModelTerms() {}

  /** Every column exists (else the nearest name), no term is the outcome, none is given twice. */
  static void check(SparkData d, String outcome, List<String> terms) {
    d.index(outcome);
    Set<String> seen = new LinkedHashSet<>();
    for (String term : terms) {
      d.index(term);
      if (term.equals(outcome) || !seen.add(term)) {
        throw new DataException(new DataProblem(d.file, 1, term, null,
            term.equals(outcome) ? "is the outcome and cannot also be a term" : "is given twice as a term", null));
      }
    }
  }
}
