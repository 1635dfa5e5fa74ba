package studybook.cli;

import studybook.report.NumberStyle.Plain;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studybook.StudybookException;
import studybook.TerminalText;
import studybook.claims.ClaimsReader;
import studybook.claims.VerdictChange;
import studybook.kernel.ResultsDiff;

/**
 * {@code studybook diff OLD NEW}: which numbers changed between two results.json files, by how
 * much, and which published claims changed verdict.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Lists which numbers changed between two results.json files and by how much, and which "
        + "published claims changed verdict (with a claims file).",
        "Exit code 0 when nothing changed, 1 when something did."})
public final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "The earlier results.json.")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW", description = "The later results.json.")
  Path after;

  @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "0",
      description = "Ignore relative changes up to this size (default: ${DEFAULT-VALUE}, exact).")
  double tolerance;

  @Option(names = "--json", description = "Print the changes as one JSON document.")
  boolean json;

  @Option(names = "--claims", paramLabel = "FILE",
      description = "Claims file whose verdicts to compare (default: analysis/claims.csv when it exists; 'none' to skip).")
  String claims;

  @Override
  public Integer call() {
    if (!(tolerance >= 0)) {
      throw new StudybookException("--tolerance must be 0 or more");
    }
    JsonNode oldResults = read(before);
    JsonNode newResults = read(after);
    List<ResultsDiff.Change> changes = ResultsDiff.compare(oldResults, newResults, tolerance);
    List<VerdictChange> verdicts = claimsFile()
        .map(f -> VerdictChange.between(ClaimsReader.read(f), oldResults, newResults))
        .orElse(List.of());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      var array = Json.array();
      for (ResultsDiff.Change c : changes) {
        var o = array.addObject();
        o.put("path", c.path());
        o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        o.set("old", c.before());
        o.set("new", c.after());
        o.set("difference", Json.number(c.absolute()));
        o.set("relative", Json.number(c.relative()));
      }
      var root = Json.object();
      root.put("changes", changes.size());
      root.set("differences", array);
      var claimArray = root.putArray("claims");
      for (VerdictChange v : verdicts) {
        var o = claimArray.addObject();
        o.put("id", v.id());
        o.put("published", v.after().published());
        o.put("old_verdict", v.before().status().label());
        o.put("new_verdict", v.after().status().label());
        o.set("old", Json.number(v.before().recomputed()));
        o.set("new", Json.number(v.after().recomputed()));
      }
      out.println(Json.pretty(root).strip());
    } else if (changes.isEmpty()) {
      out.println("no differences");
    } else {
      for (ResultsDiff.Change c : changes) {
        // Paths and values come from the compared files: escaped, so none can print a line of its own.
        out.println(TerminalText.safe(switch (c.kind()) {
          case NUMBER -> c.path() + ": " + c.before() + " -> " + c.after() + " (" + Plain.signed(c.absolute(), 6)
              + (Double.isNaN(c.relative()) ? "" : ", " + Plain.signed(100 * c.relative(), 3) + "%") + ")";
          case VALUE -> c.path() + ": " + c.before() + " -> " + c.after();
          case ADDED -> c.path() + ": added " + c.after();
          case REMOVED -> c.path() + ": removed (was " + c.before() + ")";
        }));
      }
      out.println(changes.size() + " difference" + (changes.size() == 1 ? "" : "s"));
    }
    if (!json && !verdicts.isEmpty()) {
      out.println("claims that changed verdict:");
      for (VerdictChange v : verdicts) {
        out.println("  " + TerminalText.safe(v.id() + " (published " + v.after().published() + "): "
            + v.before().status().label() + " -> " + v.after().status().label() + ", recomputed "
            + v.before().recomputed() + " -> " + v.after().recomputed()));
      }
    }
    out.flush();
    return changes.isEmpty() && verdicts.isEmpty() ? 0 : 1;
  }

  private java.util.Optional<Path> claimsFile() {
    if ("none".equals(claims)) {
      return java.util.Optional.empty();
    }
    if (claims != null) {
      return java.util.Optional.of(Path.of(claims));
    }
    Path usual = Path.of("analysis", "claims.csv");
    return Files.isRegularFile(usual) ? java.util.Optional.of(usual) : java.util.Optional.empty();
  }

  private static JsonNode read(Path file) {
    try {
      return Json.mapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new StudybookException(file + ": cannot be read as JSON: " + (e instanceof java.nio.file.FileSystemException
          ? studybook.IoProblem.describe(e) : e.getMessage().lines().findFirst().orElse("")));
    }
  }
}
