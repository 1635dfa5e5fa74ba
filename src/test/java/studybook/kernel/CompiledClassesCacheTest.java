package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled analysis classes are reused only while the scripts, Java and class path are unchanged and intact. */
class CompiledClassesCacheTest {
  @TempDir Path tmp;

  private record Logged(KernelRun run, String log) {}

  private static Logged run(Path study) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    KernelRun run = Kernel.run(MiniStudy.open(study),
        RunOptions.defaults().withLog(new PrintStream(log, true, StandardCharsets.UTF_8)));
    return new Logged(run, log.toString(StandardCharsets.UTF_8));
  }

  private Path study() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Files.delete(study.resolve("analysis/Cohort.java"));
    MiniStudy.write(study.resolve("templates/report.md.ftl"), "ok\n");
    MiniStudy.write(study.resolve("analysis/Answer.java"), """
        import studybook.kernel.Cell;
        public class Answer {
          @Cell public int answer() { return 42; }
        }
        """);
    return study;
  }

  @Test
  void aSecondRunReusesTheClassesAndAnEditCompilesAgain() throws IOException {
    Path study = study();
    Logged first = run(study);
    assertFalse(first.log().contains("classes from cache"), first.log());
    Logged second = run(study);
    assertTrue(second.log().contains("classes from cache"), second.log());
    assertEquals(42, second.run().result("answer"));

    MiniStudy.write(study.resolve("analysis/Answer.java"), Files.readString(study.resolve("analysis/Answer.java"))
        .replace("return 42;", "return 43;"));
    Logged edited = run(study);
    assertFalse(edited.log().contains("classes from cache"), edited.log());
    assertEquals(43, edited.run().result("answer"));
  }

  @Test
  void aTamperedClassFileIsNotTrusted() throws IOException {
    Path study = study();
    run(study);
    Path classFile;
    try (Stream<Path> files = Files.walk(study.resolve(".studybook/classes"))) {
      classFile = files.filter(f -> f.getFileName().toString().equals("Answer.class")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(classFile);
    bytes[bytes.length - 1] ^= 1;
    Files.write(classFile, bytes);
    Logged again = run(study);
    assertFalse(again.log().contains("classes from cache"), again.log());
    assertEquals(42, again.run().result("answer"));
  }
}
