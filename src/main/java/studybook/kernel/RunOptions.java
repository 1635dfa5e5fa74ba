package studybook.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * How to run a study. Defaults ({@link #defaults()}): cache {@link CacheMode#USE}, progress lines
 * to stderr, the standard built-ins ({@code data}, {@code settings}, {@code context}), an empty
 * command line for the manifest.
 */
public record RunOptions(CacheMode cache, PrintStream log, BuiltIns builtIns, List<String> commandLine) {
  public RunOptions {
    commandLine = List.copyOf(commandLine);
  }

  public static RunOptions defaults() {
    return new RunOptions(CacheMode.USE, System.err, BuiltIns.standard(), List.of());
  }

  public RunOptions with(CacheMode mode) {
    return new RunOptions(mode, log, builtIns, commandLine);
  }

  public RunOptions withLog(PrintStream stream) {
    return new RunOptions(cache, stream, builtIns, commandLine);
  }

  /** No progress lines. */
  public RunOptions quiet() {
    return withLog(new PrintStream(OutputStream.nullOutputStream()));
  }

  public RunOptions with(BuiltIns registry) {
    return new RunOptions(cache, log, registry, commandLine);
  }

  public RunOptions withCommandLine(List<String> args) {
    return new RunOptions(cache, log, builtIns, args);
  }
}
