package studybook.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import studybook.Names;
import studybook.data.readers.DataReaders;
import studybook.data.readers.ReadOptions;
import studybook.data.readers.SourceFormat;
import studybook.data.readers.SourceTable;

/**
 * Loads the study data typed by the codebook, never by looking at the values: categorical and
 * binary variables become level codes in the codebook's level order (read once, never re-levelled),
 * continuous and integer ones doubles, and an id stays a categorical column whose levels are the ids
 * in file order. The frame's columns follow the codebook's order and carry their codebook entries.
 *
 * <p>Every value is checked (unknown level, not a number, not whole, out of range, missing but
 * required, duplicate id) and so is the header (a column the codebook does not declare, a declared
 * variable the data lack). All problems are reported together, in file order, up to
 * {@link DataException#MAX_PROBLEMS}. Numbers use {@link Numbers}' one syntax, independent of locale.
 */
public final class StudyDataLoader {
  private StudyDataLoader() {}

  /** Reads {@code data} and checks it against {@code codebook}; throws a {@link DataException} listing every problem. */
  public static Frame load(Path data, Codebook codebook) {
    return load(data, codebook, ReadOptions.defaults());
  }

  /**
   * As {@link #load(Path, Codebook)}, reading the file as {@code options} say (format, CSV dialect, sheet):
   * a plain comma-separated UTF-8 file through {@link CsvReader}, any other through its reader in
   * {@link studybook.data.readers}, whose {@link SourceTable} is checked by exactly the same rules.
   */
  public static Frame load(Path data, Codebook codebook, ReadOptions options) {
    if (DataReaders.isPlainCsv(data, options)) {
      return loadCsv(data, codebook);
    }
    if (options.formatOf(data) == SourceFormat.PARQUET) {
      return loadParquet(data, codebook);
    }
    return load(DataReaders.read(data, options), codebook);
  }

  /**
   * A Parquet file: its schema is checked against the codebook first (every column whose Parquet type cannot
   * hold the declared type is one problem, all said together); then it is read into dictionaries as a CSV
   * file is and checked one distinct value at a time, or, when anything is wrong, row by row for the exact
   * report, rows located as "row N" from 1.
   */
  private static Frame loadParquet(Path data, Codebook codebook) {
    Set<String> dates = new HashSet<>();
    for (CodebookVariable v : codebook.variables()) {
      if (v.type() == VariableType.DATE) {
        dates.add(v.name());
      }
    }
    List<studybook.data.readers.SourceColumn> types = new ArrayList<>();
    ParsedCsv parsed = ParsedCsv.ofParquet(data, dates, types::addAll);
    List<DataProblem> wrong = new ArrayList<>();
    for (var c : types) {
      codebook.find(c.name()).flatMap(v -> schemaProblem(data, c, v)).ifPresent(wrong::add);
    }
    if (!wrong.isEmpty()) {
      throw new DataException(wrong.subList(0, Math.min(wrong.size(), DataException.MAX_PROBLEMS)));
    }
    Set<String> nativeDates = new HashSet<>();
    for (var c : types) {
      if (c.kind() == studybook.data.readers.CellKind.DATE) {
        nativeDates.add(c.name());
      }
    }
    Loading fast = new Loading(data, codebook);
    fast.rowWord = "row";
    fast.nativeDates = nativeDates;
    Frame frame = fast.fromDictionaries(parsed);
    if (frame != null) {
      return frame;
    }
    Loading loading = new Loading(data, codebook);
    loading.rowWord = "row";
    loading.nativeDates = nativeDates;
    try {
      loading.header(parsed.header);
      for (int r = 0; r < parsed.rows; r++) {
        loading.record(parsed.lines[r], parsed.row(r));
      }
    } catch (Loading.Full full) {
      throw new DataException(loading.reported());
    }
    return loading.frame();
  }

  /**
   * Why a Parquet column cannot hold what the codebook declares, if it cannot: numbers need a numeric column,
   * dates a DATE or TIMESTAMP column (or text in the declared pattern), levels text, integers or booleans
   * whose true/false are the levels.
   */
  private static java.util.Optional<DataProblem> schemaProblem(Path data, studybook.data.readers.SourceColumn c,
      CodebookVariable v) {
    var kind = c.kind();
    boolean bool = c.format().startsWith("BOOLEAN");
    String why = null;
    String hint = null;
    switch (v.type()) {
      case CONTINUOUS, INTEGER -> {
        if (kind != studybook.data.readers.CellKind.NUMBER) {
          why = "numbers";
          hint = "store it as a number (INT32, INT64, FLOAT, DOUBLE or DECIMAL) where the file is made";
        }
      }
      case DATE -> {
        if (kind == studybook.data.readers.CellKind.NUMBER || bool) {
          why = "dates";
          hint = "store it as a DATE where the file is made";
        }
      }
      case CATEGORICAL, BINARY -> {
        if (kind == studybook.data.readers.CellKind.DATE || kind == studybook.data.readers.CellKind.DATETIME
            || c.format().startsWith("FLOAT") || c.format().startsWith("DOUBLE")) {
          why = "levels";
          hint = "store it as text (or whole-number codes) holding the codebook's levels " + String.join("|", v.levels());
        } else if (bool && !new HashSet<>(v.levels()).equals(Set.of("false", "true"))) {
          why = "levels";
          hint = "recode it to text holding the levels " + String.join("|", v.levels())
              + ", or declare the levels false|true in the codebook";
        }
      }
      case ID -> {
        if (kind == studybook.data.readers.CellKind.DATE || kind == studybook.data.readers.CellKind.DATETIME || bool) {
          why = "identifiers";
          hint = "store it as text or whole numbers";
        }
      }
    }
    if (why == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new DataProblem(data, 0, c.name(), null, "the Parquet column is " + c.format()
        + ", but the codebook declares " + v.type().token() + " (" + why + ")", hint));
  }

  /** Checks a source file already read against {@code codebook}; rows are located in the file's own terms. */
  public static Frame load(SourceTable source, Codebook codebook) {
    Loading loading = new Loading(source.file(), codebook);
    loading.rowWord = source.format().isText() || source.format() == SourceFormat.XLSX ? null : source.rowWord();
    loading.nativeDates = new java.util.HashSet<>();
    for (var c : source.columns()) {
      if (c.kind() == studybook.data.readers.CellKind.DATE) {
        loading.nativeDates.add(c.name());
      }
    }
    try {
      loading.header(source.names());
      for (int r = 0; r < source.rowCount(); r++) {
        loading.record(source.rows()[r], source.row(r));
      }
    } catch (Loading.Full full) {
      throw new DataException(loading.reported());
    }
    return loading.frame();
  }

  private static Frame loadCsv(Path data, Codebook codebook) {
    // The common case, a clean file: every distinct value of a column is checked once (its first row's
    // line) and the rows take the result by their dictionary code; the columns come from the
    // parsed-column cache when these bytes were parsed before. Any problem at all and the file is read
    // again row by row below, so problems are reported exactly as that path reports them, in file order.
    ParsedCsv parsed;
    try {
      parsed = ParsedCsv.read(data);
    } catch (DataException structural) {
      parsed = null;
    }
    if (parsed != null) {
      Frame fast = new Loading(data, codebook).fromDictionaries(parsed);
      if (fast != null) {
        return fast;
      }
    }
    return loadCsvByRows(data, codebook);
  }

  static Frame loadCsvByRows(Path data, Codebook codebook) {
    Loading loading = new Loading(data, codebook);
    try {
      CsvReader.read(data, loading);
    } catch (Loading.Full full) {
      throw new DataException(loading.reported());
    } catch (DataException structural) {
      // A broken record ends the reading; what was found before it still belongs in the report.
      loading.problems.addAll(structural.problems());
      List<DataProblem> reported = loading.reported();
      throw new DataException(reported.subList(0, Math.min(reported.size(), DataException.MAX_PROBLEMS)));
    }
    return loading.frame();
  }

  /** Names longer than this get no "did you mean": edit distance on a runaway header would take quadratic time. */
  private static final int MAX_SUGGESTED_LENGTH = 200;

  private static final class Loading implements CsvReader.RecordHandler {
    /** Stops the reader once enough problems are known. */
    static final class Full extends RuntimeException {
      Full() {
        super(null, null, false, false);
      }
    }

    final Path file;
    final Codebook codebook;
    final List<DataProblem> problems = new ArrayList<>();
    /** The sink of each column of the file, or null for a column the codebook does not declare. */
    Sink[] sinks;
    int[] lines = new int[1024];
    int rows;
    /** What a binary file's rows are called ("case", "observation"); null when rows are lines of the file. */
    String rowWord;
    /** Columns the file stores as dates (written ISO whatever pattern the codebook declares for text files). */
    Set<String> nativeDates = Set.of();

    Loading(Path file, Codebook codebook) {
      this.file = file;
      this.codebook = codebook;
    }

    /**
     * The problems as reported: a column whose unknown values are each near a codebook level that no row
     * holds is a typo in the codebook, not in every row, and is said once, at the codebook's line.
     */
    List<DataProblem> reported() {
      List<DataProblem> out = new ArrayList<>(problems);
      if (sinks == null || codebook == null || codebook.file() == null) {
        return out;
      }
      for (Sink s : sinks) {
        if (!(s instanceof LevelSink ls) || s.variable.line() <= 0) {
          continue;
        }
        // "unknown level" at a line of a text file, "row 3: unknown level" (case, observation) in a binary one
        List<DataProblem> mine = out.stream().filter(p -> ("unknown level".equals(p.message())
            || rowWord != null && p.message().equals(rowWord + " " + p.message().replaceAll("\\D*(\\d+).*", "$1")
                + ": unknown level")) && s.variable.name().equals(p.column())).toList();
        if (mine.size() < 2) {
          continue;
        }
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < ls.levelArray.length; i++) {
          if (ls.used[i] == 0) {
            unused.add(ls.levelArray[i]);
          }
        }
        Map<String, String> fix = new java.util.LinkedHashMap<>();
        boolean all = true;
        for (DataProblem p : mine) {
          if (!fix.containsKey(p.value())) {
            String near = p.value() == null || p.value().length() > MAX_SUGGESTED_LENGTH ? null
                : Names.nearest(p.value(), unused).orElse(null);
            all &= near != null;
            fix.put(p.value(), near);
          }
        }
        if (unused.isEmpty() || !all || new HashSet<>(fix.values()).size() != fix.size()) {
          continue;
        }
        int at = out.indexOf(mine.get(0));
        out.removeAll(mine);
        List<String> pairs = new ArrayList<>();
        fix.forEach((value, level) -> pairs.add("'" + level + "' where the data hold '" + value + "'"));
        boolean capped = problems.size() >= DataException.MAX_PROBLEMS;
        out.add(Math.max(0, Math.min(at, out.size())), new DataProblem(codebook.file(), s.variable.line(),
            s.variable.name(), String.join("|", fix.values()),
            "the codebook declares " + String.join(", ", pairs) + " (" + (capped ? "at least " : "") + mine.size()
                + " rows, the first at " + (rowWord != null ? mine.get(0).message().substring(0,
                    mine.get(0).message().indexOf(':')) : "line " + mine.get(0).line()) + " of "
                + file.getFileName() + "), and no row holds the declared level",
            "correct the level in the codebook (did you mean " + String.join(", ", fix.keySet().stream()
                .map(v -> "'" + v + "'").toList()) + "?)"));
      }
      return out;
    }

    void add(int line, String column, String value, String message, String hint) {
      problems.add(rowWord != null && line > 0
          ? new DataProblem(file, 0, column, value, rowWord + " " + line + ": " + message, hint)
          : new DataProblem(file, line, column, value, message, hint));
      if (problems.size() >= DataException.MAX_PROBLEMS) {
        throw new Full();
      }
    }

    @Override
    public void header(List<String> names) {
      sinks = new Sink[names.size()];
      Set<String> present = new HashSet<>(names);
      for (int c = 0; c < names.size(); c++) {
        String name = names.get(c);
        CodebookVariable v = codebook.find(name).orElse(null);
        if (v == null) {
          String near = name.length() > MAX_SUGGESTED_LENGTH ? null
              : Names.nearest(name, codebook.names()).filter(n -> !present.contains(n)).orElse(null);
          // a header problem: line 1 of a text file; no row of a binary one
          add(rowWord == null ? 1 : 0, name, null, "the column is not declared in the codebook", near != null
              ? "rename it to '" + near + "' or declare it in " + codebook.file()
              : "declare it in " + codebook.file() + " or remove the column");
        } else {
          sinks[c] = switch (v.type()) {
            case ID -> new IdSink(v);
            case CATEGORICAL, BINARY -> new LevelSink(v);
            case CONTINUOUS, INTEGER -> new NumberSink(v);
            case DATE -> new DateSink(v, nativeDates.contains(v.name()) ? DatePattern.ISO : DatePattern.of(v.unit()));
          };
        }
      }
      for (CodebookVariable v : codebook.variables()) {
        if (!present.contains(v.name())) {
          add(rowWord == null ? 1 : 0, v.name(), null, "the codebook declares this variable but the data have no such column",
              "add the column, or remove line " + v.line() + " of " + codebook.file());
        }
      }
    }

    @Override
    public void record(int line, String[] fields) {
      if (rows == lines.length) {
        lines = Arrays.copyOf(lines, rows * 2);
      }
      lines[rows] = line;
      for (int c = 0; c < fields.length; c++) {
        Sink s = sinks[c];
        if (s != null) {
          s.accept(rows, line, fields[c]);
        }
      }
      rows++;
    }

    /**
     * The frame of a parsed file checked one distinct value at a time, or null when anything is wrong
     * (the caller then reads row by row for the exact report).
     */
    Frame fromDictionaries(ParsedCsv parsed) {
      try {
        header(parsed.header);
        if (!problems.isEmpty() || parsed.rows == 0) {
          return null;
        }
        int n = parsed.rows;
        Map<String, int[]> codeColumns = new HashMap<>();
        Map<String, double[]> valueColumns = new HashMap<>();
        Map<String, List<String>> idLevels = new HashMap<>();
        for (int c = 0; c < sinks.length; c++) {
          Sink s = sinks[c];
          if (s == null) {
            continue;
          }
          ColumnDictionary column = parsed.columns[c];
          int m = column.size();
          int[] rowCodes = column.codes();
          // the line of each value's first row: the line a row-by-row check would name
          int[] firstLine = new int[m];
          int[] count = new int[m];
          for (int r = 0; r < n; r++) {
            int e = rowCodes[r];
            if (count[e]++ == 0) {
              firstLine[e] = parsed.lines[r];
            }
          }
          lines = firstLine;
          if (s instanceof IdSink id) {
            id.distinct = true;
          }
          for (int e = 0; e < m; e++) {
            s.accept(e, firstLine[e], column.text(e));
          }
          if (!problems.isEmpty()) {
            return null;
          }
          String name = s.variable.name();
          if (s instanceof IdSink id) {
            for (int e = 0; e < m; e++) {
              if (count[e] > 1 && !id.values[e].isEmpty()) {
                return null;
              }
            }
            // The entries are distinct values in first-seen order, as the ids' order is: the k-th non-missing
            // entry is the k-th id (no index of ten million strings needed).
            int[] entryCode = new int[m];
            int[] present = new int[m];
            int next = 0;
            for (int e = 0; e < m; e++) {
              if (id.values[e].isEmpty()) {
                entryCode[e] = -1;
              } else {
                present[next] = e;
                entryCode[e] = next++;
              }
            }
            codeColumns.put(name, expand(entryCode, rowCodes, n));
            // the ids as the column's bytes, a String made when one is asked for (a message, the cell cache)
            idLevels.put(name, column.textsOf(Arrays.copyOf(present, next)));
          } else if (s instanceof LevelSink level) {
            codeColumns.put(name, expand(level.codes, rowCodes, n));
          } else if (s instanceof NumberSink number) {
            valueColumns.put(name, expand(number.values, rowCodes, n));
          } else if (s instanceof DateSink date) {
            valueColumns.put(name, expand(date.values, rowCodes, n));
          }
        }
        List<String> names = new ArrayList<>();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        Map<String, int[]> codes = new HashMap<>();
        Map<String, double[]> values = new HashMap<>();
        for (CodebookVariable v : codebook.variables()) {
          names.add(v.name());
          if (v.kind() == VariableKind.CATEGORICAL) {
            levels.put(v.name(), idLevels.getOrDefault(v.name(), v.levels()));
            codes.put(v.name(), codeColumns.get(v.name()));
          } else {
            values.put(v.name(), valueColumns.get(v.name()));
          }
        }
        sayPadded();
        return Frame.ofColumns(file, names, levels, codes, values, parsed.lines).withCodebook(codebook);
      } catch (Full full) {
        return null;
      }
    }

    private static int[] expand(int[] byEntry, int[] rowCodes, int n) {
      int[] out = new int[n];
      for (int r = 0; r < n; r++) {
        out[r] = byEntry[rowCodes[r]];
      }
      return out;
    }

    private static double[] expand(double[] byEntry, int[] rowCodes, int n) {
      double[] out = new double[n];
      for (int r = 0; r < n; r++) {
        out[r] = byEntry[rowCodes[r]];
      }
      return out;
    }

    Frame frame() {
      if (rows == 0 && problems.isEmpty()) {
        add(0, null, null, "has a header but no data rows", "add the data below the header");
      }
      if (!problems.isEmpty()) {
        throw new DataException(reported());
      }
      Map<String, Sink> byName = new HashMap<>();
      for (Sink s : sinks) {
        if (s != null) {
          byName.put(s.variable.name(), s);
        }
      }
      // The sinks hold level codes in the codebook's order already: the frame takes them as they are.
      List<String> names = new ArrayList<>();
      Map<String, List<String>> levels = new LinkedHashMap<>();
      Map<String, int[]> codes = new HashMap<>();
      Map<String, double[]> values = new HashMap<>();
      for (CodebookVariable v : codebook.variables()) {
        Sink s = byName.get(v.name());
        names.add(v.name());
        if (v.kind() == VariableKind.CATEGORICAL) {
          levels.put(v.name(), s.levels());
          codes.put(v.name(), s.codes(rows));
        } else {
          values.put(v.name(), s.values(rows));
        }
      }
      sayPadded();
      return Frame.ofColumns(file, names, levels, codes, values, Arrays.copyOf(lines, rows)).withCodebook(codebook);
    }

    /**
     * Says, one line per column, the values read as a level once the blanks around them were dropped
     * (' a' as 'a'): the codebook's levels cannot hold such blanks, R and haven keep them, and a
     * file made elsewhere should still read; so they are read, and said: in the run's log, else on stderr.
     */
    void sayPadded() {
      for (Sink s : sinks) {
        if (s instanceof LevelSink ls && !ls.padded.isEmpty()) {
          List<String> shown = ls.padded.stream().limit(3).map(v -> "'" + v + "'").toList();
          String note = file + ": column '" + s.variable.name() + "': " + String.join(", ", shown)
              + (ls.padded.size() > 3 ? " and " + (ls.padded.size() - 3) + " more" : "")
              + " read as level" + (ls.padded.size() == 1 ? "" : "s") + " without the blanks around them (first at line "
              + ls.firstPaddedLine + ")";
          if (!InputDigests.note(note)) {
            DataReaders.NOTES.get().accept(studybook.TerminalText.safe(note));
          }
        }
      }
    }

    /** The hint for a value that may be a missing marker the codebook does not know. */
    String missingHint(CodebookVariable v, String raw) {
      return "if '" + raw + "' means missing, declare it as a missing token of '" + v.name() + "' in "
          + codebook.file();
    }

    abstract class Sink {
      final CodebookVariable variable;
      final String[] missing;

      Sink(CodebookVariable variable) {
        this.variable = variable;
        this.missing = variable.missingTokens().toArray(new String[0]);
      }

      boolean isMissing(String raw) {
        if (raw.isEmpty()) {
          return true;
        }
        for (String m : missing) {
          if (m.equals(raw)) {
            return true;
          }
        }
        return raw.isBlank();
      }

      /** Records a missing value; complains when the codebook says the variable is required. */
      void missingValue(int line, String raw) {
        if (variable.required()) {
          add(line, variable.name(), raw, "a value is required but missing",
              "fill it in, or set required=no for '" + variable.name() + "' in " + codebook.file());
        }
      }

      abstract void accept(int row, int line, String raw);

      /** The level code of each row (-1 missing), for categorical sinks. */
      int[] codes(int rows) {
        throw new IllegalStateException(variable.name() + " has no levels");
      }

      /** The value of each row (NaN missing), for numeric sinks. */
      double[] values(int rows) {
        throw new IllegalStateException(variable.name() + " is not numeric");
      }

      List<String> levels() {
        throw new IllegalStateException(variable.name() + " has no levels");
      }
    }

    final class LevelSink extends Sink {
      final Map<String, Integer> index = new HashMap<>();
      final String[] levelArray;
      /** Rows seen per declared level: a level no row holds may be the codebook's typo. */
      final int[] used;
      int[] codes = new int[1024];
      /** Values read as a level once the blanks around them were dropped, and the first of them. */
      final Set<String> padded = new java.util.LinkedHashSet<>();
      int firstPaddedLine;

      LevelSink(CodebookVariable v) {
        super(v);
        levelArray = v.levels().toArray(new String[0]);
        used = new int[levelArray.length];
        for (int i = 0; i < levelArray.length; i++) {
          index.put(levelArray[i], i);
        }
      }

      @Override
      void accept(int row, int line, String raw) {
        if (row == codes.length) {
          codes = Arrays.copyOf(codes, row * 2);
        }
        Integer code = index.get(raw);
        if (code == null && !raw.isBlank() && !raw.strip().equals(raw) && (code = index.get(raw.strip())) != null) {
          if (padded.isEmpty()) {
            firstPaddedLine = line;
          }
          padded.add(raw);
        }
        if (code != null) {
          codes[row] = code;
          used[code]++;
          return;
        }
        codes[row] = -1;
        if (isMissing(raw)) {
          missingValue(line, raw);
          return;
        }
        add(line, variable.name(), raw, "unknown level", levelHint(raw));
      }

      private String levelHint(String raw) {
        String allowed = "the levels are " + String.join(", ", variable.levels());
        String trimmed = raw.trim();
        if (!trimmed.equals(raw) && index.containsKey(trimmed)) {
          return "remove the spaces around '" + trimmed + "'";
        }
        if (raw.length() <= MAX_SUGGESTED_LENGTH) {
          String near = Names.nearest(raw, variable.levels()).orElse(null);
          if (near != null) {
            return "did you mean '" + near + "'? (" + allowed + ")";
          }
        }
        return allowed + "; " + missingHint(variable, raw);
      }

      @Override
      int[] codes(int rows) {
        return Arrays.copyOf(codes, rows);
      }

      @Override
      List<String> levels() {
        return variable.levels();
      }
    }

    final class IdSink extends Sink {
      final Set<String> seen = new HashSet<>();
      final List<String> order = new ArrayList<>();
      String[] values = new String[1024];
      /** The values come one per distinct entry of a parsed column (no duplicates possible): none is tracked. */
      boolean distinct;

      IdSink(CodebookVariable v) {
        super(v);
      }

      @Override
      void accept(int row, int line, String raw) {
        if (row == values.length) {
          values = Arrays.copyOf(values, row * 2);
        }
        if (isMissing(raw)) {
          values[row] = "";
          missingValue(line, raw);
          return;
        }
        values[row] = raw;
        if (distinct || seen.add(raw)) {
          order.add(raw);
        } else {
          add(line, variable.name(), raw, "duplicate id, first on line " + firstLine(raw, row),
              "each row needs its own id");
        }
      }

      /** Duplicates are rare, so their first line is searched for rather than stored for every id. */
      private int firstLine(String id, int row) {
        for (int r = 0; r < row; r++) {
          if (id.equals(values[r])) {
            return lines[r];
          }
        }
        return 0;
      }

      @Override
      int[] codes(int rows) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
          index.put(order.get(i), i);
        }
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
          out[r] = values[r] == null || values[r].isEmpty() ? -1 : index.get(values[r]);
        }
        return out;
      }

      @Override
      List<String> levels() {
        return order;
      }
    }

    /** A column of doubles: missing values are NaN, as is a value {@link #parse} refused (and reported). */
    abstract class DoubleSink extends Sink {
      double[] values = new double[1024];

      DoubleSink(CodebookVariable v) {
        super(v);
      }

      @Override
      final void accept(int row, int line, String raw) {
        if (row == values.length) {
          values = Arrays.copyOf(values, row * 2);
        }
        values[row] = Double.NaN;
        if (isMissing(raw)) {
          missingValue(line, raw);
          return;
        }
        values[row] = parse(line, raw);
      }

      /** The value of a present {@code raw}, or NaN after reporting why it is not one. */
      abstract double parse(int line, String raw);

      @Override
      double[] values(int rows) {
        return Arrays.copyOf(values, rows);
      }
    }

    final class DateSink extends DoubleSink {
      final DatePattern pattern;

      DateSink(CodebookVariable v, DatePattern pattern) {
        super(v);
        this.pattern = pattern;
      }

      @Override
      double parse(int line, String raw) {
        var day = pattern.epochDay(raw);
        if (day.isPresent()) {
          return day.getAsLong();
        } else if (pattern.isImpossibleDate(raw)) {
          add(line, variable.name(), raw, "the date does not exist", "fix the day or month (dates are "
              + pattern.pattern() + ")");
        } else {
          add(line, variable.name(), raw, "not a date of the form " + pattern.pattern(), "write the date as "
              + pattern.pattern() + ", declare its pattern in the unit column of '" + variable.name() + "' in "
              + codebook.file() + ", or " + missingHint(variable, raw));
        }
        return Double.NaN;
      }
    }

    final class NumberSink extends DoubleSink {
      final double min;
      final double max;

      NumberSink(CodebookVariable v) {
        super(v);
        min = v.min().orElse(Double.NEGATIVE_INFINITY);
        max = v.max().orElse(Double.POSITIVE_INFINITY);
      }

      @Override
      double parse(int line, String raw) {
        double v = Numbers.parseSimple(raw);
        if (Double.isNaN(v)) {
          String s = raw.trim();
          if (!Numbers.looksNumeric(s)) {
            add(line, variable.name(), raw, "not a number", numberHint(raw, s));
            return Double.NaN;
          }
          v = Numbers.parse(s);
        }
        if (Double.isInfinite(v)) {
          add(line, variable.name(), raw, "the number is beyond the range of a double", "check the value");
          return Double.NaN;
        }
        if (variable.type() == VariableType.INTEGER && v != Math.rint(v)) {
          add(line, variable.name(), raw, "not a whole number", "'" + variable.name()
              + "' is declared integer; fix the value or declare it continuous in " + codebook.file());
          return Double.NaN;
        }
        if (v < min || v > max) {
          add(line, variable.name(), raw, "out of the allowed range " + range(),
              "fix the value, or widen min/max of '" + variable.name() + "' in " + codebook.file());
          return Double.NaN;
        }
        return v;
      }

      private String range() {
        return "[" + (variable.min().isPresent() ? Numbers.show(min) : "-inf") + ", "
            + (variable.max().isPresent() ? Numbers.show(max) : "inf") + "]";
      }

      private String numberHint(String raw, String s) {
        int comma = s.indexOf(',');
        if (comma > 0 && Numbers.looksNumeric(s.replace(",", ""))) {
          boolean thousands = s.length() - s.lastIndexOf(',') == 4 && s.indexOf('.') < 0 || s.indexOf('.') > comma;
          return thousands ? "remove the thousands separator (write " + s.replace(",", "") + ")"
              : "use a decimal point, not a comma (write " + s.replace(',', '.') + ")";
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.contains("nan") || lower.contains("inf")) {
          return "studybook does not accept NaN or infinite values; " + missingHint(variable, raw);
        }
        return "write a plain number such as 12 or 0.5; " + missingHint(variable, raw);
      }
    }
  }
}
