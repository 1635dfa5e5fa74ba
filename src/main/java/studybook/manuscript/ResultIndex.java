package studybook.manuscript;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studybook.claims.ResultPath;

/**
 * Every number of a run's results with its path (as {@link ResultPath} reads it, array elements by
 * their identifying field where that finds them) and its kind by field name. Rows of a claims report
 * (objects with {@code published} and {@code window}) are left out: their numbers come from the paper,
 * and a manuscript's number must never be matched with itself.
 */
final class ResultIndex {
  /** One number of the results. */
  record Entry(String path, double value, NumberKind kind, boolean integral) {}

  private final JsonNode root;
  private final List<Entry> entries = new ArrayList<>();

  ResultIndex(JsonNode root) {
    this.root = root;
    walk(root, "", null);
  }

  JsonNode root() {
    return root;
  }

  List<Entry> entries() {
    return entries;
  }

  /** The node at {@code path}, if any. */
  Optional<JsonNode> resolve(String path) {
    return ResultPath.resolve(root, path);
  }

  private void walk(JsonNode node, String path, String field) {
    if (node.isObject()) {
      if (node.has("published") && node.has("window")) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), join(path, e.getKey()), e.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String byIndex = join(path, Integer.toString(i));
        String byKey = key(element).map(k -> join(path, k)).orElse(null);
        String chosen = byKey != null && ResultPath.resolve(root, byKey).map(n -> n == element).orElse(false)
            ? byKey : byIndex;
        walk(element, chosen, field);
      }
    } else if (node.isNumber() && field != null) {
      double v = node.doubleValue();
      if (!Double.isNaN(v) && !Double.isInfinite(v)) {
        entries.add(new Entry(path, v, NumberKind.ofField(field), node.isIntegralNumber()));
      }
    }
  }

  private static Optional<String> key(JsonNode element) {
    if (element.isObject()) {
      for (String k : List.of("name", "term", "id", "variable", "level", "group")) {
        JsonNode id = element.get(k);
        if (id != null && id.isValueNode()) {
          return id.asText().isEmpty() ? Optional.empty() : Optional.of(id.asText());
        }
      }
    }
    return Optional.empty();
  }

  private static String join(String path, String segment) {
    return path.isEmpty() ? segment : path + "." + segment;
  }
}
