package studybook.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import studybook.StudybookException;

/** The {@code studybook} command: a study kernel with ad-hoc statistics commands. */
@Command(
    name = "studybook",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Reproducible study notebook kernel and report generator.")
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The subcommands, in the order help lists them. Not in the {@code @Command} annotation: picocli builds the
   * model of every listed subcommand (reflection over all their options) before it parses anything, which cost
   * about 0.25 s of CPU in every process; {@link #execute} builds only the one the command line names.
   */
  static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
      RunCommand.class,
      VerifyCommand.class,
      CheckCommand.class,
      DiffCommand.class,
      TwinCommand.class,
      DescribeCommand.class,
      LogisticCommand.class,
      LinearCommand.class,
      CumincCommand.class,
      SurvivalCommand.class,
      CoxCommand.class,
      PropensityCommand.class,
      NewCommand.class,
      CodebookCommand.class,
      DataCommand.class,
      ServeCommand.class,
      ManuscriptCommand.class,
      ApiCommand.class,
      CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    // No Tablesaw warm-up on another thread: its static initialisers form a cycle (ColumnType and
    // StringColumnType) that deadlocks when two threads start them at once.
    ExitGuard.install(System.err);
    int code;
    try {
      code = execute(args);
    } catch (OutOfMemoryError e) {
      // One line, no trace: the heap is the limit, and the way out is to raise it.
      System.err.println("studybook: out of memory (the Java heap is " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MB); give it more with STUDYBOOK_JAVA_OPTS=-Xmx8g, or give the command a smaller file");
      code = StudybookException.EXIT_CODE;
    }
    ExitGuard.finished(code);
    System.exit(code);
  }

  public static int execute(String... args) {
    return commandLine(false, args).execute(args);
  }

  /** The command line for {@code args}: with every subcommand when {@code all}, else see below. */
  static CommandLine commandLine(boolean all, String... args) {
    CommandLine cli = new CommandLine(new Main());
    // The subcommand named first, alone (its own help, options and errors are all it needs); anything else
    // (no argument, --help, `help`, which lists them, a typo for which picocli suggests the nearest name) gets all.
    Class<?> named = all || args.length == 0 ? null : SUBCOMMANDS.stream()
        .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0]))
        .findFirst().orElse(null);
    for (Class<?> c : named != null ? java.util.List.<Class<?>>of(named) : SUBCOMMANDS) {
      cli.addSubcommand(c);
    }
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      COMMAND.set(commandLine.getCommandName());
      try {
        return report(commandLine.getErr(), e);
      } finally {
        COMMAND.remove();
      }
    });
    cli.setParameterExceptionHandler((e, args1) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("studybook: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
          + " --help')");
      err.flush();
      return StudybookException.EXIT_CODE;
    });
    return cli;
  }

  /** The ad-hoc commands, whose errors are ONE line on stderr (CONTRACT.md). */
  static final java.util.Set<String> AD_HOC = java.util.Set.of("describe", "logistic", "survival", "cox", "linear",
      "cuminc", "propensity");

  private static final ThreadLocal<String> COMMAND = new ThreadLocal<>();

  private static String commandName(Exception e) {
    String c = COMMAND.get();
    return c == null ? "" : c;
  }

  /**
   * Several data problems: for an ad-hoc command the first plus "(and N more problems)" on one line; else
   * the kernel's list, one problem a line. Each problem's file-derived text is escaped on its own, so a
   * file's control characters (its own newlines too) never make a line of their own.
   */
  static String problemList(studybook.data.DataException d, boolean oneLine) {
    java.util.List<studybook.data.DataProblem> problems = d.problems();
    boolean capped = problems.size() >= studybook.data.DataException.MAX_PROBLEMS;
    if (oneLine) {
      return studybook.TerminalText.safe(problems.get(0).describe()) + " (and " + (capped ? "at least " : "")
          + (problems.size() - 1) + " more problems)";
    }
    StringBuilder s = new StringBuilder(capped
        ? "at least " + problems.size() + " problems in the input; the first " + problems.size() + " are"
        : problems.size() + " problems in the input");
    for (studybook.data.DataProblem p : problems) {
      s.append(System.lineSeparator()).append("  ").append(studybook.TerminalText.safe(p.describe()));
    }
    return s.toString();
  }

  static int report(PrintWriter err, Exception e) {
    if (e instanceof studybook.data.DataException d && d.problems().size() > 1) {
      err.println("studybook: " + problemList(d, AD_HOC.contains(commandName(e))));
      err.flush();
      return StudybookException.EXIT_CODE;
    }
    if (e instanceof studybook.kernel.CompileException c) {
      err.println("studybook: " + studybook.TerminalText.safe(e.getMessage()));
      for (String line : c.details()) {
        err.println("  " + studybook.TerminalText.safe(line));
      }
      err.flush();
      return StudybookException.EXIT_CODE;
    }
    if (e instanceof StudybookException) {
      err.println("studybook: " + studybook.TerminalText.safe(e.getMessage()));
      err.flush();
      return StudybookException.EXIT_CODE;
    }
    err.println("studybook: internal error (a bug in studybook, please report it): " + e);
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"studybook " + (v == null ? "development" : v)};
    }
  }
}
