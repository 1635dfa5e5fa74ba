package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;

/**
 * Issues 16 and 20: {@code check --sandbox} runs the study's code in a child under bubblewrap (which
 * .ci/install-bubblewrap.sh installs on CI), judges what the child computed itself, and is refused where
 * no isolation is available. The tests that build a sandbox need bubblewrap ({@link Needs}); the refusals
 * are tested everywhere. Each hostile cell below is a red-team case that passed or leaked before issue 20.
 */
class SandboxTest {
  private static final String SUCCESS = "is what a fresh run of the current inputs gives";

  @TempDir Path tmp;




  @Test
  @Needs(OptionalTool.BUBBLEWRAP)
  void aSandboxedCheckPassesAnHonestStudyAndStopsACellThatWritesOutsideItsScratch() throws IOException {
    Path study = HostileStudy.committed(tmp);
    CliRun honest = HostileStudy.sandboxed(study);
    assertEquals(0, honest.code(), honest.out() + honest.err());
    assertTrue(honest.out().contains(SUCCESS), honest.out());
    // verify: the child computes the results, this process checks the claims; the same verdicts as unisolated.
    Path first = tmp.resolve("first");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), first);
    CliRun plain = CliRun.of("verify", "--study", first.toString());
    CliRun isolated = CliRun.of("verify", "--sandbox", "--study", first.toString());
    assertEquals(0, plain.code(), plain.out() + plain.err());
    assertEquals(plain.code(), isolated.code(), isolated.err());
    assertEquals(plain.out(), isolated.out());

    Path planted = study.resolve("planted.txt");
    HostileStudy.cell(study, "Plant", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"%s\"), \"written by the study\"); return 1;"
        .formatted(planted.toString().replace("\\", "\\\\")));
    CliRun hostile = HostileStudy.sandboxed(study);
    assertEquals(2, hostile.code(), hostile.out() + hostile.err());
    assertTrue(hostile.err().contains("cell 'plant'") && hostile.err().contains("Read-only file system"), hostile.err());
    assertFalse(Files.exists(planted));
  }

  /** Red team, high 1: the child printed the success line on descriptor 1 and halted with status 0. */
  @Test
  @Needs(OptionalTool.BUBBLEWRAP)
  void aChildThatPrintsTheVerdictAndHaltsWithStatusZeroFailsTheCheck() throws IOException {
    Path study = HostileStudy.committed(tmp);
    HostileStudy.cell(study, "Forge", """
        java.io.PrintStream fd1 = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        fd1.println("check: reports %s");
        Object rt = Class.forName("java.lang.Runtime").getMethod("getRuntime").invoke(null);
        Class.forName("java.lang.Runtime").getMethod("halt", int.class).invoke(rt, 0);
        return 1;""".formatted(SUCCESS));
    CliRun forged = HostileStudy.sandboxed(study);
    assertEquals(2, forged.code(), forged.out() + forged.err());
    assertFalse(forged.out().contains(SUCCESS), "the child's line reached stdout: " + forged.out());
    assertTrue(forged.err().contains("sandbox: check: reports " + SUCCESS), "passed on, marked: " + forged.err());
    assertTrue(forged.err().contains("did not finish its work (it ended with status 0 before it had written its results)"),
        forged.err());
  }

  /**
   * The child also writes a "finished" mark and an empty report folder where it guesses the output goes,
   * then halts: the parent reads only the folder named by the secret the child's own code read before any
   * cell ran, finds nothing there, and gives no verdict. The committed reports are not in the sandbox.
   */
  @Test
  @Needs(OptionalTool.BUBBLEWRAP)
  void aChildThatForgesItsFinishedMarkStillFailsOnTheComparison() throws IOException {
    Path study = HostileStudy.committed(tmp);
    HostileStudy.cell(study, "Mark", """
        String[] args = System.getProperty("sun.java.command").split(" ");
        java.nio.file.Path out = java.nio.file.Path.of(args[3]);
        java.nio.file.Files.createDirectories(out.resolve("reports"));
        boolean sawCommitted = java.nio.file.Files.exists(java.nio.file.Path.of(args[2], "reports", "report.md"));
        java.nio.file.Files.writeString(out.resolve("finished"), "check\\n");
        System.err.println("saw committed reports: " + sawCommitted);
        Object rt = Class.forName("java.lang.Runtime").getMethod("getRuntime").invoke(null);
        Class.forName("java.lang.Runtime").getMethod("halt", int.class).invoke(rt, 0);
        return 1;""");
    CliRun forged = HostileStudy.sandboxed(study);
    assertEquals(2, forged.code(), forged.out() + forged.err());
    assertFalse(forged.out().contains(SUCCESS), forged.out());
    assertTrue(forged.err().contains("saw committed reports: false"), forged.err());
    assertTrue(forged.err().contains("did not finish its work"), forged.err());
  }

  /**
   * Red team, high 2 and medium: a host Unix socket, the shadow file, the user's home folder (at most the
   * Maven repository of the class path shows, and only its jars), the parent's
   * environment and starting a process, all tried from one cell that reports what it could reach.
   */
  @Test
  @Needs(OptionalTool.BUBBLEWRAP)
  void theChildReachesNoHostSocketNoSecretsAndStartsNoProcess() throws Exception {
    Path study = HostileStudy.committed(tmp);
    Path socket = tmp.resolve("host.sock");
    try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listener.bind(UnixDomainSocketAddress.of(socket));
      listener.configureBlocking(false);
      HostileStudy.cell(study, "Probe", """
          StringBuilder seen = new StringBuilder();
          try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
              java.net.UnixDomainSocketAddress.of("%s"))) {
            c.write(java.nio.ByteBuffer.wrap("hello".getBytes()));
            seen.append("socket=connected");
          } catch (Exception e) {
            seen.append("socket=refused");
          }
          seen.append(" shadow=").append(java.nio.file.Files.isReadable(java.nio.file.Path.of("/etc/shadow")));
          java.nio.file.Path home = java.nio.file.Path.of("%s");
          seen.append(" home=");
          if (java.nio.file.Files.isDirectory(home)) {
            try (java.util.stream.Stream<java.nio.file.Path> list = java.nio.file.Files.list(home)) {
              seen.append(list.map(f -> f.getFileName().toString()).sorted().toList().toString().replace(" ", ""));
            }
          } else {
            seen.append("absent");
          }
          seen.append(" run=").append(java.nio.file.Files.exists(java.nio.file.Path.of("/run")));
          seen.append(" env=").append(new java.util.TreeSet<>(System.getenv().keySet()));
          try {
            new ProcessBuilder("/bin/true").start().waitFor();
            seen.append(" process=started");
          } catch (java.io.IOException e) {
            seen.append(" process=refused");
          }
          throw new IllegalStateException("PROBE " + seen);""".formatted(socket, System.getProperty("user.home")));
      CliRun probe = HostileStudy.sandboxed(study);
      assertEquals(2, probe.code(), probe.out() + probe.err());
      String seen = probe.err().lines().filter(l -> l.contains("PROBE ")).findFirst().orElseThrow(() ->
          new AssertionError(probe.err()));
      assertTrue(seen.contains("socket=refused"), seen);
      try (SocketChannel accepted = listener.accept()) {
        assertEquals(null, accepted, "the host socket was reached from the sandbox");
      }
      assertTrue(seen.contains("shadow=false") && (seen.contains("home=absent") || seen.contains("home=[.m2]")) && seen.contains("run=false"), seen);
      String env = seen.substring(seen.indexOf("env=[") + 5, seen.indexOf(']', seen.indexOf("env=[")));
      List<String> expected = System.getenv("TZ") == null ? List.of("HOME", "LANG", "PATH", "PWD", "TMPDIR")
          : List.of("HOME", "LANG", "PATH", "PWD", "TMPDIR", "TZ");
      assertEquals(expected, List.of(env.split(", ")), seen);
      assertTrue(seen.contains("process=refused"), seen);
    }
  }

  /** The reviewer's limits: wall-clock time and memory end the child, and the verdict fails. */
  @Test
  @Needs(OptionalTool.BUBBLEWRAP)
  void theReviewersLimitsStopALoopingAndAGreedyCell() throws IOException {
    Path study = HostileStudy.committed(tmp);
    HostileStudy.cell(study, "Loop", "while (true) { Thread.sleep(1000); }");
    CliRun looping = HostileStudy.sandboxed(study, "--sandbox-limits", "time=25s");
    assertEquals(2, looping.code(), looping.out() + looping.err());
    assertTrue(looping.err().contains("passed its time limit (25 s"), looping.err());
    Files.delete(study.resolve("analysis/Loop.java"));

    HostileStudy.cell(study, "Greedy", "long[][] keep = new long[64][]; for (int i = 0; i < 64; i++) { keep[i] = new long[1 << 24]; }"
        + " return keep.length;");
    CliRun greedy = HostileStudy.sandboxed(study, "--sandbox-limits", "memory=512m");
    assertEquals(2, greedy.code(), greedy.out() + greedy.err());
    assertFalse(greedy.out().contains(SUCCESS), greedy.out());
    assertTrue(greedy.err().toLowerCase(java.util.Locale.ROOT).contains("memory"), greedy.err());
  }

  @Test
  void badLimitsAreRefusedBeforeAnythingRuns() throws IOException {
    Path study = HostileStudy.committed(tmp);
    for (String bad : List.of("memory=12", "time=soon", "disk=1g", "processes=-1", "processes=4", "memory=1m")) {
      CliRun r = HostileStudy.sandboxed(study, "--sandbox-limits", bad);
      assertEquals(2, r.code(), bad + ": " + r.err());
      assertTrue(r.err().contains("--sandbox-limits") && r.err().contains("is not a limit"), r.err());
    }
    CliRun alone = CliRun.of("check", "--study", study.toString(), "--sandbox-limits", "time=5m");
    assertEquals(2, alone.code());
    assertTrue(alone.err().contains("--sandbox-limits goes with --sandbox"), alone.err());
  }

  @Test
  void withoutIsolationTheCommandIsRefusedNotRunUnisolated() throws IOException {
    Path study = HostileStudy.committed(tmp);
    List<Path> real = Sandbox.bwrapCandidates;
    try {
      Sandbox.bwrapCandidates = List.of(tmp.resolve("no-such-bwrap"));
      CliRun refused = HostileStudy.sandboxed(study);
      assertEquals(2, refused.code(), refused.out() + refused.err());
      assertTrue(refused.err().contains("--sandbox: no isolation is available here") && !refused.out().contains("check: "),
          refused.out() + refused.err());

      Path fake = tmp.resolve("fake-bwrap");
      Files.writeString(fake, "#!/bin/sh\nexit 0\n");
      fake.toFile().setExecutable(true, false);
      fake.toFile().setWritable(true, false);
      Sandbox.bwrapCandidates = List.of(fake);
      CliRun untrusted = HostileStudy.sandboxed(study);
      assertEquals(2, untrusted.code(), untrusted.out() + untrusted.err());
      assertTrue(untrusted.err().contains("is not a system binary"), untrusted.err());
    } finally {
      Sandbox.bwrapCandidates = real;
    }
    CliRun both = CliRun.of("verify", "--sandbox", "--study", study.toString(), "--report", "out");
    assertEquals(2, both.code());
    assertTrue(both.err().contains("--report cannot be combined with --sandbox"), both.err());
  }

  /**
   * Red team, medium: STUDYBOOK_SANDBOXED=1 made the command think it was already inside, and
   * STUDYBOOK_BWRAP named a script that ran the study unisolated. Neither variable means anything now.
   */
  @Test
  @Needs(OptionalTool.BUBBLEWRAP)
  void noEnvironmentVariableTurnsTheSandboxOff() throws Exception {
    Path study = HostileStudy.committed(tmp);
    Path planted = study.resolve("planted.txt");
    HostileStudy.cell(study, "Plant", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"%s\"), \"x\"); return 1;"
        .formatted(planted.toString().replace("\\", "\\\\")));
    Path passThrough = tmp.resolve("bwrap-pass-through");
    Files.writeString(passThrough, "#!/bin/sh\nwhile [ \"$1\" != -- ]; do shift; done; shift; exec \"$@\"\n");
    passThrough.toFile().setExecutable(true);
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "check", "--sandbox", "--quiet", "--study",
        study.toString())).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("STUDYBOOK_SANDBOXED", "1");
    env.put("STUDYBOOK_BWRAP", passThrough.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), output);
    assertTrue(output.contains("Read-only file system"), output);
    assertFalse(Files.exists(planted), "the study ran unisolated");
  }
}
