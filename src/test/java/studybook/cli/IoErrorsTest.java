package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

/**
 * Issue 16, "every permission error names the path and the reason", black-box: tests run as root, so
 * real I/O failures a user can meet without file modes stand in (a path component that is a file, a
 * data path that is a folder). Each is one "studybook:" line, exit 2, naming the path and why.
 */
class IoErrorsTest {
  @TempDir Path tmp;

  private static void oneLocatedLine(CliRun r, String path, String why) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("studybook: "), r.err());
    assertFalse(r.err().contains("internal error") || r.err().contains("Exception") || r.err().contains("\tat "),
        r.err());
    assertTrue(r.err().contains(path), r.err());
    assertTrue(r.err().contains(why), r.err());
  }

  @Test
  void outUnderARegularFileNamesThePathAndWhy() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Files.writeString(study.resolve("notes.txt"), "mine\n");
    CliRun r = CliRun.of("run", "--study", study.toString(), "--quiet", "--out", "notes.txt/reports");
    oneLocatedLine(r, "notes.txt", "already exists, as a file");
    assertEquals("mine\n", Files.readString(study.resolve("notes.txt")));
  }

  @Test
  void aDataPathThatIsAFolderNamesThePathAndWhy() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("d.csv"));
    CliRun r = CliRun.of("logistic", "--data", dir.toString(), "--outcome", "y", "--event", "1", "--terms", "x");
    oneLocatedLine(r, "d.csv", "Is a directory");
  }
}
