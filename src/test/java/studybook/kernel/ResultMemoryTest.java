package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's in-memory results: found only under the disk cache's keys, never stale, dropped with the classes. */
class ResultMemoryTest {
  @TempDir Path tmp;

  @Test
  void aRerunTakesResultsFromMemoryUnderTheSameKeysOnly() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    ResultMemory memory = new ResultMemory();
    RunOptions options = RunOptions.defaults().quiet().with(memory);
    KernelRun first = Kernel.run(MiniStudy.open(dir), options);
    assertTrue(first.outcomes().stream().allMatch(CellOutcome::computed));
    assertEquals(first.outcomes().stream().filter(CellOutcome::cached).count(), memory.keys().size());

    // With the disk cache gone, the rerun still computes nothing: every result comes from memory, the same.
    deleteTree(dir.resolve(".studybook/cache"));
    KernelRun second = Kernel.run(MiniStudy.open(dir), options);
    assertTrue(second.outcomes().stream().noneMatch(CellOutcome::computed), second.outcomes().toString());
    assertTrue(second.outcomes().stream().allMatch(c -> c.reason().equals("unchanged")));
    assertEquals(first.resultsJson(), second.resultsJson());
    // Without the memory the same rerun computes every cell: the memory was what answered.
    deleteTree(dir.resolve(".studybook/cache"));
    KernelRun cold = Kernel.run(MiniStudy.open(dir), RunOptions.defaults().quiet());
    assertTrue(cold.outcomes().stream().allMatch(CellOutcome::computed));

    // A changed script means new classes: nothing old is used (no value of an old class reaches a new cell).
    Path script = dir.resolve("analysis/Cohort.java");
    String code = Files.readString(script);
    String edited = code.replace("sum / n);", "sum / n + 100);");
    assertNotEquals(code, edited);
    Files.writeString(script, edited);
    KernelRun third = Kernel.run(MiniStudy.open(dir), options);
    assertTrue(third.outcomes().stream().allMatch(CellOutcome::computed), third.outcomes().toString());
    assertNotEquals(first.resultsJson().get("age"), third.resultsJson().get("age"));
    assertEquals(first.resultsJson().get("cohort"), third.resultsJson().get("cohort"));

    // A data change: the cells that read the data are computed again, with the new data's numbers.
    Path data = dir.resolve("data/mini.csv");
    String csv = Files.readString(data);
    Files.writeString(data, csv);
    KernelRun same = Kernel.run(MiniStudy.open(dir), options);
    assertTrue(same.outcomes().stream().noneMatch(CellOutcome::computed));
    Files.writeString(data, csv + (csv.endsWith("\n") ? "" : "\n") + "999,endoscopic,54,0\n");
    KernelRun more = Kernel.run(MiniStudy.open(dir), options);
    assertFalse(more.outcomes().stream().filter(c -> c.inputHashes().containsKey("data"))
        .anyMatch(c -> !c.computed()), more.outcomes().toString());
    assertNotEquals(third.resultsJson().get("cohort"), more.resultsJson().get("cohort"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
