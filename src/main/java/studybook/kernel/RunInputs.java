package studybook.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import studybook.StudybookException;

/**
 * A study's input files as one run reads them, under the study's lock: each file is read once, its
 * SHA-256 taken from those bytes, and the bytes handed to whoever parses the file in this run (the
 * script compiler, the templates, the data, codebook and claims loaders through
 * {@link studybook.data.InputDigests}). Provenance, the cache keys, the render key and the loaders
 * therefore all see the same bytes, and no file is opened twice to learn what it holds.
 *
 * <p>The lock is taken here, once per command, and released by {@link #close()}; {@link Kernel#run(RunInputs,
 * RunOptions)} runs under it. Given the inputs of an earlier run ({@code serve}), a file whose size,
 * modification time and identity are unchanged keeps its hash (and its bytes, if still held) without being read.
 */
public final class RunInputs implements AutoCloseable {
  /** A file larger than this is hashed as a stream and not kept: a Java array holds at most about 2 GiB. */
  static final long LARGEST_KEPT = Integer.MAX_VALUE - 8;

  /** What identifies a file's content without reading it: size, modification time and the file key (inode). */
  record Stamp(long size, long modifiedNanos, Object fileKey) {}

  private static final class Entry {
    final String hash;
    final Stamp stamp;
    byte[] bytes;

    Entry(String hash, Stamp stamp, byte[] bytes) {
      this.hash = hash;
      this.stamp = stamp;
      this.bytes = bytes;
    }
  }

  /** How files are read: a seam for tests that count reads. */
  interface FileReader {
    byte[] read(Path file) throws IOException;
  }

  private static final FileReader DISK = studybook.data.FileBytes::read;

  /**
   * One file of data that an engine reads itself ({@link Study#dataLocation()}), as the engine found and hashed it.
   *
   * @param path the file's path relative to the data's location (its name, when the location is one file)
   * @param bytes its size in bytes
   * @param sha256 the SHA-256 of its bytes, hex
   */
  public record Part(String path, long bytes, String sha256) {}

  /**
   * Data an engine reads itself, as it hashed them: every file it reads, in {@link Part#path()} order, and their
   * one hash (the manifest's input hash): for one file the SHA-256 of its bytes, as a local file has; for a folder
   * the SHA-256 of {@link #record(List)}.
   */
  public record EngineData(String hash, List<Part> parts) {
    public EngineData {
      parts = List.copyOf(parts);
    }

    /** A folder's data: its files sorted by path, and the hash of their record. */
    public static EngineData ofFolder(List<Part> parts) {
      List<Part> sorted = new java.util.ArrayList<>(parts);
      sorted.sort(java.util.Comparator.comparing(Part::path));
      return new EngineData(Hashes.of(record(sorted)), sorted);
    }

    /**
     * The text a folder's hash is taken of: a first line {@code studybook data files 1}, then one line per file in
     * path order, {@code path TAB bytes TAB sha256}. Neither the location nor modification times are in it, so the
     * same files copied elsewhere keep their hash; a file changed, added, removed or renamed changes it.
     */
    public static String record(List<Part> parts) {
      StringBuilder b = new StringBuilder("studybook data files 1\n");
      for (Part p : parts) {
        b.append(p.path()).append('\t').append(p.bytes()).append('\t').append(p.sha256()).append('\n');
      }
      return b.toString();
    }
  }

  /** How an engine that reads the data itself finds and hashes them, given their location. */
  @FunctionalInterface
  public interface EngineReader {
    EngineData hash(String location);
  }

  private final Study study;
  private final StudyLock lock;
  private final Map<Path, Entry> files;
  private final Map<String, String> hashes;
  private final Set<Path> read;
  private final Map<String, Object> parsed = new HashMap<>();
  private Map<String, List<Part>> parts = Map.of();

  private RunInputs(Study study, StudyLock lock, Map<Path, Entry> files, Map<String, String> hashes, Set<Path> read) {
    this.study = study;
    this.lock = lock;
    this.files = files;
    this.hashes = Collections.unmodifiableMap(hashes);
    this.read = Collections.unmodifiableSet(read);
  }

  /** Takes the study's lock and reads every input once. */
  public static RunInputs lockAndRead(Study study) {
    return lockAndRead(study, null);
  }

  /**
   * As {@link #lockAndRead(Study)}; a file that {@code previous} (an earlier run's inputs, or null) read with
   * the same size, modification time and file identity is not read again.
   */
  public static RunInputs lockAndRead(Study study, RunInputs previous) {
    return lockAndRead(study, previous, null);
  }

  /**
   * As {@link #lockAndRead(Study, RunInputs)}, for a run whose engine reads the data itself: data that are not one
   * file on this machine ({@link Study#dataLocation()}: a folder, a cluster path) are found and hashed by
   * {@code engine} (on the cluster), under the lock, before any cell runs; a local data file is read and hashed here.
   */
  public static RunInputs lockAndRead(Study study, RunInputs previous, EngineReader engine) {
    StudyLock lock = StudyLock.acquire(study);
    try {
      if (study.dataLocation().isPresent() && engine == null) {
        throw new StudybookException("the data " + study.dataLocation().get() + " are read by an engine (run --engine"
            + " spark); the local engine reads one file on this machine");
      }
      RunInputs inputs = read(study, lock, previous, DISK, engine);
      return inputs;
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  static RunInputs read(Study study, StudyLock lock, RunInputs previous, FileReader reader) {
    return read(study, lock, previous, reader, null);
  }

  private static RunInputs read(Study study, StudyLock lock, RunInputs previous, FileReader reader,
      EngineReader engine) {
    Map<Path, Entry> files = new LinkedHashMap<>();
    Map<String, String> hashes = new TreeMap<>();
    Set<Path> read = new LinkedHashSet<>();
    Map<String, List<Part>> parts = new TreeMap<>();
    for (Map.Entry<String, Path> input : study.inputs().entrySet()) {
      Path file = key(input.getValue());
      if (study.dataLocation().isPresent() && file.equals(key(study.data()))) {
        // Hashed where it lies, in full, at every run: no stamp to trust across machines.
        EngineData d = engine.hash(study.dataLocation().get());
        files.put(file, new Entry(d.hash(), null, null));
        hashes.put(input.getKey(), d.hash());
        parts.put(input.getKey(), d.parts());
        read.add(file);
        continue;
      }
      Stamp before = stamp(file);
      Entry was = previous == null || before == null ? null : previous.files.get(file);
      Entry entry;
      Optional<byte[]> opened = file.equals(key(study.dir().resolve(Study.PROPERTIES)))
          ? study.propertiesBytes(before) : Optional.empty();
      if (was != null && before.equals(was.stamp)) {
        entry = new Entry(was.hash, was.stamp, was.bytes);
      } else if (opened.isPresent()) {
        // The settings as Study.open parsed them, unchanged since: hashed from those bytes.
        entry = new Entry(Hashes.of(opened.get()), before, opened.get());
      } else {
        entry = readNow(study, file, before, reader);
        read.add(file);
      }
      files.put(file, entry);
      hashes.put(input.getKey(), entry.hash);
    }
    RunInputs r = new RunInputs(study, lock, files, hashes, read);
    r.parts = Collections.unmodifiableMap(parts);
    return r;
  }

  /**
   * The files of each input an engine read itself ({@link Study#dataLocation()}), by input name, as hashed: what the
   * manifest lists under {@code inputParts}. Empty for a run whose inputs are all files on this machine.
   */
  public Map<String, List<Part>> parts() {
    return parts;
  }

  private static Entry readNow(Study study, Path file, Stamp before, FileReader reader) {
    try {
      if (before != null && before.size() > LARGEST_KEPT) {
        // Hashed as a stream; whoever parses it reads it itself (and InputDigests checks the hash).
        return new Entry(Hashes.ofFile(file), null, null);
      }
      byte[] bytes = reader.read(file);
      Stamp after = stamp(file);
      // A file written while it was read keeps no stamp: the next serve run reads it again.
      return new Entry(Hashes.of(bytes), before != null && before.equals(after) ? before : null, bytes);
    } catch (IOException e) {
      throw new StudybookException(study.display(file) + ": cannot be read: " + studybook.IoProblem.describe(e), e);
    }
  }

  /** What identifies {@code file}'s content without reading it (null when it cannot be read). */
  static Stamp stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
    } catch (IOException e) {
      return null;
    }
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  public Study study() {
    return study;
  }

  /** SHA-256 of every input file ({@link Study#inputs()}), by path relative to the study. */
  public Map<String, String> hashes() {
    return hashes;
  }

  /** The SHA-256 of an input file as this run read it. */
  public String hash(Path file) {
    Entry e = files.get(key(file));
    if (e == null) {
      throw new IllegalArgumentException(file + " is not an input of the study");
    }
    return e.hash;
  }

  /** The input files this run actually read (the others kept an earlier run's hash: unchanged). */
  public Set<Path> read() {
    return read;
  }

  /**
   * The bytes of an input file and their hash, if this run still holds them: what a loader parses
   * instead of opening the file again. Empty for a file too large to hold or an unchanged file whose bytes an
   * earlier run let go (the loader then reads it and the hash it read is checked against {@link #hash}).
   */
  public Optional<studybook.data.InputDigests.Known> known(Path file) {
    Entry e = files.get(key(file));
    if (e == null || e.bytes == null) {
      return Optional.empty();
    }
    Optional<studybook.data.InputDigests.Known> k = Optional.of(new studybook.data.InputDigests.Known(e.bytes, e.hash));
    if (e.bytes.length >= HANDED_OVER && !isSource(file)) {
      // Handed over: the loader parses them and lets go; held here too, a 1 GB file would be in memory twice
      // over the run (the bytes and what was parsed from them). A second reader reads the file, hash checked.
      e.bytes = null;
    }
    return k;
  }

  /**
   * A data file at least this large gives its bytes to the first loader that asks ({@link #known}) and keeps
   * only its hash: the loader parses them and lets them go, so they are not held for the rest of the run.
   */
  static final int HANDED_OVER = 16 << 20;

  /** Whether {@code file} is a script or template, whose bytes the run keeps until it ends. */
  private boolean isSource(Path file) {
    Path f = key(file);
    Path analysis = key(study.dir().resolve(Study.ANALYSIS));
    Path templates = key(study.dir().resolve(Study.TEMPLATES));
    if (f.startsWith(templates) || (f.startsWith(analysis) && f.toString().endsWith(".java"))) {
      return true;
    }
    for (Path s : study.scripts()) {
      if (key(s).equals(f)) {
        return true;
      }
    }
    return false;
  }

  /** Each script's bytes in {@link Study#scripts()} order: what the compiler compiles and hashes. */
  Map<Path, byte[]> scripts() {
    Map<Path, byte[]> m = new LinkedHashMap<>();
    for (Path s : study.scripts()) {
      m.put(s, bytesOf(s));
    }
    return m;
  }

  /** The templates as read here (every file under templates/, by name relative to it). */
  TemplateFiles templates() {
    Path dir = study.dir().resolve(Study.TEMPLATES);
    Map<String, byte[]> m = new TreeMap<>();
    for (Path f : files.keySet()) {
      if (f.startsWith(dir)) {
        m.put(dir.relativize(f).toString().replace('\\', '/'), bytesOf(f));
      }
    }
    return TemplateFiles.of(m);
  }

  private byte[] bytesOf(Path file) {
    Entry e = files.get(key(file));
    if (e != null && e.bytes != null) {
      return e.bytes;
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException ex) {
      throw new StudybookException(study.display(file) + ": cannot be read: " + studybook.IoProblem.describe(ex), ex);
    }
  }

  /** A value parsed from the inputs, made once per run (e.g. the codebook, which the data loader needs too). */
  @SuppressWarnings("unchecked")
  <T> T once(String name, Supplier<T> make) {
    if (!parsed.containsKey(name)) {
      parsed.put(name, make.get());
    }
    return (T) parsed.get(name);
  }

  /**
   * Lets go of the bytes of the data files (everything but scripts and templates), which a run has parsed by
   * now or did not need: an earlier run's inputs kept by {@code serve} hold only their hashes and the small files.
   */
  void releaseData() {
    Path analysis = study.dir().resolve(Study.ANALYSIS);
    Path templates = study.dir().resolve(Study.TEMPLATES);
    Set<Path> scripts = new java.util.HashSet<>();
    study.scripts().forEach(s -> scripts.add(key(s)));
    files.forEach((f, e) -> {
      if (!scripts.contains(f) && !f.startsWith(templates) && !(f.startsWith(analysis) && f.toString().endsWith(".java"))) {
        e.bytes = null;
      }
    });
    parsed.clear();
  }

  /** Releases the study's lock. */
  @Override
  public void close() {
    if (lock != null) {
      lock.close();
    }
  }
}
