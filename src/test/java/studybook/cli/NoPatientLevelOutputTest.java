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
 * a column whose values are all distinct (an id), fails. Every other output (report.md, report.html, the
 * Word file's XML parts, tables/*.csv, figures/*.svg) is read as a stream of words and numbers and held
 * against the data the same way: a run of 20 printed values (one per table row) that walks through a column in
 * data order, or every value of an id column, fails.
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
      "src/test/resources/studies/mini", "src/test/resources/studies/competing", "."})
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
    try (Stream<Path> files = Files.walk(study.resolve("reports"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json")).toList()) {
        for (Map.Entry<String, String> part : texts(f).entrySet()) {
          String where = study.relativize(f) + part.getKey();
          printedRun(tokens(part.getValue()), columns).ifPresent(why -> found.add(where + ": " + why));
        }
      }
    }
    assertTrue(found.isEmpty(), "per-patient values in the outputs: " + found);
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

  @org.junit.jupiter.api.Test
  void aPrintedRunOfAColumnOrAnIdListIsFound() {
    List<Object> age = new ArrayList<>();
    List<Object> id = new ArrayList<>();
    StringBuilder table = new StringBuilder("| id | age |\n|---|---|\n");
    StringBuilder ids = new StringBuilder();
    java.util.Random random = new java.util.Random(4911);
    for (int i = 0; i < 40; i++) {
      age.add((double) (30 + random.nextInt(50)));
      id.add("P" + (100 + i));
      ids.append("P").append(149 - i).append(i % 5 == 0 ? "\n" : ", ");
    }
    for (int i = 10; i < 31; i++) {
      table.append("| x | ").append((int) (double) (Double) age.get(i)).append(" |\n");
    }
    List<List<Object>> columns = List.of(age, id);
    assertTrue(printedRun(tokens(table.toString()), columns).orElse("").contains("column 1 in data order from row 11"));
    assertTrue(printedRun(tokens(ids.toString().replace("P149", "P139")), columns).isEmpty());
    assertTrue(printedRun(tokens(ids.toString().replace("P149", "P139") + " P100 P101 P102 P103 P104 P105 P106 P107 P108 P109"),
        columns).orElse("").contains("(an id)"));
    // a summary row of one repeated value, or a table of sorted values, is not a patient list
    assertTrue(printedRun(tokens("0 ".repeat(50)), List.of(new ArrayList<>(java.util.Collections.nCopies(50, 0.0)))).isEmpty());
    List<Object> sorted = new ArrayList<>(age);
    sorted.sort(java.util.Comparator.comparingDouble(x -> (Double) x));
    assertTrue(printedRun(tokens(sorted.toString()), columns).isEmpty());
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

  /** A file's text parts: the file itself, or each XML part of a Word file (by its name in the package). */
  static Map<String, String> texts(Path f) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    String name = f.getFileName().toString();
    if (name.endsWith(".docx")) {
      try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(f))) {
        for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          if (e.getName().endsWith(".xml")) {
            // runs may split a value; the text of the part with its markup taken out keeps words apart
            String xml = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            out.put("!" + e.getName(), xml.replaceAll("</w:t>", " ").replaceAll("<[^>]*>", ""));
          }
        }
      }
    } else if (name.endsWith(".md") || name.endsWith(".html") || name.endsWith(".csv") || name.endsWith(".svg")) {
      out.put("", Files.readString(f));
    }
    return out;
  }

  /** The words and numbers a text prints, in order (markup and punctuation between them dropped). */
  static List<Object> tokens(String text) {
    List<Object> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9_.+-]+").matcher(text);
    while (m.find()) {
      String t = m.group();
      try {
        out.add(Double.parseDouble(t));
      } catch (NumberFormatException e) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Why a printed stream of values leaks a column, if it does: 20 values at a constant stride (one per row
   * of a table) equal to 20 consecutive values of a column in data order (a column of at least 10 distinct
   * values, and at least 10 distinct among the 20, so a row of zeros is not a patient list), or every value of a column of at least 20 distinct values that are all unique (an id).
   */
  static java.util.Optional<String> printedRun(List<Object> printed, List<List<Object>> columns) {
    Set<String> words = new HashSet<>();
    printed.forEach(x -> words.add(key(x)));
    for (int c = 0; c < columns.size(); c++) {
      List<Object> column = columns.get(c);
      if (column.size() < 20) {
        continue;
      }
      Set<String> distinct = new HashSet<>();
      column.forEach(x -> distinct.add(key(x)));
      if (distinct.size() == column.size() && words.containsAll(distinct)) {
        return java.util.Optional.of("every value of data column " + (c + 1) + " (an id)");
      }
      if (distinct.size() < 10) {
        continue;
      }
      Map<String, List<Integer>> at = new java.util.HashMap<>();
      for (int i = 0; i < column.size(); i++) {
        at.computeIfAbsent(key(column.get(i)), k -> new ArrayList<>()).add(i);
      }
      // a table prints a row's other cells (and its markup's words) between two patients' values: a constant stride
      for (int i = 0; i < printed.size(); i++) {
        for (int start : at.getOrDefault(key(printed.get(i)), List.of())) {
          for (int stride = 1; stride <= 40 && i + 19 * stride < printed.size(); stride++) {
            int n = 0;
            Set<String> seen = new HashSet<>();
            while (n < 20 && start + n < column.size()
                && key(printed.get(i + n * stride)).equals(key(column.get(start + n)))) {
              seen.add(key(column.get(start + n)));
              n++;
            }
            if (n == 20 && seen.size() >= 10) {
              return java.util.Optional.of("20 values of data column " + (c + 1) + " in data order from row " + (start + 1));
            }
          }
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static String key(Object x) {
    return x instanceof Double d ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
        : Double.toString(d)) : x.toString();
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
