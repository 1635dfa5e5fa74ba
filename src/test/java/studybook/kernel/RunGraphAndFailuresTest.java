package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: a run exposes its cell graph (order, edges, source positions) and its failures typed (cell, kind,
 * message, position), so that neither the report nor serve rebuilds them from messages or by reading scripts.
 */
class RunGraphAndFailuresTest {
  @TempDir Path tmp;

  private Path studyWith(String file, String source) throws IOException {
    Path study = MiniStudy.copy(tmp);
    Files.delete(study.resolve("analysis/Cohort.java"));
    MiniStudy.write(study.resolve("templates/report.md.ftl"), "ok\n");
    MiniStudy.write(study.resolve("analysis/" + file), source);
    return study;
  }

  private static final String CHAIN = """
      import studybook.kernel.Cell;
      public class Chain {
        @Cell public int b(int a) {
          return a + 1;
        }
        @Cell public int a(int zeta) { return zeta * 2; }

        @Cell("the seed")
        public int zeta() {
          int z = 20;
          return z;
        }
        @Cell public int total(int b, int zeta, studybook.kernel.CellContext context) { return b + zeta; }
      }
      """;

  @Test
  void theGraphHasTheOrderTheEdgesAndWhereEachCellIs() throws IOException {
    Path study = studyWith("Chain.java", CHAIN);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    KernelRun.Graph g = run.graph();
    assertEquals(List.of("zeta", "a", "b", "total"), g.order());
    assertEquals(List.of("b", "zeta", "context"), g.inputs().get("total"));
    assertEquals(List.of("b", "zeta"), g.cellInputs("total"));
    assertEquals(List.of("total"), g.dependents("b"));
    assertEquals(List.of("a", "total"), g.dependents("zeta"));
    // The first line of each cell's code (the class file's line table), whether compiled now or cached.
    Map<String, Integer> lines = Map.of("b", 4, "a", 6, "zeta", 10, "total", 13);
    lines.forEach((cell, line) -> assertEquals(new SourcePosition("analysis/Chain.java", line), g.position(cell), cell));
    KernelRun cached = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertTrue(cached.computedCells().isEmpty(), "all from the cache");
    assertEquals(g, cached.graph());
  }

  @Test
  void fingerprintsSayWhichResultsARerunChanged() throws IOException {
    Path study = studyWith("Chain.java", CHAIN);
    KernelRun before = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals(before.graph().order(), List.copyOf(before.fingerprints().keySet()));
    assertEquals(List.of(), before.changedSince(before));
    // a's code changes but not its value: only a reruns, and no result changed.
    MiniStudy.write(study.resolve("analysis/Chain.java"), CHAIN.replace("return zeta * 2;", "return zeta + zeta;"));
    KernelRun same = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals(List.of(), same.changedSince(before));
    // b's value changes: b and total, not a or zeta.
    MiniStudy.write(study.resolve("analysis/Chain.java"), CHAIN.replace("return a + 1;", "return a + 2;"));
    KernelRun after = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals(List.of("b", "total"), after.changedSince(before));
    assertEquals(before.fingerprints().get("zeta"), after.fingerprints().get("zeta"));
  }

  private static final String FAILING = """
      import studybook.kernel.Cell;
      public class Failing {
        @Cell public int fine() { return 1; }
        @Cell public int broken() {
          int x = 1;
          throw new IllegalStateException("broken on purpose " + x);
        }
        @Cell public int fed(int broken, int fine) { return broken + fine; }
        @Cell public int alsoBroken(int fine) {
          if (fine == 1) {
            throw new studybook.StudybookException("also broken");
          }
          return 0;
        }
        @Cell public int fresh(int fine) { return fine + 1; }
      }
      """;

  @Test
  void aRunThatGoesOnReportsEveryFailureTypedAndKeepsTheOtherCells() throws IOException {
    Path study = studyWith("Failing.java", FAILING);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet().goingOnPastFailures());
    assertEquals(Map.of("fine", 1, "fresh", 2), run.results());
    List<CellFailure> f = run.failures();
    assertEquals(3, f.size(), f.toString());
    assertEquals("broken", f.get(0).cell());
    assertEquals(CellFailure.Kind.RUNTIME, f.get(0).kind());
    assertEquals(Optional.of(new SourcePosition("analysis/Failing.java", 6)), f.get(0).at());
    assertEquals("analysis/Failing.java:6: cell 'broken' failed: java.lang.IllegalStateException: broken on purpose 1",
        f.get(0).message());
    assertEquals(new CellFailure("alsoBroken", CellFailure.Kind.RUNTIME,
        "analysis/Failing.java:11: cell 'alsoBroken': also broken",
        Optional.of(new SourcePosition("analysis/Failing.java", 11))), f.get(1));
    assertEquals(new CellFailure("fed", CellFailure.Kind.DEPENDENCY,
        "analysis/Failing.java: cell 'fed' did not run: its input 'broken' failed",
        Optional.of(new SourcePosition("analysis/Failing.java", 8))), f.get(2));

    // Without going on, the first failure stops the run with the message as before, and says it typed.
    CellFailedException stop = assertThrows(CellFailedException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    assertEquals(f.get(0).message(), stop.getMessage());
    assertEquals(List.of(f.get(0)), stop.failures());
  }

  @Test
  void compileErrorsAreTypedWithTheirPlaces() throws IOException {
    Path study = studyWith("Bad.java", """
        import studybook.kernel.Cell;
        public class Bad {
          @Cell public int one() { return nope; }
          @Cell public int two() {
            return alsoNope;
          }
        }
        """);
    CompileException e = assertThrows(CompileException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    assertEquals(2, e.failures().size(), e.failures().toString());
    assertEquals(new SourcePosition("analysis/Bad.java", 3, 35), e.failures().get(0).at().orElseThrow());
    assertEquals(new SourcePosition("analysis/Bad.java", 5, 12), e.failures().get(1).at().orElseThrow());
    e.failures().forEach(x -> assertEquals(CellFailure.Kind.COMPILE, x.kind()));
    assertTrue(e.failures().get(1).message().startsWith("analysis/Bad.java:5:12: cannot find symbol"),
        e.failures().get(1).message());
  }
}
