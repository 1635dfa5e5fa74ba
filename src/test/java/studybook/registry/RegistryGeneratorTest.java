package studybook.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studybook.StudybookException;
import studybook.data.AdhocLoader;
import studybook.data.Frame;

class RegistryGeneratorTest {
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
    assertEquals("94dedc8bacdd88392fd9cde90ba69e6514efccefdcba03929bc0095d0cde53b5", digest);
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
    RegistrySummary s = RegistryGenerator.write(out, 2_000, 3);
    assertEquals(Files.size(out), s.bytes());
    assertEquals(2_001, Files.readAllLines(out).size());
    try (var listing = Files.list(out.getParent())) {
      assertEquals(List.of(out.getFileName()), listing.map(Path::getFileName).toList());
    }
    assertTrue(s.recurrences() > 0 && s.recurrences() < s.rows());
  }

  @ParameterizedTest
  @CsvSource({"0", "-5"})
  void rejectsANonPositiveRowCount(long rows) {
    StudybookException e = assertThrows(StudybookException.class,
        () -> RegistryGenerator.write(dir.resolve("r.csv"), rows, 1));
    assertTrue(e.getMessage().contains("--rows"));
  }

  @Test
  void reportsAnUnwritableTarget() throws IOException {
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    assertThrows(StudybookException.class, () -> RegistryGenerator.write(blocker.resolve("r.csv"), 10, 1));
  }

  /** The shape the benchmark relies on: the codebook's columns and levels, plausible and correlated values. */
  @Test
  void rowsLookLikeTheStudy() throws IOException {
    Path out = dir.resolve("r.csv");
    RegistryGenerator.write(out, 20_000, 1);
    Frame f = AdhocLoader.load(out, Set.of(), Map.of());
    assertEquals(RegistryGenerator.COLUMNS, f.columnNames());
    Map<String, List<String>> levels = Map.of(
        "sex", List.of("female", "male"),
        "initial_diagnosis", List.of("biopsy", "polypectomy"),
        "suspected_net", List.of("no", "yes"),
        "er_method", List.of("conventional_emr", "esd", "modified_emr"),
        "grade", List.of("G1", "G2"),
        "depth", List.of("mucosa", "submucosa"),
        "lvi", List.of("negative", "positive"),
        "resection_margin", List.of("indeterminate", "negative", "positive"),
        "curative", List.of("no", "yes"),
        "additional_treatment", List.of("no", "yes"));
    levels.forEach((column, expected) -> assertEquals(expected, f.levels(column), column));

    double[] age = f.values("age");
    assertTrue(Arrays.stream(age).allMatch(a -> a >= 20 && a <= 89 && a == Math.rint(a)));
    assertEquals(55, Arrays.stream(age).average().orElseThrow(), 0.5);
    double[] size = f.values("tumor_size_mm");
    long sizeMissing = Arrays.stream(size).filter(Double::isNaN).count();
    assertTrue(sizeMissing > 20 && sizeMissing < 120, "about 0.3% of sizes missing: " + sizeMissing);
    assertTrue(Arrays.stream(size).filter(v -> !Double.isNaN(v)).allMatch(v -> v >= 1 && v <= 15));
    long depthMissing = Arrays.stream(f.codes("depth")).filter(c -> c < 0).count();
    assertTrue(depthMissing > 120 && depthMissing < 280, "about 1% of depths missing: " + depthMissing);

    int[] lvi = f.codes("lvi");
    int[] treated = f.codes("additional_treatment");
    int[] curative = f.codes("curative");
    double[] followup = f.values("followup_months");
    double[] recurrence = f.values("recurrence");
    int[][] treatedByLvi = new int[2][2];
    int[][] eventsByCurative = new int[2][2];
    for (int r = 0; r < f.rowCount(); r++) {
      treatedByLvi[lvi[r]][treated[r]]++;
      eventsByCurative[curative[r]][(int) recurrence[r]]++;
      assertTrue(followup[r] > 0 && followup[r] <= 120);
      if (curative[r] == 1) {
        assertEquals("negative", f.text("resection_margin", r));
        assertEquals("G1", f.text("grade", r));
      }
    }
    double treatedIfLvi = treatedByLvi[1][1] / (double) (treatedByLvi[1][0] + treatedByLvi[1][1]);
    double treatedIfNoLvi = treatedByLvi[0][1] / (double) (treatedByLvi[0][0] + treatedByLvi[0][1]);
    assertTrue(treatedIfLvi > 2 * treatedIfNoLvi, "LVI raises additional treatment");
    assertTrue(eventsByCurative[0][1] > 0 && eventsByCurative[1][1] > 0, "events in both groups for a log-rank test");
    assertTrue(eventsByCurative[1][0] > 0 && eventsByCurative[0][0] > 0);
  }
}
