package studybook.kernel;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.nio.file.Path;
import studybook.claims.ClaimsFile;
import studybook.claims.ClaimsReader;
import studybook.data.AdhocLoader;
import studybook.data.Codebook;
import studybook.data.CodebookLoader;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;

/**
 * The inputs a cell may name that are not cells: {@code data}, {@code settings}, {@code context}
 * and, when the study declares one, {@code codebook}. Each study-level built-in has a
 * content hash, which is what the cache keys on, and a loader that runs at most once per run and
 * only when a cell that needs it has to be computed.
 */
public final class BuiltIns {
  /** The per-cell input: a {@link CellContext}; its seed is part of every cache key already. */
  public static final String CONTEXT = "context";

  /**
   * A study-level input: its content hash and its loader, both given the run's {@link RunInputs} (the files
   * as the run read and hashed them once, and the study).
   */
  public record BuiltIn(String name, Class<?> type, Function<RunInputs, String> hash, Function<RunInputs, Object> load) {}

  private final Map<String, BuiltIn> builtIns;
  /** Run on the cell methods after compiling, before any cell runs (an engine's check of what it can run); may throw. */
  private final java.util.function.Consumer<List<java.lang.reflect.Method>> cellCheck;

  private BuiltIns(Map<String, BuiltIn> builtIns) {
    this(builtIns, cells -> { });
  }

  private BuiltIns(Map<String, BuiltIn> builtIns, java.util.function.Consumer<List<java.lang.reflect.Method>> cellCheck) {
    this.builtIns = Collections.unmodifiableMap(builtIns);
    this.cellCheck = cellCheck;
  }

  /**
   * A registry whose run first gives {@code check} every cell method (in run order), after compiling and before
   * any cell or input is computed: an engine that cannot run some cells throws a StudybookException naming them.
   */
  public BuiltIns withCellCheck(java.util.function.Consumer<List<java.lang.reflect.Method>> check) {
    return new BuiltIns(new LinkedHashMap<>(builtIns), check);
  }

  /** Runs the registry's cell check (none by default). */
  void checkCells(List<java.lang.reflect.Method> cells) {
    cellCheck.accept(cells);
  }

  /**
   * {@code data} (the loaded Frame), {@code settings} (study.properties), {@code codebook} and
   * {@code claims} (parsed; a cell that names one in a study without it gets a clear error) and
   * {@code context}.
   */
  public static BuiltIns standard() {
    Map<String, BuiltIn> m = new LinkedHashMap<>();
    m.put("data", new BuiltIn("data", Frame.class, BuiltIns::dataHash, BuiltIns::loadData));
    m.put("settings", new BuiltIn("settings", Map.class, in -> Hashes.of(canonical(in.study().settings())),
        in -> in.study().settings()));
    m.put("codebook", new BuiltIn("codebook", Codebook.class,
        in -> Hashes.of(in.study().codebook().map(in::hash).orElse("none")), BuiltIns::loadCodebook));
    // A built-in rather than a file a cell opens itself, so that editing only the claims file
    // changes the cache key of the cells that read it and never leaves their verdicts stale.
    m.put("claims", new BuiltIn("claims", ClaimsFile.class,
        in -> Hashes.of(in.study().claims().map(in::hash).orElse("none")), BuiltIns::loadClaims));
    return new BuiltIns(m);
  }

  /**
   * The study's codebook, parsed once per run (the data loader and the {@code codebook} built-in share it);
   * a StudybookException when study.properties names none.
   */
  public static Codebook loadCodebook(RunInputs inputs) {
    Path file = inputs.study().codebook().orElseThrow(() -> new studybook.StudybookException(
        "a cell needs the codebook but study.properties names none (add codebook=data/codebook.csv)"));
    return inputs.once("codebook", () -> CodebookLoader.load(shown(file)));
  }

  /** The study's claims file; a StudybookException when study.properties names none. */
  public static ClaimsFile loadClaims(RunInputs inputs) {
    Path file = inputs.study().claims().orElseThrow(() -> new studybook.StudybookException(
        "a cell needs the claims but study.properties names none (add claims=analysis/claims.csv)"));
    return ClaimsReader.read(shown(file));
  }

  /** A path as the user would type it: relative to the working folder when it lies inside it. */
  private static Path shown(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
  }

  /** A registry with one more study-level input (e.g. {@code codebook}); replaces one of the same name. */
  public BuiltIns with(BuiltIn builtIn) {
    if (builtIn.name().equals(CONTEXT)) {
      throw new IllegalArgumentException("'context' is reserved");
    }
    Map<String, BuiltIn> m = new LinkedHashMap<>(builtIns);
    m.put(builtIn.name(), builtIn);
    return new BuiltIns(m, cellCheck);
  }

  /** Every built-in name, including {@code context}. */
  public Set<String> names() {
    Set<String> n = new LinkedHashSet<>(builtIns.keySet());
    n.add(CONTEXT);
    return n;
  }

  public boolean has(String name) {
    return name.equals(CONTEXT) || builtIns.containsKey(name);
  }

  /** The study-level built-in of this name, or null (also for {@code context}). */
  BuiltIn get(String name) {
    return builtIns.get(name);
  }

  Class<?> type(String name) {
    return name.equals(CONTEXT) ? CellContext.class : builtIns.get(name).type();
  }

  /**
   * Loads the study's data. The one place that decides how: typed and validated by the codebook
   * when the study declares one; otherwise by the ad-hoc conventions, with
   * {@code data.categorical=a,b} and {@code data.levels.VAR=l1,l2} settings.
   */
  public static Frame loadData(RunInputs inputs) {
    Study study = inputs.study();
    if (study.codebook().isPresent()) {
      return StudyDataLoader.load(shown(study.data()), loadCodebook(inputs),
          studybook.data.readers.ReadOptions.of(study.settings(), study.dir()));
    }
    Map<String, String> s = study.settings();
    Set<String> categorical = new LinkedHashSet<>(split(s.getOrDefault("data.categorical", "")));
    Map<String, List<String>> levels = new LinkedHashMap<>();
    s.forEach((k, v) -> {
      if (k.startsWith("data.levels.")) {
        levels.put(k.substring("data.levels.".length()), split(v));
      }
    });
    return AdhocLoader.load(study.data(), categorical, levels);
  }

  /** The content hash of the study's data as loaded (data, codebook, dictionary and data.* settings): the data built-in's key. */
  public static String dataHash(RunInputs inputs) {
    Study study = inputs.study();
    StringBuilder b = new StringBuilder();
    b.append("data=").append(inputs.hash(study.data())).append('\n');
    study.codebook().ifPresent(c -> b.append("codebook=").append(inputs.hash(c)).append('\n'));
    // A REDCap dictionary shapes the frame as much as the data do: its bytes are part of the key.
    study.dataDictionary().ifPresent(d -> b.append("dictionary=").append(inputs.hash(d)).append('\n'));
    Map<String, String> loading = new TreeMap<>();
    study.settings().forEach((k, v) -> {
      if (k.startsWith("data.")) {
        loading.put(k, v);
      }
    });
    b.append(canonical(loading));
    return Hashes.of(b.toString());
  }

  private static String canonical(Map<String, String> map) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(map).forEach((k, v) -> b.append(k.length()).append(':').append(k).append('=')
        .append(v.length()).append(':').append(v).append('\n'));
    return b.toString();
  }

  private static List<String> split(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }
}
