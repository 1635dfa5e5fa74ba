package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;

/** Issue 16, files and folders: only studybook's own folder is replaced, an interrupted swap is repaired, the umask holds. */
class OutputFolderTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());
  @TempDir Path tmp;

  private static void run(Path study, String out) {
    Study s = MiniStudy.open(study);
    KernelRun run = Kernel.run(s, RunOptions.defaults().quiet());
    ReportWriter.write(run, Path.of(out), QUIET);
  }

  @Test
  void aFolderWithAManifestAndTheUsersOwnFilesIsNotWiped() throws IOException {
    Path study = MiniStudy.copy(tmp);
    MiniStudy.write(study.resolve("mine/manifest.json"), "{\"name\": \"my web app\"}");
    MiniStudy.write(study.resolve("mine/index.html"), "my page");
    StudybookException e = assertThrows(StudybookException.class, () -> run(study, "mine"));
    assertTrue(e.getMessage().contains("not a studybook output folder"), e.getMessage());
    assertEquals("my page", Files.readString(study.resolve("mine/index.html")));

    // studybook's own folder with a file the user dropped into it: refused, nothing deleted.
    run(study, "reports");
    MiniStudy.write(study.resolve("reports/notes.txt"), "my notes");
    e = assertThrows(StudybookException.class, () -> run(study, "reports"));
    assertTrue(e.getMessage().contains("studybook did not write (notes.txt)"), e.getMessage());
    assertEquals("my notes", Files.readString(study.resolve("reports/notes.txt")));
    Files.delete(study.resolve("reports/notes.txt"));
    run(study, "reports");
  }

  @Test
  void aSwapKilledBetweenItsTwoRenamesIsRepairedOnTheNextRun() throws IOException {
    Path study = MiniStudy.copy(tmp);
    run(study, "reports");
    Map<String, String> before = MiniStudy.snapshot(study.resolve("reports"));
    // What kill -9 after the first rename leaves: the old output moved aside, a complete staging folder.
    Files.move(study.resolve("reports"), study.resolve(".reports.old-killed"));
    MiniStudy.write(study.resolve(".reports.tmp-killed/report.md"), "half written");
    MiniStudy.write(study.resolve(".reports.tmp-earlier/report.md"), "older debris");
    Path target = study.resolve("reports");
    Path staged = OutputFolder.staging(target);
    assertEquals(before, MiniStudy.snapshot(target), "the previous output is back in place");
    try (Stream<Path> s = Files.list(study)) {
      assertEquals(Set.of(staged.getFileName().toString()), Set.copyOf(s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".reports.")).toList()), "the debris is gone");
    }
    OutputFolder.deleteTree(staged);
    run(study, "reports");
    assertEquals(before, MiniStudy.snapshot(target));
  }

  @Test
  void theOutputFolderHasThePermissionsTheUmaskGives() throws IOException {
    Path study = MiniStudy.copy(tmp);
    run(study, "reports");
    Set<PosixFilePermission> mkdir = Files.getPosixFilePermissions(Files.createDirectory(study.resolve("plain")));
    assertEquals(mkdir, Files.getPosixFilePermissions(study.resolve("reports")));
    assertEquals(mkdir, Files.getPosixFilePermissions(study.resolve("reports/tables")));
    Set<PosixFilePermission> plainFile = Files.getPosixFilePermissions(Files.writeString(study.resolve("plain.txt"), "x"));
    assertEquals(plainFile, Files.getPosixFilePermissions(study.resolve("reports/report.md")));
    assertFalse(plainFile.isEmpty());
  }

  /**
   * Issue 20: an output folder that cannot be removed (a read-only one for a user; here a file made
   * immutable, which stops root too) is refused before anything moves, saying which path; nothing is left
   * beside it and the previous output stays byte for byte. It used to be swapped out and then left behind
   * as .reports.old-* without a word.
   */
  @Test
  void anOutputFolderThatCannotBeRemovedIsRefusedAndNothingIsLeftBehind() throws Exception {
    Path probe = Files.writeString(tmp.resolve("probe"), "x");
    org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", probe) && !Files.isWritable(probe),
        "chattr +i is not available here (needs e2fsprogs and CAP_LINUX_IMMUTABLE on ext4/xfs); a read-only"
            + " folder cannot stop root, which the tests run as");
    chattr("-i", probe);
    Path study = MiniStudy.copy(tmp);
    run(study, "reports");
    Map<String, String> before = MiniStudy.snapshot(study.resolve("reports"));
    Path stuck = study.resolve("reports/report.md");
    assertTrue(chattr("+i", stuck));
    try {
      StudybookException e = assertThrows(StudybookException.class, () -> run(study, "reports"));
      assertTrue(e.getMessage().contains("report.md is read-only, so the previous output could not be removed;"
          + " nothing was changed. Make it writable (chmod -R u+w "), e.getMessage());
      assertEquals(before, MiniStudy.snapshot(study.resolve("reports")));
      try (Stream<Path> s = Files.list(study)) {
        assertEquals(java.util.List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".reports."))
            .toList(), "left beside reports/");
      }
    } finally {
      chattr("-i", stuck);
    }
    run(study, "reports");
    assertEquals(before, MiniStudy.snapshot(study.resolve("reports")));
  }

  private static boolean chattr(String flag, Path file) {
    try {
      Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
