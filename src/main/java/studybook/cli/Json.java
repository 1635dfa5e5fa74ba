package studybook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.OptionalDouble;

/**
 * JSON for the ad-hoc commands: objects keep the key order they are built in, numbers are written
 * at full double precision (shortest round-trip form), and a value that is not a finite number
 * (not reached, not computable) is written as {@code null}, never as NaN.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** A number node, or null when {@code v} is NaN or infinite. */
  public static JsonNode number(double v) {
    return Double.isFinite(v) ? NODES.numberNode(v) : NODES.nullNode();
  }

  /** A number node, or null when absent or not finite. */
  public static JsonNode number(OptionalDouble v) {
    return v.isPresent() ? number(v.getAsDouble()) : NODES.nullNode();
  }

  /** An array of numbers, with null for each value that is not finite. */
  public static ArrayNode numbers(double[] values) {
    ArrayNode a = array();
    for (double v : values) {
      a.add(number(v));
    }
    return a;
  }

  /** Writes {@code node} as one line to {@code out}. */
  /**
   * Appends "excluded" (rows left out for a missing value) as the LAST key of an ad-hoc command's document,
   * after every CONTRACT.md key, only when above 0, and says so in one stderr note line.
   */
  public static ObjectNode withExcluded(ObjectNode root, int excluded) {
    if (excluded > 0) {
      root.put("excluded", excluded);
      System.err.println("studybook: " + excluded + " rows with a missing value left out");
    }
    return root;
  }

  public static void print(PrintStream out, JsonNode node) {
    try {
      out.println(MAPPER.writeValueAsString(node));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Pretty-printed JSON with a final newline, for files people also read. */
  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
