package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;

/**
 * Issue 16: {@code check --sandbox} runs the study's code with the file system read-only (bubblewrap,
 * which .ci/install-bubblewrap.sh installs on CI), and is refused where no isolation is available. The
 * test that builds a sandbox needs bubblewrap ({@link Needs}); the refusal is tested everywhere.
 */
class SandboxTest {
  @TempDir Path tmp;

  @Test
  @Needs(OptionalTool.BUBBLEWRAP)
  void aSandboxedCheckPassesAnHonestStudyAndStopsACellThatWritesOutsideItsScratch() throws IOException {
    Path study = MiniStudy.copy(tmp);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    CliRun honest = CliRun.of("check", "--sandbox", "--study", study.toString(), "--quiet");
    assertEquals(0, honest.code(), honest.out() + honest.err());
    assertTrue(honest.out().contains("is what a fresh run of the current inputs gives"), honest.out());

    Path planted = study.resolve("planted.txt");
    MiniStudy.write(study.resolve("analysis/Plant.java"), """
        import studybook.kernel.Cell;
        public class Plant {
          @Cell public int plant() throws java.io.IOException {
            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "written by the study");
            return 1;
          }
        }
        """.formatted(planted.toString().replace("\\", "\\\\")));
    CliRun hostile = CliRun.of("check", "--sandbox", "--study", study.toString(), "--quiet");
    assertEquals(2, hostile.code(), hostile.out() + hostile.err());
    assertTrue(hostile.err().contains("cell 'plant'") && hostile.err().contains("Read-only file system"), hostile.err());
    assertFalse(Files.exists(planted));
  }

  @Test
  void withoutIsolationTheCommandIsRefusedNotRunUnisolated() throws IOException {
    Path study = MiniStudy.copy(tmp);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    ProcessBuilder pb = new ProcessBuilder(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "check", "--sandbox", "--study",
        study.toString())).redirectErrorStream(true);
    pb.environment().put("STUDYBOOK_BWRAP", tmp.resolve("no-such-bwrap").toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertEquals(2, p.exitValue(), output);
    assertTrue(output.contains("--sandbox: no isolation is available here") && !output.contains("check: "), output);

    CliRun both = CliRun.of("verify", "--sandbox", "--study", study.toString(), "--report", "out");
    assertEquals(2, both.code());
    assertTrue(both.err().contains("--report cannot be combined with --sandbox"), both.err());
  }
}
