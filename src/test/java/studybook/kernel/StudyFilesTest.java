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

  @Test
  void anUnknownSettingIsAnErrorWithTheNearestNameUnlessTheStudyNamesIt() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path props = study.resolve("study.properties");
    String original = Files.readString(props);
    Files.writeString(props, original + "style.p_decimal=4\n");
    StudybookException e = assertThrows(StudybookException.class, () -> MiniStudy.open(study));
    assertTrue(e.getMessage().startsWith("study.properties: unknown setting 'style.p_decimal'; did you mean"
        + " 'style.p_decimals'?"), e.getMessage());
    // A key the study's own template reads is the study's setting.
    Files.writeString(props, original + "report.footer=Made here\n");
    Path template = study.resolve("templates/report.md.ftl");
    Files.writeString(template, Files.readString(template) + "${study[\"report.footer\"]}\n");
    assertEquals("Made here", MiniStudy.open(study).settings().get("report.footer"));
  }

  @Test
  void studyPropertiesMayStartWithAByteOrderMarkButMustBeUtf8() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path props = study.resolve("study.properties");
    byte[] text = Files.readAllBytes(props);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    Files.write(props, withBom);
    assertEquals(20190401L, MiniStudy.open(study).seed());
    String latin1 = new String(text, java.nio.charset.StandardCharsets.UTF_8).replace("title=Mini study", "title=Étude");
    Files.write(props, latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    long line = latin1.lines().takeWhile(l -> !l.startsWith("title=")).count() + 1;
    StudybookException e = assertThrows(StudybookException.class, () -> MiniStudy.open(study));
    assertTrue(e.getMessage().startsWith("study.properties:" + line + ": is not UTF-8 text"), e.getMessage());
  }
}
