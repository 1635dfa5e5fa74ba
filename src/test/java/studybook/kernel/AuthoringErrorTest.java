package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.data.UnknownNameException;

/** An author's misspelled level stops the run naming the cell, the script line, the name, the choices and the nearest. */
class AuthoringErrorTest {
  @TempDir Path tmp;

  @Test
  void aMisspelledLevelInACellNamesTheCellTheLineAndTheNearestLevel() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Files.delete(study.resolve("analysis/Cohort.java"));
    MiniStudy.write(study.resolve("templates/report.md.ftl"), "ok\n");
    MiniStudy.write(study.resolve("analysis/Groups.java"), """
        import static studybook.data.Condition.is;
        import studybook.data.Condition;
        import studybook.data.Frame;
        import studybook.kernel.Cell;
        public class Groups {
          static final Condition SURGICAL = is("group", "surgicl");

          @Cell public int surgical(Frame data) {
            return data.count(SURGICAL);
          }
        }
        """);
    StudybookException e = assertThrows(StudybookException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    UnknownNameException cause = (UnknownNameException) e.getCause();
    assertEquals("surgicl", cause.name());
    assertEquals("surgical", cause.nearest().orElseThrow());
    assertEquals("Groups.java:6", cause.writtenAt().orElseThrow());
    // the kernel adds where the cell ran: analysis/Groups.java:9, cell 'surgical'
    assertTrue(e.getMessage().matches("(?s).*Groups\\.java:9: cell 'surgical': Groups\\.java:6: column 'group' has no level"
        + " 'surgicl' \\(levels: .*\\); did you mean 'surgical'\\?"), e.getMessage());
  }
}
