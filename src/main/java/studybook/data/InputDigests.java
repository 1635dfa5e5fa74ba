package studybook.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 of the bytes each file reader actually read, collected while a scope is open on the
 * reading thread: the kernel opens one around loading the study's data, so the hash it records is
 * that of what was parsed, not of a second read that a file replaced mid-run would make differ.
 */
public final class InputDigests implements AutoCloseable {
  private static final ThreadLocal<InputDigests> OPEN = new ThreadLocal<>();
  private final Map<Path, String> digests = new LinkedHashMap<>();
  private final java.util.List<String> notes = new java.util.ArrayList<>();
  private final InputDigests outer;
  private final java.util.function.Function<Path, java.util.Optional<Known>> known;

  /** The bytes of a file its run has read already, with their SHA-256 (hex). */
  public record Known(byte[] bytes, String sha256) {}

  private InputDigests(InputDigests outer, java.util.function.Function<Path, java.util.Optional<Known>> known) {
    this.outer = outer;
    this.known = known;
  }

  /** Starts collecting on this thread until {@link #close()}. */
  public static InputDigests open() {
    return open(f -> java.util.Optional.empty());
  }

  /**
   * As {@link #open()}, and the readers of this package take a file's bytes from {@code known} when it has
   * them (the run read and hashed the file once already) instead of reading the file again.
   */
  public static InputDigests open(java.util.function.Function<Path, java.util.Optional<Known>> known) {
    InputDigests scope = new InputDigests(OPEN.get(), known);
    OPEN.set(scope);
    return scope;
  }

  /** The bytes of {@code file} that the open scope's run holds, if any; its digest is recorded as read. */
  public static java.util.Optional<byte[]> knownBytes(Path file) {
    return known(file).map(Known::bytes);
  }

  /**
   * The bytes of {@code file} that the open scope's run holds and their SHA-256 (hex), if any; the digest is
   * recorded as read. A reader keys its cache by that hash instead of hashing the bytes again.
   */
  public static java.util.Optional<Known> known(Path file) {
    for (InputDigests scope = OPEN.get(); scope != null; scope = scope.outer) {
      java.util.Optional<Known> k = scope.known.apply(file);
      if (k.isPresent()) {
        recordDigest(file, k.get().sha256());
        return k;
      }
    }
    return java.util.Optional.empty();
  }

  /** Called by the readers with the bytes they are about to parse; a no-op outside a scope. */
  public static void record(Path file, byte[] bytes) {
    InputDigests scope = OPEN.get();
    if (scope != null) {
      try {
        scope.digests.put(file.toAbsolutePath().normalize(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }
  }

  /** As {@link #record(Path, byte[])} when the caller has hashed the bytes already (hex SHA-256). */
  static void recordDigest(Path file, String sha256Hex) {
    InputDigests scope = OPEN.get();
    if (scope != null) {
      scope.digests.put(file.toAbsolutePath().normalize(), sha256Hex);
    }
  }

  /**
   * Records how a file was read (e.g. the parsed-column cache's hit or miss), for the run's log; a no-op
   * outside a scope. Whether it was recorded.
   */
  static boolean note(String note) {
    InputDigests scope = OPEN.get();
    if (scope != null) {
      scope.notes.add(note);
    }
    return scope != null;
  }

  /** Whether a scope is open on this thread (a study run collecting its inputs' digests). */
  static boolean inScope() {
    return OPEN.get() != null;
  }

  /** The notes recorded in this scope, in order. */
  public java.util.List<String> notes() {
    return java.util.List.copyOf(notes);
  }

  /** Absolute path → SHA-256 (hex) of what was read, in reading order. */
  public Map<Path, String> digests() {
    return Map.copyOf(digests);
  }

  @Override
  public void close() {
    OPEN.set(outer);
    if (outer != null) {
      outer.digests.putAll(digests);
      outer.notes.addAll(notes);
    }
  }
}
