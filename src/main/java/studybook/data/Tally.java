package studybook.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows per level of a categorical column, plus the rows where it is missing; as
 * {@code table(x, useNA = "always")} (levels in the column's order, empty levels kept as 0).
 *
 * @param column the column counted
 * @param levels its levels, reference first
 * @param counts rows per level, parallel to {@code levels}
 * @param missing rows with no value
 */
public record Tally(String column, List<String> levels, List<Integer> counts, int missing) {
  public Tally {
    levels = List.copyOf(levels);
    counts = List.copyOf(counts);
    if (levels.size() != counts.size()) {
      throw new IllegalArgumentException("one count per level expected");
    }
  }

  /** Rows with the level; an unknown level is an {@link UnknownNameException} with "did you mean". */
  public int count(String level) {
    int i = levels.indexOf(level);
    if (i < 0) {
      throw new UnknownNameException(UnknownNameException.Kind.LEVEL, level, column, levels,
          Written.at());
    }
    return counts.get(i);
  }

  /** Rows with any of the levels. */
  public int count(String... anyOf) {
    int n = 0;
    for (String level : anyOf) {
      n += count(level);
    }
    return n;
  }

  /** Rows with a value (every level). */
  public int known() {
    return counts.stream().mapToInt(Integer::intValue).sum();
  }

  /** All rows: known and missing. */
  public int total() {
    return known() + missing;
  }

  /** The counts by level, in level order (without the missing). */
  public Map<String, Integer> asMap() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < levels.size(); i++) {
      out.put(levels.get(i), counts.get(i));
    }
    return out;
  }
}
