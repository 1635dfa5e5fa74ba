package studybook.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The type of a variable as the codebook declares it; it decides how the data loader reads the column. */
public enum VariableType {
  /** An identifier: text, unique per row, kept as a categorical column whose levels are the ids in file order. */
  ID,
  /** Levels in the codebook's order; the first is the reference level. */
  CATEGORICAL,
  /** A categorical variable with exactly two levels. */
  BINARY,
  /** Numbers. */
  CONTINUOUS,
  /** Whole numbers (counts, grades), held as doubles. */
  INTEGER,
  /**
   * Calendar dates, held as days since 1970-01-01 (a continuous column of whole numbers). Written
   * {@code yyyy-MM-dd} unless the codebook's {@code unit} column gives another pattern (e.g.
   * {@code dd.MM.yyyy}); a date that does not exist (2023-02-30) is a data error.
   */
  DATE;

  /** The word used in the codebook's {@code type} column. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every token the codebook accepts, in declaration order. */
  public static List<String> tokens() {
    return Arrays.stream(values()).map(VariableType::token).toList();
  }

  /** The type named by a codebook token (case and surrounding spaces are ignored). */
  public static Optional<VariableType> fromToken(String token) {
    String t = token.trim().toLowerCase(Locale.ROOT);
    for (VariableType v : values()) {
      if (v.token().equals(t)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** How the analysis treats the column: ids and levels are categorical, numbers and dates (epoch days) continuous. */
  public VariableKind kind() {
    return isNumeric() || this == DATE ? VariableKind.CONTINUOUS : VariableKind.CATEGORICAL;
  }

  public boolean isNumeric() {
    return this == CONTINUOUS || this == INTEGER;
  }

  /** Whether the codebook must list the levels of a variable of this type. */
  public boolean hasLevels() {
    return this == CATEGORICAL || this == BINARY;
  }
}
