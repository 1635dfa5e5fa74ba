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

/** Issue 16: a run that exhausts the heap ends with one clear line and the way out, exit 2, no stack trace. */
class OutOfMemoryTest {
  @TempDir Path tmp;

  @Test
  void aCommandWhoseDataDoNotFitTheHeapIsOneClearLineWithTheWayOut() throws IOException, InterruptedException {
    Path csv = tmp.resolve("big.csv");
    try (var w = Files.newBufferedWriter(csv)) {
      w.write("g,x\n");
      for (int i = 0; i < 6_000_000; i++) {
        w.write(i % 2 == 0 ? "a," : "b,");
        w.write(Integer.toString(i));
        w.write('\n');
      }
    }
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx32m", "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "describe", "--data",
        csv.toString(), "--by", "g")).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), output);
    assertTrue(output.contains("out of memory") && output.contains("STUDYBOOK_JAVA_OPTS=-Xmx"), output);
    assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), "no stack trace: " + output);
  }

  @Test
  void aCellThatRunsOutOfMemoryIsOneClearLineWithTheWayOut() throws IOException, InterruptedException {
    Path study = MiniStudy.copy(tmp);
    Files.writeString(study.resolve("analysis/Greedy.java"), """
        import studybook.kernel.Cell;
        public class Greedy {
          @Cell public int greedy() {
            long[][] keep = new long[1 << 14][];
            for (int i = 0; i < keep.length; i++) {
              keep[i] = new long[1 << 20];
            }
            return keep.length;
          }
        }
        """);
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "run", "--study",
        study.toString(), "--quiet")).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), output);
    assertTrue(output.contains("cell 'greedy' ran out of memory") && output.contains("STUDYBOOK_JAVA_OPTS=-Xmx"), output);
    assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), "no stack trace: " + output);
  }
}
