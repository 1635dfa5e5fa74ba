package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.columncache.ColumnCache;

/**
 * A file already hashed is not hashed again while its stat is unchanged (git's index rule), and every change
 * git's rule would see (content rewritten with the same size and the mtime set back, the file replaced by
 * another) makes the reader hash it again and give the new content.
 */
class ContentHashRecordReadTest {
  @TempDir Path dir;

  private static final String CSV = "id,sex,score\n1,male,3.5\n2,female,NA\n3,male,7\n";
  private static final String UNCHANGED = "file unchanged since hashed";

  /** A cache whose racy window is {@code racyNanos} (the default's 2 s would make every fresh file racy). */
  private ColumnCache cache(long racyNanos) {
    return ColumnCache.in(dir.resolve("cache"), 1 << 30, 0, racyNanos, CsvReader.class, ColumnDictionary.class,
        ParsedCsv.class);
  }

  private static List<String> seen(ParsedCsv p) {
    List<String> out = new ArrayList<>(p.header);
    for (int r = 0; r < p.rows; r++) {
      StringBuilder row = new StringBuilder("line " + p.lines[r] + ":");
      for (ColumnDictionary c : p.columns) {
        row.append('|').append(c.text(c.codes()[r]));
      }
      out.add(row.toString());
    }
    return out;
  }

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("d.csv"), text, StandardCharsets.UTF_8);
  }

  @Test
  void anUnchangedFileIsReadWithoutHashingItAgainAndItsDigestIsRecorded() throws Exception {
    Path f = write(CSV);
    String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    assertTrue(ParsedCsv.read(f, Optional.of(cache(0))).cacheNote.startsWith("column cache miss"));
    try (InputDigests scope = InputDigests.open()) {
      ParsedCsv p = ParsedCsv.read(f, Optional.of(cache(0)));
      assertTrue(p.cacheNote.startsWith("column cache hit") && p.cacheNote.endsWith(UNCHANGED + " (size, mtime, ctime,"
          + " inode)"), p.cacheNote);
      assertEquals(seen(ParsedCsv.read(f, Optional.empty())), seen(p));
      assertEquals(Map.of(f.toAbsolutePath().normalize(), sha), scope.digests());
    }
  }

  @Test
  void contentRewrittenWithTheSameSizeAndTheMtimeSetBackIsHashedAgain() throws Exception {
    Path f = write(CSV);
    FileTime mtime = Files.getLastModifiedTime(f);
    ParsedCsv.read(f, Optional.of(cache(0)));
    assertTrue(ParsedCsv.read(f, Optional.of(cache(0))).cacheNote.contains(UNCHANGED));
    Thread.sleep(20); // past the file system's clock tick, as any later edit is
    Files.writeString(f, CSV.replace("3.5", "4.5"), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(f, mtime);
    assertEquals(mtime, Files.getLastModifiedTime(f));
    ParsedCsv again = ParsedCsv.read(f, Optional.of(cache(0)));
    assertTrue(again.cacheNote.startsWith("column cache miss"), again.cacheNote);
    assertTrue(seen(again).contains("line 2:|1|male|4.5"), seen(again).toString());
    assertEquals(seen(ParsedCsv.read(f, Optional.empty())), seen(again));
  }

  @Test
  void aFileReplacedByAnotherWithTheSameSizeAndMtimeIsHashedAgain() throws Exception {
    Path f = write(CSV);
    FileTime mtime = Files.getLastModifiedTime(f);
    ParsedCsv.read(f, Optional.of(cache(0)));
    assertTrue(ParsedCsv.read(f, Optional.of(cache(0))).cacheNote.contains(UNCHANGED));
    Path other = Files.writeString(dir.resolve("other.csv"), CSV.replace("female", "FEMALE"), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(other, mtime);
    Files.move(other, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    ParsedCsv again = ParsedCsv.read(f, Optional.of(cache(0)));
    assertFalse(again.cacheNote.contains(UNCHANGED), again.cacheNote);
    assertTrue(seen(again).contains("line 3:|2|FEMALE|NA"), seen(again).toString());
  }

  @Test
  void aRecordMadeTooSoonAfterTheChangeIsAHintUntilAFullHashRenewsIt() throws Exception {
    Path f = write(CSV);
    long window = 300_000_000L;
    ParsedCsv.read(f, Optional.of(cache(window)));
    // made within the window after the file was written: hashed again (alongside the entry read)
    ParsedCsv hint = ParsedCsv.read(f, Optional.of(cache(window)));
    assertTrue(hint.cacheNote.endsWith("hashed alongside"), hint.cacheNote);
    Thread.sleep(window / 1_000_000 + 50);
    hint = ParsedCsv.read(f, Optional.of(cache(window)));
    assertTrue(hint.cacheNote.endsWith("hashed alongside"), hint.cacheNote);
    // that full hash was made after the window: the record it left is trusted
    assertTrue(ParsedCsv.read(f, Optional.of(cache(window))).cacheNote.contains(UNCHANGED));
    // with the default window, a file written just now is always hashed
    Path g = Files.writeString(dir.resolve("g.csv"), CSV, StandardCharsets.UTF_8);
    ColumnCache standard = ColumnCache.in(dir.resolve("cache"), 1 << 30, 0, CsvReader.class, ColumnDictionary.class,
        ParsedCsv.class);
    ParsedCsv.read(g, Optional.of(standard));
    assertTrue(ParsedCsv.read(g, Optional.of(standard)).cacheNote.endsWith("hashed alongside"));
  }

  @Test
  void aRecordCopiedFromAnotherUsersCacheIsIgnored() throws Exception {
    Path f = write(CSV);
    ColumnCache mine = cache(0);
    ColumnCache theirs = ColumnCache.in(dir.resolve("theirs"), 1 << 30, 0, 0, CsvReader.class, ColumnDictionary.class,
        ParsedCsv.class);
    ParsedCsv.read(f, Optional.of(mine));
    ParsedCsv.read(f, Optional.of(theirs));
    Path record;
    try (Stream<Path> all = Files.list(dir.resolve("theirs"))) {
      record = all.filter(p -> p.toString().endsWith(".loc")).findFirst().orElseThrow();
    }
    Files.copy(record, dir.resolve("cache").resolve(record.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    ParsedCsv p = ParsedCsv.read(f, Optional.of(mine));
    // no record: read, hashed, found
    assertTrue(p.cacheNote.startsWith("column cache hit") && !p.cacheNote.contains(UNCHANGED)
        && !p.cacheNote.contains("alongside"), p.cacheNote);
  }

  private Path entry() throws Exception {
    try (Stream<Path> all = Files.list(dir.resolve("cache"))) {
      return all.filter(p -> p.toString().endsWith(".sbcol")).findFirst().orElseThrow();
    }
  }

  @Test
  void anEntryWhoseMacWasCheckedIsReadWithoutItWhileItsStatIsUnchanged() throws Exception {
    Path f = write(CSV);
    List<String> parsed = seen(ParsedCsv.read(f, Optional.empty()));
    ParsedCsv.read(f, Optional.of(cache(0))); // miss: parsed, stored, file hashed
    ParsedCsv checked = ParsedCsv.read(f, Optional.of(cache(0))); // file trusted, entry's MAC checked
    assertTrue(checked.cacheNote.endsWith(UNCHANGED + " (size, mtime, ctime, inode)"), checked.cacheNote);
    ParsedCsv trusted = ParsedCsv.read(f, Optional.of(cache(0)));
    assertTrue(trusted.cacheNote.endsWith("entry unchanged since checked"), trusted.cacheNote);
    assertEquals(parsed, seen(trusted));
  }

  @Test
  void anEntryChangedInPlaceWithItsMtimeSetBackIsCheckedAndRefused() throws Exception {
    Path f = write(CSV);
    List<String> parsed = seen(ParsedCsv.read(f, Optional.empty()));
    for (int i = 0; i < 3; i++) {
      ParsedCsv.read(f, Optional.of(cache(0)));
    }
    Path entry = entry();
    FileTime mtime = Files.getLastModifiedTime(entry);
    byte[] bytes = Files.readAllBytes(entry);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("female");
    assertTrue(at > 0);
    bytes[at] = 'F'; // FEMALE: same length, every structural check still holds; only the MAC can tell
    Thread.sleep(20);
    Files.write(entry, bytes);
    Files.setLastModifiedTime(entry, mtime);
    ParsedCsv p = ParsedCsv.read(f, Optional.of(cache(0)));
    assertTrue(p.cacheNote.startsWith("column cache corrupt (not written with this user's cache key"), p.cacheNote);
    assertEquals(parsed, seen(p));
  }

  @Test
  void anEntryReplacedByAnotherFileIsCheckedAndRefused() throws Exception {
    Path f = write(CSV);
    List<String> parsed = seen(ParsedCsv.read(f, Optional.empty()));
    for (int i = 0; i < 3; i++) {
      ParsedCsv.read(f, Optional.of(cache(0)));
    }
    Path entry = entry();
    FileTime mtime = Files.getLastModifiedTime(entry);
    byte[] bytes = Files.readAllBytes(entry);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("female");
    bytes[at] = 'F';
    Path planted = Files.write(dir.resolve("planted"), bytes);
    Files.setLastModifiedTime(planted, mtime);
    Files.move(planted, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    ParsedCsv p = ParsedCsv.read(f, Optional.of(cache(0)));
    assertTrue(p.cacheNote.startsWith("column cache corrupt (not written with this user's cache key"), p.cacheNote);
    assertEquals(parsed, seen(p));
  }
}
