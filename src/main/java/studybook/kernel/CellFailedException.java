package studybook.kernel;

import java.util.List;
import studybook.StudybookException;

/**
 * A run stopped by failing cells: the message is the first failure's (as the command line prints it), and
 * {@link #failures()} lists every failure the run found, typed.
 */
public final class CellFailedException extends StudybookException {
  private static final long serialVersionUID = 1L;
  private final transient List<CellFailure> failures;

  CellFailedException(List<CellFailure> failures, Throwable cause) {
    super(failures.get(0).message(), cause);
    this.failures = List.copyOf(failures);
  }

  /** Every failure, in run order. */
  public List<CellFailure> failures() {
    return failures;
  }
}
