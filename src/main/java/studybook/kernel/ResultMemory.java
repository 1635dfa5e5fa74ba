package studybook.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one long-lived process ({@code serve}) keeps between runs of a study, so that a rerun after a
 * template or text edit reads nothing back from the disk cache: the compiled scripts (under the class
 * cache's own key: javac version, class path, every script's hash) and the last run's results under
 * their cache keys (cell, code version, input hashes, seed), with their output hashes. Never stale by
 * construction: a value is found only under the same key the disk cache would use, and new classes
 * (a script changed) drop every value, whose classes may come from the old ones. Holds only the
 * latest run's results; not thread-safe (one run at a time, as the study lock already ensures).
 */
public final class ResultMemory {
  /** A remembered result: the value the cell returned and its output hash. */
  record Kept(Object value, String outputHash) {}

  private String classesKey;
  private ScriptCompiler.Compiled compiled;
  private Map<String, Kept> results = new HashMap<>();
  private Map<String, Kept> next = new HashMap<>();

  /** The scripts compiled under {@code key} in an earlier run, or null. */
  ScriptCompiler.Compiled compiled(String key) {
    return key.equals(classesKey) ? compiled : null;
  }

  /** Remembers the classes of this run; other classes than last time drop every remembered result. */
  void compiled(String key, ScriptCompiler.Compiled c) {
    if (!key.equals(classesKey) || compiled != c) {
      results = new HashMap<>();
    }
    classesKey = key;
    compiled = c;
    next = new HashMap<>();
  }

  /** The result remembered under {@code key}, or null. */
  Kept get(String key) {
    return results.get(key);
  }

  /** Keeps {@code value} for the next run (a run keeps only what it used). */
  void put(String key, Object value, String outputHash) {
    next.put(key, new Kept(value, outputHash));
  }

  /** Ends a finished run: what it used is what the next run may find. */
  void finish() {
    results = next;
    next = new HashMap<>();
  }

  /** The cache keys remembered (tests). */
  Set<String> keys() {
    return Set.copyOf(results.keySet());
  }
}
