package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.columncache.ColumnCache;

/** The parsed-column cache gives exactly what parsing gives, and never a stale or broken entry. */
class ColumnCacheTest {
  @TempDir Path dir;

  private ColumnCache cache(long maxBytes) {
    return ColumnCache.in(dir.resolve("cache"), maxBytes, 0, CsvReader.class, ColumnDictionary.class, ParsedCsv.class);
  }

  private static final String CSV = "id,sex,score,note\n"
      + "1,male,3.5,\"a, quoted\"\"one\"\"\"\n"
      + "\n"
      + "2,female,NA,Zoë\n"
      + "3,male,,\"two\nlines\"\n"
      + "4, female ,7,plain\n";

  /** Every record's value in every column, and the line it starts on: what a loader sees. */
  private static List<String> seen(ParsedCsv p) {
    List<String> out = new ArrayList<>(p.header);
    for (int r = 0; r < p.rows; r++) {
      StringBuilder row = new StringBuilder("line " + p.lines[r] + ":");
      for (ColumnDictionary c : p.columns) {
        row.append('|').append(c.text(c.codes()[r])).append(c.isAscii(c.codes()[r]) ? "" : "(utf8)");
      }
      out.add(row.toString());
    }
    return out;
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private List<Path> entries() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
      return s.filter(p -> p.toString().endsWith(".sbcol")).toList();
    }
  }

  @Test
  void aHitGivesWhatParsingGivesWithLinesQuotesAndUtf8() throws Exception {
    Path f = write("d.csv", CSV);
    List<String> parsed = seen(ParsedCsv.read(f, Optional.empty()));
    ParsedCsv miss = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(miss.cacheNote.startsWith("column cache miss"), miss.cacheNote);
    assertEquals(parsed, seen(miss));
    ParsedCsv hit = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(hit.cacheNote.startsWith("column cache hit"), hit.cacheNote);
    assertTrue(hit.cacheNote.contains("hashed alongside"), hit.cacheNote);
    assertEquals(parsed, seen(hit));
    assertEquals("line 7:|4| female |7|plain", parsed.get(parsed.size() - 1));
    assertEquals(1, entries().size());
  }

  @Test
  void theAdhocFrameFromTheCacheEqualsTheParsedOne() throws Exception {
    StringBuilder csv = new StringBuilder("id,group,x\n");
    for (int i = 0; i < 3000; i++) {
      csv.append(i).append(',').append(i % 3 == 0 ? "b" : "a").append(',').append(i % 7 == 0 ? "NA" : i * 0.5).append('\n');
    }
    Path f = write("big.csv", csv.toString());
    Frame plain = AdhocLoader.load(f, Set.of(), Map.of());
    ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    ParsedCsv hit = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(hit.cacheNote.startsWith("column cache hit"), hit.cacheNote);
    Frame cached = AdhocLoader.load(f, Set.of(), Map.of(), hit);
    assertEquals(plain.columnNames(), cached.columnNames());
    assertEquals(plain.levels("group"), cached.levels("group"));
    assertArrayEquals(plain.codes("group"), cached.codes("group"));
    assertArrayEquals(plain.values("x"), cached.values("x"));
    assertArrayEquals(plain.lines(), cached.lines());
  }

  @Test
  void changedBytesAreNeverServedFromTheOldEntryEvenWithTheSameSizeAndTime() throws Exception {
    Path f = write("d.csv", CSV);
    FileTime time = Files.getLastModifiedTime(f);
    ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    // same length, same modification time, other content: the hint says "hit", the hash says no
    Files.writeString(f, CSV.replace("male,3.5", "male,4.5"), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(f, time);
    ParsedCsv again = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(again.cacheNote.startsWith("column cache miss"), again.cacheNote);
    assertTrue(seen(again).get(4).contains("|4.5|"), seen(again).toString());
    assertEquals(seen(ParsedCsv.read(f, Optional.empty())), seen(again));
  }

  @Test
  void anotherReaderVersionIsAnotherKey() throws Exception {
    Path f = write("d.csv", CSV);
    ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    ColumnCache other = ColumnCache.in(dir.resolve("cache"), 1 << 30, 0, CsvReader.class);
    ParsedCsv p = ParsedCsv.read(f, Optional.of(other));
    assertTrue(p.cacheNote.startsWith("column cache miss"), p.cacheNote);
    assertEquals(2, entries().size());
  }

  @Test
  void aCorruptOrTruncatedEntryIsAMissAndIsReplaced() throws Exception {
    Path f = write("d.csv", CSV);
    List<String> parsed = seen(ParsedCsv.read(f, Optional.empty()));
    ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    Path entry = entries().get(0);
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(entry, bytes);
    ParsedCsv p = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(p.cacheNote.startsWith("column cache corrupt (not written with this user's cache key"), p.cacheNote);
    assertEquals(parsed, seen(p));
    assertTrue(ParsedCsv.read(f, Optional.of(cache(1 << 30))).cacheNote.startsWith("column cache hit"));
    Files.write(entry, java.util.Arrays.copyOf(bytes, 40));
    p = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(p.cacheNote.startsWith("column cache corrupt"), p.cacheNote);
    assertEquals(parsed, seen(p));
  }

  @Test
  void theCacheKeepsToItsSizeBoundDroppingTheLeastRecentlyUsed() throws Exception {
    Path a = write("a.csv", CSV);
    Path b = write("b.csv", CSV + "5,male,1,x\n");
    ParsedCsv.read(a, Optional.of(cache(1 << 30)));
    long one = Files.size(entries().get(0));
    ParsedCsv.read(b, Optional.of(cache(one + 10)));
    assertEquals(1, entries().size());
    assertTrue(ParsedCsv.read(b, Optional.of(cache(one + 10))).cacheNote.startsWith("column cache hit"));
    assertTrue(ParsedCsv.read(a, Optional.of(cache(one + 10))).cacheNote.startsWith("column cache miss"));
  }

  @Test
  void concurrentWritersOfOneKeyLeaveOneIntactEntry() throws Exception {
    Path f = write("d.csv", CSV);
    List<String> parsed = seen(ParsedCsv.read(f, Optional.empty()));
    List<CompletableFuture<ParsedCsv>> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> ParsedCsv.read(f, Optional.of(cache(1 << 30)))));
    }
    for (CompletableFuture<ParsedCsv> r : runs) {
      assertEquals(parsed, seen(r.join()));
    }
    assertEquals(1, entries().size());
    try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
    }
    assertTrue(ParsedCsv.read(f, Optional.of(cache(1 << 30))).cacheNote.startsWith("column cache hit"));
  }

  @Test
  void theRecordedDigestIsTheFilesSha256OnAHitAsOnAMiss() throws Exception {
    Path f = write("d.csv", CSV);
    String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(f)));
    for (int i = 0; i < 2; i++) {
      try (InputDigests scope = InputDigests.open()) {
        ParsedCsv.read(f, Optional.of(cache(1 << 30)));
        assertEquals(Map.of(f.toAbsolutePath().normalize(), expected), scope.digests());
      }
    }
  }

  @Test
  void aProcessThatTrustsNoCacheParsesEveryFile() throws Exception {
    Path f = write("d.csv", CSV);
    // check and verify call this: the configured cache is then neither read nor written
    ColumnCache.distrust();
    assertTrue(ColumnCache.distrusted());
    ParsedCsv p = ParsedCsv.read(f);
    assertEquals("column cache off", p.cacheNote);
    assertEquals(seen(ParsedCsv.read(f, Optional.empty())), seen(p));
  }

  /**
   * Issue 20: an entry planted under a file's hash with other columns (here made by the format's own code
   * under another key, as another user or anyone who knows the format can) is a miss, not the file's
   * data; a checksum anyone can recompute let it through, while the manifest recorded the true hash.
   */
  @Test
  void anEntryPlantedWithOtherColumnsUnderAFilesHashIsAMiss() throws Exception {
    Path f = write("d.csv", CSV);
    List<String> parsed = seen(ParsedCsv.read(f, Optional.empty()));
    ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    Path entry = entries().get(0);
    // The attacker's own cache parses a file with other values and stores that table under d.csv's hash.
    Path forged = write("forged.csv", CSV.replace("female", "FEMALE"));
    ColumnCache attacker = ColumnCache.in(dir.resolve("attacker"), 1 << 30, 0, CsvReader.class, ColumnDictionary.class,
        ParsedCsv.class);
    ParsedCsv.read(forged, Optional.of(attacker));
    byte[] forgedSha = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(forged));
    byte[] realSha = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    ColumnCache.Lookup theirs = attacker.read(forgedSha);
    assertEquals(ColumnCache.Outcome.HIT, theirs.outcome());
    assertTrue(attacker.write(realSha, theirs.table()) > 0);
    Files.copy(dir.resolve("attacker").resolve(entry.getFileName()), entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ParsedCsv p = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertEquals(parsed, seen(p), "the planted columns were used");
    assertTrue(p.cacheNote.startsWith("column cache corrupt (not written with this user's cache key"), p.cacheNote);
    assertTrue(ParsedCsv.read(f, Optional.of(cache(1 << 30))).cacheNote.startsWith("column cache hit"));
  }

  /** A key others can read (or a link, or another user's) leaves the cache unused, and the note says why. */
  @Test
  void aKeyOthersCanReadLeavesTheCacheUnused() throws Exception {
    Path f = write("d.csv", CSV);
    ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    Path key = dir.resolve("cache/key");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    ParsedCsv p = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(p.cacheNote.startsWith("column cache miss (the column cache key " + key + " can be read or written by"
        + " others (rw-r--r--): the column cache is not used"), p.cacheNote);
    assertEquals(seen(ParsedCsv.read(f, Optional.empty())), seen(p));
    Files.delete(key);
    Files.createSymbolicLink(key, dir.resolve("elsewhere"));
    p = ParsedCsv.read(f, Optional.of(cache(1 << 30)));
    assertTrue(p.cacheNote.contains("is a symbolic link"), p.cacheNote);
  }
}
