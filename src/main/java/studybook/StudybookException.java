package studybook;

/**
 * A problem the user can fix (bad input, a misspelled name, an impossible request).
 *
 * <p>The command line prints {@link #getMessage()} on one line to stderr and exits with
 * {@link #EXIT_CODE}; anything that is not a {@code StudybookException} is a bug in studybook.
 */
public class StudybookException extends RuntimeException {
  /** The exit code of every user-fixable error. */
  public static final int EXIT_CODE = 2;

  public StudybookException(String message) {
    super(message);
  }

  public StudybookException(String message, Throwable cause) {
    super(message, cause);
  }
}
