package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.columncache.ColumnCache;

/**
 * Typed frames in the column cache (issue 26): a file typed once by the ad-hoc rules is read back typed, equal to
 * typing it again, and never stale: other bytes, other rules (columns named categorical, level orders) or an error
 * that the rules make give a fresh typing; an edited, replaced or foreign entry is refused.
 */
class TypedFrameCacheTest {
  @TempDir Path dir;

  private static final String TYPED = "column cache hit: typed frame";

  /** Rows enough for the dictionary, consecutive-id and raw layouts; a mostly-numeric column 'code' with words. */
  private static String csv(int rows, double shift) {
    StringBuilder b = new StringBuilder("id,age,sex,score,grade,code,note\n");
    for (int r = 0; r < rows; r++) {
      b.append(r + 1).append(',').append(40 + r % 7).append(',').append(r % 3 == 0 ? "female" : r % 11 == 0 ? "NA"
          : "male").append(',').append(r % 5 == 0 ? "" : Double.toString(r * 0.37 + shift)).append(',')
          .append("G" + (1 + r % 3)).append(',').append(r % 4 == 0 ? "x" + r % 3 : Integer.toString(r % 9))
          .append(',').append(r % 2 == 0 ? " é" : "e\u0301 ").append('\n');
    }
    return b.toString();
  }

  private ColumnCache cache(long racyNanos) {
    return ColumnCache.in(dir.resolve("cache"), 1 << 30, 0, racyNanos, CsvReader.class, ColumnDictionary.class,
        ParsedCsv.class);
  }

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("d.csv"), text, StandardCharsets.UTF_8);
  }

  private record Loaded(Frame frame, List<String> notes) {
    boolean typedHit() {
      return notes.stream().anyMatch(n -> n.startsWith(TYPED));
    }
  }

  private static Loaded load(Path f, ColumnCache cache, Set<String> categorical, Map<String, List<String>> levels) {
    List<String> notes = new ArrayList<>();
    Frame frame = AdhocLoader.loadPlainCsv(f, new LinkedHashSet<>(categorical), levels, notes::add, cache, false);
    return new Loaded(frame, notes);
  }

  /** Everything a command can read of a frame, as text: names, kinds, levels, codes, values (bits), lines. */
  private static List<String> seen(Frame f) {
    List<String> out = new ArrayList<>();
    out.add(f.columnNames() + " rows " + f.rowCount() + " lines " + Arrays.toString(f.lines()));
    for (String c : f.columnNames()) {
      if (f.kind(c) == VariableKind.CATEGORICAL) {
        out.add(c + " levels " + f.levels(c) + " codes " + Arrays.toString(f.codes(c)));
      } else {
        out.add(c + " values " + Arrays.toString(Arrays.stream(f.values(c)).mapToLong(Double::doubleToRawLongBits)
            .toArray()));
      }
    }
    return out;
  }

  private static List<String> typedWithoutCache(Path f, Set<String> categorical, Map<String, List<String>> levels) {
    return seen(load(f, null, categorical, levels).frame());
  }

  private static final Set<String> CODE = Set.of("code");

  @Test
  void aTypedFrameIsStoredThenReadAndEqualsTypingTheFileAgain() throws Exception {
    Path f = write(csv(400, 0));
    Loaded first = load(f, cache(0), CODE, Map.of());
    assertFalse(first.typedHit(), first.notes().toString());
    assertTrue(first.notes().stream().anyMatch(n -> n.startsWith("typed frame stored")), first.notes().toString());
    Loaded second = load(f, cache(0), CODE, Map.of());
    assertTrue(second.typedHit(), second.notes().toString());
    assertEquals(typedWithoutCache(f, CODE, Map.of()), seen(second.frame()));
    assertEquals(seen(first.frame()), seen(second.frame()));
    // the MAC was checked once; from then on the entry's recorded stat stands for it
    assertTrue(load(f, cache(0), CODE, Map.of()).notes().get(0).endsWith("entry unchanged since checked"));
  }

  @Test
  void aChangedFileIsTypedAgainNotReadFromItsOldTypedFrame() throws Exception {
    Path f = write(csv(400, 0));
    FileTime mtime = Files.getLastModifiedTime(f);
    load(f, cache(0), CODE, Map.of());
    assertTrue(load(f, cache(0), CODE, Map.of()).typedHit());
    Thread.sleep(20);
    String changed = csv(400, 0).replace("\n2,", "\n7,"); // same size: another id on line 3
    assertEquals(csv(400, 0).length(), changed.length());
    Files.writeString(f, changed, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(f, mtime);
    Loaded again = load(f, cache(0), CODE, Map.of());
    assertFalse(again.typedHit(), again.notes().toString());
    assertEquals(typedWithoutCache(f, CODE, Map.of()), seen(again.frame()));
    assertNotEquals(seen(load(write(csv(400, 0)), null, CODE, Map.of()).frame()), seen(again.frame()));
  }

  @Test
  void otherRulesGiveAnotherTypingAndTheSameTypingIsShared() throws Exception {
    Path f = write(csv(400, 0));
    load(f, cache(0), CODE, Map.of());
    // age named categorical: its levels are its numbers, not the typed frame of the rules without it
    Set<String> ageToo = Set.of("code", "age");
    Loaded age = load(f, cache(0), ageToo, Map.of());
    assertFalse(age.typedHit(), age.notes().toString());
    assertEquals(VariableKind.CATEGORICAL, age.frame().kind("age"));
    assertEquals(typedWithoutCache(f, ageToo, Map.of()), seen(age.frame()));
    assertTrue(load(f, cache(0), ageToo, Map.of()).typedHit());
    // a level order: another typing
    Map<String, List<String>> order = Map.of("grade", List.of("G3", "G1", "G2"));
    Loaded ordered = load(f, cache(0), CODE, order);
    assertFalse(ordered.typedHit());
    assertEquals(List.of("G3", "G1", "G2"), ordered.frame().levels("grade"));
    assertEquals(typedWithoutCache(f, CODE, order), seen(ordered.frame()));
    assertEquals(seen(ordered.frame()), seen(load(f, cache(0), CODE, order).frame()));
    // text columns named categorical type the same unnamed: one entry serves (describe's and survival's --by); the
    // first such command finds it through an alias it leaves once it has typed the file
    Set<String> sexToo = Set.of("code", "sex", "grade");
    Loaded sexFirst = load(f, cache(0), sexToo, Map.of());
    assertEquals(typedWithoutCache(f, sexToo, Map.of()), seen(sexFirst.frame()));
    Loaded sex = load(f, cache(0), sexToo, Map.of());
    assertTrue(sex.typedHit(), sex.notes().toString());
    assertEquals(typedWithoutCache(f, sexToo, Map.of()), seen(sex.frame()));
    assertEquals(3, typedEntries()); // code; code and age; code with grade's order
    // an alias naming a numeric column away is not followed: age named categorical is never age unnamed
    Set<String> ageSex = Set.of("code", "age", "sex");
    assertEquals(typedWithoutCache(f, ageSex, Map.of()), seen(load(f, cache(0), ageSex, Map.of()).frame()));
    assertEquals(typedWithoutCache(f, ageSex, Map.of()), seen(load(f, cache(0), ageSex, Map.of()).frame()));
    // and so does an entry stored with such a column named, for a command that names none of them
    Path g = Files.writeString(dir.resolve("g.csv"), csv(300, 1), StandardCharsets.UTF_8);
    assertFalse(load(g, cache(0), sexToo, Map.of()).typedHit());
    Loaded plain = load(g, cache(0), CODE, Map.of());
    assertTrue(plain.typedHit(), plain.notes().toString());
    assertEquals(typedWithoutCache(g, CODE, Map.of()), seen(plain.frame()));
  }

  @Test
  void anErrorTheRulesMakeIsSaidAgainNotHiddenByATypedFrameOfOtherRules() throws Exception {
    Path f = write(csv(400, 0));
    load(f, cache(0), CODE, Map.of());
    assertTrue(load(f, cache(0), CODE, Map.of()).typedHit());
    // without naming 'code' (mostly numbers, some words) typing fails, every time
    for (int i = 0; i < 2; i++) {
      DataException e = assertThrows(DataException.class, () -> load(f, cache(0), Set.of(), Map.of()));
      assertTrue(e.getMessage().contains("non-numeric value in a numeric column"), e.getMessage());
    }
    // a level order that leaves out a level present in the data, and a column that is not there
    Map<String, List<String>> partial = Map.of("grade", List.of("G1", "G2"));
    for (int i = 0; i < 2; i++) {
      DataException e = assertThrows(DataException.class, () -> load(f, cache(0), CODE, partial));
      assertTrue(e.getMessage().contains("not among the levels given in --levels"), e.getMessage());
      assertThrows(DataException.class, () -> load(f, cache(0), Set.of("code", "nosuch"), Map.of()));
    }
  }

  private long typedEntries() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
      return s.filter(p -> p.toString().endsWith(".typed.sbcol")).count();
    }
  }

  private Path typedEntry() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
      return s.filter(p -> p.toString().endsWith(".typed.sbcol")).findFirst().orElseThrow();
    }
  }

  @Test
  void aTypedEntryChangedInPlaceWithItsMtimeSetBackIsCheckedAndRefused() throws Exception {
    Path f = write(csv(400, 0));
    load(f, cache(0), CODE, Map.of());
    assertTrue(load(f, cache(0), CODE, Map.of()).typedHit());
    Path entry = typedEntry();
    FileTime mtime = Files.getLastModifiedTime(entry);
    byte[] b = Files.readAllBytes(entry);
    b[b.length / 2] ^= 1; // one value changed, size kept
    Thread.sleep(20);
    Files.write(entry, b);
    Files.setLastModifiedTime(entry, mtime);
    Loaded again = load(f, cache(0), CODE, Map.of());
    assertFalse(again.typedHit(), again.notes().toString());
    assertEquals(typedWithoutCache(f, CODE, Map.of()), seen(again.frame()));
    assertTrue(load(f, cache(0), CODE, Map.of()).typedHit()); // stored again, intact
  }

  @Test
  void aTypedEntryFromAnotherUsersCacheIsRefused() throws Exception {
    Path f = write(csv(400, 0));
    Path other = dir.resolve("other");
    ColumnCache theirs = ColumnCache.in(other, 1 << 30, 0, 0, CsvReader.class, ColumnDictionary.class,
        ParsedCsv.class);
    load(f, cache(0), CODE, Map.of());
    Path mine = typedEntry();
    // the other cache types another file of the same size under the same name: its entry, planted in mine
    Path g = Files.writeString(dir.resolve("g.csv"), csv(400, 0).replace("\n2,", "\n7,"), StandardCharsets.UTF_8);
    load(g, theirs, CODE, Map.of());
    Path planted;
    try (Stream<Path> s = Files.list(other)) {
      planted = s.filter(p -> p.toString().endsWith(".typed.sbcol")).findFirst().orElseThrow();
    }
    Files.copy(planted, mine, StandardCopyOption.REPLACE_EXISTING);
    load(g, theirs, CODE, Map.of()); // read there once: its checked record, planted too
    Files.copy(other.resolve(planted.getFileName() + ".chk"),
        dir.resolve("cache").resolve(mine.getFileName() + ".chk"), StandardCopyOption.REPLACE_EXISTING);
    Loaded again = load(f, cache(0), CODE, Map.of());
    assertFalse(again.typedHit(), again.notes().toString());
    assertEquals(typedWithoutCache(f, CODE, Map.of()), seen(again.frame()));
  }

  @Test
  void anAliasThatNamesAColumnAwayWhoseTypingItChangesIsNotFollowed() throws Exception {
    Path f = write(csv(400, 0));
    load(f, cache(0), CODE, Map.of());
    assertTrue(load(f, cache(0), CODE, Map.of()).typedHit());
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    Set<String> ageToo = Set.of("code", "age");
    // planted (or left by an older typing): "code and age named is code named", but age is numeric unnamed
    cache(0).writeTypedAlias(cache(0).typedKey(sha, TypedFrames.typing(ageToo, Map.of())), List.of("code"));
    Loaded l = load(f, cache(0), ageToo, Map.of());
    assertFalse(l.typedHit(), l.notes().toString());
    assertEquals(VariableKind.CATEGORICAL, l.frame().kind("age"));
    assertEquals(typedWithoutCache(f, ageToo, Map.of()), seen(l.frame()));
  }

  @Test
  void aRacyTypedEntryIsCheckedEveryTimeUntilItsCheckIsOutsideTheWindow() throws Exception {
    Path f = write(csv(400, 0));
    long window = 300_000_000L;
    ColumnCache racy = ColumnCache.in(dir.resolve("cache"), 1 << 30, 0, window, CsvReader.class,
        ColumnDictionary.class, ParsedCsv.class);
    Thread.sleep(400); // the file's record is trusted; the typed entry written now is not, for 0.3 s
    assertFalse(load(f, racy, CODE, Map.of()).typedHit());
    for (int i = 0; i < 2; i++) {
      Loaded l = load(f, racy, CODE, Map.of());
      assertTrue(l.typedHit(), l.notes().toString());
      assertFalse(l.notes().get(0).contains("entry unchanged since checked"), l.notes().toString());
    }
    Thread.sleep(400);
    assertFalse(load(f, racy, CODE, Map.of()).notes().get(0).contains("entry unchanged since checked"));
    Loaded l = load(f, racy, CODE, Map.of());
    assertTrue(l.notes().get(0).endsWith("entry unchanged since checked"), l.notes().toString());
    assertEquals(typedWithoutCache(f, CODE, Map.of()), seen(l.frame()));
  }

  @Test
  void aStudyRunReadsItsDataAsBeforeAndStoresNoTypedFrame() throws Exception {
    Path f = write(csv(400, 0));
    try (InputDigests scope = InputDigests.open()) {
      Loaded l = load(f, cache(0), CODE, Map.of());
      assertFalse(l.typedHit());
      assertTrue(l.notes().stream().noneMatch(n -> n.startsWith("typed frame")), l.notes().toString());
    }
    try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
      assertTrue(s.noneMatch(p -> p.toString().endsWith(".typed.sbcol")));
    }
  }

  @Test
  void theTypingRulesAndTheTypingCodeAreInTheKey() {
    byte[] none = TypedFrames.typing(Set.of(), Map.of());
    assertFalse(Arrays.equals(none, TypedFrames.typing(Set.of("a"), Map.of())));
    assertFalse(Arrays.equals(TypedFrames.typing(Set.of("ab"), Map.of()), TypedFrames.typing(Set.of("a", "b"),
        Map.of())));
    assertFalse(Arrays.equals(TypedFrames.typing(Set.of(), Map.of("g", List.of("a", "b"))),
        TypedFrames.typing(Set.of(), Map.of("g", List.of("b", "a")))));
    assertFalse(Arrays.equals(TypedFrames.typing(Set.of(), Map.of("g", List.of("a,b"))),
        TypedFrames.typing(Set.of(), Map.of("g", List.of("a", "b")))));
    assertArrayEquals(TypedFrames.typing(new LinkedHashSet<>(List.of("b", "a")), Map.of()),
        TypedFrames.typing(new LinkedHashSet<>(List.of("a", "b")), Map.of()));
    // the classes whose code types a parsed file: the loader, its cell classifier and number parser
    List<String> classes = Arrays.stream(AdhocLoader.typingClasses()).map(Class::getName).toList();
    assertEquals(List.of("studybook.data.AdhocLoader", "studybook.data.AdhocLoader$Cells", "studybook.data.Numbers"),
        classes);
    ColumnCache c = cache(0);
    byte[] sha = new byte[32];
    byte[] other = sha.clone();
    other[0] = 1;
    assertFalse(Arrays.equals(c.typedKey(sha, none), c.typedKey(other, none)));
    ColumnCache otherReader = ColumnCache.in(dir.resolve("cache"), 1 << 30, 0, 0, CsvReader.class);
    assertFalse(Arrays.equals(c.typedKey(sha, none), otherReader.typedKey(sha, none)));
  }
}
