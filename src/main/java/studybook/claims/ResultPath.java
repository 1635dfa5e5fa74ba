package studybook.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Finds a value in a results document by a dotted path such as
 * {@code table3.multivariable.terms.lvi=positive.or}.
 *
 * <p>In an object a segment names a field (a field name that itself holds dots is matched too,
 * longest first); in an array it is either an index or the value of the element's identifying
 * field, the first of {@value #KEYS_TEXT} that the element has.
 */
public final class ResultPath {
  static final List<String> KEYS = List.of("name", "term", "id", "variable", "level", "group");
  static final String KEYS_TEXT = "name, term, id, variable, level, group";

  private ResultPath() {}

  public static Optional<JsonNode> resolve(JsonNode root, String path) {
    if (root == null || path.isEmpty()) {
      return Optional.empty();
    }
    return resolve(root, path.split("\\.", -1), 0);
  }

  private static Optional<JsonNode> resolve(JsonNode node, String[] segments, int from) {
    if (from == segments.length) {
      return Optional.of(node);
    }
    for (int to = segments.length; to > from; to--) {
      String key = String.join(".", java.util.Arrays.copyOfRange(segments, from, to));
      JsonNode child = child(node, key);
      if (child != null) {
        Optional<JsonNode> found = resolve(child, segments, to);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode child(JsonNode node, String key) {
    if (node.isObject()) {
      return node.get(key);
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (element.isObject()) {
          for (String k : KEYS) {
            JsonNode id = element.get(k);
            if (id != null && id.isValueNode()) {
              if (id.asText().equals(key)) {
                return element;
              }
              break;
            }
          }
        }
      }
      if (key.matches("\\d+") && key.length() < 10) {
        int i = Integer.parseInt(key);
        return i < node.size() ? node.get(i) : null;
      }
    }
    return null;
  }

  /** The number at a resolved node: NaN for null, "NaN" or text that is not a number. */
  public static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? 1 : 0;
    }
    if (node.isTextual()) {
      try {
        return Double.parseDouble(node.asText());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
