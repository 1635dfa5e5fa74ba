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
 *
 * <p>Ctrl-C (SIGINT) and SIGTERM are the user's, not the study's: the guard's own signal handlers note
 * the signal before the JVM shuts down, and the hook then says the command was interrupted and ends
 * with the shell's code for it (130, 143), still with no result and no verdict. A command that handles
 * these signals itself ({@code serve}) replaces the handlers and returns normally.
 */
final class ExitGuard {
  /** The exit code when the process was ended before the command finished. */
  static final int ENDED_EARLY = 3;
  /** The exit code after Ctrl-C (128 + SIGINT's number), as a shell reports it. */
  static final int INTERRUPTED = 130;

  private static volatile Integer answer;
  /** The signal that asked the JVM to end (INT, TERM), if one did. */
  private static volatile String signalled;

  private ExitGuard() {}

  /** Installs the hook and the INT/TERM handlers; once per process, before the command runs. */
  static void install(PrintStream err) {
    installSignals();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Integer code = answer;
      if (code == null) {
        String signal = signalled;
        if (signal != null) {
          int exit = signal.equals("INT") ? INTERRUPTED : 143;
          err.println("studybook: interrupted (" + (signal.equals("INT") ? "Ctrl-C, SIGINT" : "SIGTERM") + ") before the"
              + " command finished; no result and no verdict (exit " + exit + ")");
          err.flush();
          Runtime.getRuntime().halt(exit);
        }
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

  @SuppressWarnings("restriction")
  private static void installSignals() {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
          signalled = name;
          // As the JVM's own handler does: begin the shutdown (the hook above speaks) on a thread of its own.
          Thread t = new Thread(() -> System.exit(128 + sig.getNumber()), "studybook-signal-" + name);
          t.setDaemon(true);
          t.start();
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // this platform does not deliver that signal (or the JVM runs with -Xrs): the hook's message stands
      }
    }
  }

  /** Records the command's exit code; only after this may the process end normally. */
  static void finished(int code) {
    answer = code;
  }
}
