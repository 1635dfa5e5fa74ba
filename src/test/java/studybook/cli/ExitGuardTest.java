package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

/** Issue 16: a cell that ends the process (here by reflection, which no compile check sees) leaves no verdict. */
class ExitGuardTest {
  @TempDir Path tmp;

  @Test
  void checkCannotPassWhenACellEndsTheProcess() throws IOException, InterruptedException {
    Path study = MiniStudy.copy(tmp);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    Path script = study.resolve("analysis/Cohort.java");
    String text = Files.readString(script);
    String marker = "public Counts cohort(Frame data) {";
    assertTrue(text.contains(marker), text);
    Files.writeString(script, text.replace(marker, marker + "\n    try {\n"
        + "      Class.forName(\"java.lang.System\").getMethod(\"exit\", int.class).invoke(null, 0);\n"
        + "    } catch (ReflectiveOperationException e) {\n      throw new IllegalStateException(e);\n    }\n"));
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "check", "--study", study.toString()))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(ExitGuard.ENDED_EARLY, p.exitValue(), output);
    assertTrue(output.contains("cell 'cohort' tried to end the process"), output);
  }

  /** Issue 20: Ctrl-C during a run is reported as an interrupt (exit 130), not as the study ending the process. */
  @Test
  void ctrlCIsAnInterruptNotTheStudysFault() throws IOException, InterruptedException {
    Path study = MiniStudy.copy(tmp);
    Path started = tmp.resolve("started");
    Files.writeString(study.resolve("analysis/Wait.java"), """
        import studybook.kernel.Cell;
        public class Wait {
          @Cell public int waits() throws Exception {
            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "yes");
            Thread.sleep(120_000);
            return 1;
          }
        }
        """.formatted(started.toString().replace("\\", "/")));
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "run", "--study", study.toString(),
        "--quiet")).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(started)) {
      assertTrue(System.nanoTime() < end && p.isAlive(), "the cell never started: " + Files.readString(tmp.resolve("out.txt")));
      Thread.sleep(50);
    }
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String output = Files.readString(tmp.resolve("out.txt"));
    assertEquals(ExitGuard.INTERRUPTED, p.exitValue(), output);
    assertTrue(output.contains("studybook: interrupted (Ctrl-C, SIGINT) before the command finished"), output);
    assertFalse(output.contains("System.exit"), output);
  }
}
