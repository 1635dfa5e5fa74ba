package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.kernel.MiniStudy;

/**
 * results.json and every report file hold aggregates only. Each test study (and the repository's own)
 * is run, with one more cell returning a competing-risks analysis (which holds per-patient arrays), and
 * every JSON array of every output is held against the study's data: an array of at least 20 values
 * that runs through a column's values in data order (a per-patient array), or that lists every value of
 * a column whose values are all distinct (an id), fails.
 */
class NoPatientLevelOutputTest {
  @TempDir Path tmp;

  private static final String INCIDENCE_CELL = """
      import studybook.data.Frame;
      import studybook.kernel.Cell;
      import studybook.tables.CompetingRisks;

      public class Incidence {
        @Cell("Cumulative incidence by cell type (per-patient arrays inside)")
        public CompetingRisks incidence(Frame data) {
          return CompetingRisks.of(data, "time", "status", "1", "0", "celltype");
        }

        @Cell("The data as a cell")
        public Frame everyone(Frame data) {
          return data;
        }
      }
      """;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"src/test/resources/studies/cox", "src/test/resources/studies/first",
      "src/test/resources/studies/mini", "."})
  void noOutputHoldsAPerPatientArray(String source) throws IOException {
    Path study = tmp.resolve("study");
    Path from = Path.of(source);
    for (String part : List.of("analysis", "data", "templates", "study.properties")) {
      if (Files.isDirectory(from.resolve(part))) {
        MiniStudy.copyTree(from.resolve(part), study.resolve(part));
      } else if (Files.exists(from.resolve(part))) {
        Files.createDirectories(study);
        Files.copy(from.resolve(part), study.resolve(part));
      }
    }
    if (source.endsWith("cox")) {
      Files.writeString(study.resolve("analysis/Incidence.java"), INCIDENCE_CELL);
    }
    CliRun run = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(0, run.code(), run.err());
    List<List<Object>> columns = columns(study);
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(study.resolve("reports"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).toList()) {
        scan(new ObjectMapper().readTree(f.toFile()), study.relativize(f) + ":", columns, found);
      }
    }
    assertTrue(found.isEmpty(), "per-patient arrays in the outputs: " + found);
    // step lists of curves (one entry per distinct time: each patient's time and status) are size and hash only
    String published = Files.readString(study.resolve("reports/results.json"));
    assertTrue(!published.matches("(?s).*\"(time|atRisk|censored)\" : \\[ [0-9].*"), "a curve's step list in results.json");
    if (source.endsWith("cox")) {
      JsonNode results = new ObjectMapper().readTree(study.resolve("reports/results.json").toFile());
      assertTrue(results.get("incidence").get("time").get("rowLevel").asBoolean(), results.get("incidence").toString());
      assertEquals(137, results.get("incidence").get("time").get("rows").asInt());
      assertEquals(64, results.get("incidence").get("time").get("hash").asText().length());
      assertTrue(results.get("everyone").get("hash").asText().length() == 64, results.get("everyone").toString());
      // every result (hazard-ratio table, forest plot, competing risks, frame) came from the cache
      CliRun again = CliRun.of("run", "--study", study.toString());
      assertEquals(0, again.code(), again.err());
      String log = again.out() + again.err();
      assertTrue(log.contains("cached   incidence (unchanged)"), log);
      assertTrue(log.lines().noneMatch(l -> l.startsWith("studybook: computed ")), log);
    }
  }

  /** Every data column's values in data order (numbers as doubles, levels as text; missing left out). */
  private static List<List<Object>> columns(Path study) throws IOException {
    List<List<Object>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(study.resolve("data"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv") && !p.getFileName().toString().contains("codebook"))
          .toList()) {
        Frame frame = AdhocLoader.load(f, Set.of(), Map.of());
        for (String name : frame.columnNames()) {
          List<Object> values = new ArrayList<>();
          if (frame.kind(name) == VariableKind.CATEGORICAL) {
            List<String> levels = frame.levels(name);
            for (int code : frame.codes(name)) {
              if (code >= 0) {
                values.add(levels.get(code));
              }
            }
          } else {
            for (double v : frame.values(name)) {
              if (!Double.isNaN(v)) {
                values.add(v);
              }
            }
          }
          out.add(values);
        }
      }
    }
    return out;
  }

  private static void scan(JsonNode node, String path, List<List<Object>> columns, List<String> found) {
    if (node.isArray()) {
      List<Object> scalars = new ArrayList<>();
      boolean allScalar = true;
      for (JsonNode x : node) {
        if (x.isNumber()) {
          scalars.add(x.asDouble());
        } else if (x.isTextual()) {
          scalars.add(x.asText());
        } else {
          allScalar = false;
        }
      }
      if (allScalar && scalars.size() >= 20 && perPatient(scalars, columns)) {
        found.add(path + " (" + scalars.size() + " values)");
      }
      int i = 0;
      for (JsonNode x : node) {
        scan(x, path + "[" + i++ + "]", columns, found);
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> scan(e.getValue(), path + "." + e.getKey(), columns, found));
    }
  }

  /** Whether {@code a} walks through a column in data order, or lists all of a unique-valued column. */
  static boolean perPatient(List<Object> a, List<List<Object>> columns) {
    for (List<Object> column : columns) {
      if (column.size() < 20) {
        continue;
      }
      Set<Object> distinct = new HashSet<>(column);
      if (distinct.size() == column.size() && new HashSet<>(a).containsAll(distinct)) {
        return true; // an id column's every value
      }
      if (new HashSet<>(a).size() >= 10 && a.size() * 2 >= column.size() && subsequence(a, column)) {
        return true;
      }
    }
    return false;
  }

  private static boolean subsequence(List<Object> a, List<Object> column) {
    int j = 0;
    for (Object v : column) {
      if (j < a.size() && same(a.get(j), v)) {
        j++;
      }
    }
    return j == a.size();
  }

  private static boolean same(Object x, Object y) {
    if (x instanceof Double a && y instanceof Double b) {
      return a.equals(b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    }
    return x.toString().equals(y.toString());
  }
}
