package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;

class GenerateRegistryCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheSameFileForTheSameSeed() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    assertEquals(0, Main.execute("generate-registry", "--rows", "250", "--seed", "9", "--out", a.toString()));
    assertEquals(0, Main.execute("generate-registry", "--rows", "250", "--seed", "9", "--out", b.toString()));
    assertEquals(251, Files.readAllLines(a).size());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void aBadRowCountIsAUserErrorAndWritesNothing() {
    Path out = dir.resolve("r.csv");
    assertEquals(StudybookException.EXIT_CODE,
        Main.execute("generate-registry", "--rows", "0", "--out", out.toString()));
    assertEquals(StudybookException.EXIT_CODE, Main.execute("generate-registry", "--rows", "ten", "--out", out.toString()));
    assertFalse(Files.exists(out));
  }
}
