package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built to break a loader: each must end in a located DataException (or load), quickly. */
class HostileInputTest {
  static final Path CODEBOOK = Path.of("src/test/resources/data/mini_codebook.csv");
  static final String HEADER = "patient_id,age,sex,size_mm,margin\n";
  static final int TEN_MB = 10 * 1024 * 1024;
  static final Duration LIMIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private Path write(byte[] content) throws IOException {
    Path f = dir.resolve("hostile.csv");
    Files.write(f, content);
    return f;
  }

  private DataProblem rejected(byte[] content) throws IOException {
    Path file = write(content);
    Codebook cb = CodebookLoader.load(CODEBOOK);
    DataException e = assertTimeoutPreemptively(LIMIT,
        () -> assertThrows(DataException.class, () -> StudyDataLoader.load(file, cb)));
    assertEquals(file, e.first().file());
    return e.first();
  }

  @Test
  void latin1TextIsReadAsWindows1252() throws IOException {
    // Was refused as not UTF-8; since issue 24 bytes that are not UTF-8 are read as Windows-1252 (and said).
    Path file = write((HEADER + "P1,54,male,5,negative\nJos\u00e9,54,male,5,negative\n").getBytes(StandardCharsets.ISO_8859_1));
    Frame f = StudyDataLoader.load(file, CodebookLoader.load(CODEBOOK));
    assertEquals("Jos\u00e9", f.text("patient_id", 1));
  }

  @Test
  void utf16WithAByteOrderMarkIsNamedAsSuch() throws IOException {
    DataProblem p = rejected((HEADER + "P1,54,male,5,negative\n").getBytes(StandardCharsets.UTF_16));
    assertEquals(1, p.line());
    assertTrue(p.hint().contains("UTF-8"));
  }

  @Test
  void utf16WithoutAByteOrderMarkIsRejected() throws IOException {
    DataProblem p = rejected((HEADER + "P1,54,male,5,negative\n").getBytes(StandardCharsets.UTF_16LE));
    assertEquals(1, p.line());
  }

  @Test
  void aTenMegabyteHeaderLineIsRejected() throws IOException {
    byte[] line = new byte[TEN_MB];
    Arrays.fill(line, (byte) 'x');
    DataProblem p = rejected(line);
    assertEquals(1, p.line());
    assertEquals(TEN_MB, p.column().length());
  }

  @Test
  void aTenMegabyteHeaderOfCommasIsRejected() throws IOException {
    byte[] line = new byte[TEN_MB];
    Arrays.fill(line, (byte) ',');
    DataProblem p = rejected(line);
    assertEquals(1, p.line());
  }

  @Test
  void aTenMegabyteValueIsRejectedAtItsCell() throws IOException {
    byte[] prefix = (HEADER + "P1,54,").getBytes(StandardCharsets.US_ASCII);
    byte[] suffix = ",5,negative\n".getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[prefix.length + TEN_MB + suffix.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    Arrays.fill(content, prefix.length, prefix.length + TEN_MB, (byte) 'm');
    System.arraycopy(suffix, 0, content, prefix.length + TEN_MB, suffix.length);
    DataProblem p = rejected(content);
    assertEquals(2, p.line());
    assertEquals("sex", p.column());
    assertEquals(TEN_MB, p.value().length());
  }

  @Test
  void aTenMegabyteQuotedFieldOfQuotesIsRejected() throws IOException {
    byte[] content = new byte[TEN_MB + 1];
    Arrays.fill(content, (byte) '"');
    assertEquals(1, rejected(content).line());
  }

  @Test
  void randomBytesAreRejected() throws IOException {
    Random random = new Random(4911);
    for (int i = 0; i < 20; i++) {
      byte[] junk = new byte[1 + random.nextInt(4096)];
      random.nextBytes(junk);
      rejected(junk);
    }
  }

  @Test
  void aNulByteSaysTheFileMayBeUtf16() throws IOException {
    DataProblem p = rejected((HEADER + "P1,54,ma\0le,5,negative\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(2, p.line());
    assertEquals("sex", p.column());
    assertTrue(p.hint().contains("UTF-16"));
  }

  @Test
  void hostileCodebooksAreRejectedToo() throws IOException {
    Path cb = dir.resolve("codebook.csv");
    // A ';'-separated codebook is read as the data are (issue 24); one whose lines disagree is refused at the line.
    Files.write(cb, "variable;type\nx;continuous;extra\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(2, assertThrows(DataException.class, () -> CodebookLoader.load(cb)).first().line());
    Files.write(cb, new byte[0]);
    assertEquals(0, assertThrows(DataException.class, () -> CodebookLoader.load(cb)).first().line());
    byte[] huge = new byte[TEN_MB];
    Arrays.fill(huge, (byte) 'v');
    Files.write(cb, huge);
    assertTimeoutPreemptively(LIMIT, () -> assertThrows(DataException.class, () -> CodebookLoader.load(cb)));
  }
}
