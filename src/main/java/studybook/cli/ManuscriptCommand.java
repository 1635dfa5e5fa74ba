package studybook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studybook.StudybookException;
import studybook.TerminalText;
import studybook.claims.ClaimsFile;
import studybook.claims.ClaimsReader;
import studybook.kernel.Kernel;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.kernel.RunInputs;
import studybook.manuscript.Manuscript;

/**
 * {@code studybook manuscript check|bind|update FILE.docx}: the numbers of an author's Word manuscript
 * checked against the study's results, bound to them with content controls, and rewritten from them.
 * The results are the current run's (the study is run as {@code studybook run} would, cells from the
 * cache where their inputs are unchanged), or a results.json given with {@code --results}.
 */
@Command(name = "manuscript", mixinStandardHelpOptions = true,
    description = "Checks, binds and updates the numbers of a Word manuscript against the study's results.",
    subcommands = {ManuscriptCommand.Check.class, ManuscriptCommand.Bind.class, ManuscriptCommand.Update.class})
public final class ManuscriptCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The options every subcommand shares: the manuscript and where the results come from. */
  static class Source {
    @Parameters(index = "0", paramLabel = "FILE.docx", description = "The Word manuscript.")
    Path file;

    @Option(names = "--study", paramLabel = "DIR", defaultValue = ".", description = "The study folder (default: ${DEFAULT-VALUE}).")
    Path study;

    @Option(names = "--results", paramLabel = "FILE",
        description = "Check against this results.json (e.g. a committed reports/results.json) instead of running the study.")
    Path results;

    @Option(names = "--claims", paramLabel = "FILE",
        description = "The claims file whose bindings settle ties (default: the study's, when there is one).")
    Path claims;

    @Option(names = "--no-cache", description = "Recompute every cell, trusting no cache (as verify does): a reviewer's check.")
    boolean noCache;

    Manuscript read() {
      JsonNode json;
      Optional<ClaimsFile> claimsFile = Optional.ofNullable(claims).map(c -> ClaimsReader.read(c.toAbsolutePath().normalize()));
      if (!Files.isRegularFile(file)) {
        throw new StudybookException(file + ": " + (Files.isDirectory(file) ? "is a folder, not a Word file" : "no such file"));
      }
      if (results != null) {
        try {
          json = Json.mapper().readTree(Files.readAllBytes(results));
        } catch (IOException e) {
          throw new StudybookException(results + ": cannot be read as results JSON: " + studybook.IoProblem.describe(e));
        }
        if (json == null || !json.isObject()) {
          throw new StudybookException(results + ": is not a results.json (not a JSON object)");
        }
        if (claimsFile.isEmpty() && Files.isRegularFile(study.resolve(Study.PROPERTIES))) {
          claimsFile = studyClaims(Study.open(study, Optional.empty()));
        }
      } else {
        Study s = Study.open(study, Optional.empty());
        if (claimsFile.isEmpty()) {
          claimsFile = studyClaims(s);
        }
        RunOptions options = RunOptions.defaults().quiet();
        if (noCache) {
          studybook.data.columncache.ColumnCache.distrust();
          options = options.with(studybook.kernel.CacheMode.REFRESH);
        }
        try (RunInputs inputs = RunInputs.lockAndRead(s)) {
          json = Kernel.run(inputs, options).resultsJson();
        }
      }
      return Manuscript.read(file, json, claimsFile);
    }

    private static Optional<ClaimsFile> studyClaims(Study s) {
      Path c = VerifyCommand.claimsFile(s);
      return Files.isRegularFile(c) ? Optional.of(ClaimsReader.read(c)) : Optional.empty();
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Lists every number of the manuscript as ok, mismatch, unmatched, ambiguous or ignored.",
          "Exit code 0 when none is a mismatch or unmatched, 1 otherwise, 2 on bad input."})
  static final class Check implements Callable<Integer> {
    @picocli.CommandLine.Mixin Source source = new Source();

    @Option(names = "--json", description = "Print the numbers as one JSON document.")
    boolean json;

    @Override
    public Integer call() {
      Manuscript.Report r = source.read().report();
      if (json) {
        Json.print(System.out, toJson(r));
      } else {
        print(System.out, r);
      }
      return r.clean() ? 0 : 1;
    }
  }

  @Command(name = "bind", mixinStandardHelpOptions = true,
      description = {"Writes a copy in which every ok number is bound to its result (a Word content control).",
          "A reader sees ordinary text. The ambiguous numbers are listed for the author to bind with --bind."})
  static final class Bind implements Callable<Integer> {
    @picocli.CommandLine.Mixin Source source = new Source();

    @Option(names = "--out", paramLabel = "BOUND.docx", required = true, description = "Where to write the bound copy.")
    Path out;

    @Option(names = "--bind", paramLabel = "TEXT@CONTEXT=PATH",
        description = {"Bind the number TEXT in the sentence containing CONTEXT to the result at PATH, e.g.",
            "\"322@underwent=cohort.total\"; PATH '-' marks a number that is no result (repeatable)."})
    List<String> binds = new ArrayList<>();

    @Override
    public Integer call() {
      if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".docx")) {
        throw new StudybookException(out + ": --out must name a .docx file");
      }
      Manuscript m = source.read();
      Manuscript.Bound b = m.bind(out, binds);
      PrintStream o = System.out;
      o.printf(Locale.ROOT, "bind: %d number%s bound in %s%n", b.bound().size(), b.bound().size() == 1 ? "" : "s",
          TerminalText.safe(out.toString()));
      for (Manuscript.Number n : b.bound()) {
        o.printf(Locale.ROOT, "  %-14s -> %s%n", safe(n.text()), safe(n.binding()));
      }
      for (String s : b.notBound()) {
        o.println("  not bound: " + safe(s));
      }
      if (!b.ambiguous().isEmpty()) {
        o.printf(Locale.ROOT, "%d ambiguous number%s left for you to bind with --bind \"text@context=path\":%n",
            b.ambiguous().size(), b.ambiguous().size() == 1 ? "" : "s");
        for (Manuscript.Number n : b.ambiguous()) {
          o.printf(Locale.ROOT, "  %s in \"%s\": %s%n", safe(n.text()), safe(n.context()), safe(String.join(", ", n.candidates())));
        }
      }
      return 0;
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = {"Rewrites every bound number from the current results, in place.",
          "Every other part of the file is kept as it was; refused (exit 2, nothing written) when the file changed on",
          "disk meanwhile."})
  static final class Update implements Callable<Integer> {
    @picocli.CommandLine.Mixin Source source = new Source();

    @Override
    public Integer call() {
      List<Manuscript.Change> changes = source.read().update(() -> {});
      PrintStream o = System.out;
      for (Manuscript.Change c : changes) {
        o.printf(Locale.ROOT, "%s \u2192 %s   (%s; %s)%n", safe(c.before()), safe(c.after()), safe(c.binding()), safe(c.context()));
      }
      o.printf(Locale.ROOT, "update: %d number%s rewritten in %s%n", changes.size(), changes.size() == 1 ? "" : "s",
          TerminalText.safe(source.file.toString()));
      return 0;
    }
  }

  private static String safe(String s) {
    return TerminalText.safe(s == null ? "" : s);
  }

  static void print(PrintStream out, Manuscript.Report r) {
    out.printf(Locale.ROOT, "%-9s  %-14s  %-14s  %-40s  %s%n", "status", "number", "recomputed", "binding", "sentence");
    for (Manuscript.Number n : r.numbers()) {
      String binding = n.binding() != null ? n.binding() : n.reason();
      out.printf(Locale.ROOT, "%-9s  %-14s  %-14s  %-40s  %s%n", n.status().label(), safe(n.text()),
          safe(n.recomputed() == null ? "" : n.recomputed()), safe(binding), safe(n.context()));
      if (n.status() == Manuscript.Status.AMBIGUOUS) {
        out.println("           candidates: " + safe(String.join(", ", n.candidates())));
      }
    }
    StringBuilder counts = new StringBuilder();
    r.counts().forEach((s, c) -> counts.append(counts.length() == 0 ? "" : ", ").append(c).append(' ').append(s.label()));
    out.println();
    out.println(safe(r.file()) + ": " + r.numbers().size() + " numbers: " + counts);
  }

  static ObjectNode toJson(Manuscript.Report r) {
    ObjectNode root = Json.object();
    root.put("file", r.file());
    ArrayNode numbers = root.putArray("numbers");
    for (Manuscript.Number n : r.numbers()) {
      ObjectNode o = numbers.addObject();
      o.put("text", n.text());
      o.put("context", n.context());
      o.put("status", n.status().label());
      o.put("binding", n.binding());
      o.put("recomputed", n.recomputed());
      o.put("reason", n.reason());
      ArrayNode c = o.putArray("candidates");
      n.candidates().forEach(c::add);
    }
    ObjectNode counts = root.putObject("counts");
    r.counts().forEach((s, c) -> counts.put(s.label(), c));
    return root;
  }
}
