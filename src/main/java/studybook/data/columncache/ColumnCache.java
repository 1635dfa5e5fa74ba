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

  private ColumnCache(Path dir, long maxBytes, long minFileBytes, byte[] reader) {
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
    long t0 = System.nanoTime();
    Path entry = entry(contentSha256);
    byte[] k;
    try {
      k = key(false);
    } catch (IOException e) {
      k = null;
    }
    if (k == null) {
      return new Lookup(Outcome.MISS, entry, 0, millis(t0), null, keyProblem);
    }
    try {
      ParsedTable table = ColumnFile.read(entry, contentSha256, reader, k);
      long size = Files.size(entry);
      try {
        // Recently used entries are the last to go when the cache is pruned.
        Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
      } catch (IOException ignored) {
        // a read-only cache is still a cache
      }
      return new Lookup(Outcome.HIT, entry, size, millis(t0), table, null);
    } catch (NoSuchFileException e) {
      return new Lookup(Outcome.MISS, entry, 0, millis(t0), null, null);
    } catch (ColumnFile.Corrupt | IOException e) {
      try {
        Files.deleteIfExists(entry);
      } catch (IOException ignored) {
        // the write after the parse replaces it
      }
      return new Lookup(Outcome.CORRUPT, entry, 0, millis(t0), null, e.getMessage());
    }
  }

  /**
   * Stores {@code table} as the entry for {@code contentSha256}, then prunes the cache to its size
   * bound; returns the entry's size, or -1 when it could not be written (the cache is then skipped, the
   * answer is unaffected).
   */
  public long write(byte[] contentSha256, ParsedTable table) {
    Path entry = entry(contentSha256);
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      byte[] k = key(true);
      if (k == null) {
        return -1;
      }
      tmp = Files.createTempFile(dir, ".tmp-", SUFFIX + ".part");
      long size = ColumnFile.write(tmp, contentSha256, reader, table, k);
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
        total -= e.size();
      }
    }
  }

  /**
   * The SHA-256 of this path's content when it was last parsed or read back with this size and
   * modification time: a hint that lets the caller read the entry while it hashes the file, never a
   * substitute for the hash (the caller compares the two).
   */
  public Optional<byte[]> remembered(Path file, long size, long modifiedMillis) {
    try {
      String[] f = Files.readString(locator(file)).strip().split(" ");
      if (f.length == 3 && f[0].equals(Long.toString(size)) && f[1].equals(Long.toString(modifiedMillis))) {
        return Optional.of(HexFormat.of().parseHex(f[2]));
      }
    } catch (IOException | RuntimeException e) {
      // no hint: the caller hashes first
    }
    return Optional.empty();
  }

  /** Records the hint {@link #remembered} gives; failures are ignored (it is only a hint). */
  public void remember(Path file, long size, long modifiedMillis, byte[] contentSha256) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".tmp-", ".loc.part");
      Files.writeString(tmp, size + " " + modifiedMillis + " " + HexFormat.of().formatHex(contentSha256) + "\n");
      Files.move(tmp, locator(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException | RuntimeException e) {
      // only a hint
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
   */
  public record Lookup(Outcome outcome, Path entry, long bytes, long millis, ParsedTable table, String why) {}
}
