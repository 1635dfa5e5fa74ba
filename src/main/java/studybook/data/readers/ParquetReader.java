package studybook.data.readers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads an Apache Parquet file with Apache parquet-java's column API (parquet-hadoop, without Hadoop's
 * file systems or codecs: the file comes from its bytes, pages are decompressed by aircompressor or the
 * JDK), one row group at a time, into text cells as every other reader writes them ({@link SourceTable}):
 * strings, enums and dictionary-encoded strings as their text; integers, floats, doubles and decimals in
 * studybook's number syntax (a float as the shortest decimal that gives it back, as a CSV export shows it);
 * {@code DATE} as ISO {@code yyyy-MM-dd}, the representation CSV dates get; timestamps as ISO date-times
 * (or as dates, for columns the caller reads as dates, when the time of day is midnight); booleans as
 * {@code true}/{@code false}; nulls as empty (missing) cells. Rows are located as "row N", counted from 1
 * over the whole file.
 *
 * <p>Refused with one error naming the file (and the column or row group): a file that is not Parquet or is
 * truncated or damaged, a nested or repeated column, a legacy INT96 timestamp, a codec other than none,
 * snappy, gzip, zstd and lz4_raw, more rows than one table holds.
 */
public final class ParquetReader {
  private ParquetReader() {}

  /** What the reader hands on: the columns, then every cell of a row group column by column. */
  public interface Sink {
    /** The file's columns (kinds and the Parquet type in {@link SourceColumn#format()}) and its row count. */
    void start(List<SourceColumn> columns, int rows);

    /**
     * One cell of {@code column}, the rows of a column arriving in order: UTF-8 text, no bytes for a null.
     * The array may be reused after the call. Returns a token that {@link #repeat} takes for this text.
     */
    int cell(int column, byte[] text, int from, int to, boolean ascii);

    /** One more cell of {@code column} with the text a token of {@link #cell} stands for. */
    void repeat(int column, int token);
  }

  /** The words of {@link DataReaders}' format name. */
  static final String WHAT = "an Apache Parquet file (.parquet)";

  /** The magic bytes a Parquet file starts and ends with. */
  static boolean isParquet(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'A' && b[2] == 'R' && b[3] == '1';
  }

  /** The bytes of {@code file} (the run's, if it read them), refused as every reader refuses a missing or too large file. */
  public static byte[] bytes(Path file) {
    return DataReaders.bytes(file);
  }

  /** The whole file as text cells (the generic path: {@code data}, {@code new}, a row-by-row check). */
  static SourceTable read(Path file, byte[] bytes) {
    ReadBudget budget = new ReadBudget();
    List<List<SourceColumn>> cols = new ArrayList<>(List.of(List.of()));
    String[][][] cells = {new String[0][]};
    int[][] at = new int[1][];
    List<List<String>> tokens = new ArrayList<>();
    read(file, bytes, Set.of(), new Sink() {
      @Override
      public void start(List<SourceColumn> columns, int rows) {
        if (!budget.take(ReadBudget.times(ReadBudget.times(rows, columns.size()), ReadBudget.CELL_BYTES))) {
          throw new DataException(new DataProblem(file, 0, null, null, "the file holds " + rows + " rows of "
              + columns.size() + " columns, more than the memory budget of one read ("
              + ReadBudget.megabytes(budget.limitBytes()) + ") holds as text cells",
              "read an extract, or raise the budget (STUDYBOOK_JAVA_OPTS=-Dstudybook.readBudget=BYTES)"));
        }
        cols.set(0, columns);
        for (int c = 0; c < columns.size(); c++) {
          tokens.add(new ArrayList<>());
        }
        cells[0] = new String[columns.size()][rows];
        at[0] = new int[columns.size()];
      }

      @Override
      public int cell(int column, byte[] text, int from, int to, boolean ascii) {
        String t = new String(text, from, to - from, StandardCharsets.UTF_8);
        cells[0][column][at[0][column]++] = t;
        tokens.get(column).add(t);
        return tokens.get(column).size() - 1;
      }

      @Override
      public void repeat(int column, int token) {
        cells[0][column][at[0][column]++] = tokens.get(column).get(token);
      }
    });
    int n = cells[0].length == 0 ? 0 : cells[0][0].length;
    int[] rows = new int[n];
    for (int r = 0; r < n; r++) {
      rows[r] = r + 1;
    }
    return new SourceTable(file, SourceFormat.PARQUET, cols.get(0), cells[0], rows, "row");
  }

  /**
   * Reads {@code bytes}, the whole of {@code file}, into {@code sink}, row group by row group.
   *
   * @param asDates columns whose timestamps are written as dates when their time of day is midnight (a
   *     codebook's date variables: pandas writes dates as timestamps)
   */
  public static void read(Path file, byte[] bytes, Set<String> asDates, Sink sink) {
    if (!isParquet(bytes)) {
      java.util.Optional<SourceFormat> seems = DataReaders.sniff(bytes);
      throw new DataException(new DataProblem(file, 0, null, null, "is read as " + WHAT + " but "
          + seems.map(f -> "holds " + DataReaders.describe(f)).orElse("does not start with Parquet's mark 'PAR1'"),
          seems.map(f -> "rename it to ." + f.token() + " or declare data.format=" + f.token())
              .orElse("check that the file is what its name says, or declare data.format")));
    }
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(new Codecs(file, new ReadBudget())).build();
    ParquetFileReader reader;
    try {
      reader = ParquetFileReader.open(new BytesFile(bytes), options);
    } catch (IOException | RuntimeException e) {
      throw new DataException(new DataProblem(file, 0, null, null, "is not a readable Parquet file: "
          + (bytes.length < 12 ? "it has only " + bytes.length + " bytes" : reason(e)),
          "the file is truncated or damaged; write it again"));
    }
    try (reader) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      List<ColumnDescriptor> descriptors = schema.getColumns();
      List<SourceColumn> columns = new ArrayList<>();
      List<Column> readers = new ArrayList<>();
      for (Type field : schema.getFields()) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
          throw new DataException(new DataProblem(file, 0, field.getName(), null, "the column is a nested or repeated"
              + " Parquet field (" + describeNested(field) + "); studybook reads flat tables, one value per row and"
              + " column", "flatten it where the file is made (one column per value), or drop it"));
        }
      }
      for (ColumnDescriptor d : descriptors) {
        Column c = Column.of(file, d, asDates.contains(d.getPath()[0]));
        readers.add(c);
        columns.add(new SourceColumn(d.getPath()[0], "", c.kind, Map.of(), List.of(), c.type));
      }
      long total = reader.getRecordCount();
      if (total > Integer.MAX_VALUE - 8) {
        throw new DataException(new DataProblem(file, 0, null, null, "the file holds " + total + " rows, more than one"
            + " table holds (" + (Integer.MAX_VALUE - 8) + ")", "read an extract"));
      }
      for (org.apache.parquet.hadoop.metadata.BlockMetaData block : reader.getRowGroups()) {
        for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk : block.getColumns()) {
          long start = chunk.getStartingPos();
          long size = chunk.getTotalSize();
          if (start < 0 || size < 0 || start + size > bytes.length || block.getRowCount() < 0) {
            throw new DataException(new DataProblem(file, 0, chunk.getPath().toDotString(), null, "is not a readable"
                + " Parquet file: its footer places a column chunk at bytes " + start + " to " + (start + size)
                + " of a file of " + bytes.length + " bytes", "the file is truncated or damaged; write it again"));
          }
          checkPages(file, bytes, chunk, options.getCodecFactory() instanceof Codecs c ? c.budget().limitBytes() : 0);
        }
      }
      sink.start(columns, (int) total);
      for (int c = 0; c < readers.size(); c++) {
        readers.get(c).sink = sink;
        readers.get(c).index = c;
      }
      org.apache.parquet.io.api.GroupConverter root = new org.apache.parquet.io.api.GroupConverter() {
        @Override
        public org.apache.parquet.io.api.Converter getConverter(int field) {
          return readers.get(field);
        }

        @Override
        public void start() {
          // cells are handed on column by column, not record by record
        }

        @Override
        public void end() {
          // as start
        }
      };
      int groups = reader.getRowGroups().size();
      long first = 1;
      for (int g = 0; g < groups; g++) {
        long n = reader.getRowGroups().get(g).getRowCount();
        String where = "row group " + (g + 1) + " of " + groups + " (rows " + first + " to " + (first + n - 1) + ")";
        PageReadStore pages;
        try {
          pages = reader.readNextRowGroup();
        } catch (DataException e) {
          DataProblem p = e.first();
          throw new DataException(new DataProblem(file, 0, p.column(), null, "cannot be read in " + where + ": "
              + p.message(), p.hint()));
        } catch (IOException | RuntimeException e) {
          throw damaged(file, where, null, e);
        }
        if (pages == null) {
          throw damaged(file, where, null, new IOException("the row group is missing"));
        }
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, root, schema, createdBy);
        for (int c = 0; c < descriptors.size(); c++) {
          Column col = readers.get(c);
          try {
            ColumnReader values = store.getColumnReader(descriptors.get(c));
            if (values.getTotalValueCount() != n) {
              throw new IOException("the column has " + values.getTotalValueCount() + " values for " + n + " rows");
            }
            int max = descriptors.get(c).getMaxDefinitionLevel();
            for (long r = 0; r < n; r++) {
              col.row = first + r;
              if (values.getCurrentDefinitionLevel() < max) {
                col.missing();
              } else {
                values.writeCurrentValueToConverter();
              }
              values.consume();
            }
          } catch (DataException e) {
            throw e;
          } catch (IOException | RuntimeException e) {
            throw damaged(file, where, descriptors.get(c).getPath()[0], e);
          }
        }
        first += n;
      }
      if (first - 1 != total) {
        throw damaged(file, "the footer", null, new IOException("it declares " + total + " rows, the row groups hold "
            + (first - 1)));
      }
    } catch (IOException e) {
      throw damaged(file, "closing the file", null, e);
    }
  }

  /**
   * Checks the page headers of a column chunk before parquet-java reads it, so that a damaged size is refused
   * here rather than allocated: every page must lie inside the file and inflate to at most {@code limit} bytes.
   */
  private static void checkPages(Path file, byte[] bytes, org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk,
      long limit) {
    long pos = chunk.getStartingPos();
    long values = 0;
    String column = chunk.getPath().toDotString();
    while (values < chunk.getValueCount()) {
      ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) pos, bytes.length - (int) pos);
      org.apache.parquet.format.PageHeader h;
      try {
        h = org.apache.parquet.format.Util.readPageHeader(in);
      } catch (IOException | RuntimeException e) {
        throw new DataException(new DataProblem(file, 0, column, null, "is not a readable Parquet file: a page header"
            + " at byte " + pos + " cannot be read (" + reason(e) + ")", "the file is truncated or damaged; write it again"));
      }
      long at = bytes.length - in.available();
      long compressed = h.getCompressed_page_size();
      long inflated = h.getUncompressed_page_size();
      if (compressed < 0 || at + compressed > bytes.length || inflated < 0 || inflated > limit) {
        throw new DataException(new DataProblem(file, 0, column, null, "is not a readable Parquet file: the page at byte "
            + pos + " declares " + compressed + " bytes (" + inflated + " inflated), which the file cannot hold"
            + (inflated > limit ? " or is more than the memory budget of one read (" + ReadBudget.megabytes(limit) + ")"
            : ""), "the file is truncated or damaged; write it again"));
      }
      if (h.isSetData_page_header()) {
        values += h.getData_page_header().getNum_values();
      } else if (h.isSetData_page_header_v2()) {
        values += h.getData_page_header_v2().getNum_values();
      } else if (!h.isSetDictionary_page_header() && !h.isSetIndex_page_header()) {
        throw new DataException(new DataProblem(file, 0, column, null, "is not a readable Parquet file: the page at byte "
            + pos + " is of no known kind", "the file is truncated or damaged; write it again"));
      }
      pos = at + compressed;
    }
  }

  private static String describeNested(Type field) {
    LogicalTypeAnnotation a = field.getLogicalTypeAnnotation();
    return a != null ? a.toString() : field.isPrimitive() ? "repeated" : "group";
  }

  private static DataException damaged(Path file, String where, String column, Exception e) {
    if (e instanceof DataException d) {
      return d;
    }
    return new DataException(new DataProblem(file, 0, column, null, "cannot be read in " + where + ": " + reason(e),
        "the file is truncated or damaged; write it again"));
  }

  /** A library's message, on one line and without a stack trace; the exception's kind when it has none. */
  private static String reason(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /**
   * How one column's values become cell text: parquet-java's converter of the column, told each value (or,
   * for a dictionary-encoded page, each value's dictionary id). The text of a dictionary entry, or of a
   * number seen before, is made once and handed on again by its sink token, so a registry's millions of rows
   * cost one text per distinct value.
   */
  private static final class Column extends org.apache.parquet.io.api.PrimitiveConverter {
    enum Way { TEXT, INT32, INT64, UINT32, UINT64, FLOAT, DOUBLE, DECIMAL_INT, DECIMAL_BYTES, BOOLEAN, DATE, TIMESTAMP }

    /** At most this many numbers per column are remembered by their value. */
    private static final int MEMO = 1 << 16;
    private static final byte[] EMPTY = new byte[0];

    final Way way;
    final CellKind kind;
    final String type;
    final String name;
    final Path file;
    /** Decimal scale. */
    final int scale;
    /** A timestamp's units per second. */
    final long perSecond;
    final boolean asDate;
    /** Whether a decimal's unscaled value is an INT32 (else INT64). */
    private boolean int32;
    /** Where the values go, this column's index there, and the row being read (from 1, for errors). */
    Sink sink;
    int index;
    long row;
    /** The sink's token of each entry of the current dictionary, -1 until the entry is first met. */
    private org.apache.parquet.column.Dictionary dictionary;
    private int[] dictionaryTokens;
    private int nullToken = -1;
    private final it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap memo = new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();

    private Column(Path file, String name, Way way, CellKind kind, String type, int scale, long perSecond, boolean asDate) {
      this.file = file;
      this.name = name;
      this.way = way;
      this.kind = kind;
      this.type = type;
      this.scale = scale;
      this.perSecond = perSecond;
      this.asDate = asDate;
      memo.defaultReturnValue(-1);
    }

    static Column of(Path file, ColumnDescriptor d, boolean asDate) {
      PrimitiveType p = d.getPrimitiveType();
      String name = d.getPath()[0];
      LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
      String type = p.getPrimitiveTypeName().name() + (a == null ? "" : " (" + a + ")");
      if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) {
        boolean bytes = p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
            || p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        Column c = new Column(file, name, bytes ? Way.DECIMAL_BYTES : Way.DECIMAL_INT, CellKind.NUMBER, type,
            dec.getScale(), 0, false);
        c.int32 = p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
        return c;
      }
      if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
        return new Column(file, name, Way.DATE, CellKind.DATE, type, 0, 0, false);
      }
      if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
        long per = switch (ts.getUnit()) {
          case MILLIS -> 1_000L;
          case MICROS -> 1_000_000L;
          case NANOS -> 1_000_000_000L;
        };
        return new Column(file, name, Way.TIMESTAMP, asDate ? CellKind.DATE : CellKind.DATETIME, type, 0, per, asDate);
      }
      if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation
          || a instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation) {
        throw unsupported(file, name, type, "a time of day or an interval", "store it as a number (e.g. minutes)");
      }
      boolean unsigned = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
      return switch (p.getPrimitiveTypeName()) {
        case INT32 -> new Column(file, name, unsigned ? Way.UINT32 : Way.INT32, CellKind.NUMBER, type, 0, 0, false);
        case INT64 -> new Column(file, name, unsigned ? Way.UINT64 : Way.INT64, CellKind.NUMBER, type, 0, 0, false);
        case FLOAT -> new Column(file, name, Way.FLOAT, CellKind.NUMBER, type, 0, 0, false);
        case DOUBLE -> new Column(file, name, Way.DOUBLE, CellKind.NUMBER, type, 0, 0, false);
        case BOOLEAN -> new Column(file, name, Way.BOOLEAN, CellKind.TEXT, type, 0, 0, false);
        case BINARY, FIXED_LEN_BYTE_ARRAY -> new Column(file, name, Way.TEXT, CellKind.TEXT, type, 0, 0, false);
        case INT96 -> throw unsupported(file, name, type, "a legacy INT96 timestamp",
            "write timestamps as TIMESTAMP (in Spark: spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS)");
      };
    }

    private static DataException unsupported(Path file, String name, String type, String what, String hint) {
      return new DataException(new DataProblem(file, 0, name, null, "the column is " + what + " (Parquet " + type
          + "), which studybook does not read", hint));
    }

    /** A null: an empty cell. */
    void missing() {
      if (nullToken < 0) {
        nullToken = sink.cell(index, EMPTY, 0, 0, true);
      } else {
        sink.repeat(index, nullToken);
      }
    }

    @Override
    public boolean hasDictionarySupport() {
      return way != Way.BOOLEAN;
    }

    @Override
    public void setDictionary(org.apache.parquet.column.Dictionary d) {
      dictionary = d;
      dictionaryTokens = new int[d.getMaxId() + 1];
      java.util.Arrays.fill(dictionaryTokens, -1);
    }

    @Override
    public void addValueFromDictionary(int id) {
      int t = dictionaryTokens[id];
      if (t >= 0) {
        sink.repeat(index, t);
        return;
      }
      org.apache.parquet.column.Dictionary d = dictionary;
      switch (way) {
        case TEXT, DECIMAL_BYTES -> addBinary(d.decodeToBinary(id));
        case INT32, UINT32, DATE -> addInt(d.decodeToInt(id));
        case INT64, UINT64, TIMESTAMP -> addLong(d.decodeToLong(id));
        case DECIMAL_INT -> {
          if (int32) {
            addInt(d.decodeToInt(id));
          } else {
            addLong(d.decodeToLong(id));
          }
        }
        case FLOAT -> addFloat(d.decodeToFloat(id));
        case DOUBLE -> addDouble(d.decodeToDouble(id));
        case BOOLEAN -> addBoolean(d.decodeToBoolean(id));
      }
      dictionaryTokens[id] = last;
    }

    /** The token of the last cell handed on. */
    private int last;

    @Override
    public void addInt(int v) {
      keyed(way == Way.UINT32 ? Integer.toUnsignedLong(v) : v);
    }

    @Override
    public void addLong(long v) {
      keyed(v);
    }

    @Override
    public void addDouble(double v) {
      keyed(Double.doubleToRawLongBits(v));
    }

    @Override
    public void addFloat(float f) {
      // the shortest decimal of the float, as a CSV export writes it: 4.3f is 4.3, not 4.300000190734863
      addDouble(Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : f);
    }

    @Override
    public void addBoolean(boolean v) {
      keyed(v ? 1 : 0);
    }

    @Override
    public void addBinary(org.apache.parquet.io.api.Binary b) {
      byte[] bytes = b.getBytesUnsafe();
      if (way == Way.DECIMAL_BYTES) {
        emit(plain(new BigDecimal(new BigInteger(bytes), scale)));
        return;
      }
      boolean ascii = true;
      for (byte x : bytes) {
        if (x < 0) {
          ascii = false;
          break;
        }
      }
      if (!ascii) {
        try {
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
          throw new DataException(new DataProblem(file, 0, name, null, "row " + row + ": the text is not UTF-8"
              + " (Parquet strings are UTF-8)", "write the column as UTF-8 text where the file is made"));
        }
      }
      last = sink.cell(index, bytes, 0, bytes.length, ascii);
    }

    /** A value known by a long (a number, a number's bits, a day, an instant): its text made once. */
    private void keyed(long key) {
      if (remembering) {
        int t = memo.get(key);
        if (t >= 0) {
          sink.repeat(index, t);
          last = t;
          hits++;
          return;
        }
      }
      emit(text(key));
      if (remembering && memo.size() < MEMO) {
        memo.put(key, last);
      } else if (remembering && hits < MEMO) {
        // full, and most values were new: an id or a measurement with as many values as rows
        remembering = false;
        memo.clear();
        memo.trim();
      }
    }

    private boolean remembering = true;
    private long hits;

    private void emit(String text) {
      byte[] t = text.getBytes(StandardCharsets.US_ASCII);
      last = sink.cell(index, t, 0, t.length, true);
    }

    /** The text of a value {@link #keyed} by {@code key}. */
    private String text(long key) {
      try {
        return switch (way) {
          case INT32, INT64, UINT32 -> Long.toString(key);
          case UINT64 -> Long.toUnsignedString(key);
          case DOUBLE, FLOAT -> Cells.number(Double.longBitsToDouble(key));
          case DECIMAL_INT -> plain(BigDecimal.valueOf(key, scale));
          case BOOLEAN -> key == 1 ? "true" : "false";
          case DATE -> Cells.date(key);
          case TIMESTAMP -> timestamp(key);
          case TEXT, DECIMAL_BYTES -> throw new IllegalStateException(way + " is not keyed");
        };
      } catch (Cells.BadValue e) {
        throw Cells.located(file, e, "row", row, name);
      }
    }

    private String timestamp(long v) {
      long seconds = Math.floorDiv(v, perSecond);
      long fraction = Math.floorMod(v, perSecond);
      String s = Cells.dateTime((double) seconds);
      if (fraction != 0) {
        // kept visible: a date variable with a time of day is refused showing it
        return LocalDateTime.ofEpochSecond(seconds, (int) (fraction * (1_000_000_000L / perSecond)), ZoneOffset.UTC)
            .toString();
      }
      return asDate && s.endsWith("T00:00:00") ? s.substring(0, s.length() - "T00:00:00".length()) : s;
    }

    private static String plain(BigDecimal d) {
      String s = d.stripTrailingZeros().toPlainString();
      return s.equals("-0") ? "0" : s;
    }
  }

  /** A Parquet file held in memory (the bytes the run read and hashed once). */
  private record BytesFile(byte[] bytes) implements InputFile {
    @Override
    public long getLength() {
      return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
      Positioned in = new Positioned(bytes);
      return new DelegatingSeekableInputStream(in) {
        @Override
        public long getPos() {
          return in.position();
        }

        @Override
        public void seek(long newPos) throws IOException {
          if (newPos < 0 || newPos > bytes.length) {
            throw new IOException("a seek to byte " + newPos + " past the end of the file (" + bytes.length + " bytes)");
          }
          in.position((int) newPos);
        }
      };
    }
  }

  private static final class Positioned extends ByteArrayInputStream {
    Positioned(byte[] b) {
      super(b);
    }

    int position() {
      return pos;
    }

    void position(int p) {
      pos = p;
    }
  }

  /**
   * Page decompression without Hadoop's codecs: snappy, zstd and lz4_raw by aircompressor (pure Java), gzip
   * by the JDK; any other codec is refused by name.
   */
  private record Codecs(Path file, ReadBudget budget) implements CompressionCodecFactory {
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
      throw new UnsupportedOperationException("studybook reads Parquet files, it does not write them");
    }

    @Override
    public void release() {
      // nothing is pooled
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
      io.airlift.compress.Decompressor d = switch (codec) {
        case UNCOMPRESSED, GZIP -> null;
        case SNAPPY -> new io.airlift.compress.snappy.SnappyDecompressor();
        case ZSTD -> new io.airlift.compress.zstd.ZstdDecompressor();
        case LZ4_RAW -> new io.airlift.compress.lz4.Lz4Decompressor();
        default -> throw new DataException(new DataProblem(file, 0, null, null, "the file is compressed with "
            + codec.name().toLowerCase(Locale.ROOT) + ", a codec studybook does not read (it reads none, snappy, gzip,"
            + " zstd and lz4_raw)", "write it again with snappy or zstd compression"));
      };
      return new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput input, int size) throws IOException {
          if (codec == CompressionCodecName.UNCOMPRESSED) {
            return input;
          }
          if (size < 0 || size > budget.limitBytes()) {
            throw new IOException("a page declares " + size + " bytes uncompressed, more than the memory budget of one"
                + " read (" + ReadBudget.megabytes(budget.limitBytes()) + ")");
          }
          byte[] src = input.toByteArray();
          byte[] out = new byte[size];
          if (codec == CompressionCodecName.GZIP) {
            try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(src))) {
              int n = in.readNBytes(out, 0, size);
              if (n != size || in.read() >= 0) {
                throw new IOException("a gzip page holds other than its declared " + size + " bytes");
              }
            }
            return BytesInput.from(out);
          }
          int n = d.decompress(src, 0, src.length, out, 0, size);
          if (n != size) {
            throw new IOException("a page decompresses to " + n + " bytes, not its declared " + size);
          }
          return BytesInput.from(out);
        }

        @Override
        public void decompress(java.nio.ByteBuffer input, int compressedSize, java.nio.ByteBuffer output,
            int decompressedSize) throws IOException {
          byte[] src = new byte[compressedSize];
          input.get(src);
          output.put(decompress(BytesInput.from(src), decompressedSize).toByteArray());
        }

        @Override
        public void release() {
          // nothing is pooled
        }
      };
    }
  }
}
