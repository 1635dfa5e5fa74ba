package studybook.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * How to run a study. Defaults ({@link #defaults()}): cache {@link CacheMode#USE}, progress lines
 * to stderr, the standard built-ins ({@code data}, {@code settings}, {@code context}), an empty
 * command line for the manifest.
 */
public record RunOptions(CacheMode cache, PrintStream log, BuiltIns builtIns, List<String> commandLine,
    SlowCells slowCells, Optional<ResultMemory> memory, long cellSecondsCap, boolean keepGoing) {
  public RunOptions {
    commandLine = List.copyOf(commandLine);
    if (cellSecondsCap < 0) {
      throw new IllegalArgumentException("cellSecondsCap " + cellSecondsCap);
    }
  }

  public RunOptions(CacheMode cache, PrintStream log, BuiltIns builtIns, List<String> commandLine, SlowCells slowCells,
      Optional<ResultMemory> memory, long cellSecondsCap) {
    this(cache, log, builtIns, commandLine, slowCells, memory, cellSecondsCap, false);
  }

  public RunOptions(CacheMode cache, PrintStream log, BuiltIns builtIns, List<String> commandLine, SlowCells slowCells,
      Optional<ResultMemory> memory) {
    this(cache, log, builtIns, commandLine, slowCells, memory, 0);
  }

  public RunOptions(CacheMode cache, PrintStream log, BuiltIns builtIns, List<String> commandLine, SlowCells slowCells) {
    this(cache, log, builtIns, commandLine, slowCells, Optional.empty());
  }

  public RunOptions(CacheMode cache, PrintStream log, BuiltIns builtIns, List<String> commandLine) {
    this(cache, log, builtIns, commandLine, SlowCells.RUN);
  }

  /** What a run does with a {@link Cell#slow()} cell whose code or inputs changed. */
  public enum SlowCells {
    /** Compute it, as every other cell ({@code run}, {@code check}). */
    RUN,
    /** Take its last cached result and mark it stale ({@code serve}); compute it only if it has none. */
    DEFER
  }

  /**
   * A run that goes on past a failing cell ({@code serve}): every cell that does not depend on it still runs,
   * and {@link KernelRun#failures()} lists each failure; {@link KernelRun#results()} lacks the failed cells and
   * those that take them as input. Without it (the default) the first failure stops the run.
   */
  public RunOptions goingOnPastFailures() {
    return new RunOptions(cache, log, builtIns, commandLine, slowCells, memory, cellSecondsCap, true);
  }

  public RunOptions with(SlowCells slow) {
    return new RunOptions(cache, log, builtIns, commandLine, slow, memory, cellSecondsCap, keepGoing);
  }

  /**
   * Runs that keep their compiled scripts and results in {@code m} between runs ({@code serve}); only
   * with {@link CacheMode#USE}, under the same keys as the disk cache.
   */
  public RunOptions with(ResultMemory m) {
    return new RunOptions(cache, log, builtIns, commandLine, slowCells, Optional.of(m), cellSecondsCap, keepGoing);
  }

  /**
   * Runs in which no cell may take more than {@code seconds}, whatever its own or the study's limit
   * ({@code serve}: a looping cell must not hold the preview for the batch default); 0: no cap.
   */
  public RunOptions withCellSecondsCap(long seconds) {
    return new RunOptions(cache, log, builtIns, commandLine, slowCells, memory, seconds, keepGoing);
  }

  public static RunOptions defaults() {
    return new RunOptions(CacheMode.USE, System.err, BuiltIns.standard(), List.of());
  }

  public RunOptions with(CacheMode mode) {
    return new RunOptions(mode, log, builtIns, commandLine, slowCells, memory, cellSecondsCap, keepGoing);
  }

  public RunOptions withLog(PrintStream stream) {
    return new RunOptions(cache, stream, builtIns, commandLine, slowCells, memory, cellSecondsCap, keepGoing);
  }

  /** No progress lines. */
  public RunOptions quiet() {
    return withLog(new PrintStream(OutputStream.nullOutputStream()));
  }

  public RunOptions with(BuiltIns registry) {
    return new RunOptions(cache, log, registry, commandLine, slowCells, memory, cellSecondsCap, keepGoing);
  }

  public RunOptions withCommandLine(List<String> args) {
    return new RunOptions(cache, log, builtIns, args, slowCells, memory, cellSecondsCap, keepGoing);
  }
}
