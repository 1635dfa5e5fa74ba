package studybook.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studybook.Names;
import studybook.StudybookException;

/** The outcome of {@link Kernel#run}: every cell's result in run order and how each was obtained. */
public final class KernelRun {
  private final Study study;
  private final Map<String, Object> results;
  private final List<CellOutcome> outcomes;
  private final Map<String, String> inputHashes;
  /** The files of each input an engine read itself (a folder, a cluster path), as it hashed them. */
  Map<String, List<RunInputs.Part>> inputParts = Map.of();
  private final TemplateFiles templates;
  private final List<String> commandLine;
  private final Optional<Provenance.Git> git;
  private final Graph graph;
  private final List<CellFailure> failures;

  /**
   * The cells of the study and how they depend on each other, as the kernel checked and ran them.
   *
   * @param order every cell's name in run order (topological, ties broken by name)
   * @param inputs each cell's inputs in parameter order: other cells (the graph's edges) and built-ins
   * @param positions each cell's script and the first line of its code
   */
  public record Graph(List<String> order, Map<String, List<String>> inputs, Map<String, SourcePosition> positions) {
    public Graph {
      order = List.copyOf(order);
      Map<String, List<String>> in = new LinkedHashMap<>();
      inputs.forEach((k, v) -> in.put(k, List.copyOf(v)));
      inputs = Collections.unmodifiableMap(in);
      positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    }

    /** The cells among {@code cell}'s inputs (its incoming edges). */
    public List<String> cellInputs(String cell) {
      return inputs.getOrDefault(cell, List.of()).stream().filter(inputs::containsKey).toList();
    }

    /** The cells that take {@code cell} as an input, directly, in run order. */
    public List<String> dependents(String cell) {
      return order.stream().filter(c -> inputs.get(c).contains(cell)).toList();
    }

    /** Where {@code cell} is: its script and the first line of its code. */
    public SourcePosition position(String cell) {
      SourcePosition p = positions.get(cell);
      if (p == null) {
        throw new StudybookException("no cell named '" + cell + "'" + Names.didYouMean(cell, positions.keySet()));
      }
      return p;
    }
  }

  KernelRun(Study study, Map<String, Object> results, List<CellOutcome> outcomes, Map<String, String> inputHashes,
      TemplateFiles templates, List<String> commandLine, Optional<Provenance.Git> git, Graph graph,
      List<CellFailure> failures) {
    this.graph = graph;
    this.failures = List.copyOf(failures);
    this.templates = templates;
    this.study = study;
    this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    this.outcomes = List.copyOf(outcomes);
    this.inputHashes = Collections.unmodifiableMap(new LinkedHashMap<>(inputHashes));
    this.commandLine = List.copyOf(commandLine);
    this.git = git;
  }

  public Study study() {
    return study;
  }

  /** The result of one cell; an unknown name fails with the nearest cell name. */
  public Object result(String cellName) {
    if (!results.containsKey(cellName)) {
      throw new StudybookException("no cell named '" + cellName + "'" + Names.didYouMean(cellName, results.keySet()));
    }
    return results.get(cellName);
  }

  /** Every cell's result by name, in run order. */
  public Map<String, Object> results() {
    return results;
  }

  /** How each cell was obtained, in run order. */
  public List<CellOutcome> outcomes() {
    return outcomes;
  }

  /** The study's templates as read at the start of the run: the bytes whose hashes {@link #inputHashes} records. */
  public TemplateFiles templates() {
    return templates;
  }

  /** SHA-256 of every input file, by path relative to the study, as read at the start of the run. */
  public Map<String, String> inputHashes() {
    return inputHashes;
  }

  /** Every result as JSON at full precision, keyed by cell name in run order (results.json). */
  public ObjectNode resultsJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    Map<String, String> hashes = new LinkedHashMap<>();
    outcomes.forEach(c -> hashes.put(c.name(), c.outputHash()));
    results.forEach((k, v) -> {
      com.fasterxml.jackson.databind.JsonNode j = ResultJson.published(v);
      if (v instanceof studybook.data.Frame && j instanceof ObjectNode frame && hashes.get(k) != null) {
        frame.put("hash", hashes.get(k)); // the frame's content, as the manifest's outputHash names it
      }
      o.set(k, j);
    });
    return o;
  }

  /**
   * The provenance record of this run (manifest.json): only what the outputs depend on (inputs, seed,
   * Java release, libraries, each cell's code, input and output hashes), so an unchanged rerun writes
   * the same bytes and a reviewer's {@code git status} stays clean. What differs from run to run
   * (command line, git commit, timings, cache hits) is in {@link #runLog()}.
   */
  public ObjectNode manifest() {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("title", study.title());
    m.put("seed", study.seed());
    m.put("synthetic", study.synthetic());
    ObjectNode in = m.putObject("inputs");
    inputHashes.forEach(in::put);
    if (!inputParts.isEmpty()) {
      // Data an engine read where they lie: each file it read, so a reviewer sees what the input's hash is of
      // (RunInputs.EngineData.record); absent for inputs that are files on this machine.
      ObjectNode parts = m.putObject("inputParts");
      inputParts.forEach((name, list) -> {
        ArrayNode a = parts.putArray(name);
        for (RunInputs.Part p : list) {
          a.addObject().put("path", p.path()).put("bytes", p.bytes()).put("sha256", p.sha256());
        }
      });
    }
    m.putObject("java").put("release", Runtime.version().feature());
    ObjectNode deps = m.putObject("dependencies");
    Provenance.dependencies().forEach(deps::put);
    ArrayNode cells = m.putArray("cells");
    for (CellOutcome c : outcomes) {
      ObjectNode o = cells.addObject();
      o.put("name", c.name());
      o.put("description", c.description());
      o.put("script", c.script());
      o.put("codeHash", c.codeHash());
      ObjectNode ih = o.putObject("inputHashes");
      c.inputHashes().forEach(ih::put);
      o.put("outputHash", c.outputHash());
      o.put("seed", c.seed());
    }
    return m;
  }

  /**
   * What happened in this run and nowhere else: the command line, the git commit and dirty flag, the
   * exact Java runtime, and per cell whether it was computed, why, how long it took and whether it was
   * cached. Written to {@code .studybook/last-run.json} (git-ignored), never into the committed reports.
   */
  public ObjectNode runLog() {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    ArrayNode cl = m.putArray("commandLine");
    commandLine.forEach(cl::add);
    ObjectNode g = m.putObject("git");
    if (git.isPresent()) {
      g.put("commit", git.get().commit());
      g.put("dirty", git.get().dirty());
    } else {
      g.putNull("commit");
      g.putNull("dirty");
    }
    ObjectNode java = m.putObject("java");
    java.put("version", System.getProperty("java.version"));
    java.put("vendor", System.getProperty("java.vendor"));
    java.put("runtime", System.getProperty("java.runtime.version"));
    ArrayNode cells = m.putArray("cells");
    for (CellOutcome c : outcomes) {
      ObjectNode o = cells.addObject();
      o.put("name", c.name());
      o.put("computed", c.computed());
      o.put("reason", c.reason());
      o.put("durationMillis", c.durationMicros() / 1000.0);
      o.put("cached", c.cached());
    }
    return m;
  }

  /** The cell graph: run order, each cell's inputs, each cell's source position. */
  public Graph graph() {
    return graph;
  }

  /**
   * The cells that failed in this run and those that did not run because an input failed, typed; empty
   * unless the run went on past failures ({@link RunOptions#goingOnPastFailures()}), since otherwise the first
   * failure ends the run with a {@link CellFailedException}.
   */
  public List<CellFailure> failures() {
    return failures;
  }

  /**
   * Each cell's fingerprint, in run order: the SHA-256 of its result's JSON (the manifest's {@code outputHash}).
   * Equal fingerprints mean equal results, so a view of the report can redraw only what a rerun changed.
   */
  public Map<String, String> fingerprints() {
    Map<String, String> f = new LinkedHashMap<>();
    outcomes.forEach(c -> f.put(c.name(), c.outputHash()));
    return Collections.unmodifiableMap(f);
  }

  /**
   * The cells whose result this run does not share with {@code previous}: changed, new, or without a result
   * (failed, or dependent on a failure) here but with one there, in run order, then those gone since.
   */
  public List<String> changedSince(KernelRun previous) {
    Map<String, String> now = fingerprints();
    Map<String, String> was = previous.fingerprints();
    List<String> changed = new ArrayList<>();
    for (String cell : graph.order()) {
      if (!java.util.Objects.equals(now.get(cell), was.get(cell))) {
        changed.add(cell);
      }
    }
    was.keySet().stream().filter(c -> !graph.inputs().containsKey(c)).forEach(changed::add);
    return changed;
  }

  /** Names of the cells that were computed (not taken from the cache) in this run. */
  public List<String> computedCells() {
    List<String> names = new ArrayList<>();
    outcomes.stream().filter(CellOutcome::computed).forEach(c -> names.add(c.name()));
    return names;
  }
}
