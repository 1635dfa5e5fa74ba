package studybook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which package may use which: the layering of the code, read from the sources (imports and fully
 * qualified names in code, comments left out), so that a new dependency against the grain fails here
 * instead of growing a cycle.
 *
 * <p>From the bottom: {@code stats} (numbers in, results out; knows no frame, table, report or command);
 * {@code data} (frames and readers; reads a survival status by {@code stats.survival.EventCoding}, the one
 * rule of R's Surv); {@code tables} (the analyses a study calls, built from frames and fitted by stats);
 * {@code claims}, {@code kernel}; {@code report}; {@code serve}, {@code manuscript}, {@code twin}; and
 * {@code cli} on top, which may use everything. Classes directly in {@code studybook} (names, exceptions,
 * annotations) are usable from every layer and use none.
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/studybook");

  /** Layer to the layers it may use (besides itself and the root package). */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("", Set.of()),
      Map.entry("stats", Set.of()),
      Map.entry("data", Set.of("stats")),
      Map.entry("tables", Set.of("stats", "data")),
      Map.entry("claims", Set.of("stats", "data", "tables")),
      Map.entry("kernel", Set.of("stats", "data", "tables", "claims")),
      Map.entry("report", Set.of("stats", "data", "tables", "claims", "kernel")),
      Map.entry("serve", Set.of("stats", "data", "tables", "claims", "kernel", "report")),
      Map.entry("manuscript", Set.of("stats", "data", "tables", "claims", "kernel", "report")),
      Map.entry("twin", Set.of("stats", "data", "tables", "claims", "kernel", "report")),
      Map.entry("cli", Set.of("stats", "data", "tables", "claims", "kernel", "report", "serve", "manuscript", "twin")));

  /**
   * Deliberate exceptions, each "from-file -> used-layer" with the reason. A new entry needs a reason a
   * reviewer accepts; each one here is a debt to pay, not a rule.
   */
  private static final Map<String, String> EXCEPTIONS = Map.of(
      "tables/SubgroupTable.java -> report",
      "SubgroupTable.forest(title) is the study-facing way to get a subgroup forest plot (README, the models"
          + " study); report.figures in turn reads tables, so this is a cycle to cut by moving forest() to"
          + " report.figures.ForestPlot.of(SubgroupTable) when the study API may change");

  /** Inside a layer, sub-packages that must not reach sideways (stats' parts stay independent of each other). */
  private static final Map<String, Set<String>> STATS_ALLOWED = Map.of(
      "stats.regression", Set.of(),
      "stats.compare", Set.of(),
      "stats.describe", Set.of(),
      "stats.impute", Set.of("stats.regression"),
      "stats.propensity", Set.of("stats.regression"),
      "stats.survival", Set.of("stats.regression"));

  private static final Pattern REFERENCE = Pattern.compile("\\bstudybook\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z*]");

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
    List<String> violations = new ArrayList<>();
    Set<String> layersSeen = new TreeSet<>();
    Set<String> exceptionsUsed = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        String layer = layer(pkg);
        layersSeen.add(layer);
        Set<String> allowed = ALLOWED.get(layer);
        if (allowed == null) {
          violations.add(file + ": package '" + pkg + "' has no place in the layering; add it to ALLOWED");
          continue;
        }
        String code = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
        Matcher m = REFERENCE.matcher(code);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
          used.add(m.group(1));
        }
        for (String target : used) {
          String targetLayer = layer(target);
          if (targetLayer.equals(layer) || targetLayer.isEmpty()) {
            if (layer.equals("stats") && !pkg.equals(target) && !target.equals("stats")
                && !STATS_ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
              violations.add(SOURCES.relativize(file) + " (" + pkg + ") uses " + target);
            }
            continue;
          }
          String key = SOURCES.relativize(file) + " -> " + targetLayer;
          if (EXCEPTIONS.containsKey(key)) {
            exceptionsUsed.add(key);
          } else if (!allowed.contains(targetLayer)) {
            violations.add(SOURCES.relativize(file) + " (layer " + layer + ") uses " + target);
          }
        }
      }
    }
    assertTrue(layersSeen.containsAll(List.of("stats", "data", "tables", "report", "cli")),
        "the scan found the sources: " + layersSeen);
    assertEquals(List.of(), violations, "dependencies against the layering");
    assertEquals(new TreeSet<>(EXCEPTIONS.keySet()), exceptionsUsed, "an exception no longer needed is removed");
  }

  @Test
  void theScanSeesImportsAndQualifiedNamesButNotComments() {
    String code = withoutComments("""
        import studybook.report.Report; // studybook.cli.Main
        /** {@link studybook.kernel.Kernel} */
        class X { Object o = studybook.tables.KmTable.class; String s = "studybook.twin.Twin"; }
        """);
    Matcher m = REFERENCE.matcher(code);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    assertEquals(List.of("report", "tables"), found);
  }

  /** The layer of a package: its first segment under studybook ("" for the root package). */
  private static String layer(String pkg) {
    int dot = pkg.indexOf('.');
    return dot < 0 ? pkg : pkg.substring(0, dot);
  }

  /** The code without comments and string literals (a name in a message or Javadoc is no dependency). */
  static String withoutComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (c == '"' && source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? n : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
