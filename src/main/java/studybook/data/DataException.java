package studybook.data;

import java.util.List;
import studybook.StudybookException;

/**
 * Input data that cannot be used as given. Carries every problem found (loaders collect up to
 * {@link #MAX_PROBLEMS} before giving up) so that one run shows the user all there is to fix;
 * tests assert on {@link #problems()}, not on the message text.
 */
public final class DataException extends StudybookException {
  /** How many problems a loader reports before it stops looking. */
  public static final int MAX_PROBLEMS = 50;

  private final List<DataProblem> problems;

  public DataException(List<DataProblem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DataException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public DataException(DataProblem problem) {
    this(List.of(problem));
  }

  /** Every problem, in file order. */
  public List<DataProblem> problems() {
    return problems;
  }

  /** The first problem: the one a one-line message shows. */
  public DataProblem first() {
    return problems.get(0);
  }

  private static String render(List<DataProblem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).describe();
    }
    // A full list means the loader stopped looking, so there may be more than it shows.
    StringBuilder s = new StringBuilder(problems.size() >= MAX_PROBLEMS
        ? "at least " + problems.size() + " problems in the input; the first " + problems.size() + " are"
        : problems.size() + " problems in the input");
    for (DataProblem p : problems) {
      s.append(System.lineSeparator()).append("  ").append(p.describe());
    }
    return s.toString();
  }
}
