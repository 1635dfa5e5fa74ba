package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.IoProblem;
import studybook.StudybookException;

/** Issue 16: file errors name the path and the reason; a template linked from outside is a clear refusal. */
class StudyFilesTest {
  @TempDir Path tmp;

  @Test
  void aTemplateLinkedFromOutsideTheStudyIsRefusedWithItsTarget() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path outside = tmp.resolve("elsewhere.ftl");
    Files.writeString(outside, "${1}");
    Files.createSymbolicLink(study.resolve("templates/part.ftl"), outside);
    StudybookException e = assertThrows(StudybookException.class, () -> MiniStudy.open(study));
    assertEquals("templates/part.ftl is a link to " + outside.toRealPath() + ", outside templates/; copy the template"
        + " into the study instead (a study's templates are part of it, hashed and checked)", e.getMessage());
  }

  @Test
  void permissionAndMissingFileErrorsSayWhyAndWhere() {
    // The JDK's own messages for these are only the path.
    assertEquals("permission denied: /s/data/x.csv", IoProblem.describe(new AccessDeniedException("/s/data/x.csv")));
    assertEquals("no such file or folder: /s/x", IoProblem.describe(new NoSuchFileException("/s/x")));
    assertEquals("permission denied (Operation not permitted): /a -> /b",
        IoProblem.describe(new AccessDeniedException("/a", "/b", "Operation not permitted")));
    assertTrue(IoProblem.describe(new IOException("disk full")).equals("disk full"));
  }
}
