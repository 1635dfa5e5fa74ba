package studybook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * cached only if that round trip reproduces it exactly (same hashing JSON); otherwise, and always
 * for a {@link Frame}, the cell is recomputed on every run, which is cheap for data preparation.
 * Each entry stores the hash of its payload and of the result, so a corrupt or foreign entry is
 * detected on reading and recomputed.
 */
final class ResultCache {
  private static final int FORMAT = 1;
  private final Path dir;
  private final ObjectMapper mapper = new ObjectMapper();

  ResultCache(Path dir) {
    this.dir = dir;
  }

  /** What the cell ran with last time. */
  record Last(String codeVersion, Map<String, String> inputHashes, long seed, boolean cacheable) {}

  /** The outcome of a lookup: a value, or the reason to compute. */
  record Lookup(boolean hit, Object value, String reason) {}

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
      String payload = e.path("payload").asText(null);
      if (e.path("format").asInt() != FORMAT || !cell.equals(e.path("cell").asText())
          || !key.equals(e.path("key").asText()) || payload == null
          || !Hashes.of(payload).equals(e.path("payloadHash").asText())) {
        return miss("cache entry corrupt");
      }
      Class<?> type = Class.forName(e.path("class").asText(), true, loader);
      Object value = mapper.readValue(payload, type);
      if (!ResultJson.hash(value).equals(e.path("outputHash").asText())) {
        return miss("cache entry corrupt");
      }
      return new Lookup(true, value, "unchanged");
    } catch (IOException | ClassNotFoundException | LinkageError | RuntimeException ex) {
      return miss("cache entry corrupt");
    }
  }

  /** Stores the result if it round-trips, records what the cell ran with, and says whether it was stored. */
  boolean store(String cell, String key, String codeVersion, Map<String, String> inputs, long seed, Object value,
      String outputHash) {
    boolean cacheable = false;
    try {
      if (value != null && !(value instanceof Frame)) {
        String payload = mapper.writeValueAsString(value);
        Object back = mapper.readValue(payload, value.getClass());
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

  private static Lookup miss(String reason) {
    return new Lookup(false, null, reason);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".json");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
