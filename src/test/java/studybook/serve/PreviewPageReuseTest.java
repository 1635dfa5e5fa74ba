package studybook.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.report.ReportWriter;

/** The preview's first page may come from reports/ only when it is exactly what a render would give. */
class PreviewPageReuseTest {
  @TempDir Path tmp;

  @Test
  void reusesOnlyAnIntactRenderOfTheSameInputs() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    KernelRun run = Kernel.run(MiniStudy.open(dir), RunOptions.defaults().quiet());
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    ReportWriter.write(run, Path.of("reports"), quiet, Optional.empty(), false);
    String rendered = ReportWriter.page(run);
    assertFalse(rendered.contains("Content-Security-Policy"));
    assertEquals(rendered, ReportWriter.page(run, Path.of("reports")));

    // It is read, not rendered: a report.html consistent with its manifest is what the preview shows (as run's reuse).
    Path manifest = dir.resolve("reports/manifest.json");
    String before = Files.readString(dir.resolve("reports/report.html"));
    String marked = before.replace("Mini study", "Marked study");
    Files.writeString(dir.resolve("reports/report.html"), marked);
    Files.writeString(manifest, Files.readString(manifest).replace(studybook.kernel.Hashes.of(before),
        studybook.kernel.Hashes.of(marked)));
    assertEquals(rendered.replace("Mini study", "Marked study"), ReportWriter.page(run, Path.of("reports")));
    ReportWriter.write(run, Path.of("reports"), quiet, Optional.empty(), false);

    // A report.html edited by hand (its hash no longer the manifest's) is not used.
    Path html = dir.resolve("reports/report.html");
    Files.writeString(html, Files.readString(html).replace("Mini study", "Tampered study"));
    assertEquals(rendered, ReportWriter.page(run, Path.of("reports")));

    // A render of other inputs is not used.
    ReportWriter.write(run, Path.of("reports"), quiet, Optional.empty(), false);
    MiniStudy.write(dir.resolve("templates/report.md.ftl"), Files.readString(dir.resolve("templates/report.md.ftl"))
        + "\nA new line.\n");
    KernelRun again = Kernel.run(MiniStudy.open(dir), RunOptions.defaults().quiet());
    String fresh = ReportWriter.page(again);
    assertEquals(fresh, ReportWriter.page(again, Path.of("reports")));
    assertFalse(fresh.equals(rendered));
  }
}
