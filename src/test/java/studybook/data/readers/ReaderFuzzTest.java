package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Damages every committed binary reader fixture (SPSS, Stata, SAS, XPORT, Excel) in a few hundred
 * seeded ways: random bytes, a declared count or length set to an extreme (as little- and big-endian
 * integers), a value set to an infinite or absurd number, a cut, a deleted or repeated stretch. Each
 * damaged file must either read or be refused with ONE located DataException (byte offset, case,
 * observation, row or cell), never another exception, never the readers' catch-all, never more memory
 * than a small budget allows (measured as the bytes the reading thread allocates), never a hang.
 */
class ReaderFuzzTest {
  private static final Path DIR = Path.of("src/test/resources/readers");
  /** The budget every damaged read runs under. */
  private static final long BUDGET = 16L << 20;
  /** What a read may allocate in all: the budget and the parser's own working memory (POI's is the largest). */
  private static final long ALLOCATION_LIMIT = 6 * BUDGET;
  private static final int TRIES = Integer.getInteger("studybook.fuzzTries", 120);

  static Stream<Path> fixtures() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(DIR, DIR.resolve("public"))) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.toString().matches(".*\\.(sav|zsav|dta|xpt|sas7bdat|xlsx|parquet)$")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void aDamagedFileReadsOrIsOneLocatedErrorWithinTheBudget(Path fixture, @TempDir Path tmp) throws IOException {
    byte[] original = Files.readAllBytes(fixture);
    Path file = tmp.resolve(fixture.getFileName());
    Random random = new Random(fixture.getFileName().toString().hashCode());
    ReadOptions options = ReadOptions.defaults();
    for (int t = 0; t < TRIES; t++) {
      byte[] damaged = mutate(original, random);
      Files.write(file, damaged);
      String what = fixture.getFileName() + " damaged by try " + t;
      long[] allocated = new long[1];
      Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        try {
          ReadBudget.limitTo(BUDGET, () -> DataReaders.read(file, options));
          return null;
        } catch (Throwable e) {
          return e;
        } finally {
          allocated[0] = mx.getThreadAllocatedBytes(id) - before;
        }
      }, what);
      assertTrue(allocated[0] <= ALLOCATION_LIMIT, what + ": the read allocated " + allocated[0] + " bytes");
      if (thrown == null) {
        continue;
      }
      if (!(thrown instanceof DataException d)) {
        fail(what + ": " + thrown, thrown);
        return;
      }
      DataProblem p = d.first();
      assertTrue(p.file().equals(file), what + ": " + p.describe());
      assertFalse(p.message().contains(DataReaders.UNFORESEEN), what + ": " + p.describe());
      String m = p.message();
      boolean located = p.line() > 0 || m.startsWith("at byte offset") || m.matches("^(case|observation|row) \\d+: .*")
          || p.column() != null || m.contains("sheet '") || m.contains("part ") || m.matches("^the file has \\d+ bytes.*")
          || m.matches("^the data end after .*") || m.matches("^(is read as|cannot be opened|is not a readable Parquet file|cannot be read in row group).*");
      assertTrue(located, what + ": not located: " + p.describe());
    }
  }

  private static final long[] EXTREME_INTS = {0x7fffffffL, 0xffffffffL, 0x80000000L, 0x40000000L, 0x00ffffffL, 0x10000L};
  private static final double[] EXTREME_DOUBLES = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300,
      Double.NaN, 4e13, -4e13, Double.MAX_VALUE};

  static byte[] mutate(byte[] original, Random random) {
    byte[] b = original.clone();
    int n = b.length;
    switch (random.nextInt(7)) {
      case 0 -> {
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          b[random.nextInt(n)] = (byte) random.nextInt(256);
        }
      }
      case 1, 2 -> {
        int at = random.nextInt(Math.max(1, n - 4)) & ~3;
        ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
            .putInt(at, (int) EXTREME_INTS[random.nextInt(EXTREME_INTS.length)]);
      }
      case 3 -> {
        int at = random.nextInt(Math.max(1, n - 8)) & ~7;
        ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
            .putDouble(at, EXTREME_DOUBLES[random.nextInt(EXTREME_DOUBLES.length)]);
      }
      case 4 -> b = Arrays.copyOf(b, random.nextInt(n));
      case 5 -> {
        int from = random.nextInt(n);
        int len = Math.min(n - from, 1 + random.nextInt(64));
        byte[] out = new byte[n - len];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, from + len, out, from, n - from - len);
        b = out;
      }
      default -> {
        int from = random.nextInt(n);
        int len = Math.min(n - from, 1 + random.nextInt(64));
        byte[] out = new byte[n + len];
        System.arraycopy(b, 0, out, 0, from + len);
        System.arraycopy(b, from, out, from + len, n - from);
        b = out;
      }
    }
    return b;
  }
}
