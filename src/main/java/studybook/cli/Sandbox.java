package studybook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import studybook.StudybookException;
import studybook.TerminalText;
import studybook.kernel.Study;

/**
 * {@code --sandbox}: the study's code runs in a child JVM under bubblewrap (bwrap), and that child never
 * speaks the verdict. It runs {@link SandboxChild}, which only computes (the rendered reports for
 * {@code check}, the results for {@code verify}) into an output folder; this process reads that folder and
 * judges it against the committed files itself. The child's exit status and what it prints are evidence of
 * nothing: its output is passed on to stderr, each line marked {@code sandbox: }, and a child that ends in
 * any way but finishing its job (a halt, an exit, a signal, the time limit) makes the verdict fail.
 *
 * <p>What the child sees: no network and no host sockets (its own network namespace, and no {@code /run},
 * {@code /tmp}, {@code /var} or home directory in its file system), its own process, IPC and user
 * namespaces and a new session, and no capabilities even when run as root. Read-only: {@code /usr} and the
 * system's library folders, the few files of {@code /etc} a JVM reads (never {@code shadow}), the JDK, the
 * class path, and of the study only its inputs ({@link Study#inputs()}: settings, scripts, templates, data,
 * codebook, claims), which must lie inside the study folder (the reviewer's own {@code --data} aside); the
 * committed reports, {@code .git} and anything else in the folder are not there, so the child cannot hand
 * back what it is compared with. Writable: only a scratch folder (its
 * temporary files, and the study's {@code .studybook} work folder, so nothing is cached or trusted from
 * earlier runs). The environment is cleared but for {@code PATH}, {@code LANG}, {@code HOME} (the scratch
 * folder) and {@code TZ}. Limits ({@link Limits}): no child processes (a seccomp filter), the Java heap
 * and address space, and wall-clock time.
 *
 * <p>Where bubblewrap is missing or cannot create namespaces, the command is refused: no isolation is
 * ever silently skipped, and no environment variable turns it off or names another binary (bwrap is
 * taken only from the system's own folders, from a file root owns that no one else may write).
 */
final class Sandbox {
  /** Where bwrap is looked for; a test may replace the list to see the refusal. */
  static volatile List<Path> bwrapCandidates =
      List.of(Path.of("/usr/bin/bwrap"), Path.of("/bin/bwrap"), Path.of("/usr/local/bin/bwrap"));

  /** What the child did: its output folder, to be read before {@link #close()} deletes the scratch. */
  static final class Outcome implements AutoCloseable {
    private final Path scratch;
    private final String nonce;

    private Outcome(Path scratch, String nonce) {
      this.scratch = scratch;
      this.nonce = nonce;
    }

    /**
     * The folder {@link SandboxChild} wrote into once its run was over: named by a secret the child read
     * from its standard input before any cell ran, so a cell cannot write there in its stead.
     */
    Path output() {
      return scratch.resolve("out").resolve(nonce);
    }

    @Override
    public void close() {
      studybook.report.OutputFolder.deleteTree(scratch);
    }
  }

  /**
   * The reviewer's limits, {@code --sandbox-limits memory=2g,time=30m,processes=0}. {@code memory} holds the
   * whole sandbox (native memory included) where this process may make a memory control group
   * ({@link MemoryGroup}: as root, or in a delegated group); the child JVM's heap is three quarters of it,
   * direct buffers a quarter of that, class metadata 512 MB. Where no group can be made, that is said, and
   * only the heap and the address space (twice the heap plus 16 GB: the JVM reserves far more than it
   * uses, a cell's thread alone a 512 MB stack) are held. {@code time} is the wall-clock time of the run.
   * {@code processes} is 0, the only value offered: the child may start threads but no process (a seccomp
   * filter), since no other number can be enforced for every user.
   */
  record Limits(long memoryBytes, Duration time, int processes) {
    static final Limits DEFAULT = new Limits(2L << 30, Duration.ofMinutes(30), 0);
    private static final long NATIVE_MARGIN = 16L << 30;

    static Limits parse(String spec) {
      Limits l = DEFAULT;
      if (spec == null || spec.isBlank()) {
        return l;
      }
      for (String part : spec.split(",")) {
        String[] kv = part.trim().split("=", 2);
        if (kv.length != 2 || kv[1].isBlank()) {
          throw bad(part, "write key=value");
        }
        String v = kv[1].trim().toLowerCase(Locale.ROOT);
        switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
          case "memory" -> l = new Limits(bytes(part, v), l.time, l.processes);
          case "time" -> l = new Limits(l.memoryBytes, duration(part, v), l.processes);
          case "processes" -> l = new Limits(l.memoryBytes, l.time, count(part, v));
          default -> throw bad(part, "the keys are memory, time and processes");
        }
      }
      return l;
    }

    private static StudybookException bad(String part, String why) {
      return new StudybookException("--sandbox-limits: '" + part.trim() + "' is not a limit (" + why
          + "; e.g. memory=2g,time=30m,processes=0)");
    }

    private static long bytes(String part, String v) {
      long unit = switch (v.charAt(v.length() - 1)) {
        case 'g' -> 1L << 30;
        case 'm' -> 1L << 20;
        default -> throw bad(part, "memory takes a size such as 512m or 4g");
      };
      long n = positive(part, v.substring(0, v.length() - 1));
      if (n * unit < (256L << 20)) {
        throw bad(part, "the sandboxed JVM needs a heap of at least 256m");
      }
      return n * unit;
    }

    private static Duration duration(String part, String v) {
      long unit = switch (v.charAt(v.length() - 1)) {
        case 's' -> 1;
        case 'm' -> 60;
        case 'h' -> 3600;
        default -> throw bad(part, "time takes a duration such as 90s, 30m or 2h");
      };
      return Duration.ofSeconds(positive(part, v.substring(0, v.length() - 1)) * unit);
    }

    private static int count(String part, String v) {
      if (v.equals("0")) {
        return 0;
      }
      throw bad(part, "processes=0 is the only value: the sandboxed run starts no process");
    }

    private static long positive(String part, String digits) {
      try {
        long n = Long.parseLong(digits);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw bad(part, "a positive whole number");
    }

    /** The Java heap: three quarters of the memory, the rest for the JVM's own (code, classes, threads). */
    long heapBytes() {
      return memoryBytes / 4 * 3;
    }

    long addressSpaceKb() {
      return (2 * heapBytes() + NATIVE_MARGIN) >> 10;
    }

    @Override
    public String toString() {
      return "memory=" + (memoryBytes >> 20) + "m,time=" + time.toSeconds() + "s,processes=" + processes;
    }
  }

  private Sandbox() {}

  /**
   * Runs {@link SandboxChild} with {@code job} and {@code jobArgs} for {@code study} in the sandbox. Returns
   * the outcome when the child finished its job; throws (exit 2) when it did not, by any route.
   */
  static Outcome run(Study study, String job, List<String> jobArgs, Limits limits, boolean quiet,
      java.util.Optional<Path> allowedOutside) {
    Path bwrap = bwrap();
    byte[] filter = NoChildProcesses.program().orElseThrow(() -> new StudybookException("--sandbox: the filter"
        + " that forbids child processes is not written for this architecture (" + System.getProperty("os.arch")
        + "), so the study was not run; no other isolation is offered here"));
    List<Path> inputs = inputs(study, allowedOutside);
    Path scratch;
    try {
      Files.createDirectories(study.workDir());
      scratch = studybook.kernel.TemporaryFiles.createDirectory("studybook-sandbox-");
      for (String d : List.of("work", "tmp", "home", "out")) {
        Files.createDirectories(scratch.resolve(d));
      }
      Files.write(scratch.resolve("seccomp.bpf"), filter);
    } catch (IOException e) {
      throw new StudybookException("--sandbox: cannot prepare the scratch folder: " + studybook.IoProblem.describe(e));
    }
    String nonce = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
    Outcome outcome = new Outcome(scratch, nonce);
    boolean finished = false;
    try (MemoryGroup memory = MemoryGroup.make(limits.memoryBytes())) {
      if (memory == null && !quiet) {
        System.err.println("studybook: --sandbox: no memory control group can be made here, so memory= holds the"
            + " Java heap and the address space, not native memory");
      }
      List<String> cmd = command(bwrap, study, inputs, scratch, limits, memory);
      cmd.add(job);
      cmd.add(study.dir().toString());
      cmd.add(scratch.resolve("out").toString());
      if (quiet) {
        cmd.add("--quiet");
      }
      cmd.addAll(jobArgs);
      int status = runChild(cmd, limits, nonce);
      Path done = outcome.output().resolve(SandboxChild.FINISHED);
      if (status != 0 || !Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS)) {
        throw new StudybookException("--sandbox: the sandboxed run did not finish its work (" + (status == 0
            ? "it ended with status 0 before it had written its results" : status > 128 && status < 160
                ? "killed by signal " + (status - 128) : "exit status " + status)
            + "); see its messages above. No verdict");
      }
      plainFilesWithin(outcome.output(), OUTPUT_BUDGET);
      finished = true;
      return outcome;
    } finally {
      if (!finished) {
        outcome.close();
      }
    }
  }

  /** The study's inputs, each a file inside the study folder (or the reviewer's own {@code --data}). */
  private static List<Path> inputs(Study study, java.util.Optional<Path> allowedOutside) {
    Path dir = real(study.dir());
    List<Path> in = new ArrayList<>();
    for (Map.Entry<String, Path> e : study.inputs().entrySet()) {
      Path file = e.getValue().toAbsolutePath().normalize();
      boolean reviewers = allowedOutside.map(a -> a.toAbsolutePath().normalize().equals(file)).orElse(false);
      if (!reviewers && (!file.startsWith(study.dir()) || !real(file).startsWith(dir))) {
        throw new StudybookException("--sandbox: the study names an input outside its folder (" + e.getKey()
            + "), which the sandbox does not show to the study's code; copy it into the study, or, for the data,"
            + " give it yourself with verify's --data");
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !reviewers) {
        throw new StudybookException("--sandbox: the input " + e.getKey() + " is not a plain file (a link?), so it"
            + " is not shown to the study's code");
      }
      in.add(file);
    }
    return in;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new StudybookException("--sandbox: cannot resolve " + p + ": " + studybook.IoProblem.describe(e));
    }
  }

  private static List<String> command(Path bwrap, Study study, List<Path> inputs, Path scratch, Limits limits,
      MemoryGroup memory) {
    // sh joins the memory group, sets the address-space limit (inherited by the JVM) and opens the
    // filter on descriptor 9 for bwrap.
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
        (memory == null ? "" : "echo $$ > " + q(memory.procs()) + " && ")
            + "ulimit -v " + limits.addressSpaceKb() + " && exec \"$@\" 9<" + q(scratch.resolve("seccomp.bpf")),
        "studybook-sandbox", bwrap.toString(), "--tmpfs", "/tmp"));
    Set<Path> readOnly = new LinkedHashSet<>();
    for (String top : List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")) {
      Path p = Path.of(top);
      if (Files.isSymbolicLink(p)) {
        try {
          cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
        } catch (IOException e) {
          throw new StudybookException("--sandbox: cannot read the link " + top + ": " + e.getMessage());
        }
      } else if (Files.isDirectory(p)) {
        readOnly.add(p);
      }
    }
    // The files of /etc that a JVM, its font configuration and the time zone need; never shadow, ssh or sudo.
    for (String name : List.of("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "nsswitch.conf", "passwd", "group",
        "localtime", "timezone", "fonts", "alternatives", "java-17-openjdk", "java-21-openjdk", "mime.types")) {
      Path p = Path.of("/etc", name);
      if (Files.exists(p)) {
        readOnly.add(p);
      }
    }
    readOnly.add(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize());
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        readOnly.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    readOnly.addAll(inputs);
    // The study folder is an empty read-only folder holding only the inputs (and the class path, when the
    // study is studybook's own folder), with its work folder, writable, from the scratch folder.
    cmd.addAll(List.of("--tmpfs", study.dir().toString()));
    for (Path p : readOnly) {
      if (!covered(p, readOnly)) {
        cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
      }
    }
    Path home = scratch.resolve("home");
    cmd.addAll(List.of("--dir", study.workDir().toString(), "--remount-ro", study.dir().toString(),
        "--dev", "/dev", "--proc", "/proc",
        "--bind", scratch.toString(), scratch.toString(),
        "--bind", scratch.resolve("work").toString(), study.workDir().toString(),
        "--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop", "ALL",
        "--die-with-parent", "--new-session", "--clearenv",
        "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8", "--setenv", "HOME", home.toString(),
        "--setenv", "TMPDIR", scratch.resolve("tmp").toString(),
        "--chdir", study.dir().toString()));
    String tz = System.getenv("TZ");
    if (tz != null && !tz.isBlank()) {
      cmd.addAll(List.of("--setenv", "TZ", tz));
    }
    cmd.addAll(List.of("--seccomp", "9", "--"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(Sandbox::keep).toList());
    cmd.add("-Xmx" + (limits.heapBytes() >> 20) + "m");
    cmd.add("-XX:MaxDirectMemorySize=" + (limits.heapBytes() >> 22) + "m");
    cmd.add("-XX:MaxMetaspaceSize=512m");
    cmd.add("-Djava.io.tmpdir=" + scratch.resolve("tmp"));
    cmd.add("-Duser.home=" + home);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SandboxChild.class.getName()));
    return cmd;
  }

  /** What the parent reads from the child's output folder at most, in all. */
  private static final long OUTPUT_BUDGET = 2L << 30;

  /**
   * Refuses an output folder that holds anything but plain files and folders (a link would make this
   * process, which runs unconfined, read what it points at; a FIFO would make it wait) or more than
   * {@code budget} bytes. The child is gone by now: nothing can change the folder after this check.
   */
  static void plainFilesWithin(Path dir, long budget) {
    long[] total = {0};
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.forEach(f -> {
        try {
          var attrs = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          if (!attrs.isRegularFile() && !attrs.isDirectory()) {
            throw new StudybookException("--sandbox: the sandboxed run left " + dir.relativize(f) + ", which is "
                + (attrs.isSymbolicLink() ? "a symbolic link" : "not a plain file") + ", in its output. No verdict");
          }
          total[0] += attrs.size();
          if (total[0] > budget) {
            throw new StudybookException("--sandbox: the sandboxed run's output is over " + (budget >> 20)
                + " MB. No verdict");
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new StudybookException("--sandbox: the sandboxed run's output cannot be read: " + e.getMessage()
          + ". No verdict");
    }
  }

  /** The parent JVM's options the child takes too: not its heap, temporary folder, archive or agents. */
  private static boolean keep(String option) {
    return !(option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-XX:MaxDirectMemorySize")
        || option.startsWith("-XX:MaxMetaspaceSize") || option.startsWith("-Djava.io.tmpdir=")
        || option.startsWith("-Duser.home=") || option.startsWith("-XX:SharedArchiveFile")
        || option.startsWith("-XX:ArchiveClassesAtExit") || option.startsWith("-javaagent")
        || option.startsWith("-agent") || option.startsWith("-XX:Flight") || option.startsWith("-XX:StartFlight"));
  }

  private static boolean covered(Path p, Set<Path> all) {
    for (Path other : all) {
      if (!other.equals(p) && p.startsWith(other)) {
        return true;
      }
    }
    return false;
  }

  private static String q(Path p) {
    return "'" + p.toString().replace("'", "'\\''") + "'";
  }

  private static int runChild(List<String> cmd, Limits limits, String nonce) {
    try {
      Process p = new ProcessBuilder(cmd).start();
      try (var in = p.getOutputStream()) {
        in.write((nonce + "\n").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // the child ended before it read its secret: it will not have finished
      }
      Thread err = relay(p.getErrorStream(), System.err);
      Thread out = relay(p.getInputStream(), System.err);
      if (!p.waitFor(limits.time().toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        throw new StudybookException("--sandbox: the sandboxed run passed its time limit ("
            + limits.time().toSeconds() + " s; --sandbox-limits time=...) and was stopped. No verdict");
      }
      out.join(10_000);
      err.join(10_000);
      return p.exitValue();
    } catch (IOException e) {
      throw new StudybookException("--sandbox: cannot start bwrap: " + studybook.IoProblem.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StudybookException("--sandbox: interrupted");
    }
  }

  /** What is passed on of each of the child's streams at most, and of one line. */
  private static final long RELAY_BUDGET = 1L << 20;
  private static final int RELAY_LINE = 4096;

  /**
   * Every line the child prints goes to {@code to}, marked as the sandbox's and escaped; a line is cut at
   * {@link #RELAY_LINE} characters and a stream at {@link #RELAY_BUDGET} bytes, the rest counted and said.
   */
  private static Thread relay(InputStream from, PrintStream to) {
    Thread t = new Thread(() -> {
      long passed = 0;
      long dropped = 0;
      StringBuilder line = new StringBuilder();
      boolean cut = false;
      java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
      try (InputStreamReader r = new InputStreamReader(from, utf8)) {
        char[] chars = new char[8192];
        for (int n = r.read(chars); n >= 0; n = r.read(chars)) {
          for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c == '\n') {
              if (passed < RELAY_BUDGET) {
                String shown = line + (cut ? " [line cut]" : "");
                passed += shown.length() + 1;
                synchronized (to) {
                  to.println("sandbox: " + TerminalText.safe(shown));
                }
              } else {
                dropped += line.length() + 1;
              }
              line.setLength(0);
              cut = false;
            } else if (line.length() < RELAY_LINE) {
              line.append(c);
            } else {
              cut = true;
              dropped++;
            }
          }
        }
        if (line.length() > 0 && passed < RELAY_BUDGET) {
          to.println("sandbox: " + TerminalText.safe(line.toString()));
        }
      } catch (IOException e) {
        // the child is gone; what it printed so far has been passed on
      }
      if (dropped > 0) {
        to.println("studybook: --sandbox: " + dropped + " more characters of the sandboxed run's output not shown");
      }
      to.flush();
    }, "studybook-sandbox-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The system's bwrap, after a probe that it can build a sandbox here; else the refusal. */
  private static Path bwrap() {
    String why = "bwrap is not installed";
    for (Path candidate : bwrapCandidates) {
      if (!Files.isRegularFile(candidate)) {
        continue;
      }
      why = trusted(candidate);
      if (why == null) {
        why = probe(candidate);
      }
      if (why == null) {
        return candidate;
      }
      break;
    }
    throw new StudybookException("--sandbox: no isolation is available here (" + why + "), so the study was not run."
        + " Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) with unprivileged user namespaces"
        + " enabled, or run the study in a throw-away container or virtual machine");
  }

  /** Null when root owns the binary and only root may change it, else why it is not used. */
  private static String trusted(Path bwrap) {
    try {
      Path real = bwrap.toRealPath();
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(real);
      Object uid = Files.getAttribute(real, "unix:uid");
      if (!Integer.valueOf(0).equals(uid) || perms.contains(PosixFilePermission.GROUP_WRITE)
          || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
        return real + " is not a system binary (owned by root, writable by root only)";
      }
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return bwrap + " cannot be inspected: " + e.getMessage();
    }
  }

  /** Null when bwrap can build the sandbox here, else why not. */
  private static String probe(Path bwrap) {
    try {
      Process p = new ProcessBuilder(bwrap.toString(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
          "--unshare-all", "--die-with-parent", "--", "true").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return bwrap + " did not answer";
      }
      return p.exitValue() == 0 ? null : bwrap + " cannot create the sandbox: " + out.lines().findFirst().orElse("exit "
          + p.exitValue());
    } catch (IOException e) {
      return bwrap + " cannot be started: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }


}
