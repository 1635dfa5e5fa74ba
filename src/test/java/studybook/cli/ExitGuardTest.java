package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
