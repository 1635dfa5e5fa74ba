package studybook.data.columncache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of a file's SHA-256 under its stat (git's index rule): trusted only for the very same size,
 * mtime, ctime, inode and device, made at least the racy window after the file's last change, and
 * written under this user's cache key.
 */
class ContentHashRecordTest {
  @TempDir Path dir;

  private static final long WINDOW = ColumnCache.RACY_NANOS;
  private static final byte[] SHA = new byte[32];

  static {
    SHA[0] = 7;
  }

  /** A cache with its key made (the key is made by the first entry written). */
  private ColumnCache cache() {
    ColumnCache c = ColumnCache.in(dir.resolve("cache"), 1 << 30, 0, ContentHashRecordTest.class);
    ParsedColumn col = new ParsedColumn(new byte[] {'a'}, new int[] {1}, new boolean[] {true}, new int[] {0});
    assertTrue(c.write(new byte[32], new ParsedTable(List.of("x"), List.of(col), new int[] {2})) > 0);
    return c;
  }

  private Path file() throws Exception {
    return Files.writeString(dir.resolve("d.csv"), "x\na\n");
  }

  @Test
  void aRecordIsTrustedOnlyWhenMadeTheRacyWindowAfterTheLastChange() throws Exception {
    ColumnCache c = cache();
    Path f = file();
    ColumnCache.FileStat stat = ColumnCache.FileStat.of(f);
    assertTrue(stat.ctimeNanos() > 0 && stat.inode() > 0, "a Unix stat: " + stat);
    long changed = Math.max(stat.mtimeNanos(), stat.ctimeNanos());
    c.remember(f, stat, SHA, null, changed + WINDOW - 1);
    Optional<ColumnCache.Remembered> racy = c.remembered(f, stat);
    assertArrayEquals(SHA, racy.orElseThrow().sha256());
    assertFalse(racy.get().trusted(), "made within the window after the change: only a hint");
    c.remember(f, stat, SHA, null, changed + WINDOW);
    assertTrue(c.remembered(f, stat).orElseThrow().trusted());
  }

  @Test
  void anyOtherStatFieldMakesItAHintOrNothing() throws Exception {
    ColumnCache c = cache();
    Path f = file();
    ColumnCache.FileStat s = ColumnCache.FileStat.of(f);
    c.remember(f, s, SHA, null, Long.MAX_VALUE / 2);
    assertTrue(c.remembered(f, s).orElseThrow().trusted());
    for (ColumnCache.FileStat other : List.of(
        new ColumnCache.FileStat(s.size(), s.mtimeNanos(), s.ctimeNanos() + 1, s.inode(), s.device()),
        new ColumnCache.FileStat(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode() + 1, s.device()),
        new ColumnCache.FileStat(s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device() + 1))) {
      assertFalse(c.remembered(f, other).orElseThrow().trusted(), other.toString());
    }
    assertTrue(c.remembered(f, new ColumnCache.FileStat(s.size() + 1, s.mtimeNanos(), s.ctimeNanos(), s.inode(),
        s.device())).isEmpty());
    assertTrue(c.remembered(f, new ColumnCache.FileStat(s.size(), s.mtimeNanos() - 1, s.ctimeNanos(), s.inode(),
        s.device())).isEmpty());
    // a stat without ctime, inode and device (no Unix view) is never trusted
    ColumnCache.FileStat bare = new ColumnCache.FileStat(s.size(), s.mtimeNanos(), -1, -1, -1);
    c.remember(f, bare, SHA, null, Long.MAX_VALUE / 2);
    assertFalse(c.remembered(f, bare).orElseThrow().trusted());
  }

  @Test
  void aRecordEditedOrWrittenUnderAnotherKeyIsIgnored() throws Exception {
    ColumnCache c = cache();
    Path f = file();
    ColumnCache.FileStat s = ColumnCache.FileStat.of(f);
    c.remember(f, s, SHA, null, Long.MAX_VALUE / 2);
    Path record;
    try (Stream<Path> all = Files.list(dir.resolve("cache"))) {
      record = all.filter(p -> p.toString().endsWith(".loc")).findFirst().orElseThrow();
    }
    String text = Files.readString(record);
    // another hash in the same record (as anyone who can write the folder could try): no record at all
    Files.writeString(record, text.replace(" 07000000", " 08000000"));
    assertTrue(c.remembered(f, s).isEmpty());
    Files.writeString(record, text);
    assertTrue(c.remembered(f, s).orElseThrow().trusted());
    // the same record under another user's key
    Files.delete(dir.resolve("cache/key"));
    ColumnCache fresh = cache();
    assertTrue(fresh.remembered(f, s).isEmpty());
  }

  @Test
  void theFormerSizeAndTimeHintIsNoRecord() throws Exception {
    ColumnCache c = cache();
    Path f = file();
    ColumnCache.FileStat s = ColumnCache.FileStat.of(f);
    c.remember(f, s, SHA, null, Long.MAX_VALUE / 2);
    Path record;
    try (Stream<Path> all = Files.list(dir.resolve("cache"))) {
      record = all.filter(p -> p.toString().endsWith(".loc")).findFirst().orElseThrow();
    }
    Files.writeString(record, s.size() + " " + s.mtimeNanos() / 1_000_000 + " " + "07".repeat(32) + "\n");
    assertEquals(Optional.empty(), c.remembered(f, s));
  }
}
