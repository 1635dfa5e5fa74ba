package studybook.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import studybook.StudybookException;

/**
 * Runs a study: compiles its scripts, checks the cell graph as a whole, then evaluates the cells in
 * dependency order, taking each from the cache when its code, inputs and seed are unchanged.
 * Computes no statistic and renders nothing; see {@code studybook.report} for the outputs.
 */
public final class Kernel {
  private Kernel() {}

  /** The setting that limits each cell's time, in seconds (a cell's own {@link Cell#timeoutSeconds()} wins). */
  public static final String TIMEOUT_SETTING = "cell.timeout_seconds";

  /** The default limit of a cell's time: generous, it exists to end a hang, not to time work. */
  public static final long DEFAULT_TIMEOUT_SECONDS = 1800;

  private static volatile String runningCell;

  /** The last run's log in the study's work folder: command line, git commit, timings, cache hits. */
  public static final String RUN_LOG = "last-run.json";

  /** Takes the study's lock, reads its inputs once and runs it (see {@link #run(RunInputs, RunOptions)}). */
  public static KernelRun run(Study study, RunOptions options) {
    try (RunInputs inputs = RunInputs.lockAndRead(study)) {
      return run(inputs, options);
    }
  }

  /**
   * Runs the study under the lock {@code inputs} holds, from the files as {@code inputs} read them: their
   * hashes key the caches and the manifest, their bytes are what is compiled, rendered and loaded.
   */
  public static KernelRun run(RunInputs inputs, RunOptions options) {
    try {
      return new Execution(inputs, options).run();
    } finally {
      inputs.releaseData();
    }
  }

  /** The reason of a slow cell's outcome when a deferring run took its last result instead of computing it. */
  public static final String STALE_SLOW = "stale: slow cell not rerun";

  static boolean isSlow(CellSpec cell) {
    Cell a = cell.method().getAnnotation(Cell.class);
    return a != null && a.slow();
  }

  /** The cell being computed right now, if any: what a shutdown hook names when a cell ends the process. */
  public static java.util.Optional<String> runningCell() {
    return java.util.Optional.ofNullable(runningCell);
  }

  /** The time limit of {@code cell}: its own, else the study's {@value #TIMEOUT_SETTING}, else the default. */
  static long timeoutSeconds(CellSpec cell, Study study) {
    Cell a = cell.method().getAnnotation(Cell.class);
    if (a != null && a.timeoutSeconds() > 0) {
      return a.timeoutSeconds();
    }
    String v = study.settings().get(TIMEOUT_SETTING);
    if (v == null || v.isEmpty()) {
      return DEFAULT_TIMEOUT_SECONDS;
    }
    try {
      long t = Long.parseLong(v);
      if (t > 0) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new StudybookException(Study.PROPERTIES + ": " + TIMEOUT_SETTING + " must be a whole number of seconds above 0,"
        + " not '" + v + "'");
  }

  /** The seed of a cell: the first 8 bytes of SHA-256 of the study seed and the cell name. */
  public static long cellSeed(long studySeed, String cellName) {
    byte[] h = Hashes.sha256().digest((studySeed + "/" + cellName).getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(h, 0, 8).getLong();
  }

  private record Context(String cellName, long seed, Map<String, String> settings) implements CellContext {
    @Override
    public RandomGenerator random() {
      return new SplittableRandom(seed);
    }
  }

  private static final class Execution {
    private final Study study;
    private final RunInputs runInputs;
    private final RunOptions options;
    private final Map<String, Object> builtInValues = new HashMap<>();
    private final Map<String, String> builtInHashes = new HashMap<>();
    private final Map<Class<?>, Object> instances = new HashMap<>();

    Execution(RunInputs runInputs, RunOptions options) {
      this.study = runInputs.study();
      this.runInputs = runInputs;
      this.options = options;
    }

    private final Map<String, String> inputHashes = new TreeMap<>();
    private TemplateFiles templates;
    /** Each cell's place in its script (the first line of its code). */
    private Map<String, SourcePosition> positions = Map.of();

    KernelRun run() {
      inputHashes.putAll(runInputs.hashes());
      // Templates are read once (by RunInputs): the manifest records the hash of the bytes the report renders from.
      TemplateFiles templates = runInputs.templates();
      templates.hashes().forEach((name, hash) -> inputHashes.put(Study.TEMPLATES + "/" + name, hash));
      this.templates = templates;
      long t0 = System.nanoTime();
      // Only a run that uses its cache takes classes from it; check and verify compile what they hash.
      // serve keeps classes and results in memory between its runs, under the disk cache's own keys.
      ResultMemory memory = options.cache() == CacheMode.USE ? options.memory().orElse(null) : null;
      ScriptCompiler.Compiled compiled = ScriptCompiler.compile(study,
          options.cache() == CacheMode.USE || options.cache() == CacheMode.RECOMPUTE
          ? ScriptCompiler.ClassCache.TRUST : ScriptCompiler.ClassCache.RECOMPILE, memory, runInputs.scripts());
      CellGraph graph = CellGraph.build(compiled, study, options.builtIns());
      options.builtIns().checkCells(graph.order().stream().map(n -> graph.cells().get(n).method()).toList());
      log("compile %d script%s, %d cells (%s%s)", study.scripts().size(), study.scripts().size() == 1 ? "" : "s",
          graph.cells().size(), millis(System.nanoTime() - t0), compiled.fromCache() ? ", classes from cache" : "");
      Map<String, String> scriptHashes = new TreeMap<>();
      compiled.sourceHashes().forEach((s, h) -> scriptHashes.put(study.display(s), h));
      // The manifest records the hash of the script bytes that were compiled, not of a second read.
      inputHashes.putAll(scriptHashes);
      String classpath = Provenance.classpathHash(study.workDir());
      // A script without cells holds helpers any cell may call (even by reflection), so it is part of every
      // cell's code version; a script with cells is part of it when the cell's class reaches one of its classes.
      java.util.Set<String> withCells = new java.util.HashSet<>();
      graph.cells().values().forEach(c -> withCells.add(c.scriptDisplay()));
      java.util.Set<String> everyCell = new java.util.TreeSet<>(scriptHashes.keySet());
      everyCell.removeAll(withCells);
      ResultCache cache = new ResultCache(study.workDir().resolve("cache"));
      Map<String, SourcePosition> positions = new LinkedHashMap<>();
      Map<String, List<String>> edges = new LinkedHashMap<>();
      for (String name : graph.order()) {
        CellSpec cell = graph.cells().get(name);
        int line = compiled.methodLines().getOrDefault(cell.method().getDeclaringClass().getName(), Map.of())
            .getOrDefault(cell.method().getName(), 0);
        positions.put(name, new SourcePosition(cell.scriptDisplay(), line));
        edges.put(name, cell.inputs());
      }
      this.positions = positions;
      KernelRun.Graph cellGraph = new KernelRun.Graph(graph.order(), edges, positions);
      List<CellFailure> failures = new ArrayList<>();
      java.util.Set<String> failed = new java.util.HashSet<>();
      Map<String, Object> results = new LinkedHashMap<>();
      Map<String, String> outputHashes = new HashMap<>();
      List<CellOutcome> outcomes = new ArrayList<>();
      for (String name : graph.order()) {
        CellSpec cell = graph.cells().get(name);
        String failedInput = cell.inputs().stream().filter(failed::contains).findFirst().orElse(null);
        if (failedInput != null) {
          // Only when going on past failures: otherwise the first failure has ended the run.
          failed.add(name);
          failures.add(new CellFailure(name, CellFailure.Kind.DEPENDENCY, cell.scriptDisplay() + ": cell '" + name
              + "' did not run: its input '" + failedInput + "' failed", Optional.of(positions.get(name))));
          log("skipped  %s (input '%s' failed)", name, failedInput);
          continue;
        }
        try {
          long seed = cellSeed(study.seed(), name);
          String codeHash = scriptHashes.get(cell.scriptDisplay());
          String codeVersion = codeVersion(cell, compiled, scriptHashes, everyCell, classpath);
          Map<String, String> inputs = new LinkedHashMap<>();
          for (String in : cell.inputs()) {
            if (in.equals(BuiltIns.CONTEXT)) {
              inputs.put(in, "seed:" + seed);
            } else if (outputHashes.containsKey(in)) {
              inputs.put(in, outputHashes.get(in));
            } else {
              inputs.put(in, builtInHash(in));
            }
          }
          String key = cacheKey(name, codeVersion, inputs, seed);
          ResultMemory.Kept kept = memory == null ? null : memory.get(key);
          ResultCache.Lookup lookup = kept != null
              ? new ResultCache.Lookup(true, kept.value(), kept.outputHash(), "unchanged")
              : options.cache() == CacheMode.USE ? cache.lookup(name, key, codeVersion, inputs, seed, compiled.loader())
              : new ResultCache.Lookup(false, null, null, "forced");
          if (!lookup.hit() && options.slowCells() == RunOptions.SlowCells.DEFER && isSlow(cell)) {
            ResultCache.Lookup previous = cache.previous(name, compiled.loader());
            if (previous.hit()) {
              lookup = new ResultCache.Lookup(true, previous.value(), previous.outputHash(),
                  STALE_SLOW + " (" + lookup.reason() + ")");
            }
          }
          long start = System.nanoTime();
          Object value;
          boolean cached;
          String outputHash;
          if (lookup.hit()) {
            value = lookup.value();
            outputHash = lookup.outputHash(); // verified by the cache on reading, or kept by serve under its key
            cached = true;
          } else {
            Object[] args = new Object[cell.inputs().size()];
            for (int i = 0; i < args.length; i++) {
              String in = cell.inputs().get(i);
              if (in.equals(BuiltIns.CONTEXT)) {
                args[i] = new Context(name, seed, study.settings());
              } else if (results.containsKey(in)) {
                args[i] = results.get(in);
              } else {
                args[i] = builtInValue(in);
              }
            }
            start = System.nanoTime();
            long limit = timeoutSeconds(cell, study);
            boolean capped = options.cellSecondsCap() > 0 && options.cellSecondsCap() < limit;
            value = invokeWithin(cell, args, capped ? options.cellSecondsCap() : limit, capped);
            outputHash = ResultJson.hash(value);
            cached = options.cache() != CacheMode.OFF
                && cache.store(name, key, codeVersion, inputs, seed, value, outputHash);
          }
          long micros = (System.nanoTime() - start) / 1000;
          // Only what the disk cache holds too (a stale slow stand-in is not this key's result).
          if (memory != null && cached && (!lookup.hit() || !lookup.reason().startsWith(STALE_SLOW))) {
            memory.put(key, value, outputHash);
          }
          results.put(name, value);
          outputHashes.put(name, outputHash);
          outcomes.add(new CellOutcome(name, cell.description(), cell.scriptDisplay(), !lookup.hit(), lookup.reason(),
              lookup.hit() ? 0 : micros, codeHash, inputs, outputHash, seed, cached));
          log("%s %s (%s)", lookup.hit() ? "cached  " : "computed", name,
              lookup.hit() ? lookup.reason() : millis(micros * 1000) + ", " + lookup.reason());
        } catch (CellFailedException e) {
          if (!options.keepGoing() || Thread.currentThread().isInterrupted()) {
            throw e;
          }
          failed.add(name);
          failures.addAll(e.failures());
          log("failed   %s (%s)", name, e.getMessage());
        }
      }
      if (memory != null) {
        memory.finish();
      }
      KernelRun run = new KernelRun(study, results, outcomes, inputHashes, templates, options.commandLine(),
          Provenance.git(study.dir()), cellGraph, failures);
      run.inputParts = runInputs.parts();
      writeRunLog(run);
      return run;
    }

    /** The class path and every script the cell's code can reach (its own first), by hash. */
    private String codeVersion(CellSpec cell, ScriptCompiler.Compiled compiled, Map<String, String> scriptHashes,
        java.util.Set<String> everyCell, String classpath) {
      java.util.Set<String> scripts = new java.util.TreeSet<>(everyCell);
      compiled.reachableScripts().getOrDefault(cell.method().getDeclaringClass().getName(), java.util.Set.of())
          .forEach(p -> scripts.add(study.display(p)));
      scripts.remove(cell.scriptDisplay());
      StringBuilder b = new StringBuilder(scriptHashes.get(cell.scriptDisplay())).append('\n').append(classpath)
          .append('\n');
      scripts.forEach(s -> b.append(s).append('=').append(scriptHashes.get(s)).append('\n'));
      return Hashes.of(b.toString());
    }

    private static String sizeOf(Path file) {
      try {
        return String.format(Locale.ROOT, "%.1f MB", java.nio.file.Files.size(file) / 1e6);
      } catch (java.io.IOException e) {
        return "size unknown";
      }
    }

    /**
     * The hash of the bytes a loader parsed must be the one the run keyed its cache on and records in
     * the manifest: a file replaced while the run read it fails the run rather than be recorded wrongly.
     */
    private void checkRead(Map<Path, String> read) {
      read.forEach((file, hash) -> {
        String shown = study.display(file);
        String recorded = inputHashes.get(shown);
        if (recorded != null && !recorded.equals(hash)) {
          throw new StudybookException(shown + " changed while the run was reading it (SHA-256 " + recorded.substring(0, 12)
              + "... when the run started, " + hash.substring(0, 12) + "... as read); nothing was written: run again"
              + " once it is no longer being written");
        }
      });
    }

    /** The run's timings and cache hits, kept out of the committed manifest (git-ignored work folder). */
    private void writeRunLog(KernelRun run) {
      Path tmp = null;
      try {
        java.nio.file.Files.createDirectories(study.workDir());
        tmp = java.nio.file.Files.createTempFile(study.workDir(), "last-run", ".tmp");
        java.nio.file.Files.write(tmp, new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(run.runLog()));
        java.nio.file.Files.move(tmp, study.workDir().resolve(RUN_LOG), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (java.io.IOException e) {
        // A log that cannot be written costs nothing but the log (and leaves no half-written file: below).
      } finally {
        if (tmp != null) {
          TemporaryFiles.deleteTree(tmp);
        }
      }
    }

    private String builtInHash(String name) {
      return builtInHashes.computeIfAbsent(name, n -> options.builtIns().get(n).hash().apply(runInputs));
    }

    /** How the last built-in value was read (the parsed-column cache's hit or miss), for the log. */
    private java.util.List<String> loadNotes = java.util.List.of();

    private Object builtInValue(String name) {
      if (!builtInValues.containsKey(name)) {
        long t = System.nanoTime();
        Object v;
        try (studybook.data.InputDigests read = studybook.data.InputDigests.open(runInputs::known)) {
          v = options.builtIns().get(name).load().apply(runInputs);
          checkRead(read.digests());
          loadNotes = read.notes();
        } catch (OutOfMemoryError e) {
          throw new StudybookException("loading " + (name.equals("data") ? study.display(study.data()) + " ("
              + sizeOf(study.data()) + ")" : name) + " ran out of memory (the Java heap is "
              + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give it more with STUDYBOOK_JAVA_OPTS=-Xmx8g");
        }
        builtInValues.put(name, v);
        log("load %s (%s)", name.equals("data") ? "data " + study.display(study.data()) : name,
            millis(System.nanoTime() - t));
        loadNotes.forEach(n -> log("  %s", n));
      }
      return builtInValues.get(name);
    }

    /**
     * Runs the cell on its own thread (a large stack, as deep recursion on the main thread had) and
     * waits at most {@code seconds}; a cell that does not return in time fails the run naming it.
     * The thread is a daemon and is interrupted, so a hung cell cannot keep the process alive.
     */
    private Object invokeWithin(CellSpec cell, Object[] args, long seconds, boolean capped) {
      java.util.concurrent.FutureTask<Object> task = new java.util.concurrent.FutureTask<>(() -> invoke(cell, args));
      Thread worker = new Thread(null, task, "studybook-cell-" + cell.name(), 512L << 20);
      worker.setDaemon(true);
      runningCell = cell.name();
      worker.start();
      try {
        return task.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        worker.interrupt();
        throw failure(cell, null, null, cell.scriptDisplay() + ": cell '" + cell.name() + "' did not finish within "
            + seconds + " s; the run is stopped. " + (capped ? "This command stops any cell after " + seconds
            + " s (serve --cell-timeout N allows more; a slow cell can be marked @Cell(slow = true))"
            : "Make it faster, or allow more time with @Cell(timeoutSeconds = N) or " + TIMEOUT_SETTING + " in "
            + Study.PROPERTIES));
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof OutOfMemoryError) {
          throw failure(cell, null, null, cell.scriptDisplay() + ": cell '" + cell.name() + "' ran out of memory (the"
              + " Java heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give it more with"
              + " STUDYBOOK_JAVA_OPTS=-Xmx4g, or make the cell hold less");
        }
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      } catch (InterruptedException e) {
        worker.interrupt();
        Thread.currentThread().interrupt();
        throw new StudybookException("the run was interrupted while cell '" + cell.name() + "' ran");
      } finally {
        runningCell = null;
      }
    }

    private Object invoke(CellSpec cell, Object[] args) {
      Method m = cell.method();
      try {
        Object target = null;
        if (!Modifier.isStatic(m.getModifiers())) {
          Class<?> owner = m.getDeclaringClass();
          target = instances.get(owner);
          if (target == null) {
            target = owner.getConstructor().newInstance();
            instances.put(owner, target);
          }
        }
        Object value = m.invoke(target, args);
        if (value == null) {
          throw failure(cell, null, null, cell.scriptDisplay() + ": cell '" + cell.name()
              + "' returned null; return a value (an empty record or Optional if there is nothing)");
        }
        return value;
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        int line = lineIn(cause, cell.script());
        String where = cell.scriptDisplay() + (line > 0 ? ":" + line : "") + ": cell '" + cell.name() + "'";
        if (cause instanceof OutOfMemoryError oom) {
          throw oom;
        }
        if (cause instanceof StudybookException se) {
          throw failure(cell, line, se, where + ": " + se.getMessage());
        }
        throw failure(cell, line, cause, where + " failed: " + cause);
      } catch (ReflectiveOperationException e) {
        throw failure(cell, null, null, cell.scriptDisplay() + ": cannot create " + m.getDeclaringClass().getSimpleName()
            + " for cell '" + cell.name() + "': " + e);
      }
    }

    /**
     * The cell's failure, typed (a {@link CellFailure} of kind RUNTIME) under its message as the command line
     * prints it; at {@code line} of its script when the stack names one, else at the cell's own position.
     */
    private CellFailedException failure(CellSpec cell, Integer line, Throwable cause, String message) {
      SourcePosition at = line != null && line > 0 ? new SourcePosition(cell.scriptDisplay(), line)
          : positions.getOrDefault(cell.name(), new SourcePosition(cell.scriptDisplay(), 0));
      return new CellFailedException(List.of(new CellFailure(cell.name(), CellFailure.Kind.RUNTIME, message,
          Optional.of(at))), cause);
    }

    /** The line of the deepest frame of the cell's own script in the stack (0: none), so the user sees where it broke. */
    private static int lineIn(Throwable t, Path script) {
      String file = script.getFileName().toString();
      for (StackTraceElement f : t.getStackTrace()) {
        if (file.equals(f.getFileName()) && f.getLineNumber() > 0) {
          return f.getLineNumber();
        }
      }
      return 0;
    }

    private void log(String format, Object... args) {
      options.log().println("studybook: " + studybook.TerminalText.safe(String.format(Locale.ROOT, format, args)));
      options.log().flush();
    }
  }

  static String cacheKey(String name, String codeVersion, Map<String, String> inputs, long seed) {
    StringBuilder b = new StringBuilder("cell\n").append(name).append("\ncode\n").append(codeVersion)
        .append("\nseed\n").append(seed).append("\ninputs\n");
    new TreeMap<>(inputs).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return Hashes.of(b.toString());
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
  }
}
