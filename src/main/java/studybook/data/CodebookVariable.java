package studybook.data;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One row of the codebook: what a column of the study data means and how to read it.
 *
 * @param name the column name in the data file
 * @param label the display label (the name itself when the codebook leaves it empty)
 * @param type how the column is read
 * @param levels the levels in order, reference first (empty unless categorical or binary)
 * @param levelLabels display labels parallel to {@code levels} (a level is its own label when none is given)
 * @param unit the unit, e.g. {@code years}; empty when none
 * @param min the smallest allowed value (inclusive), for numeric types
 * @param max the largest allowed value (inclusive), for numeric types
 * @param missingTokens text that marks a missing value besides an empty cell, e.g. {@code NA}
 * @param required whether a value may be missing
 * @param summary how tables summarise the variable (meaningful for numeric types)
 * @param description free text
 * @param line the line of the codebook file that declares the variable
 */
public record CodebookVariable(String name, String label, VariableType type, List<String> levels,
    List<String> levelLabels, String unit, OptionalDouble min, OptionalDouble max, List<String> missingTokens,
    boolean required, SummaryStyle summary, String description, int line) {

  public CodebookVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    levels = List.copyOf(levels);
    levelLabels = List.copyOf(levelLabels);
    missingTokens = List.copyOf(missingTokens);
    if (levelLabels.size() != levels.size()) {
      throw new IllegalArgumentException("one label per level expected for " + name);
    }
    label = label == null || label.isEmpty() ? name : label;
    unit = unit == null ? "" : unit;
    description = description == null ? "" : description;
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(summary, "summary");
  }

  /** How the analysis treats the column. */
  public VariableKind kind() {
    return type.kind();
  }

  /** The display label of a level, or the level itself when it is not one of this variable's levels. */
  public String levelLabel(String level) {
    int i = levels.indexOf(level);
    return i < 0 ? level : levelLabels.get(i);
  }

  /** The reference level (the first), for categorical and binary variables. */
  public String referenceLevel() {
    if (levels.isEmpty()) {
      throw new IllegalStateException(name + " has no levels");
    }
    return levels.get(0);
  }

  /** Whether {@code raw} (as it stands in the file) marks a missing value: empty, blank or a declared token. */
  public boolean isMissing(String raw) {
    if (raw.isEmpty()) {
      return true;
    }
    for (int i = 0; i < missingTokens.size(); i++) {
      if (missingTokens.get(i).equals(raw)) {
        return true;
      }
    }
    return raw.isBlank();
  }
}
