package studybook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import studybook.data.Frame;

/**
 * The cell cache in {@code .studybook/cache/<cell>/}: one entry per key (cell name, code version,
 * input hashes, seed) and a {@code last.json} recording what the cell last ran with, so a rerun can
 * say why (code or input changed).
 *
 * <p>Results are stored as Jackson JSON of their class and read back into that class. A result is
 * cached only if that round trip reproduces it exactly (same hashing JSON); otherwise the cell is
 * recomputed on every run. A {@link Frame} is stored beside its entry as column-major binary
 * ({@link FrameCodec}, {@code <key>.frame}): its JSON round trip cost a 1M-row study tens of seconds and
 * gigabytes. That codec keeps every code and every double's bits, so it is not round-tripped when
 * stored; the reading side's check below catches any entry that does not reproduce its result.
 * Each entry stores the hash of its payload and of the result, so a corrupt or foreign entry is
 * detected on reading and recomputed: a hit is a value whose output hash is the one recorded under a
 * key of the cell's code version, input hashes and seed, so the cache cannot serve a stale value.
 */
final class ResultCache {
  private static final int FORMAT = 1;
  private final Path dir;
  // Jdk8Module reads and writes Optional<T> (a model's absent test, a Cox outcome's event value); the
  // studybook module, registered later and so taking precedence, keeps OptionalDouble's NaN as text.
  private final ObjectMapper mapper = new ObjectMapper()
      .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module()).registerModule(optionals());

  ResultCache(Path dir) {
    this.dir = dir;
  }

  /** What the cell ran with last time. */
  record Last(String codeVersion, Map<String, String> inputHashes, long seed, boolean cacheable) {}

  /** The outcome of a lookup: a value and its (verified) output hash, or the reason to compute. */
  record Lookup(boolean hit, Object value, String outputHash, String reason) {}

  Lookup lookup(String cell, String key, String codeVersion, Map<String, String> inputs, long seed,
      ClassLoader loader) {
    Optional<Last> last = readLast(cell);
    if (last.isEmpty()) {
      return miss("not cached");
    }
    Last l = last.get();
    if (!l.codeVersion().equals(codeVersion)) {
      return miss("code changed");
    }
    if (!l.inputHashes().equals(inputs) || l.seed() != seed) {
      return miss("input changed");
    }
    if (!l.cacheable()) {
      return miss("result not cacheable");
    }
    Path entry = entry(cell, key);
    if (!Files.isRegularFile(entry)) {
      return miss("not cached");
    }
    try {
      JsonNode e = mapper.readTree(Files.readAllBytes(entry));
      if (e.path("format").asInt() != FORMAT || !cell.equals(e.path("cell").asText())
          || !key.equals(e.path("key").asText())) {
        return miss("cache entry corrupt");
      }
      Class<?> type = Class.forName(e.path("class").asText(), true, loader);
      Object value;
      if (e.path("frameFile").isTextual()) {
        if (type != Frame.class || !e.path("frameFile").asText().equals(frameFile(key).getFileName().toString())) {
          return miss("cache entry corrupt");
        }
        value = readFrame(frameFile(cell, key), e.path("payloadHash").asText());
        if (value == null) {
          return miss("cache entry corrupt");
        }
      } else {
        String payload = e.path("payload").asText(null);
        if (payload == null || !Hashes.of(payload).equals(e.path("payloadHash").asText())) {
          return miss("cache entry corrupt");
        }
        value = type == Frame.class ? ResultJson.frameFrom(mapper.readTree(payload)) : mapper.readValue(payload, type);
      }
      String outputHash = ResultJson.hash(value);
      if (!outputHash.equals(e.path("outputHash").asText())) {
        return miss("cache entry corrupt");
      }
      return new Lookup(true, value, outputHash, "unchanged");
    } catch (IOException | ClassNotFoundException | LinkageError | RuntimeException ex) {
      return miss("cache entry corrupt");
    }
  }

  /** The result the cell last ran to, whatever its code and inputs are now (a slow cell's stale stand-in). */
  Lookup previous(String cell, ClassLoader loader) {
    Optional<Last> last = readLast(cell);
    if (last.isEmpty()) {
      return miss("not cached");
    }
    Last l = last.get();
    return lookup(cell, Kernel.cacheKey(cell, l.codeVersion(), l.inputHashes(), l.seed()), l.codeVersion(),
        l.inputHashes(), l.seed(), loader);
  }

  /** Stores the result if it round-trips, records what the cell ran with, and says whether it was stored. */
  boolean store(String cell, String key, String codeVersion, Map<String, String> inputs, long seed, Object value,
      String outputHash) {
    boolean cacheable = false;
    try {
      if (value instanceof Frame f && f.plan().isPresent()) {
        cacheable = false; // its rows live on another engine: recomputed (a plan, cheap) rather than stored
      } else if (value instanceof Frame f) {
        String payloadHash = writeFrame(frameFile(cell, key), f);
        ObjectNode e = mapper.createObjectNode();
        e.put("format", FORMAT);
        e.put("cell", cell);
        e.put("key", key);
        e.put("class", Frame.class.getName());
        e.put("outputHash", outputHash);
        e.put("payloadHash", payloadHash);
        e.put("frameFile", frameFile(key).getFileName().toString());
        write(entry(cell, key), mapper.writeValueAsBytes(e));
        cacheable = true;
      } else if (value != null) {
        String payload = value instanceof Frame f ? mapper.writeValueAsString(ResultJson.frameJson(f))
            : mapper.writeValueAsString(value);
        Object back = value instanceof Frame ? ResultJson.frameFrom(mapper.readTree(payload))
            : mapper.readValue(payload, value.getClass());
        if (ResultJson.hash(back).equals(outputHash)) {
          ObjectNode e = mapper.createObjectNode();
          e.put("format", FORMAT);
          e.put("cell", cell);
          e.put("key", key);
          e.put("class", value.getClass().getName());
          e.put("outputHash", outputHash);
          e.put("payloadHash", Hashes.of(payload));
          e.put("payload", payload);
          write(entry(cell, key), mapper.writeValueAsBytes(e));
          cacheable = true;
        }
      }
    } catch (IOException | RuntimeException ex) {
      cacheable = false;
    }
    try {
      ObjectNode l = mapper.createObjectNode();
      l.put("codeVersion", codeVersion);
      ObjectNode in = l.putObject("inputHashes");
      inputs.forEach(in::put);
      l.put("seed", seed);
      l.put("cacheable", cacheable);
      write(dir.resolve(cell).resolve("last.json"), mapper.writeValueAsBytes(l));
    } catch (IOException e) {
      // A cache that cannot be written only costs time on the next run.
    }
    return cacheable;
  }

  private Optional<Last> readLast(String cell) {
    Path f = dir.resolve(cell).resolve("last.json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode l = mapper.readTree(Files.readAllBytes(f));
      Map<String, String> in = new java.util.LinkedHashMap<>();
      l.path("inputHashes").fields().forEachRemaining(e -> in.put(e.getKey(), e.getValue().asText()));
      return Optional.of(new Last(l.path("codeVersion").asText(), in, l.path("seed").asLong(),
          l.path("cacheable").asBoolean()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private Path entry(String cell, String key) {
    return dir.resolve(cell).resolve(key + ".json");
  }

  private static Path frameFile(String key) {
    return Path.of(key + ".frame");
  }

  private Path frameFile(String cell, String key) {
    return dir.resolve(cell).resolve(frameFile(key));
  }

  /** Writes the frame's binary form atomically and returns the SHA-256 of its bytes. */
  private static String writeFrame(Path file, Frame f) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".frame");
    try {
      java.security.MessageDigest md = Hashes.sha256();
      try (java.io.OutputStream out = new java.security.DigestOutputStream(Files.newOutputStream(tmp), md)) {
        FrameCodec.write(f, out);
      }
      move(tmp, file);
      return java.util.HexFormat.of().formatHex(md.digest());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The frame in {@code file} if its bytes have the recorded hash and decode; null otherwise. */
  private static Frame readFrame(Path file, String payloadHash) {
    try {
      java.security.MessageDigest md = Hashes.sha256();
      Frame f;
      try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), md)) {
        f = FrameCodec.read(in, Files.size(file));
      }
      return java.util.HexFormat.of().formatHex(md.digest()).equals(payloadHash) ? f : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Lookup miss(String reason) {
    return new Lookup(false, null, null, reason);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".json");
    try {
      Files.write(tmp, bytes);
      move(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void move(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** OptionalDouble/Int/Long as a number or null, since results often carry them and Jackson core has no codec. */
  private static com.fasterxml.jackson.databind.module.SimpleModule optionals() {
    var m = new com.fasterxml.jackson.databind.module.SimpleModule("studybook-optionals");
    m.addSerializer(java.util.OptionalDouble.class, new com.fasterxml.jackson.databind.JsonSerializer<>() {
      @Override
      public void serialize(java.util.OptionalDouble v, com.fasterxml.jackson.core.JsonGenerator g,
          com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
        if (v.isPresent()) {
          g.writeNumber(v.getAsDouble());
        } else {
          g.writeNull();
        }
      }
    });
    m.addDeserializer(java.util.OptionalDouble.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
      @Override
      public java.util.OptionalDouble deserialize(com.fasterxml.jackson.core.JsonParser p,
          com.fasterxml.jackson.databind.DeserializationContext c) throws IOException {
        // Non-finite values are written as strings ("NaN", "Infinity").
        return java.util.OptionalDouble.of(p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING
            ? Double.parseDouble(p.getText()) : p.getDoubleValue());
      }

      @Override
      public java.util.OptionalDouble getNullValue(com.fasterxml.jackson.databind.DeserializationContext c) {
        return java.util.OptionalDouble.empty();
      }
    });
    m.addSerializer(java.util.OptionalInt.class, new com.fasterxml.jackson.databind.JsonSerializer<>() {
      @Override
      public void serialize(java.util.OptionalInt v, com.fasterxml.jackson.core.JsonGenerator g,
          com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
        if (v.isPresent()) {
          g.writeNumber(v.getAsInt());
        } else {
          g.writeNull();
        }
      }
    });
    m.addDeserializer(java.util.OptionalInt.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
      @Override
      public java.util.OptionalInt deserialize(com.fasterxml.jackson.core.JsonParser p,
          com.fasterxml.jackson.databind.DeserializationContext c) throws IOException {
        return java.util.OptionalInt.of(p.getIntValue());
      }

      @Override
      public java.util.OptionalInt getNullValue(com.fasterxml.jackson.databind.DeserializationContext c) {
        return java.util.OptionalInt.empty();
      }
    });
    return m;
  }
}
