package studybook.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two results.json trees leaf by leaf. A leaf is named by its path
 * ({@code table1.rows[3][2]}); numbers are compared by value, so 1 and 1.0 are equal.
 */
public final class ResultsDiff {
  private ResultsDiff() {}

  /** One difference: a number that moved, a value that changed otherwise, or a leaf only one side has. */
  public record Change(String path, Kind kind, JsonNode before, JsonNode after, double absolute, double relative) {}

  public enum Kind { NUMBER, VALUE, ADDED, REMOVED }

  /**
   * The differences, in the order of the old file then the new one's additions.
   *
   * @param tolerance a number counts as changed when |new - old| &gt; tolerance * max(|old|, |new|); 0 for exact
   */
  public static List<Change> compare(JsonNode before, JsonNode after, double tolerance) {
    Map<String, JsonNode> a = new LinkedHashMap<>();
    Map<String, JsonNode> b = new LinkedHashMap<>();
    flatten("", before, a);
    flatten("", after, b);
    List<Change> changes = new ArrayList<>();
    a.forEach((path, x) -> {
      JsonNode y = b.get(path);
      if (y == null) {
        changes.add(new Change(path, Kind.REMOVED, x, null, Double.NaN, Double.NaN));
      } else if (x.isNumber() && y.isNumber()) {
        double dx = x.doubleValue();
        double dy = y.doubleValue();
        double abs = Math.abs(dy - dx);
        double scale = Math.max(Math.abs(dx), Math.abs(dy));
        if (abs > tolerance * scale && !(dx == dy)) {
          changes.add(new Change(path, Kind.NUMBER, x, y, dy - dx, dx == 0 ? Double.NaN : (dy - dx) / Math.abs(dx)));
        }
      } else if (!x.equals(y)) {
        changes.add(new Change(path, Kind.VALUE, x, y, Double.NaN, Double.NaN));
      }
    });
    b.forEach((path, y) -> {
      if (!a.containsKey(path)) {
        changes.add(new Change(path, Kind.ADDED, null, y, Double.NaN, Double.NaN));
      }
    });
    return changes;
  }

  private static void flatten(String path, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject() && node.size() > 0) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray() && node.size() > 0) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(path.isEmpty() ? "(root)" : path, node);
    }
  }
}
