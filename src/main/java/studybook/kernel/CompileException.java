package studybook.kernel;

import java.util.List;
import studybook.StudybookException;

/**
 * A study's scripts do not compile. The message is the first error on one line with javac's whole
 * text (the symbol, required and found types); {@link #details()} gives every error as javac prints it:
 * the position and message, the source line and a caret under the column.
 */
public final class CompileException extends StudybookException {
  private static final long serialVersionUID = 1L;
  private final List<String> details;
  private final transient List<CellFailure> failures;

  CompileException(String message, List<String> details, List<CellFailure> failures) {
    super(message);
    this.details = List.copyOf(details);
    this.failures = List.copyOf(failures);
  }

  /** Every compile error, typed: {@link CellFailure.Kind#COMPILE}, its file and line, its message on one line. */
  public List<CellFailure> failures() {
    return failures;
  }

  /** Every error, as lines to print below the message. */
  public List<String> details() {
    return details;
  }
}
