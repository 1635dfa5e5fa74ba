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
 * nothing and prints no verdict; it writes what it computed into the output folder it is given, then the
 * file {@link #FINISHED}, and the parent process compares. Arguments:
 * {@code check|verify STUDY OUT [--quiet] [--suppress-below K] [--data FILE] -- COMMAND LINE...}.
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
    switch (job) {
      case "check" -> {
        Path reports = out.resolve("reports");
        Files.createDirectories(reports);
        CheckCommand.renderFresh(study, commandLine, quiet, suppression, reports);
      }
      case "verify" -> Files.writeString(out.resolve("results.json"),
          studybook.report.ReportWriter.json(VerifyCommand.results(study, log)), StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException("sandbox child: unknown job " + job);
    }
    Files.writeString(out.resolve(FINISHED), job + "\n", StandardCharsets.UTF_8);
    return 0;
  }
}
