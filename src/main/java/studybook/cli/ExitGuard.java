package studybook.cli;

import java.io.PrintStream;
import studybook.kernel.Kernel;

/**
 * Makes the process's exit code the command's answer and nothing else. A shutdown hook runs however
 * the JVM is asked to end ({@code System.exit} from a cell, directly or by reflection, or from any
 * thread it started); unless the command has returned and recorded its exit code, the hook ends the
 * process with {@link #ENDED_EARLY} and a message naming the running cell, so a study that ends the
 * process can never leave a "pass" behind. {@code Runtime.halt} skips shutdown hooks, which is why
 * the kernel also refuses to compile a script that calls it (see the README's trust model).
 */
final class ExitGuard {
  /** The exit code when the process was ended before the command finished. */
  static final int ENDED_EARLY = 3;

  private static volatile Integer answer;

  private ExitGuard() {}

  /** Installs the hook; once per process, before the command runs. */
  static void install(PrintStream err) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Integer code = answer;
      if (code == null) {
        String cell = Kernel.runningCell().map(c -> "cell '" + c + "'").orElse("something in the study");
        err.println("studybook: " + cell + " tried to end the process before the command finished"
            + " (System.exit in an analysis script?); no result and no verdict (exit " + ENDED_EARLY + ")");
        err.flush();
        Runtime.getRuntime().halt(ENDED_EARLY);
      }
      // Whoever called exit, the process ends with the command's own answer.
      Runtime.getRuntime().halt(code);
    }, "studybook-exit-guard"));
  }

  /** Records the command's exit code; only after this may the process end normally. */
  static void finished(int code) {
    answer = code;
  }
}
