package studybook.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;

/** The benchmark's registry: deterministic, streamed, accepted by the study's codebook, and the study runs on it. */
class RegistryGeneratorTest {
  static final Path CODEBOOK = Path.of("data/codebook.csv");

  @TempDir Path dir;

  private static byte[] bytes(long rows, long seed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RegistryGenerator.write(out, rows, seed);
    return out.toByteArray();
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
    assertArrayEquals(bytes(5_000, 1), bytes(5_000, 1));
    assertFalse(Arrays.equals(bytes(5_000, 1), bytes(5_000, 2)));
  }

  /**
   * Pins the documented generator: benchmark files are cached by (rows, seed), so a change to the
   * model must be deliberate. When it is, update this digest and say so in the commit.
   */
  @Test
  void seedOneIsPinned() throws IOException, NoSuchAlgorithmException {
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(1_000, 1)));
    assertEquals("4d347bde6a544da5a3650672c17b3e5d97501ff52ca130b96f301b6fe74de345", digest);
  }

  @Test
  void aSmallerFileIsAPrefixOfALargerOne() throws IOException {
    byte[] small = bytes(300, 7);
    byte[] large = bytes(3_000, 7);
    assertArrayEquals(small, Arrays.copyOf(large, small.length));
  }

  @Test
  void writesTheFileAtomicallyAndSummarisesIt() throws IOException {
    Path out = dir.resolve("nested/registry.csv");
    RegistryGenerator.Summary s = RegistryGenerator.write(out, 2_000, 3);
    assertEquals(Files.size(out), s.bytes());
    assertEquals(2_001, Files.readAllLines(out).size());
    try (var listing = Files.list(out.getParent())) {
      assertEquals(List.of(out.getFileName()), listing.map(Path::getFileName).toList());
    }
    assertTrue(s.recurrences() > 0 && s.recurrences() < s.rows());
    assertTrue(s.additionalTreatments() > 0 && s.additionalTreatments() < s.rows());
  }

  @ParameterizedTest
  @CsvSource({"0", "-5"})
  void rejectsANonPositiveRowCount(long rows) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RegistryGenerator.write(dir.resolve("r.csv"), rows, 1));
    assertTrue(e.getMessage().contains("--rows"));
    assertFalse(Files.exists(dir.resolve("r.csv")));
  }

  @Test
  void reportsAnUnwritableTarget() throws IOException {
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    assertThrows(UncheckedIOException.class, () -> RegistryGenerator.write(blocker.resolve("r.csv"), 10, 1));
  }

  /** The study's codebook accepts it (columns, levels, ranges, required values) and the values are plausible. */
  @Test
  void theStudysCodebookAcceptsTheRows() {
    Path out = dir.resolve("r.csv");
    RegistryGenerator.write(out, 10_000, 1);
    Codebook codebook = CodebookLoader.load(CODEBOOK);
    Frame f = StudyDataLoader.load(out, codebook);
    assertEquals(10_000, f.rowCount());
    assertEquals(RegistryGenerator.COLUMNS, f.columnNames());
    assertEquals(codebook.variables().stream().map(CodebookVariable::name).toList(), RegistryGenerator.COLUMNS);
    for (CodebookVariable v : codebook.variables()) {
      if (!v.levels().isEmpty()) {
        for (String level : v.levels()) {
          assertTrue(f.text(v.name(), firstRow(f, v.name(), level)).equals(level), v.name() + " has " + level);
        }
      }
    }
    double[] age = f.values("age");
    assertEquals(55, Arrays.stream(age).average().orElseThrow(), 0.6);
    long distanceMissing = Arrays.stream(f.values("distance_av_cm")).filter(Double::isNaN).count();
    assertTrue(distanceMissing > 120 && distanceMissing < 300, "about 2% of distances missing: " + distanceMissing);

    int[][] treatedByLvi = new int[2][2];
    for (int r = 0; r < f.rowCount(); r++) {
      boolean lvi = f.text("lvi", r).equals("positive");
      String treatment = f.text("additional_treatment", r);
      treatedByLvi[lvi ? 1 : 0][treatment.equals("none") ? 0 : 1]++;
      assertEquals(treatment.equals("surgical"), !f.text("ln_metastasis", r).equals("not_assessed"),
          "lymph nodes are assessed in surgical specimens only (row " + r + ")");
      double ki67 = f.values("ki67_percent")[r];
      if (!Double.isNaN(ki67)) {
        assertEquals(f.text("grade", r).equals("G2"), ki67 >= 3, "Ki-67 agrees with the grade (row " + r + ")");
      }
    }
    double treatedIfLvi = treatedByLvi[1][1] / (double) (treatedByLvi[1][0] + treatedByLvi[1][1]);
    double treatedIfNoLvi = treatedByLvi[0][1] / (double) (treatedByLvi[0][0] + treatedByLvi[0][1]);
    assertTrue(treatedIfLvi > 2 * treatedIfNoLvi, "LVI raises additional treatment");
  }

  private static int firstRow(Frame f, String column, String level) {
    for (int r = 0; r < f.rowCount(); r++) {
      if (level.equals(f.text(column, r))) {
        return r;
      }
    }
    throw new AssertionError(column + " never has the level " + level);
  }

  /** The whole rectal NET study (every cell) runs on a generated registry; its own rule splits the cohort. */
  @Test
  void theStudyRunsOnIt() {
    Path out = dir.resolve("r.csv");
    RegistryGenerator.write(out, 1_000, 1);
    Study study = Study.open(Path.of("."), Optional.of(out));
    JsonNode results = Kernel.run(study, RunOptions.defaults().with(CacheMode.OFF).quiet()).resultsJson();
    JsonNode cohort = results.get("cohort");
    assertEquals(1_000, cohort.get("total").asInt());
    assertTrue(cohort.get("curative").asInt() > 300 && cohort.get("nonCurative").asInt() > 100, cohort.toString());
    assertEquals(1_000, cohort.get("curative").asInt() + cohort.get("nonCurative").asInt());
    assertTrue(cohort.get("additional").asInt() > 0, cohort.toString());
  }
}
