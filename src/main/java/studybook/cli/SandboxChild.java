package studybook.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studybook.StudybookException;
import studybook.kernel.Study;
import studybook.report.SmallCellSuppression;

/**
 * What runs inside the sandbox ({@link Sandbox}): the study's computation and nothing else. It judges
 * nothing and prints no verdict. Before any cell runs it reads a secret line from its standard input (the
 * cells then see an empty one); when the run is over, and no thread is left running the study's code, it
 * writes what it computed into {@code OUT/<secret>/}, then the file {@link #FINISHED}, and the parent
 * compares. A cell that ends the process, or leaves a thread behind to rewrite the results, never gets
 * there. Arguments: {@code check|verify STUDY OUT [--quiet] [--suppress-below K] [--data FILE] -- COMMAND LINE...}.
 */
final class SandboxChild {
  /** Written last; a child that ends without it did not finish. */
  static final String FINISHED = "finished";

  private SandboxChild() {}

  public static void main(String[] args) {
    ExitGuard.install(System.err);
    int code;
    try {
      code = run(List.of(args));
    } catch (StudybookException e) {
      System.err.println("studybook: " + studybook.TerminalText.safe(e.getMessage()));
      code = StudybookException.EXIT_CODE;
    } catch (OutOfMemoryError e) {
      System.err.println("studybook: out of memory in the sandbox (heap " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MB); give it more with --sandbox-limits memory=...");
      code = StudybookException.EXIT_CODE;
    } catch (RuntimeException | IOException e) {
      System.err.println("studybook: internal error (a bug in studybook, please report it): " + e);
      e.printStackTrace(System.err);
      code = 1;
    }
    ExitGuard.finished(code);
    System.exit(code);
  }

  private static int run(List<String> args) throws IOException {
    String secret = secret();
    String job = args.get(0);
    Path studyDir = Path.of(args.get(1));
    Path out = Path.of(args.get(2));
    boolean quiet = false;
    Optional<SmallCellSuppression> suppression = Optional.empty();
    Optional<Path> data = Optional.empty();
    List<String> commandLine = new ArrayList<>();
    for (int i = 3; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--quiet" -> quiet = true;
        case "--suppress-below" -> suppression = Optional.of(new SmallCellSuppression(Integer.parseInt(args.get(++i))));
        case "--data" -> data = Optional.of(Path.of(args.get(++i)));
        case "--" -> {
          commandLine.addAll(args.subList(i + 1, args.size()));
          i = args.size();
        }
        default -> throw new IllegalArgumentException("sandbox child: unknown argument " + args.get(i));
      }
    }
    Study study = Study.open(studyDir, data);
    PrintStream log = System.err;
    Path into = out.resolve(secret);
    switch (job) {
      case "check" -> {
        Path staged = Files.createTempDirectory("studybook-check-");
        CheckCommand.renderFresh(study, commandLine, quiet, suppression, staged);
        noStudyCodeLeftRunning();
        Files.createDirectories(into);
        Files.move(staged, into.resolve("reports"));
      }
      case "verify" -> {
        String results = studybook.report.ReportWriter.json(VerifyCommand.results(study, log));
        noStudyCodeLeftRunning();
        Files.createDirectories(into);
        Files.writeString(into.resolve("results.json"), results, StandardCharsets.UTF_8);
      }
      default -> throw new IllegalArgumentException("sandbox child: unknown job " + job);
    }
    Files.writeString(into.resolve(FINISHED), job + "\n", StandardCharsets.UTF_8);
    return 0;
  }

  /** The line the parent wrote on standard input, read byte by byte so nothing else is buffered. */
  private static String secret() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = System.in.read(); c >= 0 && c != '\n'; c = System.in.read()) {
      b.append((char) c);
    }
    if (!b.toString().matches("[0-9a-f]{32}")) {
      throw new StudybookException("the sandbox child was started without its secret");
    }
    System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
    return b.toString();
  }

  /**
   * Fails when a thread other than this one still runs the study's code (a frame of a class the study's
   * scripts define: in no module, and not loaded by the application class loader) once the common pool is
   * quiet: such a thread could rewrite the results after they are written.
   */
  private static void noStudyCodeLeftRunning() {
    java.util.concurrent.ForkJoinPool.commonPool().awaitQuiescence(5, java.util.concurrent.TimeUnit.SECONDS);
    for (var e : Thread.getAllStackTraces().entrySet()) {
      if (e.getKey() == Thread.currentThread() || !e.getKey().isAlive()) {
        continue;
      }
      for (StackTraceElement f : e.getValue()) {
        if (f.getModuleName() == null && !"app".equals(f.getClassLoaderName())) {
          throw new StudybookException("the thread '" + e.getKey().getName() + "' still runs the study's code ("
              + f.getClassName() + ") after the run: no results are given");
        }
      }
    }
  }
}
