package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.columncache.ColumnCache;

/**
 * Issue 21: a run hashes its data file once. Bytes the run already read and hashed (RunInputs, through an
 * {@link InputDigests} scope) reach the CSV reader with their hash, and the column cache is keyed by that hash:
 * the reader does not hash them again.
 */
class KnownDigestTest {
  @TempDir Path tmp;

  @Test
  void bytesTheRunHashedAreNotHashedAgainForTheColumnCache() throws Exception {
    StringBuilder csv = new StringBuilder("id,x\n");
    for (int i = 0; i < 2000; i++) {
      csv.append(i).append(',').append(i % 7).append('\n');
    }
    Path file = tmp.resolve("d.csv");
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes);
    String sha = HexFormat.of().formatHex(ParsedCsv.sha256(bytes));
    ColumnCache cache = ColumnCache.in(tmp.resolve("cache"), 1L << 30, 1, ParsedCsv.class);
    for (int pass = 0; pass < 2; pass++) { // a miss that stores the entry, then a hit
      long before = ParsedCsv.HASHES.get();
      try (InputDigests scope = InputDigests.open(p -> p.equals(file)
          ? Optional.of(new InputDigests.Known(bytes, sha)) : Optional.empty())) {
        ParsedCsv.read(file, Optional.of(cache));
      }
      assertEquals(before, ParsedCsv.HASHES.get(), "pass " + pass + ": the run's hash is the cache key");
    }
  }
}
