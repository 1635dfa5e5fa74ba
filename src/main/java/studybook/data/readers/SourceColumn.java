package studybook.data.readers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One column of a source file with what the file itself says about it.
 *
 * @param name the column (variable) name
 * @param label the variable label the file carries, or "" (CSV has none)
 * @param kind what the file stores: text, numbers or dates
 * @param valueLabels labels of values, in the file's order, keyed by the value as written in the cells
 *     (SPSS/Stata/SAS value labels, REDCap choices)
 * @param missingTokens cell texts the file declares missing (SPSS user-missing values, Stata
 *     {@code .a}-{@code .z}, SAS {@code .A}-{@code .Z}); the system missing value is an empty cell
 * @param format the file's display format of the column (e.g. {@code DATE11}, {@code %td}), or ""
 */
public record SourceColumn(String name, String label, CellKind kind, Map<String, String> valueLabels,
    List<String> missingTokens, String format) {

  public SourceColumn {
    Objects.requireNonNull(name, "name");
    label = label == null ? "" : label;
    Objects.requireNonNull(kind, "kind");
    valueLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valueLabels));
    missingTokens = List.copyOf(missingTokens);
    format = format == null ? "" : format;
  }

  /** A column that says nothing but its name and kind. */
  public static SourceColumn plain(String name, CellKind kind) {
    return new SourceColumn(name, "", kind, Map.of(), List.of(), "");
  }
}
