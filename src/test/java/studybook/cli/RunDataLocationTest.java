package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

/** The local engine's run given data only the Spark engine reads (a URI, a folder): the reason, exit 2, nothing written. */
class RunDataLocationTest {
  @TempDir Path tmp;

  @Test
  void aUriOrAFolderIsRefusedWithTheReason() throws Exception {
    Path study = MiniStudy.copy(tmp.resolve("s"));
    CliRun uri = CliRun.of("run", "--study", study.toString(), "--data", "hdfs:///registry/2026", "--quiet");
    assertEquals(2, uri.code(), uri.err());
    assertTrue(uri.err().contains("--data hdfs:///registry/2026 is a URI; only the Spark engine reads one"), uri.err());
    Path folder = Files.createDirectories(tmp.resolve("parts"));
    CliRun dir = CliRun.of("run", "--study", study.toString(), "--data", folder.toString(), "--quiet");
    assertEquals(2, dir.code(), dir.err());
    assertTrue(dir.err().contains("is a folder; only the Spark engine reads a folder of part files"), dir.err());
    assertFalse(Files.exists(study.resolve("reports")), "nothing written");
  }
}
