package studybook.data;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import studybook.data.columncache.ColumnCache;
import studybook.data.columncache.ParsedColumn;
import studybook.data.columncache.ParsedTable;

/**
 * A comma-separated file cut into columns, each a code per record into a dictionary of its distinct
 * values ({@link ColumnDictionary}), with the line of every record: what the ad-hoc and the codebook
 * loaders type. A large file is read from the {@link ColumnCache} when the same bytes were parsed
 * before by the same reader, else parsed (in two parts on two cores) and stored there.
 */
final class ParsedCsv {
  final List<String> header;
  final ColumnDictionary[] columns;
  final int[] lines;
  final int rows;
  /** How the column cache was used, one line for logs (e.g. "column cache hit: 33.2 MB in 41 ms ..."). */
  final String cacheNote;
  /**
   * The SHA-256 of the bytes parsed, when the column cache established it (a hash or a trusted record), else
   * null: the key a typed frame of these columns is stored under.
   */
  byte[] contentSha256;

  private ParsedCsv(List<String> header, ColumnDictionary[] columns, int[] lines, int rows, String cacheNote) {
    this.header = header;
    this.columns = columns;
    this.lines = lines;
    this.rows = rows;
    this.cacheNote = cacheNote;
  }

  /** The cache this process uses (null when off), found once. */
  private static final class Configured {
    static final ColumnCache CACHE = ColumnCache.configured(CsvReader.class, ColumnDictionary.class, ParsedCsv.class)
        .orElse(null);
  }

  /** The column cache this process uses, or null when it is off or distrusted ({@link ColumnCache#distrust()}). */
  static ColumnCache cache() {
    return ColumnCache.distrusted() ? null : Configured.CACHE;
  }

  /** Reads {@code file} through the configured column cache; how is noted in the open {@link InputDigests} scope. */
  static ParsedCsv read(Path file) {
    ParsedCsv parsed = read(file, ColumnCache.distrusted() ? Optional.empty() : Optional.ofNullable(Configured.CACHE));
    if (!parsed.cacheNote.contains("not used") && !parsed.cacheNote.endsWith("off")) {
      InputDigests.note(parsed.cacheNote);
    }
    return parsed;
  }

  /**
   * Reads {@code file} through {@code cache} (empty: parse it). When the cache has a record of this path's
   * SHA-256 under the same stat (size, mtime, ctime, inode, device) made well after the file last changed,
   * the entry of that hash is read without hashing the file ({@link ColumnCache#remembered}: git's rule for a
   * clean file). When it has one with the same size and mtime only, the file is hashed on one core while the
   * entry it names is read on the other, and the entry is used only if the hashes agree. Otherwise the file
   * is read, hashed and looked up, and parsed on a miss. Every full hash renews the record.
   */
  static ParsedCsv read(Path file, Optional<ColumnCache> cache) {
    ColumnCache.Lookup brokenHint = null;
    // Bytes the run already read and hashed are parsed as they are: no hint, no second read of the file.
    Optional<InputDigests.Known> knownInput = InputDigests.known(file);
    byte[] bytes = knownInput.map(InputDigests.Known::bytes).orElse(null);
    boolean known = bytes != null;
    if (cache.isPresent() && !known) {
      ColumnCache.Lookup[] broken = new ColumnCache.Lookup[1];
      ParsedCsv hinted = readHinted(file, cache.get(), broken);
      if (hinted != null) {
        return hinted;
      }
      brokenHint = broken[0];
    }
    // The stat before the bytes are read: a record pairs a stat with the hash of bytes read after it.
    ColumnCache.FileStat stat = known ? null : ColumnCache.FileStat.of(file);
    if (!known) {
      bytes = CsvReader.readBytes(file);
    }
    if (cache.isEmpty() || !cache.get().wants(bytes.length)) {
      if (!known) {
        InputDigests.record(file, bytes);
      }
      return parse(file, bytes, cache.isEmpty() ? "column cache off" : "column cache not used (small file)");
    }
    // The run's own hash of these bytes when it has one: the data file is hashed once per run.
    byte[] sha = known ? HexFormat.of().parseHex(knownInput.get().sha256()) : sha256(bytes);
    InputDigests.recordDigest(file, HexFormat.of().formatHex(sha));
    ColumnCache.Lookup found = cache.get().read(sha);
    if (found.outcome() == ColumnCache.Outcome.MISS && brokenHint != null && brokenHint.entry().equals(found.entry())) {
      // the hinted read found this very entry broken (and removed it): say so
      found = brokenHint;
    }
    if (found.outcome() == ColumnCache.Outcome.HIT) {
      rememberIfUnchanged(cache.get(), file, stat, sha, found.verifiedEntry());
      return fromCache(found, "", sha);
    }
    long t0 = System.nanoTime();
    ParsedCsv parsed = parse(file, bytes, null);
    bytes = null;
    List<ParsedColumn> out = new ArrayList<>(parsed.columns.length);
    for (ColumnDictionary c : parsed.columns) {
      out.add(c.export());
    }
    long size = cache.get().write(sha, new ParsedTable(parsed.header, out, parsed.lines));
    if (size >= 0) {
      rememberIfUnchanged(cache.get(), file, stat, sha, null);
    }
    String note = String.format(Locale.ROOT, "column cache %s%s: parsed in %d ms, %s", found.outcome().word(),
        found.why() == null ? "" : " (" + found.why() + ")", (System.nanoTime() - t0) / 1_000_000,
        size < 0 ? "could not write " + found.entry() : String.format(Locale.ROOT, "stored %s (%.1f MB)", found.entry(),
            size / 1e6));
    ParsedCsv result = new ParsedCsv(parsed.header, parsed.columns, parsed.lines, parsed.rows, note);
    result.contentSha256 = size >= 0 ? sha : null;
    return result;
  }

  /** The recorded paths of {@link #read(Path, Optional)}, or null when there is no record or it did not hold. */
  private static ParsedCsv readHinted(Path file, ColumnCache cache, ColumnCache.Lookup[] broken) {
    ColumnCache.FileStat stat = ColumnCache.FileStat.of(file);
    if (stat == null || !cache.wants(stat.size())) {
      return null;
    }
    Optional<ColumnCache.Remembered> record = cache.remembered(file, stat);
    if (record.isEmpty()) {
      return null;
    }
    byte[] expected = record.get().sha256();
    if (record.get().trusted()) {
      ColumnCache.Lookup found = cache.read(expected, record.get());
      if (found.outcome() == ColumnCache.Outcome.CORRUPT) {
        broken[0] = found;
      }
      if (found.outcome() != ColumnCache.Outcome.HIT) {
        return null;
      }
      InputDigests.recordDigest(file, HexFormat.of().formatHex(expected));
      if (found.verifiedEntry() != null && stat.equals(ColumnCache.FileStat.of(file))) {
        // the entry's MAC was checked: its stat joins the record, which keeps the time of its hash
        cache.remember(file, stat, expected, found.verifiedEntry(), record.get().recordedAtNanos());
      }
      return fromCache(found, ", file unchanged since hashed (size, mtime, ctime, inode)"
          + (found.macSkipped() ? ", entry unchanged since checked" : ""), expected);
    }
    java.util.concurrent.CompletableFuture<byte[]> hashing =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> streamSha256(file));
    ColumnCache.Lookup found = cache.read(expected);
    if (found.outcome() == ColumnCache.Outcome.CORRUPT) {
      broken[0] = found;
    }
    byte[] actual;
    try {
      actual = hashing.join();
    } catch (java.util.concurrent.CompletionException e) {
      return null;
    }
    if (actual == null || found.outcome() != ColumnCache.Outcome.HIT || !Arrays.equals(actual, expected)) {
      return null;
    }
    InputDigests.recordDigest(file, HexFormat.of().formatHex(actual));
    // hashed in full now: a record made too soon after the file changed is renewed (trusted from now on)
    rememberIfUnchanged(cache, file, stat, actual, found.verifiedEntry());
    return fromCache(found, ", hashed alongside", actual);
  }

  private static ParsedCsv fromCache(ColumnCache.Lookup found, String how, byte[] sha) {
    ParsedTable t = found.table();
    ColumnDictionary[] columns = new ColumnDictionary[t.columns().size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = ColumnDictionary.of(t.columns().get(c));
    }
    ParsedCsv out = new ParsedCsv(t.names(), columns, t.lines(), t.rows(), String.format(Locale.ROOT,
        "column cache hit: %s (%.1f MB) read in %d ms%s", found.entry(), found.bytes() / 1e6, found.millis(), how));
    out.contentSha256 = sha;
    return out;
  }

  /** Records the hash for the stat taken before reading, if the file still has that stat. */
  private static void rememberIfUnchanged(ColumnCache cache, Path file, ColumnCache.FileStat before, byte[] sha,
      ColumnCache.FileStat verifiedEntry) {
    if (before != null && before.equals(ColumnCache.FileStat.of(file))) {
      cache.remember(file, before, sha, verifiedEntry);
    }
  }

  /** The SHA-256 of the file's bytes read in 1 MiB pieces, or null when it cannot be read. */
  private static byte[] streamSha256(Path file) {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 20);
      while (ch.read(buf) >= 0) {
        buf.flip();
        md.update(buf.array(), 0, buf.limit());
        buf.clear();
      }
      return md.digest();
    } catch (java.io.IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static ParsedCsv parse(Path file, byte[] bytes, String note) {
    List<CsvReader.Part<Collector>> parts = CsvReader.readFieldsInParts(file, bytes, Collector::new,
        CsvReader.partBytes());
    return merge(parts, note);
  }

  /** Reads any file without quotes in two parts (for tests), without the cache. */
  static ParsedCsv readInParts(Path file) {
    byte[] bytes = CsvReader.readBytes(file);
    InputDigests.record(file, bytes);
    return merge(CsvReader.readFieldsInParts(file, bytes, Collector::new, 0), "column cache off");
  }

  private static ParsedCsv merge(List<CsvReader.Part<Collector>> parts, String note) {
    Collector collector = parts.get(0).sink();
    for (CsvReader.Part<Collector> later : parts.subList(1, parts.size())) {
      collector.append(later.sink(), later.lineOffset());
    }
    return new ParsedCsv(collector.header, collector.columns, Arrays.copyOf(collector.lines, collector.rows),
        collector.rows, note);
  }

  /**
   * The cells of a table another reader read (a CSV file in another dialect than plain comma-separated
   * UTF-8), as the same columns of dictionary codes, so the loaders type it exactly as a plain file.
   */
  static ParsedCsv of(studybook.data.readers.SourceTable t, String note) {
    int n = t.rowCount();
    ColumnDictionary[] columns = new ColumnDictionary[t.columns().size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = new ColumnDictionary(n);
      for (int r = 0; r < n; r++) {
        String v = t.cells()[c][r];
        byte[] b = (v == null ? "" : v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean ascii = true;
        for (byte x : b) {
          ascii &= x >= 0;
        }
        columns[c].add(b, 0, b.length, ascii);
      }
    }
    return new ParsedCsv(List.copyOf(t.names()), columns, t.rows().clone(), n, note);
  }

  /**
   * A Parquet file read row group by row group into the same columns of dictionary codes, so the loaders
   * type it exactly as a CSV file with the same cells; rows are numbered from 1. The bytes are those the
   * run read and hashed already, or read (and hashed) here once. Not kept in the column cache, as no binary
   * format is: Parquet's columns decode faster than they would hash.
   *
   * @param asDates columns whose midnight timestamps are read as dates (the codebook's date variables)
   * @param types receives the file's columns, with their kinds and Parquet types
   */
  static ParsedCsv ofParquet(Path file, java.util.Set<String> asDates,
      java.util.function.Consumer<List<studybook.data.readers.SourceColumn>> types) {
    Optional<byte[]> known = InputDigests.knownBytes(file);
    byte[] bytes = known.orElseGet(() -> studybook.data.readers.ParquetReader.bytes(file));
    if (known.isEmpty()) {
      InputDigests.record(file, bytes);
    }
    ColumnDictionary[][] columns = new ColumnDictionary[1][];
    List<String> header = new ArrayList<>();
    int[] total = new int[1];
    studybook.data.readers.ParquetReader.read(file, bytes, asDates, new studybook.data.readers.ParquetReader.Sink() {
      @Override
      public void start(List<studybook.data.readers.SourceColumn> cols, int rows) {
        types.accept(cols);
        total[0] = rows;
        columns[0] = new ColumnDictionary[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
          header.add(cols.get(c).name());
          columns[0][c] = new ColumnDictionary(rows);
        }
      }

      @Override
      public int cell(int column, byte[] text, int from, int to, boolean ascii) {
        return columns[0][column].addEntry(text, from, to, ascii);
      }

      @Override
      public void repeat(int column, int token) {
        columns[0][column].repeat(token);
      }
    });
    int[] lines = new int[total[0]];
    for (int r = 0; r < lines.length; r++) {
      lines[r] = r + 1;
    }
    return new ParsedCsv(List.copyOf(header), columns[0], lines, lines.length, "column cache not used (Parquet)");
  }

  /** The cells of row {@code r} as text (a row-by-row check of a file read into dictionaries). */
  String[] row(int r) {
    String[] out = new String[columns.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = columns[c].text(columns[c].codes()[r]);
    }
    return out;
  }

  /** SHA-256 digests of whole files' bytes made by this reader (a test counts them: a run hashes its data once). */
  static final java.util.concurrent.atomic.AtomicLong HASHES = new java.util.concurrent.atomic.AtomicLong();

  static byte[] sha256(byte[] bytes) {
    HASHES.incrementAndGet();
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Keeps every column as codes into a dictionary of its distinct values, and the line of every record. */
  private static final class Collector implements CsvReader.FieldSink {
    List<String> header;
    ColumnDictionary[] columns;
    int[] lines;
    int rows;

    @Override
    public void header(List<String> names, int expectedRecords) {
      header = names;
      lines = new int[Math.max(expectedRecords, 16)];
      columns = new ColumnDictionary[names.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = new ColumnDictionary(expectedRecords);
      }
    }

    @Override
    public boolean field(int column, byte[] src, int from, int to, boolean ascii) {
      return columns[column].add(src, from, to, ascii);
    }

    void append(Collector later, int lineOffset) {
      for (int c = 0; c < columns.length; c++) {
        columns[c].append(later.columns[c]);
      }
      if (rows + later.rows > lines.length) {
        lines = Arrays.copyOf(lines, rows + later.rows);
      }
      for (int r = 0; r < later.rows; r++) {
        lines[rows++] = later.lines[r] + lineOffset;
      }
    }

    @Override
    public void endRecord(int line) {
      if (rows == lines.length) {
        lines = Arrays.copyOf(lines, rows * 2);
      }
      lines[rows++] = line;
    }
  }
}
