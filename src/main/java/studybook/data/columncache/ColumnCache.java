package studybook.data.columncache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where parsed data files are kept between processes, so a large file is parsed once: every ad-hoc
 * command and every study run that reads the same bytes reads the parsed columns back instead.
 *
 * <ul>
 *   <li><b>Key</b>: the SHA-256 of the bytes read (the same digest the manifest records) and the
 *       SHA-256 of the reader's own classes, so an entry is never stale: other bytes or another reader
 *       mean another entry. The entry holds the raw parse (cell bytes, before any codebook or
 *       ad-hoc typing), so the codebook need not be part of the key and commands share entries.</li>
 *   <li><b>Where</b>: {@code $STUDYBOOK_COLUMN_CACHE}, else {@code $XDG_CACHE_HOME/studybook/columns},
 *       else {@code ~/.cache/studybook/columns}; {@code STUDYBOOK_COLUMN_CACHE=off} turns it off.</li>
 *   <li><b>Size</b>: at most {@code $STUDYBOOK_COLUMN_CACHE_MB} (default 2048) MB; the least recently
 *       used entries go first. Files smaller than {@code studybook.columnCache.minBytes} (system
 *       property, default 4 MiB) are not cached: they parse faster than an entry is read.</li>
 *   <li><b>Safety</b>: an entry is written to a temporary file and renamed into place atomically, so
 *       concurrent writers of one key each leave a complete entry; an entry with a bad MAC or key is a
 *       miss and is replaced.</li>
 *   <li><b>Trust</b>: every entry ends in an HMAC-SHA256 of all its bytes (the data file's SHA-256
 *       included) under the user's cache key, 32 random bytes in {@code key} in the cache folder, made
 *       on first use with mode 0600. An entry is read only if that key gives its MAC, so an entry
 *       planted with other columns under a file's hash (by another user who can write a shared cache
 *       folder, a copied folder, a tool that knows the format) is a miss: a checksum anyone can
 *       recompute bound nothing. A key that is a link, not the user's own, or readable by others makes
 *       the cache unused (said in the log). Anything running as the user can read the key, as it can
 *       edit the study itself; {@code check} and {@code verify} trust no cache at all.</li>
 *   <li><b>Not hashing again</b>: a record per data file path ({@link #remembered}, MAC'd under the same
 *       key) lets a file whose stat (size, mtime, ctime, inode, device) is unchanged since a full hash be
 *       looked up without reading it, and the entry be read without its HMAC while its own stat is the one
 *       recorded when the HMAC was last checked: git's index rule, racy window included.</li>
 * </ul>
 */
public final class ColumnCache {
  /** Set by commands that trust no cache (check, verify): this process then parses every file. */
  private static volatile boolean distrusted;

  /**
   * Makes this process read no entry and write none: {@code check} and {@code verify} trust no cache,
   * and an entry in the user's cache folder could have been written by anything that runs as the user.
   */
  public static void distrust() {
    distrusted = true;
  }

  /** Whether {@link #distrust()} was called in this process. */
  public static boolean distrusted() {
    return distrusted;
  }

  /** The default size bound. */
  public static final long DEFAULT_MAX_BYTES = 2048L << 20;
  static final String SUFFIX = ".sbcol";

  private final Path dir;
  private final long maxBytes;
  private final long minFileBytes;
  private final byte[] reader;
  /** The user's cache key once loaded or made; see {@link #key(boolean)}. */
  private byte[] key;
  /** Why the key cannot be used, once found; the cache is then unused. */
  private String keyProblem;

  /** The key's file in the cache folder. */
  static final String KEY_FILE = "key";
  static final int KEY_BYTES = 32;

  /** See {@link #RACY_NANOS}; shorter in tests only. */
  private final long racyNanos;

  private ColumnCache(Path dir, long maxBytes, long minFileBytes, byte[] reader) {
    this(dir, maxBytes, minFileBytes, reader, RACY_NANOS);
  }

  private ColumnCache(Path dir, long maxBytes, long minFileBytes, byte[] reader, long racyNanos) {
    this.racyNanos = racyNanos;
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.minFileBytes = minFileBytes;
    this.reader = reader;
  }

  /**
   * The cache the environment configures (see the class comment), or empty when it is off.
   *
   * @param readerClasses the classes whose code decides what a parse gives: their bytes are the reader version
   */
  public static Optional<ColumnCache> configured(Class<?>... readerClasses) {
    return configured(System.getenv(), readerClasses);
  }

  static Optional<ColumnCache> configured(Map<String, String> env, Class<?>... readerClasses) {
    String setting = env.getOrDefault("STUDYBOOK_COLUMN_CACHE", "").strip();
    if (setting.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    Path dir;
    if (!setting.isEmpty()) {
      dir = Path.of(setting);
    } else if (env.getOrDefault("XDG_CACHE_HOME", "").startsWith("/")) {
      dir = Path.of(env.get("XDG_CACHE_HOME"), "studybook", "columns");
    } else {
      String home = System.getProperty("user.home");
      if (home == null || home.isBlank() || home.equals("?")) {
        return Optional.empty();
      }
      dir = Path.of(home, ".cache", "studybook", "columns");
    }
    long max = DEFAULT_MAX_BYTES;
    String mb = env.getOrDefault("STUDYBOOK_COLUMN_CACHE_MB", "").strip();
    if (!mb.isEmpty()) {
      try {
        max = Long.parseLong(mb) << 20;
      } catch (NumberFormatException e) {
        throw new studybook.StudybookException("STUDYBOOK_COLUMN_CACHE_MB must be a whole number of megabytes, not '"
            + mb + "'");
      }
    }
    long min = Long.getLong("studybook.columnCache.minBytes", 4L << 20);
    return Optional.of(new ColumnCache(dir, max, min, readerVersion(readerClasses)));
  }

  /** A cache in {@code dir} (tests). */
  public static ColumnCache in(Path dir, long maxBytes, long minFileBytes, Class<?>... readerClasses) {
    return new ColumnCache(dir, maxBytes, minFileBytes, readerVersion(readerClasses));
  }

  /** As {@link #in(Path, long, long, Class...)} with another racy window than {@link #RACY_NANOS} (tests). */
  public static ColumnCache in(Path dir, long maxBytes, long minFileBytes, long racyNanos, Class<?>... readerClasses) {
    return new ColumnCache(dir, maxBytes, minFileBytes, readerVersion(readerClasses), racyNanos);
  }

  /** Whether a file of this size is worth caching. */
  public boolean wants(long fileBytes) {
    return fileBytes >= minFileBytes;
  }

  /** The folder the entries are in. */
  public Path dir() {
    return dir;
  }

  /** The entry of data whose bytes have this SHA-256, if there is an intact one; a broken one is removed. */
  public Lookup read(byte[] contentSha256) {
    return read(contentSha256, null);
  }

  /**
   * As {@link #read(byte[])}; when {@code record} is a trusted record of the data file that also holds the
   * stat its entry had when its MAC was last checked, and the entry has that very stat (made the racy window
   * after the entry last changed), the MAC is not computed again (28 MB of HMAC for a 1M-row file): the same
   * rule as for the data file, applied to the entry. A changed entry (rewritten, replaced, touched) is
   * checked in full.
   */
  public Lookup read(byte[] contentSha256, Remembered record) {
    long t0 = System.nanoTime();
    Path entry = entry(contentSha256);
    byte[] k;
    try {
      k = key(false);
    } catch (IOException e) {
      k = null;
    }
    if (k == null) {
      return new Lookup(Outcome.MISS, entry, 0, millis(t0), null, keyProblem, null, false);
    }
    try {
      FileStat before = FileStat.of(entry);
      boolean unchanged = record != null && record.trusted() && record.entry() != null && before != null
          && before.complete() && record.entry().equals(before)
          && record.entryCheckedAtNanos() - Math.max(before.mtimeNanos(), before.ctimeNanos()) >= racyNanos;
      ParsedTable table = ColumnFile.read(entry, contentSha256, reader, unchanged ? null : k);
      long size = Files.size(entry);
      FileStat verified = null;
      if (!unchanged) {
        long hour = 3_600_000_000_000L;
        if (before != null && java.time.Instant.now().toEpochMilli() * 1_000_000L - before.mtimeNanos() < hour) {
          // used within the hour: not touched, so its stat, checked now, can stand for the check next time
          verified = before.equals(FileStat.of(entry)) ? before : null;
        } else {
          try {
            // Recently used entries are the last to go when the cache is pruned (to the hour).
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
          } catch (IOException ignored) {
            // a read-only cache is still a cache
          }
        }
      }
      return new Lookup(Outcome.HIT, entry, size, millis(t0), table, null, verified, unchanged);
    } catch (NoSuchFileException e) {
      return new Lookup(Outcome.MISS, entry, 0, millis(t0), null, null, null, false);
    } catch (ColumnFile.Corrupt | IOException e) {
      try {
        Files.deleteIfExists(entry);
      } catch (IOException ignored) {
        // the write after the parse replaces it
      }
      return new Lookup(Outcome.CORRUPT, entry, 0, millis(t0), null, e.getMessage(), null, false);
    }
  }

  /**
   * Stores {@code table} as the entry for {@code contentSha256}, then prunes the cache to its size
   * bound; returns the entry's size, or -1 when it could not be written (the cache is then skipped, the
   * answer is unaffected).
   */
  public long write(byte[] contentSha256, ParsedTable table) {
    return writeEntry(entry(contentSha256), (tmp, k) -> ColumnFile.write(tmp, contentSha256, reader, table, k));
  }

  /**
   * The user's cache key: read from {@link #KEY_FILE} after checking that it is a regular file (not a
   * link), owned by this process's user and readable by no one else; made (mode 0600) when absent and
   * {@code create}. Null when absent and not {@code create}, or when unusable ({@link #keyProblem} says why).
   */
  private synchronized byte[] key(boolean create) throws IOException {
    if (key != null || keyProblem != null) {
      return key;
    }
    Path f = dir.resolve(KEY_FILE);
    if (!Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      if (!create) {
        return null;
      }
      java.security.SecureRandom random = new java.security.SecureRandom();
      byte[] fresh = new byte[KEY_BYTES];
      random.nextBytes(fresh);
      // A temporary file is created 0600 by the JDK on POSIX; it then takes the key's name unless another process won.
      Path tmp = Files.createTempFile(dir, ".tmp-", ".key");
      try {
        Files.write(tmp, fresh);
        Files.move(tmp, f);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another process made it first: use theirs (checked below)
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    String problem = keyProblem(f);
    if (problem != null) {
      keyProblem = "the column cache key " + f + " " + problem + ": the column cache is not used (remove the file"
          + " if it is yours, or point STUDYBOOK_COLUMN_CACHE to a folder of your own)";
      return null;
    }
    byte[] k = Files.readAllBytes(f);
    if (k.length != KEY_BYTES) {
      keyProblem = "the column cache key " + f + " has " + k.length + " bytes, not " + KEY_BYTES
          + ": the column cache is not used (remove the file to start a new cache)";
      return null;
    }
    key = k;
    return key;
  }

  /** What is wrong with the key file {@code f} (null: nothing). */
  static String keyProblem(Path f) throws IOException {
    java.nio.file.attribute.BasicFileAttributes basic = Files.readAttributes(f,
        java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (!basic.isRegularFile()) {
      return basic.isSymbolicLink() ? "is a symbolic link" : "is not a regular file";
    }
    java.nio.file.attribute.PosixFileAttributeView posix = Files.getFileAttributeView(f,
        java.nio.file.attribute.PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (posix == null) {
      return null; // no owners or modes here to check
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> modes = posix.readAttributes().permissions();
    for (java.nio.file.attribute.PosixFilePermission m : modes) {
      if (m.name().startsWith("GROUP_") || m.name().startsWith("OTHERS_")) {
        return "can be read or written by others (" + java.nio.file.attribute.PosixFilePermissions.toString(modes)
            + ")";
      }
    }
    try {
      long owner = ((Number) Files.getAttribute(f, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS)).longValue();
      long me = new com.sun.security.auth.module.UnixSystem().getUid();
      if (owner != me) {
        return "belongs to another user (uid " + owner + ", this process runs as uid " + me + ")";
      }
    } catch (UnsupportedOperationException | IllegalArgumentException | LinkageError e) {
      // no Unix owner to compare: the mode check above stands
    }
    return null;
  }

  /** Deletes the least recently used entries (never {@code keep}) until the cache fits its bound. */
  private void prune(Path keep) throws IOException {
    record Entry(Path path, long size, long used) {}
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : stream) {
        try {
          long size = Files.size(p);
          entries.add(new Entry(p, size, Files.getLastModifiedTime(p).toMillis()));
          total += size;
        } catch (NoSuchFileException gone) {
          // another process pruned it
        }
      }
    }
    // A writer killed between its temporary file and the rename left the file: gone after an hour (no writer takes that long).
    long hourAgo = System.currentTimeMillis() - 3_600_000L;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, ".tmp-*")) {
      for (Path p : stream) {
        try {
          if (Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis() < hourAgo) {
            Files.deleteIfExists(p);
          }
        } catch (IOException gone) {
          // another process removed it
        }
      }
    }
    entries.sort(java.util.Comparator.comparingLong(Entry::used));
    for (Entry e : entries) {
      if (total <= maxBytes) {
        break;
      }
      if (!e.path().equals(keep)) {
        Files.deleteIfExists(e.path());
        Files.deleteIfExists(checkedRecord(e.path()));
        total -= e.size();
      }
    }
  }

  /**
   * What the file system says about a file, as git's index keeps it: size, modification and status-change
   * times (nanoseconds), inode and device. Any write changes the status-change time (ctime), which no user can
   * set back (only the system clock can); replacing the file by another (an editor's save by rename, a copy)
   * changes the inode. Without a Unix file system view, ctime, inode and device are -1 and nothing is trusted.
   */
  public record FileStat(long size, long mtimeNanos, long ctimeNanos, long inode, long device) {
    /** The stat of {@code file} (links followed), or null when it cannot be read. */
    public static FileStat of(Path file) {
      try {
        Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev");
        return new FileStat((Long) a.get("size"), nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")),
            ((Number) a.get("ino")).longValue(), ((Number) a.get("dev")).longValue());
      } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
        try {
          return new FileStat(Files.size(file), nanos(Files.getLastModifiedTime(file)), -1, -1, -1);
        } catch (IOException e2) {
          return null;
        }
      } catch (IOException e) {
        return null;
      }
    }

    private static long nanos(Object time) {
      return ((FileTime) time).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Whether the file system gave everything a trusted record needs. */
    boolean complete() {
      return ctimeNanos >= 0 && inode >= 0 && device >= 0;
    }

    String fields() {
      return size + " " + mtimeNanos + " " + ctimeNanos + " " + inode + " " + device;
    }
  }

  /**
   * The SHA-256 this path's content had when it was last hashed in full with this very stat.
   *
   * @param trusted whether the record may stand in for hashing the file again (see {@link #remembered})
   */
  public record Remembered(byte[] sha256, boolean trusted, FileStat entry, long recordedAtNanos,
      long entryCheckedAtNanos) {}

  /**
   * The hash recorded for {@code file} by {@link #remember} when its stat was {@code now}, if any. It is
   * <b>trusted</b> (the caller may use it as the file's SHA-256 without reading the file) only when, as for a
   * clean entry of git's index: the record carries this user's cache-key MAC (so nothing else wrote it); the
   * stat is complete and equal in size, mtime, ctime, inode and device; and the record was made at least
   * {@link #RACY_NANOS} after the file's last change (git's "racily clean" rule: a write in the same clock tick
   * as the hash could leave every stat field as it was, so such a record is only a hint until a later full
   * hash renews it). Otherwise it is a hint: the caller hashes the file while reading the entry it names, and
   * uses the entry only if the hashes agree.
   */
  public Optional<Remembered> remembered(Path file, FileStat now) {
    if (now == null) {
      return Optional.empty();
    }
    try {
      String[] f = Files.readString(locator(file)).strip().split(" ");
      if (f.length != RECORD_FIELDS || !f[0].equals("v3")) {
        return Optional.empty();
      }
      byte[] k = key(false);
      if (k == null || !java.security.MessageDigest.isEqual(HexFormat.of().parseHex(f[RECORD_FIELDS - 1]),
          recordMac(k, file, f))) {
        return Optional.empty(); // not written with this user's key: no hint either
      }
      FileStat then = new FileStat(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
          Long.parseLong(f[4]), Long.parseLong(f[5]));
      long recordedAt = Long.parseLong(f[6]);
      byte[] sha = HexFormat.of().parseHex(f[7]);
      if (then.size() != now.size() || then.mtimeNanos() != now.mtimeNanos()) {
        return Optional.empty();
      }
      boolean trusted = then.equals(now) && now.complete()
          && recordedAt - Math.max(now.mtimeNanos(), now.ctimeNanos()) >= racyNanos;
      FileStat entry = f[8].equals("-") ? null : new FileStat(Long.parseLong(f[8]), Long.parseLong(f[9]),
          Long.parseLong(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]));
      return Optional.of(new Remembered(sha, trusted, entry, recordedAt, entry == null ? 0 : Long.parseLong(f[13])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no record: the caller hashes first
    }
  }

  /**
   * Records that {@code file}, with stat {@code stat} both before and after it was hashed in full, has the
   * SHA-256 {@code contentSha256}; the time of recording decides whether it is racy ({@link #remembered}).
   * Failures are ignored (the record only saves a hash).
   */
  public void remember(Path file, FileStat stat, byte[] contentSha256, FileStat verifiedEntry) {
    remember(file, stat, contentSha256, verifiedEntry, nowNanos());
  }

  private static long nowNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * As {@link #remember(Path, FileStat, byte[], FileStat)} with the time of the full hash it records (ns since the
   * epoch): a record renewed with the entry's checked stat keeps the time of the hash it was made from.
   */
  public void remember(Path file, FileStat stat, byte[] contentSha256, FileStat verifiedEntry, long recordedAtNanos) {
    try {
      byte[] k = key(false);
      if (k == null || stat == null) {
        return;
      }
      Files.createDirectories(dir);
      String[] f = ("v3 " + stat.fields() + " " + recordedAtNanos + " " + HexFormat.of().formatHex(contentSha256) + " "
          + (verifiedEntry == null ? "- - - - - -" : verifiedEntry.fields() + " " + nowNanos()) + " -").split(" ");
      f[RECORD_FIELDS - 1] = HexFormat.of().formatHex(recordMac(k, file, f));
      writeRecord(locator(file), ".loc.part", String.join(" ", f) + "\n");
    } catch (IOException | RuntimeException e) {
      // only a record
    }
  }

  /**
   * A record's fields: "v3", the file's size, mtime, ctime, inode and device, the time it was recorded, its
   * SHA-256, the entry's stat when its MAC was last checked and the time of that check (six fields, or six "-"),
   * and the record's MAC.
   */
  static final int RECORD_FIELDS = 15;

  /** The record's MAC under the user's key: over the path it is for and every field before the MAC. */
  private static byte[] recordMac(byte[] key, Path file, String[] fields) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      mac.update(file.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (int i = 0; i < RECORD_FIELDS - 1; i++) {
        mac.update((byte) 0);
        mac.update(fields[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      return mac.doFinal();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  /**
   * How long after a file's last change (its mtime or ctime) a record of its hash must have been made to be
   * trusted: file system clocks tick coarsely (a jiffy on Linux, 2 s on FAT), and a second write in the tick
   * of the first would leave the stat unchanged.
   */
  public static final long RACY_NANOS = 2_000_000_000L;

  private Path locator(Path file) {
    return dir.resolve(HexFormat.of().formatHex(sha256(file.toAbsolutePath().normalize().toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 40) + ".loc");
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private Path entry(byte[] contentSha256) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(contentSha256);
      md.update(reader);
      return dir.resolve(HexFormat.of().formatHex(md.digest()).substring(0, 40) + SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static long millis(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** The SHA-256 of the class files of the classes that make a parse, so a changed reader makes new keys. */
  static byte[] readerVersion(Class<?>... classes) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Class<?>> all = new ArrayList<>(List.of(classes));
      all.add(ColumnFile.class);
      for (Class<?> c : all) {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("no class file for " + c.getName());
          }
          md.update(c.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          md.update(in.readAllBytes());
        }
      }
      return md.digest();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The key of a typed frame ({@link TypedFile}) of data whose bytes have this SHA-256: that hash, this cache's
   * reader version, the typed format's own class and {@code typing}, the caller's digest of everything its
   * typing depends on (the typing code, the runtime, the rules it was given: columns named categorical, level
   * orders, a codebook). Anything left out of {@code typing} that changes a typed value would make a stale
   * entry; the caller's tests pin each input.
   */
  public byte[] typedKey(byte[] contentSha256, byte[] typing) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("studybook typed frame".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      md.update(contentSha256);
      md.update(reader);
      md.update(TypedFormat.VERSION);
      md.update(typing);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The typed format's version: the SHA-256 of {@link TypedFile}'s class, found once. */
  private static final class TypedFormat {
    static final byte[] VERSION = readerVersion(TypedFile.class, TypedFile.Stored.class);
  }

  /** The SHA-256 of these classes' class files (and of {@link ColumnFile}'s): a version of the code they hold. */
  public static byte[] classesDigest(Class<?>... classes) {
    return readerVersion(classes);
  }

  /** Where the typed frame of {@code typedKey} is kept. */
  Path typedEntry(byte[] typedKey) {
    return dir.resolve(HexFormat.of().formatHex(typedKey).substring(0, 40) + ".typed" + SUFFIX);
  }

  /** The record of an entry's stat when its MAC was last checked (typed entries). */
  static Path checkedRecord(Path entry) {
    return entry.resolveSibling(entry.getFileName() + ".chk");
  }

  /**
   * The typed frame of {@code typedKey} ({@link #typedKey}) if there is an intact one; a broken one is removed.
   * Its MAC is checked unless a record of this user's key says it was checked when the entry had the stat it has
   * now, the racy window after the entry last changed (the rule of {@link #read(byte[], Remembered)}).
   */
  public TypedLookup readTyped(byte[] typedKey) {
    long t0 = System.nanoTime();
    Path entry = typedEntry(typedKey);
    byte[] k;
    try {
      k = key(false);
    } catch (IOException e) {
      k = null;
    }
    if (k == null) {
      return new TypedLookup(Outcome.MISS, entry, 0, millis(t0), null, keyProblem, false);
    }
    try {
      FileStat before = FileStat.of(entry);
      if (before == null) {
        return new TypedLookup(Outcome.MISS, entry, 0, millis(t0), null, null, false);
      }
      boolean unchanged = checkedUnchanged(entry, before, k);
      TypedFile.Opened opened = TypedFile.read(entry, typedKey, unchanged ? null : k);
      if (!unchanged) {
        long hour = 3_600_000_000_000L;
        if (nowNanos() - before.mtimeNanos() < hour) {
          // used within the hour: not touched, so its stat, checked now, can stand for the check next time
          if (before.complete() && before.equals(FileStat.of(entry))) {
            writeChecked(entry, before, k);
          }
        } else {
          try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
          } catch (IOException ignored) {
            // a read-only cache is still a cache
          }
        }
      }
      return new TypedLookup(Outcome.HIT, entry, before.size(), millis(t0), opened, null, unchanged);
    } catch (NoSuchFileException e) {
      return new TypedLookup(Outcome.MISS, entry, 0, millis(t0), null, null, false);
    } catch (ColumnFile.Corrupt | IOException e) {
      try {
        Files.deleteIfExists(entry);
        Files.deleteIfExists(checkedRecord(entry));
      } catch (IOException ignored) {
        // the write after the typing replaces it
      }
      return new TypedLookup(Outcome.CORRUPT, entry, 0, millis(t0), null, e.getMessage(), false);
    }
  }

  /**
   * Stores a typed frame under {@code typedKey}, then prunes the cache to its size bound; returns the entry's
   * size, or -1 when it could not be written (the answer is unaffected).
   */
  public long writeTyped(byte[] typedKey, List<TypedFile.Column> columns, int[] lines) {
    return writeEntry(typedEntry(typedKey), (tmp, k) -> TypedFile.write(tmp, typedKey, columns, lines, k));
  }

  /** Writes an entry's bytes to a file under the user's cache key, returning its size. */
  private interface EntryWriter {
    long write(Path file, byte[] key) throws IOException;
  }

  /**
   * Stores an entry whole or not at all (a temporary file moved over the old one, whose check record goes with
   * it), then prunes the cache to its size bound; the entry's size, or -1 when it could not be written (the cache
   * is then skipped, the answer is unaffected).
   */
  private long writeEntry(Path entry, EntryWriter writer) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      byte[] k = key(true);
      if (k == null) {
        return -1;
      }
      tmp = Files.createTempFile(dir, ".tmp-", SUFFIX + ".part");
      long size = writer.write(tmp, k);
      Files.deleteIfExists(checkedRecord(entry));
      Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      prune(entry);
      return size;
    } catch (IOException | RuntimeException e) {
      return -1;
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    }
  }

  /**
   * Records that the typed frame of {@code typedKey} is the one stored under the same rules with only the columns
   * {@code named} named categorical: a hint, not trusted (the reader checks that the frame it leads to stands for
   * its rules), so it carries no MAC. Failures are ignored.
   */
  public void writeTypedAlias(byte[] typedKey, List<String> named) {
    StringBuilder b = new StringBuilder("a1");
    for (String n : named) {
      b.append(' ').append(HexFormat.of().formatHex(n.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    writeRecord(typedAliasFile(typedKey), ".alias.part", b + "\n");
  }

  /** The columns an alias written by {@link #writeTypedAlias} names, if there is one. */
  public Optional<List<String>> typedAlias(byte[] typedKey) {
    try {
      String[] f = Files.readString(typedAliasFile(typedKey)).strip().split(" ");
      if (!f[0].equals("a1")) {
        return Optional.empty();
      }
      List<String> named = new ArrayList<>();
      for (int i = 1; i < f.length; i++) {
        named.add(new String(HexFormat.of().parseHex(f[i]), java.nio.charset.StandardCharsets.UTF_8));
      }
      return Optional.of(named);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private Path typedAliasFile(byte[] typedKey) {
    return dir.resolve(HexFormat.of().formatHex(typedKey).substring(0, 40) + ".typed.alias");
  }

  /** Fields of a checked record: "c1", the entry's size, mtime, ctime, inode and device, the time of the check, the MAC. */
  static final int CHECKED_FIELDS = 8;

  /** Whether the entry's MAC was checked (record under this user's key) when it had the stat {@code now}, not racily. */
  private boolean checkedUnchanged(Path entry, FileStat now, byte[] k) {
    if (!now.complete()) {
      return false;
    }
    try {
      String[] f = Files.readString(checkedRecord(entry)).strip().split(" ");
      if (f.length != CHECKED_FIELDS || !f[0].equals("c1")
          || !MessageDigest.isEqual(HexFormat.of().parseHex(f[CHECKED_FIELDS - 1]), checkedMac(k, entry, f))) {
        return false;
      }
      FileStat then = new FileStat(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
          Long.parseLong(f[4]), Long.parseLong(f[5]));
      long checkedAt = Long.parseLong(f[6]);
      return then.equals(now) && checkedAt - Math.max(now.mtimeNanos(), now.ctimeNanos()) >= racyNanos;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void writeChecked(Path entry, FileStat stat, byte[] k) {
    String[] f = ("c1 " + stat.fields() + " " + nowNanos() + " -").split(" ");
    f[CHECKED_FIELDS - 1] = HexFormat.of().formatHex(checkedMac(k, entry, f));
    writeRecord(checkedRecord(entry), ".chk.part", String.join(" ", f) + "\n");
  }

  /**
   * Writes a small record, hint or check beside the entries: whole or not at all (a temporary file moved over the
   * old one). A failure only loses the record, which a later command makes again, so it is ignored.
   */
  private void writeRecord(Path target, String suffix, String text) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".tmp-", suffix);
      Files.writeString(tmp, text);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException | RuntimeException e) {
      // only a record
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    }
  }

  private static byte[] checkedMac(byte[] key, Path entry, String[] fields) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      mac.update(entry.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (int i = 0; i < CHECKED_FIELDS - 1; i++) {
        mac.update((byte) 0);
        mac.update(fields[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      return mac.doFinal();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  /**
   * The result of a typed lookup.
   *
   * @param frame the opened typed frame on a hit, else null
   * @param why what was wrong with a corrupt entry, else null
   * @param macSkipped whether the entry was read without its MAC, its stat being the one recorded
   */
  public record TypedLookup(Outcome outcome, Path entry, long bytes, long millis, TypedFile.Opened frame, String why,
      boolean macSkipped) {}

  /** What a lookup found. */
  public enum Outcome {
    HIT, MISS, CORRUPT;

    /** Lower case, as logs print it. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The result of a lookup.
   *
   * @param table the parsed table on a hit, else null
   * @param why what was wrong with a corrupt entry, else null
   * @param verifiedEntry the entry's stat, unchanged over a read that checked its MAC (for {@link #remember}), or null
   * @param macSkipped whether the entry was read without its MAC, its stat being the one recorded
   */
  public record Lookup(Outcome outcome, Path entry, long bytes, long millis, ParsedTable table, String why,
      FileStat verifiedEntry, boolean macSkipped) {}
}
