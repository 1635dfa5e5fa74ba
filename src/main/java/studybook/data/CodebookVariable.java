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

  /**
   * The entry of a derived categorical variable (label = name, levels from the derivation), to be
   * completed with the withers, e.g. {@code CodebookVariable.categorical("ptd").withLabel("Preterm labour")}.
   */
  public static CodebookVariable categorical(String name) {
    return new CodebookVariable(name, name, VariableType.CATEGORICAL, List.of(), List.of(), "", OptionalDouble.empty(),
        OptionalDouble.empty(), List.of(), false, SummaryStyle.MEDIAN_IQR, "", 0);
  }

  /** The entry of a derived continuous variable (label = name, median (IQR) in tables), to be completed with the withers. */
  public static CodebookVariable continuous(String name) {
    return new CodebookVariable(name, name, VariableType.CONTINUOUS, List.of(), List.of(), "", OptionalDouble.empty(),
        OptionalDouble.empty(), List.of(), false, SummaryStyle.MEDIAN_IQR, "", 0);
  }

  /** This entry under another column name. */
  public CodebookVariable withName(String newName) {
    return new CodebookVariable(newName, label.equals(name) ? newName : label, type, levels, levelLabels, unit, min,
        max, missingTokens, required, summary, description, line);
  }

  /** This entry with the display label tables show. */
  public CodebookVariable withLabel(String newLabel) {
    return new CodebookVariable(name, newLabel, type, levels, levelLabels, unit, min, max, missingTokens, required,
        summary, description, line);
  }

  /** This entry with a unit, e.g. {@code "years"}. */
  public CodebookVariable withUnit(String newUnit) {
    return new CodebookVariable(name, label, type, levels, levelLabels, newUnit, min, max, missingTokens, required,
        summary, description, line);
  }

  /** This entry with how tables summarise the number. */
  public CodebookVariable withSummary(SummaryStyle style) {
    return new CodebookVariable(name, label, type, levels, levelLabels, unit, min, max, missingTokens, required, style,
        description, line);
  }

  /** This entry with a free-text description. */
  public CodebookVariable withDescription(String text) {
    return new CodebookVariable(name, label, type, levels, levelLabels, unit, min, max, missingTokens, required,
        summary, text, line);
  }

  /**
   * This entry with levels (reference first) and their display labels; a categorical type becomes
   * binary when there are exactly two levels (and a binary one categorical otherwise).
   */
  public CodebookVariable withLevels(List<String> newLevels, List<String> newLabels) {
    VariableType t = type.hasLevels() ? (newLevels.size() == 2 ? VariableType.BINARY : VariableType.CATEGORICAL) : type;
    return new CodebookVariable(name, label, t, newLevels, newLabels, unit, min, max, missingTokens, required, summary,
        description, line);
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
