package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;

/**
 * Red team of issue 20's sandbox (round after the rewrite): each test is an attack from a study's cell that
 * still works on the commit it was written against. Every test here failed there; see the report.
 */
@Needs(OptionalTool.BUBBLEWRAP)
class SandboxRedTeamTest {
  private static final String SUCCESS = "is what a fresh run of the current inputs gives";

  /** Ends the sandboxed JVM with status 0 without running anything after the cell. */
  private static final String HALT = """
      Object rt = Class.forName("java.lang.Runtime").getMethod("getRuntime").invoke(null);
      Class.forName("java.lang.Runtime").getMethod("halt", int.class).invoke(rt, 0);
      """;

  /** The child's command line: SandboxChild JOB STUDY OUT ...; args[3] is the output folder the parent reads. */
  private static final String ARGS = """
      String[] args = System.getProperty("sun.java.command").split(" ");
      if (!args[0].equals("studybook.cli.SandboxChild")) {
        return 1;
      }
      """;

  @TempDir Path tmp;



  private static String javaString(Path p) {
    return p.toString().replace("\\", "\\\\").replace("\"", "\\\"");
  }


  /** studybook in its own JVM (heap {@code xmx}), its stdin a pipe this test keeps open; null when it hung. */
  private static String separateJvm(String xmx, int waitSeconds, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), "studybook.cli.Main"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("studybook-redteam-", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        if (!p.waitFor(waitSeconds, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
          return null;
        }
        return "exit " + p.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
      } finally {
        p.getOutputStream().close();
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Run as root (CI containers, this machine), bwrap keeps every capability inside the sandbox (CapEff
   * 000001fffeffffff in /proc/self/status). Native code, which a cell loads with System.load from a .so shipped
   * in the study, can then unmount the empty folder over reports/ (the committed reports become readable, so
   * the child can hand them back) and remount the study folder, or /usr, read-write: a write to the host.
   * Root fix: bwrap --cap-drop ALL (and --disable-userns); both exist in bubblewrap 0.8.
   */
  @Test
  void nativeCodeInTheSandboxCannotUnhideTheReportsOrWriteToTheHost() throws IOException {
    Path study = HostileStudy.committed(tmp);
    byte[] so = java.util.Base64.getDecoder().decode(
        Files.readString(Path.of("src/test/resources/redteam/unhide-amd64.so.b64")).strip());
    Files.createDirectories(study.resolve("native"));
    Files.write(study.resolve("native/unhide.so"), so);
    HostileStudy.cell(study, "Unhide", """
        System.load(java.nio.file.Path.of("native/unhide.so").toAbsolutePath().toString());
        return 1;""");
    CliRun r = HostileStudy.sandboxed(study);
    assertFalse(Files.exists(study.resolve("planted-by-native-code.txt")),
        "the sandboxed cell wrote into the host's study folder: " + r.err());
    assertFalse(r.err().contains("committed_visible=1"), "the committed reports were visible: " + r.err());
    assertFalse(r.err().contains("remounted=1") || r.err().contains("umounted=1"), r.err());
  }

  /**
   * The parent reads the child's output folder following symlinks: a cell links out/reports/report.md to a
   * host file (here a stand-in for ~/.git-credentials, /etc/shadow or the parent's /proc/self/environ) and
   * the parent, which runs unconfined, reads it and prints its first line as the "fresh" side of the
   * difference. Root fix: read the output folder without following links (NOFOLLOW_LINKS, regular files
   * only, bounded size), or copy it out of the sandbox by a reader that runs in the sandbox.
   */
  @Test
  void aSymlinkInTheOutputFolderDoesNotMakeTheParentReadAHostFile() throws IOException {
    Path study = HostileStudy.committed(tmp);
    Path secret = tmp.resolve("host-secret.txt");
    Files.writeString(secret, "token=HOST-SECRET-4711\n");
    HostileStudy.cell(study, "Link", ARGS + """
        java.nio.file.Path out = java.nio.file.Path.of(args[3]);
        java.nio.file.Files.createDirectories(out.resolve("reports"));
        java.nio.file.Files.createSymbolicLink(out.resolve("reports/report.md"), java.nio.file.Path.of("%s"));
        java.nio.file.Files.writeString(out.resolve("finished"), "check\\n");
        """.formatted(javaString(secret)) + HALT + "return 1;");
    CliRun r = HostileStudy.sandboxed(study);
    assertFalse(r.out().contains("HOST-SECRET-4711") || r.err().contains("HOST-SECRET-4711"),
        "the parent read a host file through a link the child planted: " + r.out());
    assertNotEquals(0, r.code());
  }

  /**
   * verify --sandbox reads out/results.json with Files.readAllBytes, following links and without a bound: a
   * cell links it to /dev/stdin (or a FIFO, or /dev/zero) and the parent blocks on it after the child has
   * ended, so the reviewer's time limit does not apply (a terminal waits for the keyboard; a CI step whose
   * stdin is an open pipe hangs). Same root fix as the symlink test.
   */
  @Test
  void aResultsFileLinkedToStdinDoesNotHangTheParent() throws Exception {
    Path first = tmp.resolve("first");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), first);
    HostileStudy.cell(first, "Stdin", ARGS + """
        java.nio.file.Path out = java.nio.file.Path.of(args[3]);
        java.nio.file.Files.createSymbolicLink(out.resolve("results.json"), java.nio.file.Path.of("/dev/stdin"));
        java.nio.file.Files.writeString(out.resolve("finished"), "verify\\n");
        """ + HALT + "return 1;");
    String r = separateJvm("256m", 120, "verify", "--sandbox", "--sandbox-limits", "time=60s", "--study",
        first.toString());
    assertTrue(r != null, "verify --sandbox still ran 120 s after its 60 s limit: it was reading /dev/stdin");
    assertFalse(r.startsWith("exit 0"), r);
  }

  /**
   * The committed reports are hidden from the child only when reports/ is a real folder of that name: a study
   * whose reports/ is a symlink (to docs/reports), or a check with --reports DIR, shows them to the child,
   * which copies them into its output, and check --sandbox passes hand-edited reports that a plain check
   * rejects. Root fix: hide the folder the parent compares with (the resolved --reports path, links
   * followed), or better bind into the child only the inputs, never the whole study folder.
   */
  @Test
  void theCommittedReportsStayHiddenWhenReportsIsALinkOrNamedWithReports() throws IOException {
    Path study = HostileStudy.committed(tmp);
    HostileStudy.cell(study, "Copy", ARGS + """
        java.nio.file.Path out = java.nio.file.Path.of(args[3]).resolve("reports");
        java.nio.file.Path committed = java.nio.file.Files.exists(java.nio.file.Path.of(args[2], "published"))
            ? java.nio.file.Path.of(args[2], "published") : java.nio.file.Path.of(args[2], "reports");
        try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(committed)) {
          for (java.nio.file.Path p : w.toList()) {
            java.nio.file.Path t = out.resolve(committed.relativize(p).toString());
            if (java.nio.file.Files.isDirectory(p)) {
              java.nio.file.Files.createDirectories(t);
            } else {
              java.nio.file.Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[3]).resolve("finished"), "check\\n");
        """ + HALT + "return 1;");
    // The reports are made with the copying cell in place (outside the sandbox it returns 1), then edited.
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    Path report = study.resolve("reports/report.md");
    Files.writeString(report, Files.readString(report).replace("Mini study", "FABRICATED study"));
    assertEquals(1, CliRun.of("check", "--study", study.toString(), "--quiet").code(), "a plain check sees the edit");

    Files.createDirectories(study.resolve("docs"));
    Files.move(study.resolve("reports"), study.resolve("docs/reports"));
    Files.createSymbolicLink(study.resolve("reports"), Path.of("docs/reports"));
    CliRun linked = HostileStudy.sandboxed(study);
    assertFalse(linked.out().contains(SUCCESS), "reports/ as a link: " + linked.out());
    assertNotEquals(0, linked.code());

    Files.delete(study.resolve("reports"));
    Files.move(study.resolve("docs/reports"), study.resolve("published"));
    CliRun named = HostileStudy.sandboxed(study, "--reports", "published");
    assertFalse(named.out().contains(SUCCESS), "--reports published: " + named.out());
    assertNotEquals(0, named.code());
  }

  /**
   * verify --sandbox takes out/results.json as what the study computed, but any cell can write it (and the
   * "finished" mark) and halt with status 0: a claim the study's code does not reproduce (plain verify: 1
   * mismatch, exit 1) is then reported reproduced (exit 0). The README says a halt "by reflection or not"
   * makes the verdict fail; it does not. Within one JVM the cell can imitate anything SandboxChild does, so
   * the root fix is a boundary the cell cannot cross (e.g. the child's writer outside the cells' reach: a
   * security policy on the cells' class loader denying reflection, file writes to the output folder and
   * halt), or the README's promise narrowed to what holds.
   */
  @Test
  void aCellCannotWriteTheResultsItselfAndHaltToReproduceAClaim() throws IOException {
    Path first = tmp.resolve("first");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), first);
    Path claims = first.resolve("analysis/claims.csv");
    Files.writeString(claims, Files.readString(claims).replace("n,160 patients were randomised,160,",
        "n,999 patients were randomised,999,").replaceAll("(?m)^check_n.*$", ""));
    HostileStudy.cell(first, "Forge", ARGS + """
        java.nio.file.Path out = java.nio.file.Path.of(args[3]);
        StringBuilder json = new StringBuilder("{");
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[2], "analysis/claims.csv"))) {
          String[] f = line.split(",");
          if (f.length > 4 && f[2].matches("[0-9.]+")) {
            json.append(json.length() > 1 ? "," : "").append('"').append(f[4]).append("\\":").append(f[2]);
          }
        }
        java.nio.file.Files.writeString(out.resolve("results.json"), json.append('}').toString());
        java.nio.file.Files.writeString(out.resolve("finished"), "verify\\n");
        """ + HALT + "return 1;");
    CliRun plain = CliRun.of("verify", "--study", first.toString());
    assertEquals(1, plain.code(), plain.out() + plain.err());
    CliRun isolated = CliRun.of("verify", "--sandbox", "--study", first.toString());
    assertFalse(isolated.out().contains("6 of 6 claims reproduced"), "forged: " + isolated.out());
    assertNotEquals(0, isolated.code(), isolated.out());
  }

  /**
   * memory=256m bounds the heap, but native memory (sun.misc.Unsafe.allocateMemory, or a .so) is bounded only
   * by the address-space cap of twice the heap plus 16 GB: here a cell holds 1 GB resident and the check
   * passes. Root fix: a memory limit on the process, not on the heap (a cgroup's memory.max, e.g. via
   * systemd-run --scope -p MemoryMax, or at least RLIMIT_DATA), and the README's wording.
   */
  @Test
  void theMemoryLimitBoundsNativeMemoryToo() throws IOException {
    Path study = HostileStudy.committed(tmp);
    HostileStudy.cell(study, "NativeHeap", ARGS + """
        java.lang.reflect.Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
        long size = 1L << 30;
        long at = u.allocateMemory(size);
        for (long i = 0; i < size; i += 4096) {
          u.putByte(at + i, (byte) 1);
        }
        u.freeMemory(at);
        return 1;""");
    CliRun run = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    CliRun r = HostileStudy.sandboxed(study, "--sandbox-limits", "memory=256m");
    assertFalse(r.out().contains(SUCCESS), "1 GB of native memory under memory=256m: " + r.out() + r.err());
    assertEquals(2, r.code(), r.err());
  }

  /**
   * The parent relays the child's output with BufferedReader.readLine, which holds a whole line: one line of
   * 400 MB without a newline takes the parent's heap, and the relay thread dies with a stack trace
   * ("Exception in thread studybook-sandbox-output java.lang.OutOfMemoryError"). Root fix: relay in bounded
   * chunks (cut lines at, say, 4 KB, and stop passing on after a budget, saying how much was dropped).
   */
  @Test
  void aHugeLineFromTheChildNeitherFillsTheParentsHeapNorPrintsAStackTrace() throws Exception {
    Path study = HostileStudy.committed(tmp);
    HostileStudy.cell(study, "Flood", ARGS + """
        java.io.FileOutputStream fd1 = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        byte[] b = new byte[1 << 20];
        java.util.Arrays.fill(b, (byte) 'A');
        for (int i = 0; i < 400; i++) {
          fd1.write(b);
        }
        fd1.write('\\n');
        return 1;""");
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    String r = separateJvm("192m", 300, "check", "--sandbox", "--quiet", "--sandbox-limits", "time=120s", "--study",
        study.toString());
    assertTrue(r != null, "the parent did not end");
    assertFalse(r.contains("OutOfMemoryError") || r.contains("Exception in thread"), r.substring(0, Math.min(r.length(), 2000)));
  }

  /**
   * No cell needed: the study's committed reports/ may hold a symlink (git keeps them) to a host file; the
   * parent, unconfined, reads it for the comparison and prints its first line as the "committed" side
   * (/etc/shadow's root line, the parent's /proc/self/environ, a credentials file). Root fix: a link in
   * the committed reports is an error (read with NOFOLLOW_LINKS), on both sides of the comparison.
   */
  @Test
  void aSymlinkInTheCommittedReportsDoesNotMakeTheParentPrintAHostFile() throws IOException {
    Path study = HostileStudy.committed(tmp);
    Path secret = tmp.resolve("host-secret.txt");
    Files.writeString(secret, "token=HOST-SECRET-2342\n");
    Path report = study.resolve("reports/report.md");
    Files.delete(report);
    Files.createSymbolicLink(report, secret);
    CliRun r = HostileStudy.sandboxed(study);
    assertFalse(r.out().contains("HOST-SECRET-2342") || r.err().contains("HOST-SECRET-2342"),
        "the parent printed a host file a committed link points at: " + r.out());
    assertNotEquals(0, r.code());
  }

  /**
   * The study's own study.properties may name an input outside the study folder (claims=, codebook=,
   * data.dictionary=, data=, e.g. ../../../root/.ssh/id_rsa or /etc/shadow); the parent binds every input
   * into the sandbox, so the cell reads that host file and prints it (stderr, "sandbox: ...", into the CI
   * log). Root fix: bind only inputs whose real path lies inside the study folder (the reviewer's own --data
   * aside), and refuse the others before the child starts.
   */
  @Test
  void anInputNamedOutsideTheStudyIsNotBoundIntoTheSandbox() throws IOException {
    Path study = HostileStudy.committed(tmp);
    Path secret = tmp.resolve("outside/host-secret.csv");
    Files.createDirectories(secret.getParent());
    Files.writeString(secret, "token=HOST-SECRET-0815\n");
    Path props = study.resolve("study.properties");
    Files.writeString(props, Files.readString(props) + "claims=" + study.relativize(secret).toString().replace('\\', '/')
        + "\n");
    HostileStudy.cell(study, "Peek", ARGS + """
        System.err.println("PEEK " + java.nio.file.Files.readString(java.nio.file.Path.of("%s")).strip());
        return 1;""".formatted(javaString(secret)));
    CliRun r = HostileStudy.sandboxed(study);
    assertFalse(r.err().contains("HOST-SECRET-0815") || r.out().contains("HOST-SECRET-0815"),
        "a host file outside the study was readable in the sandbox: " + r.err());
  }

  /**
   * Honest study: --quiet is appended after "--" (the command line the child records), so the sandboxed child
   * prints its progress lines anyway, and its recorded command line reads "... --quiet --quiet".
   */
  @Test
  void quietIsQuietInTheSandboxToo() {
    Path study = HostileStudy.committed(tmp);
    CliRun r = HostileStudy.sandboxed(study);
    assertEquals(0, r.code(), r.out() + r.err());
    assertFalse(r.err().contains("computed"), r.err());
  }
}
