package studybook.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import studybook.StudybookException;
import studybook.kernel.Study;

/**
 * {@code --sandbox}: runs the same command again in a child JVM under bubblewrap (bwrap), with no
 * network, its own process, IPC and user namespaces, a new session (no terminal injection), a
 * read-only view of the whole file system and, writable, only a fresh scratch folder (its temporary
 * files, and mounted over the study's {@code .studybook} work folder, so nothing is cached or
 * trusted from earlier runs). Where bubblewrap is missing or cannot create namespaces, the command is refused:
 * no isolation is ever silently skipped. {@code STUDYBOOK_BWRAP} names another bwrap binary.
 */
final class Sandbox {
  /** Set in the child's environment, so a sandboxed command does not start another sandbox. */
  static final String INSIDE = "STUDYBOOK_SANDBOXED";

  private Sandbox() {}

  /** Runs {@code args} (the command line without {@code --sandbox}) in the sandbox; returns its exit code. */
  static int run(Study study, List<String> args) {
    String bwrap = System.getenv().getOrDefault("STUDYBOOK_BWRAP", "bwrap");
    String why = probe(bwrap);
    if (why != null) {
      throw new StudybookException("--sandbox: no isolation is available here (" + why + "), so the study was not run."
          + " Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) with unprivileged user namespaces"
          + " enabled, or run the study in a throw-away container or virtual machine");
    }
    Path work = study.workDir();
    Path scratch;
    try {
      Files.createDirectories(work);
      scratch = Files.createTempDirectory("studybook-sandbox-");
      Files.createDirectories(scratch.resolve("work"));
      Files.createDirectories(scratch.resolve("tmp"));
    } catch (IOException e) {
      throw new StudybookException("--sandbox: cannot prepare the scratch folder: " + studybook.IoProblem.describe(e));
    }
    List<String> cmd = new ArrayList<>(List.of(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
        "--bind", scratch.toString(), scratch.toString(), "--bind", scratch.resolve("work").toString(), work.toString(),
        "--unshare-all", "--die-with-parent", "--new-session", "--setenv", INSIDE, "1",
        "--setenv", "TMPDIR", scratch.resolve("tmp").toString(), "--chdir", Path.of("").toAbsolutePath().toString(), "--"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-Djava.io.tmpdir=")).toList());
    cmd.add("-Djava.io.tmpdir=" + scratch.resolve("tmp"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
      // Copied through this process's streams (not inherited), so a caller that captures them sees the answer.
      Thread err = copy(p.getErrorStream(), System.err);
      copy(p.getInputStream(), System.out).join();
      err.join();
      return p.waitFor();
    } catch (IOException e) {
      throw new StudybookException("--sandbox: cannot start " + bwrap + ": " + studybook.IoProblem.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StudybookException("--sandbox: interrupted");
    } finally {
      studybook.report.OutputFolder.deleteTree(scratch);
    }
  }

  private static Thread copy(java.io.InputStream from, java.io.PrintStream to) {
    Thread t = new Thread(() -> {
      try {
        from.transferTo(to);
      } catch (IOException e) {
        // the child is gone; what it printed so far has been passed on
      }
      to.flush();
    }, "studybook-sandbox-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Null when bwrap can build the sandbox here, else why not. */
  private static String probe(String bwrap) {
    try {
      Process p = new ProcessBuilder(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
          "--unshare-all", "--die-with-parent", "--", "true").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return bwrap + " did not answer";
      }
      return p.exitValue() == 0 ? null : bwrap + " cannot create the sandbox: " + out.lines().findFirst().orElse("exit "
          + p.exitValue());
    } catch (IOException e) {
      return bwrap + " is not installed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The command line as typed, without {@code --sandbox}. */
  static List<String> withoutSandbox(List<String> originalArgs) {
    return originalArgs.stream().filter(a -> !a.equals("--sandbox")).toList();
  }

  static boolean inside() {
    return "1".equals(System.getenv(INSIDE));
  }
}
