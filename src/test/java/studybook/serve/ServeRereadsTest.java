package studybook.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.FileReads;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

/** Issue 21: a save re-reads and re-hashes only the inputs that changed (size, modification time, identity). */
class ServeRereadsTest {
  private static final long WAIT_MILLIS = 120_000;

  @TempDir Path tmp;

  @Test
  void aTemplateSaveReadsTheTemplateAndNotTheData() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    Path template = dir.resolve("templates/report.md.ftl");
    try (LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {})) {
      Snapshot first = live.awaitVersion(1, WAIT_MILLIS);
      assertTrue(first.problem().isEmpty(), first.problem().toString());
      long v = live.current().version();
      String text = Files.readString(template);
      try (FileReads reads = FileReads.start()) {
        Files.writeString(template, text + "\nOne more line.\n");
        Snapshot next = live.awaitVersion(v + 1, WAIT_MILLIS);
        assertTrue(next.version() > v && next.problem().isEmpty(), next.problem().toString());
        assertTrue(next.reportHtml().orElseThrow().contains("One more line."));
        assertEquals(0, reads.of(dir.resolve("data/mini.csv")).size(),
            "the data did not change: not read again " + reads.of(dir.resolve("data/mini.csv")));
        assertEquals(0, reads.of(dir.resolve("analysis/Cohort.java")).size(),
            "the script did not change: not read again " + reads.of(dir.resolve("analysis/Cohort.java")));
        assertEquals(0, reads.of(dir.resolve("study.properties")).stream()
            .filter(r -> !r.through("studybook.kernel.Study.open")).count(), "settings unchanged: not hashed again");
        assertEquals(1, reads.of(template).size(), "the template that changed is read once: " + reads.of(template));
      }
    }
  }
}
