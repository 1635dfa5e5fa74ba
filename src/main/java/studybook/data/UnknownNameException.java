package studybook.data;

import java.util.List;
import java.util.Optional;
import studybook.Names;
import studybook.StudybookException;

/**
 * An author typed a name (a column or a level) that the data do not have: a typo must stop the run,
 * never classify nobody. Tests assert on the fields, not on the message.
 *
 * @see #kind() what was misnamed
 */
public final class UnknownNameException extends StudybookException {
  /** What kind of name was wrong. */
  public enum Kind {
    /** A column of the frame. */
    COLUMN,
    /** A level of a categorical column. */
    LEVEL
  }

  private final Kind kind;
  private final String name;
  private final String column;
  private final List<String> choices;
  private final String nearest;
  private final String writtenAt;

  /**
   * @param kind column or level
   * @param name the name as typed
   * @param column the column whose level was misnamed (null for a column)
   * @param choices the names that exist
   * @param writtenAt where the author wrote the name ("Cohort.java:21"), or null when unknown
   */
  public UnknownNameException(Kind kind, String name, String column, List<String> choices, String writtenAt) {
    this(kind, name, column, choices, choices, writtenAt);
  }

  /**
   * As {@link #UnknownNameException(Kind, String, String, List, String)}, "did you mean" choosing only
   * among {@code suggestable} (e.g. never a status's censoring value as an event).
   */
  public UnknownNameException(Kind kind, String name, String column, List<String> choices, List<String> suggestable,
      String writtenAt) {
    super(render(kind, name, column, choices, suggestable, writtenAt));
    this.kind = kind;
    this.name = name;
    this.column = column;
    this.choices = List.copyOf(choices);
    this.nearest = Names.nearest(name, suggestable).orElse(null);
    this.writtenAt = writtenAt;
  }

  private static String render(Kind kind, String name, String column, List<String> choices, List<String> suggestable,
      String writtenAt) {
    String at = writtenAt == null ? "" : writtenAt + ": ";
    String shown = choices.size() > 20 ? String.join(", ", choices.subList(0, 20)) + ", ..." : String.join(", ", choices);
    String what = kind == Kind.COLUMN ? "no column '" + name + "' in the data (columns: " + shown + ")"
        : "column '" + column + "' has no level '" + name + "' (levels: " + shown + ")";
    return at + what + Names.didYouMean(name, suggestable);
  }

  public Kind kind() {
    return kind;
  }

  /** The name as typed. */
  public String name() {
    return name;
  }

  /** The column of a misnamed level; null for a misnamed column. */
  public String column() {
    return column;
  }

  /** The names that exist. */
  public List<String> choices() {
    return choices;
  }

  /** The existing name nearest to the typed one, if one is close enough to be the intended name. */
  public Optional<String> nearest() {
    return Optional.ofNullable(nearest);
  }

  /** Where the author wrote the name (file:line of the analysis script), if known. */
  public Optional<String> writtenAt() {
    return Optional.ofNullable(writtenAt);
  }
}
