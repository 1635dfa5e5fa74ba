package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

/**
 * Issue 20: what a killed process (or a write on a full disk) leaves, temporary files in the study's work
 * folder and check's temporary folder, is removed by the next command; nothing a live process owns is.
 */
class TemporaryDebrisTest {
  @TempDir Path tmp;

  @Test
  void theNextRunRemovesTheTemporaryFilesAKilledRunLeftInTheWorkFolder() throws Exception {
    Path study = MiniStudy.copy(tmp);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    Path work = study.resolve(".studybook");
    List<Path> debris = List.of(work.resolve("last-run123.tmp"), work.resolve("cache/cohort/.tmp-42.json"),
        work.resolve("cache/cohort/.tmp-43.frame"), work.resolve("classes/compiling-77/Cohort.class"),
        work.resolve("classes/stale-78/index.properties"), work.resolve("rasters/raster99.tmp"));
    for (Path d : debris) {
      MiniStudy.write(d, "left by a killed process");
    }
    Path keep = work.resolve("last-run.json");
    String log = Files.readString(keep);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    try (Stream<Path> s = Files.walk(work)) {
      List<String> left = s.map(p -> work.relativize(p).toString()).filter(n -> n.contains(".tmp")
          || n.contains("compiling-") || n.contains("stale-")).toList();
      assertEquals(List.of(), left);
    }
    assertTrue(Files.isRegularFile(keep));
    assertFalse(Files.readString(keep).isEmpty(), log);
  }

  @Test
  void checkRemovesTheTemporaryFolderOfACheckThatWasKilled() throws Exception {
    Path study = MiniStudy.copy(tmp);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    Path system = Path.of(System.getProperty("java.io.tmpdir"));
    Path dead = Files.createDirectories(system.resolve("studybook-check-" + deadPid + "-test" + System.nanoTime()));
    Files.writeString(dead.resolve("report.md"), "left by a killed check");
    Path alive = Files.createDirectories(system.resolve("studybook-check-" + ProcessHandle.current().pid() + "-test"
        + System.nanoTime()));
    try {
      CliRun r = CliRun.of("check", "--study", study.toString(), "--quiet");
      assertEquals(0, r.code(), r.err());
      assertFalse(Files.exists(dead), "the folder of a process that is gone stays: " + dead);
      assertTrue(Files.isDirectory(alive), "the folder of a running process was removed");
    } finally {
      studybook.report.OutputFolder.deleteTree(dead);
      studybook.report.OutputFolder.deleteTree(alive);
    }
  }
}
