package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference values written by an R script as long rows (case, path, value), where a path walks the JSON
 * answer: {@code weights.treated.ess} through objects, {@code terms[age].se} into the array element whose
 * "term" is age. Compared at 1e-6 relative (an absolute 1e-12 near zero); "NA" wants null; a boolean
 * compares as 1/0.
 */
final class ReferenceJson {
  static final double RELATIVE = 1e-6;

  private ReferenceJson() {}

  static Path folder(String name) {
    try {
      return Path.of(ReferenceJson.class.getResource("/reference/" + name + "/cases.csv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows after the header of a CSV written by R's write.csv (quoted cells may hold commas; no newlines). */
  static List<String[]> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String[]> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      out.add(cells(l));
    }
    return out;
  }

  static String[] cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells.toArray(new String[0]);
  }

  /** path to value for one case of expected.csv. */
  static Map<String, String> expected(Path folder, String caseName) throws IOException {
    Map<String, String> want = new LinkedHashMap<>();
    for (String[] row : csv(folder.resolve("expected.csv"))) {
      if (row[0].equals(caseName)) {
        want.put(row[1], row[2]);
      }
    }
    assertTrue(!want.isEmpty(), "no expected values for case " + caseName);
    return want;
  }

  static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.(?![^\\[]*\\])")) {
      String key = part;
      String term = null;
      int b = part.indexOf('[');
      if (b >= 0) {
        key = part.substring(0, b);
        term = part.substring(b + 1, part.length() - 1);
      }
      node = node.get(key);
      assertNotNull(node, "no key '" + key + "' on the way to " + path);
      if (term != null) {
        JsonNode found = null;
        for (JsonNode e : node) {
          if (term.equals(e.path("term").asText())) {
            found = e;
          }
        }
        assertNotNull(found, "no element with term '" + term + "' on the way to " + path);
        node = found;
      }
    }
    return node;
  }

  /** Every expected value of the case agrees with the answer; returns the largest relative difference. */
  static double compare(JsonNode root, Map<String, String> want, String caseName) {
    double worst = 0;
    for (Map.Entry<String, String> e : want.entrySet()) {
      JsonNode got = at(root, e.getKey());
      String label = caseName + " " + e.getKey();
      if (e.getValue().equals("NA")) {
        assertTrue(got.isNull(), label + ": want null, got " + got);
        continue;
      }
      double w = Double.parseDouble(e.getValue());
      assertTrue(got.isNumber() || got.isBoolean(), label + ": want a number, got " + got);
      double g = got.isBoolean() ? (got.asBoolean() ? 1 : 0) : got.asDouble();
      double diff = Math.abs(g - w);
      double rel = diff / Math.max(Math.abs(w), 1e-300);
      assertTrue(diff <= RELATIVE * Math.abs(w) || diff <= 1e-12, label + ": want " + w + ", got " + g);
      if (w != 0) {
        worst = Math.max(worst, rel);
      }
    }
    return worst;
  }

  static void close(double want, double got, String label) {
    assertTrue(Math.abs(got - want) <= RELATIVE * Math.abs(want) || Math.abs(got - want) <= 1e-12,
        label + ": want " + want + ", got " + got);
  }

  static void equal(String want, String got, String label) {
    assertEquals(want, got, label);
  }
}
