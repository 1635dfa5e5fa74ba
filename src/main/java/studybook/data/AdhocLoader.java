package studybook.data;

import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads any CSV file without a codebook, by the conventions of the ad-hoc commands (CONTRACT.md):
 * an empty cell or {@code NA} is missing; a column whose values are all numbers is continuous unless
 * named categorical; any other column is categorical; text levels sort by Unicode code point (R's C
 * locale), levels of a numeric column named categorical sort numerically, and an explicit order
 * overrides both.
 *
 * <p>A column that is mostly numbers but has a stray word is taken as a data error, not silently
 * turned into a categorical variable: the error names the line of the first non-number.
 */
public final class AdhocLoader {
  private AdhocLoader() {}

  /** Text that marks a missing value in a file read without a codebook. */
  public static final Set<String> MISSING_TOKENS = Set.of("", "NA");

  /**
   * @param file the CSV file
   * @param categorical columns to treat as categorical even when they hold numbers
   * @param levelOrders explicit level orders (the first level is the reference); such columns are categorical
   */
  public static Frame load(Path file, Set<String> categorical, Map<String, List<String>> levelOrders) {
    return load(file, categorical, levelOrders, note -> { });
  }

  /**
   * As {@link #load(Path, Set, Map)}, telling {@code notes} how the parsed-column cache was used (one
   * line: hit, miss and stored, or not used).
   */
  public static Frame load(Path file, Set<String> categorical, Map<String, List<String>> levelOrders,
      java.util.function.Consumer<String> notes) {
    ParsedCsv parsed;
    studybook.data.readers.ReadOptions csv = studybook.data.readers.ReadOptions.defaults()
        .withFormat(studybook.data.readers.SourceFormat.CSV);
    if (studybook.data.readers.SourceFormat.fromExtension(file)
        .filter(f -> f == studybook.data.readers.SourceFormat.PARQUET).isPresent()) {
      // a Parquet file: its typed cells as the text a CSV export of it holds (README "Parquet")
      parsed = ParsedCsv.ofParquet(file, Set.of(), columns -> { });
    } else if (studybook.data.readers.DataReaders.isPlainCsv(file, csv)) {
      return loadPlainCsv(file, categorical, levelOrders, notes, ParsedCsv.cache(), true);
    } else {
      // Another dialect (';' or tab, decimal commas, Windows-1252, CR line ends): detected and said by the text reader.
      parsed = ParsedCsv.of(studybook.data.readers.DataReaders.read(file, csv), "column cache not used (CSV dialect)");
      CsvReader.readAndRecord(file);
    }
    notes.accept(parsed.cacheNote);
    return load(file, categorical, levelOrders, parsed);
  }

  /**
   * A plain CSV file through {@code cache} (null: none). A file typed before under the same rules gives its typed
   * frame, whose columns are read as the command asks for them; else the file is parsed (or its parsed entry read),
   * typed, and its typed frame stored ({@link TypedFrames}). Not in a study run (a scope of input digests is open):
   * its manifest and cells read the data as before.
   *
   * @param noted whether the parse's cache note goes to the open scope of input digests (the configured cache)
   */
  static Frame loadPlainCsv(Path file, Set<String> categorical, Map<String, List<String>> levelOrders,
      java.util.function.Consumer<String> notes, studybook.data.columncache.ColumnCache cache, boolean noted) {
    boolean typedFrames = cache != null && !InputDigests.inScope();
    Frame stored = typedFrames ? TypedFrames.read(file, categorical, levelOrders, notes, cache) : null;
    if (stored != null) {
      return stored;
    }
    ParsedCsv parsed = noted ? ParsedCsv.read(file) : ParsedCsv.read(file, java.util.Optional.ofNullable(cache));
    notes.accept(parsed.cacheNote);
    Typed typed = typedFrames && parsed.contentSha256 != null ? new Typed() : null;
    int[] lines = parsed.lines;
    Frame frame = load(file, categorical, levelOrders, parsed, typed);
    if (typed != null) {
      TypedFrames.store(parsed.contentSha256, categorical, levelOrders, typed, lines, notes, cache);
    }
    return frame;
  }

  /** As {@link #load(Path, Set, Map)}, reading any file without quotes in two parts (for tests). */
  static Frame loadInParts(Path file, Set<String> categorical, Map<String, List<String>> levelOrders) {
    return load(file, categorical, levelOrders, ParsedCsv.readInParts(file));
  }

  /** Types a parsed file by the ad-hoc conventions. */
  static Frame load(Path file, Set<String> categorical, Map<String, List<String>> levelOrders,
      ParsedCsv collector) {
    return load(file, categorical, levelOrders, collector, null);
  }

  /**
   * What typing gave, as a typed frame stores it ({@link TypedFrames}): each column (a continuous one as the
   * value of each distinct cell and the cell of each row), and the columns named categorical that type the same
   * when not named (their cells are not all numbers and no more than half are: the rules above make them
   * categorical either way, with the same levels).
   */
  static final class Typed {
    final List<studybook.data.columncache.TypedFile.Column> columns = new ArrayList<>();
    final Set<String> sameUnnamed = new java.util.HashSet<>();
  }

  /** As {@link #load(Path, Set, Map, ParsedCsv)}, telling {@code typed} (when not null) what the typing gave. */
  static Frame load(Path file, Set<String> categorical, Map<String, List<String>> levelOrders,
      ParsedCsv collector, Typed typed) {
    List<String> header = collector.header;
    Map<String, List<String>> declaredOrders = new LinkedHashMap<>();
    levelOrders.forEach((k, v) -> declaredOrders.put(k, v.stream().map(AdhocLoader::text).toList()));
    levelOrders = declaredOrders;
    for (String name : union(categorical, levelOrders.keySet())) {
      if (!header.contains(name)) {
        throw new DataException(new DataProblem(file, 1, name, null, "no such column in the data",
            studybook.Names.nearest(name, header).map(n -> "did you mean '" + n + "'?").orElse(null)));
      }
    }
    int rows = collector.rows;
    if (rows == 0) {
      throw new DataException(new DataProblem(file, 0, null, null, "has a header but no data rows", null));
    }
    int[] lines = collector.lines;
    Map<String, List<String>> levels = new LinkedHashMap<>();
    Map<String, int[]> codes = new java.util.HashMap<>();
    Map<String, double[]> numbers = new java.util.HashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c);
      ColumnDictionary column = collector.columns[c];
      // Let the cells of the finished column go as soon as it is typed.
      collector.columns[c] = null;
      boolean wantCategorical = categorical.contains(name) || levelOrders.containsKey(name);
      Cells cells = new Cells(column);
      if (typed != null && categorical.contains(name) && !levelOrders.containsKey(name)) {
        long[] counts = counts(cells, lines.length);
        if (counts[1] > 0 && counts[0] <= counts[1]) {
          typed.sameUnnamed.add(name);
        }
      }
      if (!wantCategorical && isNumericColumn(file, name, cells, lines)) {
        numbers.put(name, toDoubles(file, name, cells, lines));
        if (typed != null) {
          // a freshly parsed column's codes may be longer than its rows (room to grow)
          int[] rowCells = cells.codes.length == rows ? cells.codes : Arrays.copyOf(cells.codes, rows);
          typed.columns.add(new studybook.data.columncache.TypedFile.Column(name, cells.value, null, rowCells));
        }
      } else {
        String[] distinct = new String[cells.size];
        for (int e = 0; e < distinct.length; e++) {
          // Values that look identical are one level: surrounding spaces dropped, Unicode composed (NFC),
          // so 'male', 'male ' and ' male' (or composed and decomposed é, or 'NA ') never split a group.
          String raw = text(column.text(e));
          distinct[e] = MISSING_TOKENS.contains(raw) ? "" : raw;
        }
        List<String> order = levelOrders.containsKey(name)
            ? checkedOrder(file, name, distinct, cells.codes, lines, levelOrders.get(name))
            : naturalOrder(distinct);
        // dictionary entry -> level code, so no row needs a String of its own
        Map<String, Integer> levelIndex = new java.util.HashMap<>();
        for (int l = 0; l < order.size(); l++) {
          levelIndex.put(order.get(l), l);
        }
        int[] entryLevel = new int[distinct.length];
        for (int e = 0; e < distinct.length; e++) {
          entryLevel[e] = distinct[e].isEmpty() ? -1 : levelIndex.get(distinct[e]);
        }
        int[] levelCodes = new int[rows];
        for (int r = 0; r < rows; r++) {
          levelCodes[r] = entryLevel[cells.codes[r]];
        }
        codes.put(name, levelCodes);
        levels.put(name, order);
        if (typed != null) {
          typed.columns.add(new studybook.data.columncache.TypedFile.Column(name, null, order, levelCodes));
        }
      }
    }
    return Frame.ofColumns(file, header, levels, codes, numbers, lines);
  }

  /** The classes whose code decides how a parsed file is typed: their class files version a typed frame. */
  static Class<?>[] typingClasses() {
    return new Class<?>[] {AdhocLoader.class, Cells.class, Numbers.class};
  }

  /** A text value as a person reads it: stripped of surrounding white space and composed (NFC). */
  static String text(String raw) {
    String t = raw.strip();
    return java.text.Normalizer.isNormalized(t, java.text.Normalizer.Form.NFC) ? t
        : java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFC);
  }

  /** Levels in R's C-locale order, or numerically when every level is a number. */
  public static List<String> naturalOrder(String[] values) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String v : values) {
      if (!v.isEmpty()) {
        distinct.add(v);
      }
    }
    boolean numeric = distinct.stream().allMatch(v -> Numbers.looksNumeric(v.trim()));
    Comparator<String> byCodePoint = AdhocLoader::compareCodePoints;
    Comparator<String> order = numeric
        ? Comparator.<String>comparingDouble(v -> Numbers.parse(v.trim())).thenComparing(byCodePoint)
        : byCodePoint;
    TreeSet<String> sorted = new TreeSet<>(order);
    sorted.addAll(distinct);
    return new ArrayList<>(sorted);
  }

  /** Compares by Unicode code point, as R's C locale does (String.compareTo compares UTF-16 units). */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static List<String> checkedOrder(Path file, String name, String[] distinct, int[] codes, int[] lines,
      List<String> order) {
    Set<String> declared = new LinkedHashSet<>(order);
    if (declared.size() != order.size()) {
      throw new DataException(new DataProblem(file, 1, name, null, "--levels names a level twice: " + order, null));
    }
    boolean[] undeclared = new boolean[distinct.length];
    boolean any = false;
    for (int e = 0; e < distinct.length; e++) {
      undeclared[e] = !distinct[e].isEmpty() && !declared.contains(distinct[e]);
      any |= undeclared[e];
    }
    for (int r = 0; any && r < lines.length; r++) {
      if (undeclared[codes[r]]) {
        throw new DataException(new DataProblem(file, lines[r], name, distinct[codes[r]],
            "value is not among the levels given in --levels " + order, "add it to --levels or mark it missing"));
      }
    }
    return List.copyOf(order);
  }

  /** The number of cells that are numbers and that are text (neither missing nor a number). */
  private static long[] counts(Cells cells, int rows) {
    int[] count = new int[cells.size];
    for (int r = 0; r < rows; r++) {
      count[cells.codes[r]]++;
    }
    long numeric = 0;
    long text = 0;
    for (int e = 0; e < cells.size; e++) {
      if (cells.kind[e] == Cells.NUMBER) {
        numeric += count[e];
      } else if (cells.kind[e] == Cells.TEXT) {
        text += count[e];
      }
    }
    return new long[] {numeric, text};
  }

  private static boolean isNumericColumn(Path file, String name, Cells cells, int[] lines) {
    long[] counts = counts(cells, lines.length);
    long numeric = counts[0];
    long text = counts[1];
    if (text == 0) {
      return true;
    }
    if (numeric > text) {
      int firstText = 0;
      while (cells.kind[cells.codes[firstText]] != Cells.TEXT) {
        firstText++;
      }
      throw new DataException(new DataProblem(file, lines[firstText], name, cells.text(cells.codes[firstText]),
          "non-numeric value in a numeric column (" + numeric + " of " + (numeric + text) + " values are numbers)",
          "fix it, mark it missing (empty or NA), or name the column in --categorical"));
    }
    return false;
  }

  private static double[] toDoubles(Path file, String name, Cells cells, int[] lines) {
    double[] out = new double[lines.length];
    for (int r = 0; r < out.length; r++) {
      int e = cells.codes[r];
      out[r] = cells.value[e];
      if (Double.isInfinite(out[r])) {
        throw new DataException(new DataProblem(file, lines[r], name, cells.text(e),
            "number is beyond the range of a double", null));
      }
    }
    return out;
  }

  /**
   * The distinct values of a column classified once each, as the rules above read a cell: missing
   * (empty, NA or blank), a number (after trimming) with its value, or text.
   */
  private static final class Cells {
    static final byte MISSING = 0;
    static final byte NUMBER = 1;
    static final byte TEXT = 2;
    final ColumnDictionary column;
    final int size;
    final int[] codes;
    final byte[] kind;
    /** The value of each distinct number; NaN for the others. */
    final double[] value;

    Cells(ColumnDictionary column) {
      this.column = column;
      this.size = column.size();
      this.codes = column.codes();
      this.kind = new byte[size];
      this.value = new double[size];
      byte[] b = column.bytes();
      for (int e = 0; e < size; e++) {
        value[e] = Double.NaN;
        if (!column.isAscii(e)) {
          classify(e, column.text(e));
          continue;
        }
        int from = column.start(e);
        int to = from + column.length(e);
        int n = to - from;
        // String.trim drops everything up to U+0020; the reader lets only tab, CR, LF and space through.
        int lo = from;
        int hi = to;
        while (lo < hi && (b[lo] & 0xff) <= ' ') {
          lo++;
        }
        while (hi > lo && (b[hi - 1] & 0xff) <= ' ') {
          hi--;
        }
        if (lo == hi || n == 2 && b[from] == 'N' && b[from + 1] == 'A') {
          kind[e] = MISSING;
        } else if (Numbers.looksNumeric(b, lo, hi)) {
          kind[e] = NUMBER;
          double v = Numbers.parseSimple(b, lo, hi);
          value[e] = Double.isNaN(v) ? Numbers.parse(new String(b, lo, hi - lo, StandardCharsets.ISO_8859_1)) : v;
        } else {
          kind[e] = TEXT;
        }
      }
    }

    private void classify(int e, String v) {
      if (MISSING_TOKENS.contains(v) || v.isBlank()) {
        kind[e] = MISSING;
      } else if (Numbers.looksNumeric(v.trim())) {
        kind[e] = NUMBER;
        value[e] = Numbers.parse(v.trim());
      } else {
        kind[e] = TEXT;
      }
    }

    String text(int e) {
      return column.text(e);
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }
}
