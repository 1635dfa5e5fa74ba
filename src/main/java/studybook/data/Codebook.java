package studybook.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import studybook.Names;

/**
 * What the study's variables are: their types, level orders, labels, units, missing tokens and
 * allowed ranges, as read from {@code data/codebook.csv} by {@link CodebookLoader}. Variables keep
 * the codebook's order, which is also the order tables list them in.
 *
 * @param file the codebook file, for error messages
 * @param variables the variables in codebook order (names are unique)
 */
public record Codebook(Path file, List<CodebookVariable> variables) {

  public Codebook {
    Objects.requireNonNull(file, "file");
    variables = List.copyOf(variables);
    for (int i = 0; i < variables.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (variables.get(i).name().equals(variables.get(j).name())) {
          throw new IllegalArgumentException("variable " + variables.get(i).name() + " is declared twice");
        }
      }
    }
  }

  /** The variable names in codebook order. */
  public List<String> names() {
    return variables.stream().map(CodebookVariable::name).toList();
  }

  public Optional<CodebookVariable> find(String name) {
    for (CodebookVariable v : variables) {
      if (v.name().equals(name)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The variable called {@code name}; fails naming the codebook and the nearest declared name. */
  public CodebookVariable variable(String name) {
    return find(name).orElseThrow(() -> new DataException(new DataProblem(file, 0, name, null,
        "no such variable in the codebook",
        Names.nearest(name, names()).map(n -> "did you mean '" + n + "'?")
            .orElse("declare it in " + file.getFileName()))));
  }

  /** The display label of a variable. */
  public String label(String name) {
    return variable(name).label();
  }

  /** The display label of one level of a variable. */
  public String levelLabel(String name, String level) {
    return variable(name).levelLabel(level);
  }

  /** The unit of a variable, empty when it has none. */
  public String unit(String name) {
    return variable(name).unit();
  }

  /** How tables summarise a variable. */
  public SummaryStyle summary(String name) {
    return variable(name).summary();
  }
}
