package studybook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import studybook.StudybookException;
import studybook.data.Frame;
import studybook.tables.Tabular;

/**
 * Turns any cell result into JSON with a stable shape: records by their components in declaration
 * order, maps in their own order when they have one (else sorted by key), numbers at full double
 * precision. Two modes: the published one (results.json; NaN and infinities as null, aggregates only: a
 * Frame as its rows, column names and kinds and level counts, a {@link studybook.RowLevel} component as
 * its size and hash) and the hashing one (NaN spelled out, a Frame with every value), so that an output hash
 * changes exactly when the result does.
 *
 * <p>{@link #hash} streams: a Frame's values go from its primitive columns through a Jackson generator
 * into SHA-256, so no JSON tree or string of a million-row frame is ever built (that tree was 27 s and
 * 4 GB of a 1M-row study run). The bytes hashed are those of the tree form ({@link #forHash}), which
 * a test holds them to, so recorded output hashes do not change.
 */
public final class ResultJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper FALLBACK = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();
  private static final int MAX_DEPTH = 64;

  private ResultJson() {}

  /** What a conversion is for. */
  private enum Mode {
    /** results.json: NaN as null, a Frame as its shape. */
    PUBLISHED,
    /** The hashing form as a tree, every frame value a node. */
    HASHED,
    /** The hashing form with each Frame a node that streams its values when written. */
    HASHED_STREAMED;

    boolean full() {
      return this != PUBLISHED;
    }
  }

  /** The JSON written to results.json. */
  public static JsonNode published(Object value) {
    return convert(value, Mode.PUBLISHED, 0);
  }

  /** The JSON an output hash is taken of, as a tree (a million-row frame makes a very large one: tests and small values only). */
  static JsonNode forHash(Object value) {
    return convert(value, Mode.HASHED, 0);
  }

  /**
   * SHA-256 of the UTF-8 bytes of the hashing JSON of {@code value} ({@link #forHash}), streamed. The JSON
   * goes through Jackson's character generator and a UTF-8 encoder, as the string it used to be built
   * as did: Jackson's byte generator (2.17) writes a character beyond U+FFFF as two 3-byte halves.
   */
  public static String hash(Object value) {
    JsonNode tree = convert(value, Mode.HASHED_STREAMED, 0);
    java.security.MessageDigest md = Hashes.sha256();
    java.security.MessageDigest outer = DIGEST.get();
    DIGEST.set(md);
    try (java.io.Writer out = new java.io.OutputStreamWriter(
        new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), md),
        java.nio.charset.StandardCharsets.UTF_8)) {
      FALLBACK.writeValue(out, tree);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } finally {
      DIGEST.set(outer);
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  /** SHA-256 of the hashing JSON built as a tree and written as one string: the reference {@link #hash} must equal. */
  static String treeHash(Object value) {
    try {
      return Hashes.of(FALLBACK.writeValueAsString(forHash(value)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode convert(Object v, Mode mode, int depth) {
    boolean full = mode.full();
    if (depth > MAX_DEPTH) {
      throw new StudybookException("a result nests deeper than " + MAX_DEPTH + " levels (a cycle?); return plain records");
    }
    int d = depth + 1;
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof Double || v instanceof Float) {
      double x = ((Number) v).doubleValue();
      if (Double.isFinite(x)) {
        return NODES.numberNode(x);
      }
      return full ? NODES.textNode(Double.toString(x)) : NODES.nullNode();
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return NODES.numberNode(b);
    }
    if (v instanceof BigDecimal b) {
      return NODES.numberNode(b);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return NODES.textNode(v.toString());
    }
    if (v instanceof Enum<?> e) {
      return NODES.textNode(e.name());
    }
    if (v instanceof Optional<?> o) {
      return o.isPresent() ? convert(o.get(), mode, d) : NODES.nullNode();
    }
    if (v instanceof OptionalDouble o) {
      return o.isPresent() ? convert(o.getAsDouble(), mode, d) : NODES.nullNode();
    }
    if (v instanceof OptionalInt o) {
      return o.isPresent() ? NODES.numberNode((long) o.getAsInt()) : NODES.nullNode();
    }
    if (v instanceof OptionalLong o) {
      return o.isPresent() ? NODES.numberNode(o.getAsLong()) : NODES.nullNode();
    }
    if (v instanceof Frame f) {
      if (f.plan().isPresent()) {
        // Rows on another engine: hashed by its plan (the data's hash and every step), shown by its summary.
        return mode == Mode.HASHED_STREAMED ? NODES.textNode("plan:" + f.plan().get().identity()) : frame(f, false);
      }
      return mode == Mode.HASHED_STREAMED ? NODES.pojoNode(new StreamedFrame(f)) : frame(f, full);
    }
    if (v.getClass().isRecord()) {
      ObjectNode o = NODES.objectNode();
      for (RecordComponent c : v.getClass().getRecordComponents()) {
        Object component;
        try {
          c.getAccessor().setAccessible(true);
          component = c.getAccessor().invoke(v);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
          throw new StudybookException("cannot read " + v.getClass().getSimpleName() + "." + c.getName() + ": " + e);
        }
        boolean rowLevel = c.isAnnotationPresent(studybook.RowLevel.class)
            || c.getAccessor().isAnnotationPresent(studybook.RowLevel.class);
        o.set(c.getName(), rowLevel && !full ? rowLevelSummary(component) : convert(component, mode, d));
      }
      return o;
    }
    if (v instanceof Tabular t) {
      ObjectNode o = NODES.objectNode();
      o.put("table", t.tableName());
      o.set("columns", convert(t.columns(), mode, d));
      o.set("rows", convert(t.rows(), mode, d));
      return o;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      Map<String, Object> entries = new LinkedHashMap<>();
      m.forEach((k, x) -> entries.put(String.valueOf(k), x));
      List<String> keys = new ArrayList<>(entries.keySet());
      if (!(m instanceof LinkedHashMap || m instanceof SortedMap)) {
        keys.sort(null);
      }
      for (String k : keys) {
        o.set(k, convert(entries.get(k), mode, d));
      }
      return o;
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode();
      List<JsonNode> items = new ArrayList<>();
      for (Object x : c) {
        items.add(convert(x, mode, d));
      }
      if (c instanceof java.util.Set && !(c instanceof LinkedHashSet || c instanceof SortedSet)) {
        items.sort((x, y) -> x.toString().compareTo(y.toString()));
      }
      items.forEach(a::add);
      return a;
    }
    if (v.getClass().isArray()) {
      ArrayNode a = NODES.arrayNode();
      int n = Array.getLength(v);
      for (int i = 0; i < n; i++) {
        a.add(convert(Array.get(v, i), mode, d));
      }
      return a;
    }
    try {
      return FALLBACK.valueToTree(v);
    } catch (IllegalArgumentException e) {
      throw new StudybookException("a result of type " + v.getClass().getName()
          + " cannot be written as JSON; return a record, a collection or a number (" + e.getMessage() + ")");
    }
  }

  /**
   * A per-patient component as results.json holds it: how many values and their hash, never the
   * values (which would put every patient's follow-up, status or group in a file authors commit).
   */
  private static JsonNode rowLevelSummary(Object component) {
    ObjectNode o = NODES.objectNode();
    o.put("rowLevel", true);
    if (component == null) {
      o.putNull("rows");
      return o;
    }
    int rows = component.getClass().isArray() ? Array.getLength(component)
        : component instanceof Collection<?> c ? c.size() : 1;
    o.put("rows", rows);
    o.put("hash", hash(component));
    return o;
  }

  private static JsonNode frame(Frame f, boolean full) {
    // Read through the frame's own columns, not f.table(): building a Tablesaw Table only to print it
    // would cost every run its class-path scan.
    ObjectNode o = NODES.objectNode();
    o.put("rows", f.rowCount());
    ArrayNode columns = o.putArray("columns");
    for (String name : f.columnNames()) {
      ObjectNode c = columns.addObject();
      c.put("name", name);
      boolean categorical = f.kind(name) == studybook.data.VariableKind.CATEGORICAL;
      c.put("kind", categorical ? "categorical" : "continuous");
      if (categorical && full) {
        ArrayNode lv = c.putArray("levels");
        f.levels(name).forEach(lv::add);
      } else if (categorical) {
        // published: how many levels, not which (an id column's levels are its patients)
        c.put("levels", f.levels(name).size());
      }
      if (full) {
        // The column's codebook entry travels with it: a cached frame must keep its labels.
        studybook.data.CodebookVariable meta = f.variable(name);
        ObjectNode m = c.putObject("variable");
        m.put("label", meta.label());
        m.put("type", meta.type().token());
        ArrayNode ll = m.putArray("levelLabels");
        meta.levelLabels().forEach(ll::add);
        m.put("unit", meta.unit());
        m.put("summary", meta.summary().token());
        m.put("description", meta.description());
        ArrayNode values = c.putArray("values");
        if (categorical) {
          List<String> levels = f.levels(name);
          for (int code : f.codes(name)) {
            values.add(code < 0 ? "" : levels.get(code));
          }
        } else {
          for (double v : f.values(name)) {
            values.add(convert(v, Mode.HASHED, 0));
          }
        }
      }
    }
    if (full) {
      ArrayNode filters = o.putArray("filters");
      for (studybook.data.FilterStep step : f.filters()) {
        ObjectNode fs = filters.addObject();
        fs.put("condition", step.condition());
        fs.put("before", step.before());
        fs.put("kept", step.kept());
        fs.put("droppedFalse", step.droppedFalse());
        fs.put("droppedMissing", step.droppedMissing());
      }
      ArrayNode lines = o.putArray("lines");
      for (int line : f.lines()) {
        lines.add(line);
      }
    }
    return o;
  }

  /**
   * A frame in its hashing form, written from its columns when the tree holding it is serialised:
   * exactly the characters Jackson writes for {@link #frame(Frame, boolean)} with every value (compact,
   * fields in that order, strings escaped by Jackson's own encoder, numbers as Double.toString and
   * Integer.toString do), put together here by hand because a generator call per value was most of the
   * hash's time. The text is made as UTF-8 bytes (what the hash's writer encodes the characters to) and
   * goes straight into {@link #hash}'s digest once the generator has flushed what came before it (the
   * generator, its character buffer and the UTF-8 encoder were most of the rest). Each level's quoted text is made once
   * per column, not once per row, except in a column of very many levels (an id column).
   */
  private record StreamedFrame(Frame f) implements com.fasterxml.jackson.databind.JsonSerializable {
    private static final int FLUSH = 1 << 16;
    private static final int MEMO = 1 << 12;
    /** Above this many levels a column's quoted levels are not made up front. */
    private static final int MANY_LEVELS = 1 << 16;
    private static final byte[] EMPTY_STRING = {'"', '"'};

    @Override
    public void serialize(com.fasterxml.jackson.core.JsonGenerator g,
        com.fasterxml.jackson.databind.SerializerProvider p) throws java.io.IOException {
      g.writeRawValue(""); // the separator before this value, as the generator would write it
      java.security.MessageDigest digest = DIGEST.get();
      if (digest == null) {
        throw new IllegalStateException("a streamed frame is written by ResultJson.hash only");
      }
      g.flush(); // everything before this frame reaches the digest first
      Out out = new Out(digest);
      out.ascii("{\"rows\":").integer(f.rowCount()).ascii(",\"columns\":[");
      boolean firstColumn = true;
      for (String name : f.columnNames()) {
        out.ascii(firstColumn ? "{" : ",{");
        firstColumn = false;
        out.ascii("\"name\":").quoted(name);
        boolean categorical = f.kind(name) == studybook.data.VariableKind.CATEGORICAL;
        out.ascii(",\"kind\":").ascii(categorical ? "\"categorical\"" : "\"continuous\"");
        List<String> levels = categorical ? f.levels(name) : List.of();
        if (categorical) {
          out.ascii(",\"levels\":");
          out.array(levels);
        }
        studybook.data.CodebookVariable meta = f.variable(name);
        out.ascii(",\"variable\":{\"label\":").quoted(meta.label())
            .ascii(",\"type\":").quoted(meta.type().token())
            .ascii(",\"levelLabels\":");
        out.array(meta.levelLabels());
        out.ascii(",\"unit\":").quoted(meta.unit())
            .ascii(",\"summary\":").quoted(meta.summary().token())
            .ascii(",\"description\":").quoted(meta.description())
            .ascii("},\"values\":[");
        if (categorical && levels.size() > MANY_LEVELS) {
          // An id column: as many levels as rows, each written about once; quoting them all up front
          // would hold the text of every level (10M in a registry) for the length of the column.
          int[] codes = f.codes(name);
          for (int r = 0; r < codes.length; r++) {
            if (r > 0) {
              out.put((byte) ',');
            }
            if (codes[r] < 0) {
              out.put(EMPTY_STRING);
            } else {
              out.quoted(levels.get(codes[r]));
            }
          }
        } else if (categorical) {
          byte[][] text = new byte[levels.size() + 1][];
          text[0] = EMPTY_STRING;
          for (int i = 0; i < levels.size(); i++) {
            text[i + 1] = quotedBytes(levels.get(i));
          }
          int[] codes = f.codes(name);
          for (int r = 0; r < codes.length; r++) {
            if (r > 0) {
              out.put((byte) ',');
            }
            out.put(text[codes[r] + 1]);
          }
        } else {
          double[] values = f.values(name);
          // Registry columns repeat few values (ages, sizes to 0.1 mm): a small direct-mapped memo of
          // each value's text saves most Double.toString calls, the slowest step, and changes no character.
          long[] memoBits = new long[MEMO];
          byte[][] memoText = new byte[MEMO][];
          for (int r = 0; r < values.length; r++) {
            if (r > 0) {
              out.put((byte) ',');
            }
            double x = values[r];
            long bits = Double.doubleToRawLongBits(x);
            int slot = (int) ((bits ^ (bits >>> 29) ^ (bits >>> 47)) & (MEMO - 1));
            byte[] text = memoText[slot];
            if (text == null || memoBits[slot] != bits) {
              text = Double.isFinite(x) ? Double.toString(x).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)
                  : quotedBytes(Double.toString(x));
              memoText[slot] = text;
              memoBits[slot] = bits;
            }
            out.put(text);
          }
        }
        out.ascii("]}");
      }
      out.ascii("],\"filters\":[");
      boolean firstStep = true;
      for (studybook.data.FilterStep step : f.filters()) {
        out.ascii(firstStep ? "{" : ",{");
        firstStep = false;
        out.ascii("\"condition\":").quoted(step.condition())
            .ascii(",\"before\":").integer(step.before())
            .ascii(",\"kept\":").integer(step.kept())
            .ascii(",\"droppedFalse\":").integer(step.droppedFalse())
            .ascii(",\"droppedMissing\":").integer(step.droppedMissing()).put((byte) '}');
      }
      out.ascii("],\"lines\":[");
      int[] lines = f.lines();
      for (int r = 0; r < lines.length; r++) {
        if (r > 0) {
          out.put((byte) ',');
        }
        out.integer(lines[r]);
      }
      out.ascii("]}");
      out.flush();
    }

    @Override
    public void serializeWithType(com.fasterxml.jackson.core.JsonGenerator g,
        com.fasterxml.jackson.databind.SerializerProvider p, com.fasterxml.jackson.databind.jsontype.TypeSerializer t)
        throws java.io.IOException {
      serialize(g, p);
    }

    /** The text quoted as Jackson writes a string: its encoder escapes control characters, '"' and '\\' only. */
    private static String quoted(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\') {
          return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text))
              + "\"";
        }
      }
      return "\"" + text + "\"";
    }

    /**
     * {@link #quoted} as UTF-8 bytes, as the hash's writer encodes them (a lone surrogate becomes '?' both
     * ways; a string is followed by '"', so no surrogate pair spans two strings).
     */
    private static byte[] quotedBytes(String text) {
      return quoted(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes on their way to the digest, in chunks. */
    private static final class Out {
      final byte[] buf = new byte[FLUSH + 64];
      int n;
      final java.security.MessageDigest digest;

      Out(java.security.MessageDigest digest) {
        this.digest = digest;
      }

      Out put(byte b) throws java.io.IOException {
        if (n >= FLUSH) {
          flush();
        }
        buf[n++] = b;
        return this;
      }

      Out put(byte[] bytes) throws java.io.IOException {
        if (n + bytes.length > buf.length) {
          flush();
          if (bytes.length > buf.length) {
            write(bytes, bytes.length);
            return this;
          }
        }
        System.arraycopy(bytes, 0, buf, n, bytes.length);
        n += bytes.length;
        return this;
      }

      /** Text known to be ASCII (the field names and punctuation). */
      Out ascii(String text) throws java.io.IOException {
        if (n + text.length() > buf.length) {
          flush();
        }
        for (int i = 0; i < text.length(); i++) {
          buf[n++] = (byte) text.charAt(i);
        }
        return this;
      }

      /** Digits as Integer.toString writes them. */
      Out integer(int v) throws java.io.IOException {
        if (n + 11 > buf.length) {
          flush();
        }
        if (v < 0) {
          if (v == Integer.MIN_VALUE) {
            return ascii(Integer.toString(v));
          }
          buf[n++] = '-';
          v = -v;
        }
        int start = n;
        do {
          buf[n++] = (byte) ('0' + v % 10);
          v /= 10;
        } while (v != 0);
        for (int i = start, j = n - 1; i < j; i++, j--) {
          byte t = buf[i];
          buf[i] = buf[j];
          buf[j] = t;
        }
        return this;
      }

      Out quoted(String text) throws java.io.IOException {
        return put(quotedBytes(text));
      }

      /** A JSON array of strings, written as it goes (an id column's levels are millions). */
      Out array(List<String> items) throws java.io.IOException {
        put((byte) '[');
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            put((byte) ',');
          }
          quoted(items.get(i));
        }
        return put((byte) ']');
      }

      void flush() throws java.io.IOException {
        write(buf, n);
        n = 0;
      }

      private void write(byte[] bytes, int length) throws java.io.IOException {
        if (length == 0) {
          return;
        }
        digest.update(bytes, 0, length);
      }
    }
  }

  /** The digest {@link #hash} is filling, for the frames it writes: they put their bytes straight into it. */
  private static final ThreadLocal<java.security.MessageDigest> DIGEST = new ThreadLocal<>();

  /** A frame as JSON with everything needed to read it back ({@link #frameFrom}): for the cell cache. */
  static JsonNode frameJson(Frame f) {
    ObjectNode o = (ObjectNode) frame(f, true);
    o.put("source", f.source().toString());
    return o;
  }

  /** The frame written by {@link #frameJson}. */
  static Frame frameFrom(JsonNode o) {
    int rows = o.path("rows").asInt();
    List<String> names = new java.util.ArrayList<>();
    Map<String, List<String>> levels = new java.util.LinkedHashMap<>();
    Map<String, int[]> codes = new java.util.HashMap<>();
    Map<String, double[]> values = new java.util.HashMap<>();
    for (JsonNode c : o.path("columns")) {
      String name = c.path("name").asText();
      names.add(name);
      JsonNode v = c.path("values");
      if (c.path("kind").asText().equals("categorical")) {
        List<String> lv = new java.util.ArrayList<>();
        c.path("levels").forEach(l -> lv.add(l.asText()));
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < lv.size(); i++) {
          index.put(lv.get(i), i);
        }
        int[] code = new int[rows];
        for (int r = 0; r < rows; r++) {
          String text = v.get(r).asText();
          code[r] = text.isEmpty() ? -1 : index.get(text);
        }
        levels.put(name, lv);
        codes.put(name, code);
      } else {
        double[] x = new double[rows];
        for (int r = 0; r < rows; r++) {
          x[r] = v.get(r).isNull() ? Double.NaN : v.get(r).asDouble();
        }
        values.put(name, x);
      }
    }
    int[] lines = new int[rows];
    for (int r = 0; r < rows; r++) {
      lines[r] = o.path("lines").get(r).asInt();
    }
    Frame frame = Frame.ofColumns(java.nio.file.Path.of(o.path("source").asText()), names, levels, codes, values,
        lines);
    for (JsonNode c : o.path("columns")) {
      JsonNode m = c.path("variable");
      if (m.isObject()) {
        String name = c.path("name").asText();
        List<String> labels = new java.util.ArrayList<>();
        m.path("levelLabels").forEach(l -> labels.add(l.asText()));
        List<String> lv = levels.getOrDefault(name, List.of());
        studybook.data.VariableType type = studybook.data.VariableType.fromToken(m.path("type").asText()).orElseThrow();
        frame = frame.withVariable(new studybook.data.CodebookVariable(name, m.path("label").asText(), type,
            type.hasLevels() ? lv : List.of(), type.hasLevels() ? labels : List.of(), m.path("unit").asText(),
            java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), List.of(), false,
            studybook.data.SummaryStyle.fromToken(m.path("summary").asText()).orElseThrow(),
            m.path("description").asText(), 0));
      }
    }
    List<studybook.data.FilterStep> filters = new java.util.ArrayList<>();
    for (JsonNode fs : o.path("filters")) {
      filters.add(new studybook.data.FilterStep(fs.path("condition").asText(), fs.path("before").asInt(),
          fs.path("kept").asInt(), fs.path("droppedFalse").asInt(), fs.path("droppedMissing").asInt()));
    }
    return frame.withFilters(filters);
  }
}
