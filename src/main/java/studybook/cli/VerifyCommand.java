package studybook.cli;

import studybook.report.NumberStyle.Plain;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studybook.claims.ClaimsFile;
import studybook.claims.ClaimsReader;
import studybook.claims.ClaimsReport;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.kernel.RunInputs;
import studybook.kernel.StudyLock;
import studybook.report.ReportWriter;

/**
 * {@code studybook verify}: recomputes the study (every cell, no cache) and checks every published
 * claim against the results. Prints one row per claim and the consistency checks on stdout; exits 0
 * when all are reproduced, 1 on any mismatch, not-checkable claim or inconsistency, 2 on bad input.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Recomputes the study and checks every published claim (exit 1 on any mismatch).")
public final class VerifyCommand implements Callable<Integer> {
  /** The exit code when a claim is not reproduced. */
  public static final int MISMATCH = 1;

  @Option(names = "--study", paramLabel = "DIR", defaultValue = ".", description = "The study folder (default: ${DEFAULT-VALUE}).")
  Path study;

  @Option(names = "--data", paramLabel = "FILE", description = "Use this data file instead of study.properties' data.")
  Path data;

  @Option(names = "--claims", paramLabel = "FILE",
      description = "The claims file (default: study.properties' claims, else analysis/claims.csv).")
  Path claims;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write the report (with its Reproducibility section) to this folder inside the study.")
  Path report;

  @Option(names = "--json", description = "Print the verdicts as one JSON document.")
  boolean json;

  @Option(names = "--sandbox", description = {"Run the study's code isolated (bubblewrap): no network or host sockets,",
      "the file system read-only but for a scratch folder, no child processes; this process judges its results.",
      "Refused (exit 2) where no isolation is available."})
  boolean sandbox;

  @Option(names = "--sandbox-limits", paramLabel = "LIMITS",
      description = "With --sandbox: memory=2g,time=30m,processes=0 (the defaults; see the README's trust model).")
  String sandboxLimits;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Study s = Study.open(study, Optional.ofNullable(data));
    Sandbox.Limits limits = Sandbox.Limits.parse(sandboxLimits);
    if (sandboxLimits != null && !sandbox) {
      throw new studybook.StudybookException("--sandbox-limits goes with --sandbox");
    }
    if (sandbox && report != null) {
      throw new studybook.StudybookException("--report cannot be combined with --sandbox: the sandbox sees the study"
          + " read-only; verify in the sandbox, then write the report with 'studybook run'");
    }
    Path claimsPath = claims != null ? claims.toAbsolutePath().normalize() : claimsFile(s);
    ClaimsFile file = ClaimsReader.read(claimsPath);
    JsonNode results;
    List<studybook.report.doc.Inline.NumberMark> numbers = null;
    if (sandbox) {
      try (StudyLock lock = StudyLock.acquire(s)) {
        // The child computes the results; this process reads them and gives every verdict itself.
        List<String> job = new ArrayList<>();
        if (data != null) {
          job.addAll(List.of("--data", s.data().toString()));
        }
        try (Sandbox.Outcome child = Sandbox.run(s, "verify", job, limits, false,
            data == null ? Optional.empty() : Optional.of(s.data()))) {
          results = readResults(child.output().resolve("results.json"));
        }
      }
    } else {
      try (RunInputs inputs = RunInputs.lockAndRead(s)) {
        KernelRun run = run(inputs, System.err);
        if (report != null) {
          ReportWriter.write(run, report, System.err);
        }
        results = run.resultsJson();
        numbers = ReportWriter.numbers(run);
      }
    }
    ClaimsReport verdicts = ClaimsReport.of(s.display(claimsPath), file, results);
    List<ReportNumber> unclaimed = numbers == null ? null : reportNumbers(numbers, file, results);
    if (json) {
      ObjectNode root = toJson(verdicts);
      if (unclaimed != null) {
        ArrayNode a = root.putArray("report_numbers_without_claim");
        for (ReportNumber n : unclaimed) {
          ObjectNode o = a.addObject();
          o.put("text", n.text());
          o.put("kind", n.kind());
          o.put("result", n.result());
          o.put("in_results", n.inResults());
        }
      }
      Json.print(System.out, root);
    } else {
      print(System.out, verdicts);
      // Said when the report's text prints numbers (the sandbox's child does not build the report: not there).
      if (unclaimed != null && !numbers.isEmpty()) {
        printNumbers(System.out, numbers.size(), unclaimed);
      }
    }
    return verdicts.allReproduced() ? 0 : MISMATCH;
  }

  static void print(PrintStream out, ClaimsReport r) {
    int idWidth = Math.max(5, r.claims().stream().mapToInt(c -> safe(c.id()).length()).max().orElse(5));
    String row = "%-" + idWidth + "s  %-10s  %-22s  %-24s  %s%n";
    out.printf(Locale.ROOT, row, "claim", "published", "recomputed", "window", "verdict");
    for (ClaimsReport.ClaimRow c : r.claims()) {
      String recomputed = Double.isNaN(c.recomputed()) ? "NA" : c.kind().equals("count")
          ? Long.toString(Math.round(c.recomputed())) : Plain.significant(c.recomputed(), 10);
      // Every text from the claims file is escaped: a claim cannot print a line (or colours) of its own.
      out.printf(Locale.ROOT, row, safe(c.id()), safe(c.published()), recomputed, safe(c.window()),
          safe(c.verdict() + (c.reason().isEmpty() ? "" : " (" + c.reason() + ")")));
    }
    out.println();
    for (ClaimsReport.CheckRow k : r.checks()) {
      out.printf(Locale.ROOT, "check %-" + idWidth + "s  %-40s  %s%n", safe(k.id()),
          safe(k.expression() + " [" + Plain.significant(k.computed(), 6) + " vs " + k.expected() + "]"),
          k.consistent() ? "consistent" : "INCONSISTENT");
    }
    // no "0 of 0 checks consistent" for a claims file without consistency checks
    out.printf(Locale.ROOT, "%n%d of %d claims reproduced, %d mismatch%s, %d not checkable%s%n",
        r.reproduced(), r.claims().size(), r.mismatches(), r.mismatches() == 1 ? "" : "es", r.notCheckable(),
        r.checks().isEmpty() ? "" : String.format(Locale.ROOT, "; %d of %d checks consistent",
            r.checks().size() - r.inconsistent(), r.checks().size()));
  }

  /**
   * A number the report's text prints that no claim covers: its text, kind, result path ("" when the
   * template computed it) and whether results.json holds that path (a method's value, such as a curve's
   * total events, is not there).
   */
  record ReportNumber(String text, String kind, String result, boolean inResults) {}

  /**
   * The report's numbers (from its document's number marks) that no claim of {@code file} covers: no
   * claim has their result path. Each path is listed once, in reading order.
   */
  static List<ReportNumber> reportNumbers(List<studybook.report.doc.Inline.NumberMark> numbers, ClaimsFile file,
      JsonNode results) {
    java.util.Set<String> claimed = new java.util.HashSet<>();
    file.claims().forEach(c -> claimed.add(c.result()));
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<ReportNumber> out = new ArrayList<>();
    for (studybook.report.doc.Inline.NumberMark n : numbers) {
      if (claimed.contains(n.source()) || !n.source().isEmpty() && !seen.add(n.source())) {
        continue;
      }
      boolean in = !n.source().isEmpty() && studybook.claims.ResultPath.resolve(results, n.source()).isPresent();
      out.add(new ReportNumber(n.text(), n.kind().name().toLowerCase(Locale.ROOT), n.source(), in));
    }
    return out;
  }

  static void printNumbers(PrintStream out, int total, List<ReportNumber> unclaimed) {
    out.printf(Locale.ROOT, "%nreport numbers: %d printed in the text, %d without a claim%s%n", total,
        unclaimed.size(), unclaimed.isEmpty() ? "" : " (a claims row with their result path would check them):");
    for (ReportNumber n : unclaimed) {
      out.printf(Locale.ROOT, "  %-14s  %-13s  %s%n", safe(n.text()), n.kind(),
          n.result().isEmpty() ? "(computed in the template)" : safe(n.result())
              + (n.inResults() ? "" : " (not in results.json)"));
    }
  }

  private static String safe(String text) {
    return studybook.TerminalText.safe(text);
  }

  static ObjectNode toJson(ClaimsReport r) {
    ObjectNode root = Json.object();
    root.put("claims_file", r.file());
    root.put("reproduced", r.reproduced());
    root.put("mismatches", r.mismatches());
    root.put("not_checkable", r.notCheckable());
    root.put("inconsistent", r.inconsistent());
    ArrayNode claims = root.putArray("claims");
    for (ClaimsReport.ClaimRow c : r.claims()) {
      ObjectNode o = claims.addObject();
      o.put("id", c.id());
      o.put("published", c.published());
      o.set("recomputed", Json.number(c.recomputed()));
      o.set("low", Json.number(c.low()));
      o.set("high", Json.number(c.high()));
      o.put("window", c.window());
      o.put("comparison", c.comparison());
      o.put("verdict", c.verdict());
      o.put("safe", c.safe());
      o.put("result", c.result());
      o.put("reason", c.reason());
    }
    ArrayNode checks = root.putArray("checks");
    for (ClaimsReport.CheckRow k : r.checks()) {
      ObjectNode o = checks.addObject();
      o.put("id", k.id());
      o.put("expression", k.expression());
      o.set("computed", Json.number(k.computed()));
      o.put("expected", k.expected());
      o.put("consistent", k.consistent());
    }
    return root;
  }

  /** Recomputes every cell (no cache is trusted: the data are parsed from the bytes hashed); here or in the sandbox. */
  static KernelRun run(RunInputs inputs, PrintStream log) {
    studybook.data.columncache.ColumnCache.distrust();
    return Kernel.run(inputs, RunOptions.defaults().with(CacheMode.REFRESH).withLog(log));
  }

  /** The results a study's claims are checked against, as results.json holds them. */
  static JsonNode results(Study s, PrintStream log) {
    try (RunInputs inputs = RunInputs.lockAndRead(s)) {
      return run(inputs, log).resultsJson();
    }
  }

  private static JsonNode readResults(Path file) {
    try {
      return Json.mapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new studybook.StudybookException("--sandbox: the sandboxed run's results cannot be read: "
          + studybook.IoProblem.describe(e) + ". No verdict");
    }
  }

  /** The claims file of a study: the {@code claims} setting, by default analysis/claims.csv. */
  public static Path claimsFile(Study study) {
    return study.dir().resolve(study.settings().getOrDefault("claims", "analysis/claims.csv")).normalize();
  }
}
