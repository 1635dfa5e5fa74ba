package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.doc.Block;

/**
 * Issue 21: serve builds the document of a save incrementally. On the README's first study (Table 1, a
 * regression table and a Kaplan-Meier figure, each from its cell), a save that changes Table 1's cell makes
 * Table 1's tables and blocks anew and takes the others from the last page: the regression's tables are not
 * made from its result again, the figure is not drawn again, and their blocks are the last document's very
 * blocks. The page is the one a full build makes.
 */
class IncrementalLivePageTest {
  @TempDir Path tmp;

  private static KernelRun run(Path dir) {
    return Kernel.run(Study.open(dir, Optional.empty()), RunOptions.defaults().quiet());
  }

  @Test
  void aSaveThatChangesOneCellRebuildsThatCellsBlocksOnly() throws Exception {
    Path dir = tmp.resolve("first");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), dir);
    KernelRun first = run(dir);
    LivePage before = ReportWriter.livePage(first, null);

    // Nothing changed: every table and figure block is the last one, nothing is drawn, and only the
    // reproducibility table (the claims against the results: no cell's, so no fingerprint) is made again.
    long displayed = ReportTables.DISPLAYED.get();
    long drawn = ReportFigures.DRAWN.get();
    long made = DocumentBuilder.NEW_PLACED_BLOCKS.get();
    LivePage same = ReportWriter.livePage(run(dir), before);
    assertEquals(1, ReportTables.DISPLAYED.get() - displayed);
    assertEquals(0, ReportFigures.DRAWN.get() - drawn);
    assertEquals(0, DocumentBuilder.NEW_PLACED_BLOCKS.get() - made);

    // Table 1 loses a row.
    Path script = dir.resolve("analysis/Trial.java");
    Files.writeString(script, Files.readString(script).replace("\"age\", \"sex\", \"stage\", \"sbp\"",
        "\"age\", \"sex\", \"stage\""));
    KernelRun second = run(dir);
    assertEquals(List.of("table1"), second.changedSince(first));
    displayed = ReportTables.DISPLAYED.get();
    drawn = ReportFigures.DRAWN.get();
    made = DocumentBuilder.NEW_PLACED_BLOCKS.get();
    LivePage after = ReportWriter.livePage(second, same);
    assertEquals(2, ReportTables.DISPLAYED.get() - displayed, "only table1's result (and the claims) make tables again");
    assertEquals(0, ReportFigures.DRAWN.get() - drawn, "the figure is not drawn again");
    List<Block> was = same.document().blocks();
    List<Block> now = after.document().blocks();
    assertEquals(was.size(), now.size());
    int table1 = 0;
    int reused = 0;
    for (int i = 0; i < now.size(); i++) {
      Block b = now.get(i);
      if (!(b instanceof Block.Table || b instanceof Block.Figure)) {
        continue;
      }
      if (b.cell().equals("reproducibility")) {
        continue;
      }
      if (b.cell().equals("table1")) {
        table1++;
        assertNotSame(was.get(i), b);
        assertFalse(((Block.Table) b).model().toString().contains("sbp"), b.toString());
      } else {
        reused++;
        assertSame(was.get(i), b, "block " + i + " of cell " + b.cell());
      }
    }
    assertTrue(table1 > 0 && reused >= 2, table1 + " " + reused);
    assertTrue(DocumentBuilder.NEW_PLACED_BLOCKS.get() - made <= table1 + 2, "only table1's (and the claims') blocks are new");
    // The same page as a build from nothing.
    LivePage full = ReportWriter.livePage(second, null);
    assertEquals(full.page(full.blocks()), after.page(after.blocks()));
    assertEquals(full.document(), after.document());
  }
}
