package studybook.stats.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The R reference values of src/test/r/survival_reference.R: cases.csv describes each analysis,
 * expected.csv holds (case, group, quantity, index, value) with "NA" for R's NA.
 */
final class Reference {
  static final double TOLERANCE = 1e-6;

  record Case(String name, String file, String time, String event, String eventValue, String by,
      List<String> levels, ConfidenceType confidenceType, double level, double[] atTimes) {}

  private static Path dir;
  private static Map<String, Case> cases;
  private static Map<String, List<Double>> values;

  private Reference() {}

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Path.of(Reference.class.getResource("/reference/survival/cases.csv").toURI()).getParent();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return dir;
  }

  static synchronized Map<String, Case> cases() {
    if (cases == null) {
      cases = new LinkedHashMap<>();
      List<String> lines = lines("cases.csv");
      for (String line : lines.subList(1, lines.size())) {
        String[] f = unquote(line.split(",", -1));
        ConfidenceType type = switch (f[7]) {
          case "log" -> ConfidenceType.LOG;
          case "log-log" -> ConfidenceType.LOG_LOG;
          case "plain" -> ConfidenceType.PLAIN;
          default -> throw new IllegalStateException(f[7]);
        };
        double[] at = f[9].isEmpty() ? new double[0]
            : java.util.Arrays.stream(f[9].split(";")).mapToDouble(Double::parseDouble).toArray();
        List<String> levels = f[6].isEmpty() ? List.of() : List.of(f[6].split(";"));
        cases.put(f[0], new Case(f[0], f[1], f[2], f[3], f[4], f[5], levels, type, Double.parseDouble(f[8]), at));
      }
    }
    return cases;
  }

  static synchronized Map<String, List<Double>> values() {
    if (values == null) {
      values = new LinkedHashMap<>();
      List<String> lines = lines("expected.csv");
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        String key = f[0] + "|" + f[1] + "|" + f[2];
        List<Double> list = values.computeIfAbsent(key, k -> new ArrayList<>());
        assertEquals(list.size(), Integer.parseInt(f[3]), "index order in expected.csv at " + key);
        list.add(switch (f[4]) {
          case "NA" -> Double.NaN;
          case "Inf" -> Double.POSITIVE_INFINITY;
          default -> Double.parseDouble(f[4]);
        });
      }
    }
    return values;
  }

  /** The R values of one quantity; empty when R wrote none (e.g. an empty group). */
  static List<Double> get(String caseName, String group, String quantity) {
    return values().getOrDefault(caseName + "|" + group + "|" + quantity, List.of());
  }

  static double scalar(String caseName, String group, String quantity) {
    List<Double> v = get(caseName, group, quantity);
    assertEquals(1, v.size(), "one value of " + quantity + " in " + caseName + "/" + group);
    return v.get(0);
  }

  /** Relative agreement to 1e-6 (absolute near 0); NaN (R's NA) and infinities must match exactly. */
  static void assertClose(double expected, double actual, String what) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      assertEquals(expected, actual, what);
      return;
    }
    double scale = Math.max(1, Math.abs(expected));
    assertTrue(Math.abs(expected - actual) <= TOLERANCE * scale,
        what + ": expected " + expected + " but was " + actual);
  }

  static void assertClose(List<Double> expected, List<? extends Number> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": length");
    for (int i = 0; i < expected.size(); i++) {
      assertClose(expected.get(i), actual.get(i).doubleValue(), what + "[" + i + "]");
    }
  }

  /** An absent value matches R's NA. */
  static void assertClose(double expected, OptionalDouble actual, String what) {
    assertClose(expected, actual.orElse(Double.NaN), what);
  }

  private static List<String> lines(String name) {
    try {
      return Files.readAllLines(dir().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] unquote(String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
        fields[i] = f.substring(1, f.length() - 1);
      }
    }
    return fields;
  }
}
