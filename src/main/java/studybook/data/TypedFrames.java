package studybook.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import studybook.data.columncache.ColumnCache;
import studybook.data.columncache.TypedFile;

/**
 * Typed frames in the column cache for the ad-hoc loader ({@link AdhocLoader}): after a file is typed, its
 * columns as typed (doubles, level codes and level lists) are stored under a key of everything the typing
 * depends on, so a later command on the same bytes with the same rules reads them instead of typing the
 * file again, and copies out only the columns it uses.
 *
 * <p>The key ({@link ColumnCache#typedKey}) is the data's SHA-256, the reader's version, the typed format,
 * and {@link #typing}: the class files of the typing code ({@link AdhocLoader#typingClasses()}), the Java
 * runtime (Unicode normalisation and number parsing are the JDK's), the columns named categorical and the
 * level orders given. An entry exists only for a typing that succeeded, so a hit cannot hide a data error:
 * a file, rule or code that makes an error makes another key, typed again, and the error is said again.
 * A typed frame is read only when the cache trusts its record of the file (unchanged since hashed: git's
 * index rule, {@link ColumnCache#remembered}); otherwise the file goes the way it always did (hash, parsed
 * entry or parse, typing) and the typed frame is stored afterwards. Entries carry the user's cache-key MAC
 * like parsed entries; a changed or foreign one is refused and replaced.
 */
final class TypedFrames {
  private TypedFrames() {}

  /** The typing code's version: its class files and the Java runtime, found once. */
  private static final class Code {
    static final byte[] VERSION = version();

    private static byte[] version() {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(ColumnCache.classesDigest(AdhocLoader.typingClasses()));
        md.update(ColumnCache.classesDigest(TypedFrames.class));
        put(md, Runtime.version().toString());
        put(md, System.getProperty("java.vendor", ""));
        put(md, System.getProperty("java.vm.version", ""));
        return md.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }
  }

  /** The digest of the typing code and of the rules given to it: the caller's part of the typed key. */
  static byte[] typing(Set<String> categorical, Map<String, List<String>> levelOrders) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(Code.VERSION);
      put(md, "categorical");
      TreeSet<String> named = new TreeSet<>(categorical);
      md.update(int32(named.size()));
      for (String c : named) {
        put(md, c);
      }
      put(md, "levels");
      TreeMap<String, List<String>> orders = new TreeMap<>(levelOrders);
      md.update(int32(orders.size()));
      for (Map.Entry<String, List<String>> e : orders.entrySet()) {
        put(md, e.getKey());
        md.update(int32(e.getValue().size()));
        for (String level : e.getValue()) {
          put(md, level);
        }
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static void put(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(int32(b.length));
    md.update(b);
  }

  private static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /**
   * The typed frame of {@code file} under these rules, when the cache trusts its record of the file and holds
   * an intact typed frame for its hash and the rules; else null (the caller types the file).
   */
  static Frame read(Path file, Set<String> categorical, Map<String, List<String>> levelOrders,
      Consumer<String> notes, ColumnCache cache) {
    if (cache == null || InputDigests.known(file).isPresent()) {
      return null;
    }
    ColumnCache.FileStat stat = ColumnCache.FileStat.of(file);
    if (stat == null || !cache.wants(stat.size())) {
      return null;
    }
    Optional<ColumnCache.Remembered> record = cache.remembered(file, stat);
    if (record.isEmpty() || !record.get().trusted()) {
      return null;
    }
    byte[] sha = record.get().sha256();
    // The entry of these very rules; else one stored under fewer columns named categorical (a column that is
    // categorical unnamed types the same named: see store), found through the alias the store left under these
    // rules or tried without any, and used only if each column named here and not there is categorical in it.
    ColumnCache.TypedLookup found = lookup(cache, sha, categorical, levelOrders, Set.of());
    if (found == null && !categorical.isEmpty()) {
      Optional<List<String>> alias = cache.typedAlias(cache.typedKey(sha, typing(categorical, levelOrders)));
      if (alias.isPresent() && categorical.containsAll(alias.get())) {
        found = lookup(cache, sha, new TreeSet<>(alias.get()), levelOrders, categorical);
      }
      if (found == null) {
        found = lookup(cache, sha, Set.of(), levelOrders, categorical);
      }
    }
    if (found == null) {
      return null;
    }
    InputDigests.recordDigest(file, HexFormat.of().formatHex(sha));
    String note = String.format(Locale.ROOT, "column cache hit: typed frame %s (%.1f MB) opened in %d ms, file"
        + " unchanged since hashed (size, mtime, ctime, inode)%s", found.entry(), found.bytes() / 1e6, found.millis(),
        found.macSkipped() ? ", entry unchanged since checked" : "");
    InputDigests.note(note);
    notes.accept(note);
    TypedFile.Opened opened = found.frame();
    List<String> names = new ArrayList<>();
    Map<String, List<String>> levels = new LinkedHashMap<>();
    Map<String, Object> codes = new HashMap<>();
    Map<String, Object> values = new HashMap<>();
    for (TypedFile.Stored c : opened.columns()) {
      names.add(c.name());
      if (c.categorical()) {
        levels.put(c.name(), c.levels());
        codes.put(c.name(), new Frame.Deferred(c.rows()) {
          @Override
          protected Object make() {
            return c.codes();
          }
        });
      } else {
        values.put(c.name(), new Frame.Deferred(c.rows()) {
          @Override
          protected Object make() {
            return c.values();
          }
        });
      }
    }
    return Frame.ofDeferred(file, names, levels, codes, values, opened.lines());
  }

  /**
   * The typed frame stored under the rules ({@code named}, {@code levelOrders}) if it is intact and stands for the
   * rules ({@code wanted}, {@code levelOrders}): every column in {@code wanted} and not in {@code named} is in it
   * and categorical. Null otherwise.
   */
  private static ColumnCache.TypedLookup lookup(ColumnCache cache, byte[] sha, Set<String> named,
      Map<String, List<String>> levelOrders, Set<String> wanted) {
    ColumnCache.TypedLookup found = cache.readTyped(cache.typedKey(sha, typing(named, levelOrders)));
    if (found.outcome() != ColumnCache.Outcome.HIT) {
      return null;
    }
    Set<String> categoricalThere = new HashSet<>();
    for (TypedFile.Stored c : found.frame().columns()) {
      if (c.categorical()) {
        categoricalThere.add(c.name());
      }
    }
    for (String c : wanted) {
      if (!named.contains(c) && !categoricalThere.contains(c)) {
        return null;
      }
    }
    return found;
  }

  /**
   * Stores the columns {@code typed} gave from the bytes with this SHA-256 under these rules, as a typed frame;
   * says what it did on {@code notes}. A column named categorical that is categorical unnamed
   * ({@link AdhocLoader.Typed#sameUnnamed}) is left out of the key, so commands that name another such column
   * (describe's --by, survival's --by) share one entry.
   */
  static void store(byte[] contentSha256, Set<String> categorical, Map<String, List<String>> levelOrders,
      AdhocLoader.Typed typed, int[] lines, Consumer<String> notes, ColumnCache cache) {
    if (cache == null || contentSha256 == null) {
      return;
    }
    long t0 = System.nanoTime();
    Set<String> named = new TreeSet<>(categorical);
    named.removeAll(typed.sameUnnamed);
    byte[] key = cache.typedKey(contentSha256, typing(named, levelOrders));
    long size = cache.writeTyped(key, typed.columns, lines);
    if (size >= 0 && !named.equals(new TreeSet<>(categorical))) {
      // these rules find the entry of fewer named columns through an alias (checked when used: see read)
      cache.writeTypedAlias(cache.typedKey(contentSha256, typing(categorical, levelOrders)), List.copyOf(named));
    }
    notes.accept(size < 0 ? "typed frame not stored" : String.format(Locale.ROOT,
        "typed frame stored (%.1f MB) in %d ms", size / 1e6, (System.nanoTime() - t0) / 1_000_000));
  }
}
