package studybook.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * How the model's terms lie in the typed rows, for the executors: per term whether it is categorical, its column
   * index, its level codes (empty for a number) and its number of levels (0 for a number).
   */
  record Layout(boolean[] categorical, int[] index, List<Map<String, Integer>> codes, int[] levels) {
    static Layout of(Map<String, SparkData.Column> typed, List<String> terms) {
      int t = terms.size();
      boolean[] categorical = new boolean[t];
      int[] index = new int[t];
      List<Map<String, Integer>> codes = new ArrayList<>();
      int[] levels = new int[t];
      for (int k = 0; k < t; k++) {
        SparkData.Column c = typed.get(terms.get(k));
        categorical[k] = c.categorical();
        index[k] = c.index();
        codes.add(c.categorical() ? SparkData.codes(c) : Map.of());
        levels[k] = c.categorical() ? c.levels().size() : 0;
      }
      return new Layout(categorical, index, codes, levels);
    }
  }
}
