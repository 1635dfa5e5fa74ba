package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;

/**
 * Issue 20: a symbolic link in the study's work folder (.studybook itself, its cache folder, its lock)
 * is refused with its path and never followed: nothing is written where it points.
 */
class WorkFolderLinksTest {
  @TempDir Path tmp;

  @Test
  void aLinkedWorkFolderIsRefusedAndNothingIsWrittenWhereItPoints() throws Exception {
    Path study = MiniStudy.copy(tmp.resolve("a"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(study.resolve(".studybook"), elsewhere);
    StudybookException e = assertThrows(StudybookException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    assertTrue(e.getMessage().startsWith(".studybook is a symbolic link; studybook's work folder holds only files it"
        + " made and follows no link in it"), e.getMessage());
    assertEquals(List.of(), list(elsewhere));
  }

  @Test
  void aLinkInsideTheWorkFolderIsRefusedAndNothingIsWrittenWhereItPoints() throws Exception {
    Path study = MiniStudy.copy(tmp.resolve("b"));
    Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path cache = study.resolve(".studybook/cache");
    studybook.report.OutputFolder.deleteTree(cache);
    Files.createSymbolicLink(cache, elsewhere);
    StudybookException e = assertThrows(StudybookException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    assertTrue(e.getMessage().startsWith(".studybook/cache is a symbolic link"), e.getMessage());
    assertTrue(e.getMessage().contains("Remove the link (rm .studybook/cache)"), e.getMessage());
    assertEquals(List.of(), list(elsewhere));

    // The lock file as a link to a file elsewhere: refused, the file untouched.
    Files.delete(cache);
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "mine");
    Files.delete(study.resolve(".studybook/run.lock"));
    Files.createSymbolicLink(study.resolve(".studybook/run.lock"), victim);
    e = assertThrows(StudybookException.class, () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    assertTrue(e.getMessage().startsWith(".studybook/run.lock is a symbolic link"), e.getMessage());
    assertEquals("mine", Files.readString(victim));
    Files.delete(study.resolve(".studybook/run.lock"));
    Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
