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

  public static KernelRun run(Study study, RunOptions options) {
    try (StudyLock lock = StudyLock.acquire(study)) {
      return new Execution(study, options).run();
    }
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
    private final RunOptions options;
    private final Map<String, Object> builtInValues = new HashMap<>();
    private final Map<String, String> builtInHashes = new HashMap<>();
    private final Map<Class<?>, Object> instances = new HashMap<>();

    Execution(Study study, RunOptions options) {
      this.study = study;
      this.options = options;
    }

    KernelRun run() {
      Map<String, String> inputHashes = new TreeMap<>();
      study.inputs().forEach((name, file) -> inputHashes.put(name, Hashes.ofFile(file)));
      long t0 = System.nanoTime();
      ScriptCompiler.Compiled compiled = ScriptCompiler.compile(study);
      CellGraph graph = CellGraph.build(compiled, study, options.builtIns());
      log("compile %d script%s, %d cells (%s%s)", study.scripts().size(), study.scripts().size() == 1 ? "" : "s",
          graph.cells().size(), millis(System.nanoTime() - t0), compiled.fromCache() ? ", classes from cache" : "");
      Map<String, String> scriptHashes = new TreeMap<>();
      study.scripts().forEach(s -> scriptHashes.put(study.display(s), Hashes.ofFile(s)));
      // A script without cells holds helpers any cell may call, so it is part of every cell's code version.
      StringBuilder shared = new StringBuilder(Provenance.classpathHash(study.workDir())).append('\n');
      java.util.Set<String> withCells = new java.util.HashSet<>();
      graph.cells().values().forEach(c -> withCells.add(c.scriptDisplay()));
      scriptHashes.forEach((k, v) -> {
        if (!withCells.contains(k)) {
          shared.append(k).append('=').append(v).append('\n');
        }
      });
      ResultCache cache = new ResultCache(study.workDir().resolve("cache"));
      Map<String, Object> results = new LinkedHashMap<>();
      Map<String, String> outputHashes = new HashMap<>();
      List<CellOutcome> outcomes = new ArrayList<>();
      for (String name : graph.order()) {
        CellSpec cell = graph.cells().get(name);
        long seed = cellSeed(study.seed(), name);
        String codeHash = scriptHashes.get(cell.scriptDisplay());
        String codeVersion = Hashes.of(codeHash + "\n" + shared);
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
        ResultCache.Lookup lookup = options.cache() == CacheMode.USE
            ? cache.lookup(name, key, codeVersion, inputs, seed, compiled.loader())
            : new ResultCache.Lookup(false, null, "forced");
        long start = System.nanoTime();
        Object value;
        boolean cached;
        String outputHash;
        if (lookup.hit()) {
          value = lookup.value();
          outputHash = ResultJson.hash(value);
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
          value = invoke(cell, args);
          outputHash = ResultJson.hash(value);
          cached = options.cache() != CacheMode.OFF
              && cache.store(name, key, codeVersion, inputs, seed, value, outputHash);
        }
        long micros = (System.nanoTime() - start) / 1000;
        results.put(name, value);
        outputHashes.put(name, outputHash);
        outcomes.add(new CellOutcome(name, cell.description(), cell.scriptDisplay(), !lookup.hit(), lookup.reason(),
            lookup.hit() ? 0 : micros, codeHash, inputs, outputHash, seed, cached));
        log("%s %s (%s)", lookup.hit() ? "cached  " : "computed", name,
            lookup.hit() ? "unchanged" : millis(micros * 1000) + ", " + lookup.reason());
      }
      return new KernelRun(study, results, outcomes, inputHashes, options.commandLine(),
          Provenance.git(study.dir()));
    }

    private String builtInHash(String name) {
      return builtInHashes.computeIfAbsent(name, n -> options.builtIns().get(n).hash().apply(study));
    }

    private Object builtInValue(String name) {
      if (!builtInValues.containsKey(name)) {
        long t = System.nanoTime();
        Object v = options.builtIns().get(name).load().apply(study);
        builtInValues.put(name, v);
        log("load %s (%s)", name.equals("data") ? "data " + study.display(study.data()) : name,
            millis(System.nanoTime() - t));
      }
      return builtInValues.get(name);
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
          throw new StudybookException(cell.scriptDisplay() + ": cell '" + cell.name()
              + "' returned null; return a value (an empty record or Optional if there is nothing)");
        }
        return value;
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        String where = cell.scriptDisplay() + lineIn(cause, cell.script()) + ": cell '" + cell.name() + "'";
        if (cause instanceof StudybookException se) {
          throw new StudybookException(where + ": " + se.getMessage(), se);
        }
        throw new StudybookException(where + " failed: " + cause, cause);
      } catch (ReflectiveOperationException e) {
        throw new StudybookException(cell.scriptDisplay() + ": cannot create " + m.getDeclaringClass().getSimpleName()
            + " for cell '" + cell.name() + "': " + e);
      }
    }

    /** ":LINE" of the deepest frame of the cell's own script in the stack, so the user sees where it broke. */
    private static String lineIn(Throwable t, Path script) {
      String file = script.getFileName().toString();
      for (StackTraceElement f : t.getStackTrace()) {
        if (file.equals(f.getFileName()) && f.getLineNumber() > 0) {
          return ":" + f.getLineNumber();
        }
      }
      return "";
    }

    private void log(String format, Object... args) {
      options.log().println("studybook: " + String.format(Locale.ROOT, format, args));
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
