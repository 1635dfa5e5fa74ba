package studybook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studybook.StudybookException;
import studybook.TerminalText;
import studybook.kernel.CacheMode;
import studybook.kernel.Hashes;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.kernel.RunInputs;
import studybook.report.OutputFolder;
import studybook.report.ReportComparison;
import studybook.report.ReportWriter;
import studybook.report.SmallCellSuppression;

/** {@code studybook check}: the committed reports are what the committed inputs give today. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Reruns the study from scratch (no cache) into a temporary folder and compares it byte for byte",
        "with the committed reports, and the manifest's input hashes with the files on disk.",
        "Exit code 0 when everything matches, 1 when something differs."})
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--study", paramLabel = "DIR", defaultValue = ".", description = "The study folder (default: ${DEFAULT-VALUE}).")
  Path study;

  @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports",
      description = "The committed output folder inside the study (default: ${DEFAULT-VALUE}).")
  Path reports;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  @Option(names = "--sandbox", description = {"Run the study's code isolated (bubblewrap): no network or host sockets,",
      "the file system read-only but for a scratch folder, no child processes; this process judges what it computed.",
      "Refused (exit 2) where no isolation is available."})
  boolean sandbox;

  @Option(names = "--sandbox-limits", paramLabel = "LIMITS",
      description = "With --sandbox: memory=2g,time=30m,processes=0 (the defaults; see the README's trust model).")
  String sandboxLimits;

  @Override
  public Integer call() {
    Study s = Study.open(study, Optional.empty());
    Sandbox.Limits limits = Sandbox.Limits.parse(sandboxLimits);
    if (sandboxLimits != null && !sandbox) {
      throw new StudybookException("--sandbox-limits goes with --sandbox");
    }
    Path committed = s.dir().resolve(reports).normalize();
    Path manifestFile = committed.resolve("manifest.json");
    if (!Files.isRegularFile(manifestFile)) {
      throw new StudybookException(s.display(committed) + " has no manifest.json: run 'studybook run' and commit reports/ first");
    }
    Map<String, String> recorded = new TreeMap<>();
    Optional<SmallCellSuppression> suppression;
    try {
      JsonNode m = Json.mapper().readTree(Files.readAllBytes(manifestFile));
      m.path("inputs").fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asText()));
      // Reports made with --suppress-below are re-rendered with the same threshold, or every masked
      // cell would read as a difference.
      JsonNode threshold = m.path("suppression").path("threshold");
      suppression = threshold.isInt() ? Optional.of(new SmallCellSuppression(threshold.asInt())) : Optional.empty();
    } catch (IOException e) {
      throw new StudybookException(s.display(manifestFile) + ": cannot be read: " + studybook.IoProblem.describe(e));
    }
    List<String> commandLine = RunCommand.commandLine(spec);
    List<String> problems;
    // The lock once, and every input read and hashed once: compared with the manifest, then run from these bytes.
    try (RunInputs inputs = RunInputs.lockAndRead(s)) {
      problems = new ArrayList<>(ReportComparison.inputs(recorded, inputs.hashes()));
      if (sandbox) {
        // The child computes; this process judges. Nothing it prints or returns is taken as the answer.
        List<String> job = new ArrayList<>();
        suppression.ifPresent(k -> job.addAll(List.of("--suppress-below", Integer.toString(k.threshold()))));
        job.add("--");
        job.addAll(commandLine);
        try (Sandbox.Outcome child = Sandbox.run(s, "check", job, limits, quiet, Optional.empty())) {
          problems.addAll(ReportComparison.outputs(committed, child.output().resolve("reports")));
        }
      } else {
        Path fresh;
        try {
          fresh = studybook.kernel.TemporaryFiles.createDirectory("studybook-check-");
        } catch (IOException e) {
          throw new StudybookException("cannot create a temporary folder: " + studybook.IoProblem.describe(e));
        }
        try {
          renderFresh(inputs, commandLine, quiet, suppression, fresh);
          problems.addAll(ReportComparison.outputs(committed, fresh));
        } finally {
          OutputFolder.deleteTree(fresh);
        }
      }
      problems.addAll(studybook.report.WellFormed.problems(committed));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (problems.isEmpty()) {
      out.println("check: " + TerminalText.safe(s.display(committed)) + " is what a fresh run of the current inputs gives");
    } else {
      // File names and values come from the files checked: escaped, so none can print a line of its own.
      problems.forEach(p -> out.println("check: " + TerminalText.safe(p)));
      out.println("check: " + problems.size() + " difference" + (problems.size() == 1 ? "" : "s")
          + "; rerun 'studybook run' and commit, or find what changed");
    }
    out.flush();
    return problems.isEmpty() ? 0 : 1;
  }

  /**
   * Runs the study from scratch (no cache, no parsed-column cache: the data are parsed from the bytes
   * hashed) and renders every output into {@code into}, an existing empty folder; here or in the sandbox.
   */
  static void renderFresh(Study s, List<String> commandLine, boolean quiet, Optional<SmallCellSuppression> suppression,
      Path into) {
    try (RunInputs inputs = RunInputs.lockAndRead(s)) {
      renderFresh(inputs, commandLine, quiet, suppression, into);
    }
  }

  /** As {@link #renderFresh(Study, List, boolean, Optional, Path)}, from the inputs as read (under their lock). */
  static void renderFresh(RunInputs inputs, List<String> commandLine, boolean quiet,
      Optional<SmallCellSuppression> suppression, Path into) {
    studybook.data.columncache.ColumnCache.distrust();
    RunOptions options = RunOptions.defaults().with(CacheMode.OFF).withCommandLine(commandLine);
    if (quiet) {
      options = options.quiet();
    }
    OutputFolder.mark(into);
    ReportWriter.render(Kernel.run(inputs, options), into, suppression);
  }
}
