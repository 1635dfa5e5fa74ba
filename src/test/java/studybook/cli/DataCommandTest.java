package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studybook data FILE}: the values as the codebook sees them, labels beside codes, dates ISO. */
class DataCommandTest {
  @Test
  void printsTheValuesWithLabelsBesideCodes(@TempDir Path tmp) throws Exception {
    CliRun run = CliRun.of("data", "src/test/resources/readers/patients.sav");
    assertEquals(0, run.code(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals("pid,age,sex,sex:label,bmi,stage,stage:label,resected,lastseen", lines[0]);
    assertEquals("P01,34,1,Male,22.5,1,I,2019-03-14,2023-03-01", lines[1]);
    assertEquals(9, lines.length);
    Path out = tmp.resolve("values.csv");
    CliRun file = CliRun.of("data", "src/test/resources/readers/patients.sav", "--out", out.toString());
    assertEquals(0, file.code(), file.err());
    assertEquals(run.out(), Files.readString(out));
    CliRun again = CliRun.of("data", "src/test/resources/readers/patients.sav", "--out", out.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("does not overwrite"), again.err());
  }
}
