package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;

class CellGraphTest {
  @TempDir Path tmp;

  /** The mini study with its analysis replaced by the given script. */
  private Path studyWith(String file, String source) throws IOException {
    Path study = MiniStudy.copy(tmp);
    Files.delete(study.resolve("analysis/Cohort.java"));
    MiniStudy.write(study.resolve("templates/report.md.ftl"), "ok\n");
    MiniStudy.write(study.resolve("analysis/" + file), source);
    return study;
  }

  private static StudybookException failure(Path study) {
    return assertThrows(StudybookException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
  }

  @Test
  void runsInDependencyOrderWithTiesByName() throws IOException {
    Path study = studyWith("Chain.java", """
        import studybook.kernel.Cell;
        public class Chain {
          @Cell public int b(int a) { return a + 1; }
          @Cell public int a(int zeta) { return zeta * 2; }
          @Cell public int zeta() { return 20; }
          @Cell public int c() { return 1; }
          @Cell public int total(int b, int c, int zeta) { return b + c + zeta; }
        }
        """);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals(List.of("c", "zeta", "a", "b", "total"), List.copyOf(run.results().keySet()));
    assertEquals(62, run.result("total"));
  }

  @Test
  void recordsWithOptionalsAreCached() throws IOException {
    Path study = studyWith("Opt.java", """
        import java.util.List;
        import java.util.OptionalDouble;
        import java.util.OptionalInt;
        import studybook.kernel.Cell;
        public class Opt {
          public record Limit(String name, OptionalDouble low, OptionalDouble high, OptionalInt df, double p) {}
          public record Fit(List<Limit> limits, boolean converged) {}
          @Cell public Fit fit() {
            return new Fit(List.of(new Limit("a", OptionalDouble.of(0.5), OptionalDouble.empty(), OptionalInt.of(3),
                Double.NaN), new Limit("b", OptionalDouble.of(Double.POSITIVE_INFINITY), OptionalDouble.of(1e-300),
                OptionalInt.empty(), 0.04)), true);
          }
        }
        """);
    KernelRun first = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    KernelRun second = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals(List.of("fit"), first.computedCells());
    assertEquals(List.of(), second.computedCells());
    assertEquals(first.resultsJson(), second.resultsJson());
    assertEquals(ResultJson.hash(first.result("fit")), ResultJson.hash(second.result("fit")));
  }

  @Test
  void unknownInputSuggestsTheNearestCell() throws IOException {
    Path study = studyWith("Typo.java", """
        import studybook.kernel.Cell;
        public class Typo {
          @Cell public int cohort() { return 1; }
          @Cell public int table(int cohrt) { return cohrt; }
        }
        """);
    String m = failure(study).getMessage();
    assertTrue(m.startsWith("analysis/Typo.java: cell 'table' needs 'cohrt'"), m);
    assertTrue(m.endsWith("did you mean 'cohort'?"), m);
  }

  @Test
  void cycleIsNamed() throws IOException {
    Path study = studyWith("Loop.java", """
        import studybook.kernel.Cell;
        public class Loop {
          @Cell public int a(int c) { return c; }
          @Cell public int b(int a) { return a; }
          @Cell public int c(int b) { return b; }
          @Cell public int d() { return 1; }
        }
        """);
    String m = failure(study).getMessage();
    assertTrue(m.contains("cycle: a -> b -> c -> a"), m);
  }

  @Test
  void compileErrorNamesFileLineAndColumn() throws IOException {
    Path study = studyWith("Broken.java", """
        import studybook.kernel.Cell;
        public class Broken {
          @Cell public int a() { return "text"; }
        }
        """);
    String m = failure(study).getMessage();
    assertTrue(m.startsWith("analysis/Broken.java:3:33: "), m);
    assertTrue(m.contains("incompatible types"), m);
  }

  @Test
  void duplicateCellNamesAcrossScriptsAreRejected() throws IOException {
    Path study = studyWith("One.java", """
        import studybook.kernel.Cell;
        public class One { @Cell public int n() { return 1; } }
        """);
    MiniStudy.write(study.resolve("analysis/Two.java"), """
        import studybook.kernel.Cell;
        public class Two { @Cell public int n() { return 2; } }
        """);
    String m = failure(study).getMessage();
    assertTrue(m.contains("two cells are named 'n': in analysis/One.java and analysis/Two.java"), m);
  }

  @Test
  void inputOfTheWrongTypeIsRejected() throws IOException {
    Path study = studyWith("Types.java", """
        import studybook.kernel.Cell;
        public class Types {
          @Cell public String label() { return "x"; }
          @Cell public int size(Integer label) { return label; }
        }
        """);
    assertTrue(failure(study).getMessage().contains("takes 'label' as Integer but it is a String"));
  }

  @Test
  void failingCellNamesItsLine() throws IOException {
    Path study = studyWith("Fails.java", """
        import studybook.kernel.Cell;
        public class Fails {
          @Cell public int a() {
            return Integer.parseInt("x");
          }
        }
        """);
    String m = failure(study).getMessage();
    assertTrue(m.startsWith("analysis/Fails.java:4: cell 'a' failed: java.lang.NumberFormatException"), m);
  }

  @Test
  void builtInsAndSeedsReachCells() throws IOException {
    Path study = studyWith("Uses.java", """
        import java.util.Map;
        import studybook.data.Frame;
        import studybook.kernel.Cell;
        import studybook.kernel.CellContext;
        public class Uses {
          @Cell public String title(Map<String, String> settings) { return settings.get("title"); }
          @Cell public int rows(Frame data) { return data.rowCount(); }
          @Cell public long seed(CellContext context) { return context.seed(); }
          @Cell public long draw(CellContext context) { return context.random().nextLong(); }
        }
        """);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals("Mini study: age and outcome by treatment group", run.result("title"));
    assertEquals(12, run.result("rows"));
    assertEquals(Kernel.cellSeed(20190401L, "seed"), run.result("seed"));
    assertEquals(new java.util.SplittableRandom(Kernel.cellSeed(20190401L, "draw")).nextLong(), run.result("draw"));
    StudybookException e = assertThrows(StudybookException.class, () -> run.result("titel"));
    assertTrue(e.getMessage().endsWith("did you mean 'title'?"));
  }
}
