package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import studybook.data.Frame;
import studybook.data.VariableKind;

/**
 * A declared rule that classifies each patient as meeting a set of criteria (e.g. curative resection):
 * every criterion must hold. A patient with a missing value in any criterion is unclassified.
 *
 * @param criteria all of which must hold
 */
public record CurativeRule(List<Criterion> criteria) {
  public CurativeRule {
    criteria = List.copyOf(criteria);
  }

  /** One condition on one variable: a continuous value below a threshold, or a level among allowed ones. */
  public record Criterion(String variable, double below, Set<String> levels) {
    public Criterion {
      levels = Set.copyOf(levels);
    }

    public static Criterion below(String variable, double threshold) {
      return new Criterion(variable, threshold, Set.of());
    }

    public static Criterion in(String variable, String... levels) {
      return new Criterion(variable, Double.NaN, Set.of(levels));
    }

    /** For people, e.g. "tumor_size_mm < 10" or "grade is G1". */
    public String describe() {
      if (levels.isEmpty()) {
        return variable + " < " + (below == Math.rint(below) ? Long.toString((long) below) : Double.toString(below));
      }
      List<String> sorted = new ArrayList<>(levels);
      sorted.sort(null);
      return variable + (sorted.size() == 1 ? " is " + sorted.get(0) : " is one of " + String.join(", ", sorted));
    }
  }

  public static CurativeRule of(Criterion... criteria) {
    return new CurativeRule(List.of(criteria));
  }

  /** 1 where every criterion holds, 0 where one fails, -1 where a value needed to decide is missing. */
  public int[] classify(Frame data) {
    int n = data.rowCount();
    int[] result = new int[n];
    java.util.Arrays.fill(result, 1);
    boolean[] missing = new boolean[n];
    for (Criterion c : criteria) {
      if (c.levels().isEmpty()) {
        if (data.kind(c.variable()) != VariableKind.CONTINUOUS) {
          throw new studybook.StudybookException("the rule needs '" + c.variable() + "' to be continuous");
        }
        double[] v = data.values(c.variable());
        for (int r = 0; r < n; r++) {
          if (Double.isNaN(v[r])) {
            missing[r] = true;
          } else if (!(v[r] < c.below())) {
            result[r] = 0;
          }
        }
      } else {
        List<String> levels = data.levels(c.variable());
        int[] codes = data.codes(c.variable());
        for (int r = 0; r < n; r++) {
          if (codes[r] < 0) {
            missing[r] = true;
          } else if (!c.levels().contains(levels.get(codes[r]))) {
            result[r] = 0;
          }
        }
      }
    }
    for (int r = 0; r < n; r++) {
      // A failed criterion decides even when another value is missing.
      if (missing[r] && result[r] == 1) {
        result[r] = -1;
      }
    }
    return result;
  }

  /** The rule for the methods text, e.g. "tumor_size_mm < 10 AND grade is G1". */
  public String describe() {
    return String.join(" AND ", criteria.stream().map(Criterion::describe).toList());
  }

  @Override
  public String toString() {
    return describe().toLowerCase(Locale.ROOT);
  }
}
