package studybook.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

/** Issue 21: serve reports every failing cell, not only the first, and the other cells stay fresh. */
class ServeFailuresTest {
  private static final long WAIT_MILLIS = 120_000;

  @TempDir Path tmp;

  private static final String TWO_BROKEN = """
      import studybook.kernel.Cell;
      public class Broken {
        @Cell public int first() {
          throw new IllegalStateException("first is broken");
        }
        @Cell public int second() {
          throw new IllegalStateException("second is broken");
        }
        @Cell public int needsFirst(int first) { return first; }
      }
      """;

  private static Map<String, Snapshot.CellState> states(Snapshot s) {
    return s.cells().stream().collect(Collectors.toMap(Snapshot.CellRow::name, Snapshot.CellRow::state));
  }

  @Test
  void everyFailingCellIsReportedAndTheOthersStayFresh() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    Path script = dir.resolve("analysis/Broken.java");
    Files.writeString(script, TWO_BROKEN);
    try (LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {})) {
      Snapshot first = live.awaitVersion(1, WAIT_MILLIS);
      Map<String, Snapshot.CellState> states = states(first);
      assertEquals(Snapshot.CellState.FAILED, states.get("first"), first.cells().toString());
      assertEquals(Snapshot.CellState.FAILED, states.get("second"), first.cells().toString());
      assertEquals(Snapshot.CellState.STALE, states.get("needsFirst"), first.cells().toString());
      // The mini study's own cells ran and are fresh.
      for (String cell : new String[] {"cohort", "age", "events"}) {
        assertTrue(states.get(cell) == Snapshot.CellState.RECOMPUTED || states.get(cell) == Snapshot.CellState.CACHED,
            cell + ": " + first.cells());
      }
      Snapshot.Problem p = first.problem().orElseThrow();
      assertEquals("analysis/Broken.java:4", p.location());
      assertEquals(Optional.of("    throw new IllegalStateException(\"first is broken\");"), p.sourceLine());
      assertTrue(p.message().contains("first is broken") && p.message().contains("'second' at analysis/Broken.java:7"),
          p.message());
      String row = first.cells().stream().filter(r -> r.name().equals("second")).findFirst().orElseThrow().reason();
      assertTrue(row.contains("second is broken"), row);

      // One fixed: the other is still reported; the fixed one and the cell it feeds are fresh.
      long v = first.version();
      Files.writeString(script, TWO_BROKEN.replace("throw new IllegalStateException(\"first is broken\");", "return 1;"));
      Snapshot next = live.awaitVersion(v + 1, WAIT_MILLIS);
      states = states(next);
      assertEquals(Snapshot.CellState.RECOMPUTED, states.get("first"), next.cells().toString());
      assertEquals(Snapshot.CellState.RECOMPUTED, states.get("needsFirst"), next.cells().toString());
      assertEquals(Snapshot.CellState.FAILED, states.get("second"), next.cells().toString());
      assertEquals("analysis/Broken.java:7", next.problem().orElseThrow().location());
    }
  }
}
