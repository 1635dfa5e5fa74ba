package studybook.kernel;

import java.util.Optional;

/**
 * Why a cell has no result in a run, typed so that no caller has to read it back out of a message.
 *
 * @param cell the cell's name; empty for a compile error that no cell can be named for (the scripts do not compile)
 * @param kind what failed
 * @param message the whole message, as the command line prints it
 * @param at where: the line of the script that threw or did not compile, else the cell's own position
 */
public record CellFailure(String cell, Kind kind, String message, Optional<SourcePosition> at) {
  /** What failed. */
  public enum Kind {
    /** The scripts do not compile; no cell ran. */
    COMPILE,
    /** The cell ran and threw, returned null or ran out of time or memory. */
    RUNTIME,
    /** The cell did not run because a cell it takes as input failed. */
    DEPENDENCY
  }

  public CellFailure {
    if (cell == null || kind == null || message == null || at == null) {
      throw new IllegalArgumentException("a cell failure needs its cell, kind, message and position (or empty)");
    }
  }
}
