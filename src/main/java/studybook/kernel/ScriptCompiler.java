package studybook.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import studybook.StudybookException;

/**
 * Compiles a study's analysis scripts in memory with javax.tools against the kernel's own class
 * path, with {@code -parameters} so that parameter names (the cells' inputs) survive. A failed
 * compile leaves no trace; a successful one is kept in the study's work folder under the hash of
 * the scripts, the Java version and the class path, because javac in a cold JVM costs more than the
 * rest of a cached run. A kept entry is used only when every class file still has its hash, and
 * only by a run that trusts its cache: {@code check} and {@code verify} always compile the sources
 * they hash and replace the kept entry with what they compiled, so swapped class files (with a
 * forged index) can never stand in for the sources. A corrupt entry is replaced, not kept.
 *
 * <p>A script may not end the process: a call of {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt} is a compile error at its line (the command line's shutdown hook catches the
 * rest, e.g. reflection; halt skips hooks, so it must be caught here).
 */
final class ScriptCompiler {
  private ScriptCompiler() {}

  /**
   * The compiled classes; which script each top-level class came from; for each top-level class, the
   * scripts whose classes its code can reach (transitively, through any reference in its class
   * files); the hash of each script's bytes as compiled; and whether the classes came from the cache.
   */
  record Compiled(ClassLoader loader, Map<String, Path> topLevelClasses, Map<String, Set<Path>> reachableScripts,
      Map<Path, String> sourceHashes, boolean fromCache, Map<String, Map<String, Integer>> methodLines) {}

  /** Whether a run may take compiled classes from the cache, or must compile the sources it hashes. */
  enum ClassCache { TRUST, RECOMPILE }

  static Compiled compile(Study study, ClassCache mode) {
    return compile(study, mode, null, readSources(study));
  }

  /**
   * As {@link #compile(Study, ClassCache)}, compiling {@code sources} (each script's bytes, as the run read them); with {@code memory} (serve, {@link ClassCache#TRUST} only) the
   * classes an earlier run of this process compiled or read under the same key are used as they are.
   */
  static Compiled compile(Study study, ClassCache mode, ResultMemory memory, Map<Path, byte[]> sources) {
    Map<Path, String> sourceHashes = new LinkedHashMap<>();
    sources.forEach((p, b) -> sourceHashes.put(p, Hashes.of(b)));
    String key = cacheKey(study, sourceHashes);
    if (memory != null && mode == ClassCache.TRUST) {
      Compiled kept = memory.compiled(key);
      Compiled c = kept != null ? kept : compile(study, mode, sources, sourceHashes, key);
      memory.compiled(key, c);
      return c;
    }
    return compile(study, mode, sources, sourceHashes, key);
  }

  private static Compiled compile(Study study, ClassCache mode, Map<Path, byte[]> sources,
      Map<Path, String> sourceHashes, String key) {
    Path dir = study.workDir().resolve("classes").resolve(key);
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Map<String, Path> origins = new LinkedHashMap<>();
    if (mode == ClassCache.TRUST && readCached(study, dir, classes, origins)) {
      return assemble(classes, origins, sourceHashes, true);
    }
    classes.clear();
    origins.clear();
    compileNow(study, sources, classes, origins);
    writeCached(study, dir, classes, origins);
    return assemble(classes, origins, sourceHashes, false);
  }

  /** Each script's bytes, read once: what is hashed is what is compiled. */
  private static Map<Path, byte[]> readSources(Study study) {
    Map<Path, byte[]> sources = new LinkedHashMap<>();
    for (Path script : study.scripts()) {
      try {
        sources.put(script, Files.readAllBytes(script));
      } catch (IOException e) {
        throw new StudybookException(study.display(script) + ": cannot be read: " + studybook.IoProblem.describe(e));
      }
    }
    return sources;
  }

  private static String cacheKey(Study study, Map<Path, String> sourceHashes) {
    StringBuilder k = new StringBuilder("javac ").append(Runtime.version()).append('\n')
        .append(Provenance.classpathHash(study.workDir())).append('\n');
    sourceHashes.forEach((script, hash) -> k.append(study.display(script)).append('=').append(hash).append('\n'));
    return Hashes.of(k.toString());
  }

  private static boolean readCached(Study study, Path dir, Map<String, byte[]> classes, Map<String, Path> origins) {
    Path index = dir.resolve("index.properties");
    if (!Files.isRegularFile(index)) {
      return false;
    }
    Map<String, Path> byDisplay = new LinkedHashMap<>();
    study.scripts().forEach(p -> byDisplay.put(study.display(p), p));
    try (var in = Files.newInputStream(index)) {
      java.util.Properties entries = new java.util.Properties();
      entries.load(in);
      for (String name : entries.stringPropertyNames()) {
        String[] hashAndOrigin = entries.getProperty(name).split("\\|", 2);
        byte[] bytes = Files.readAllBytes(dir.resolve(name + ".class"));
        if (hashAndOrigin.length != 2 || !Hashes.of(bytes).equals(hashAndOrigin[0])) {
          return false;
        }
        classes.put(name, bytes);
        if (!hashAndOrigin[1].isEmpty()) {
          Path origin = byDisplay.get(hashAndOrigin[1]);
          if (origin == null) {
            return false;
          }
          origins.put(name, origin);
        }
      }
      return !classes.isEmpty();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void writeCached(Study study, Path dir, Map<String, byte[]> classes, Map<String, Path> origins) {
    Path staging = null;
    try {
      Path parent = Files.createDirectories(dir.getParent());
      staging = Files.createTempDirectory(parent, "compiling-");
      java.util.Properties index = new java.util.Properties();
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        Files.write(staging.resolve(c.getKey() + ".class"), c.getValue());
        Path origin = origins.get(c.getKey());
        index.setProperty(c.getKey(), Hashes.of(c.getValue()) + "|" + (origin == null ? "" : study.display(origin)));
      }
      try (var out = Files.newOutputStream(staging.resolve("index.properties"))) {
        index.store(out, null);
      }
      if (Files.exists(dir)) {
        // A corrupt entry, or one this run did not trust: replaced, or it would be re-detected forever.
        Path stale = Files.createTempDirectory(parent, "stale-");
        Files.delete(stale);
        Files.move(dir, stale, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        deleteQuietly(stale);
      }
      try {
        Files.move(staging, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        deleteQuietly(staging);
      }
    } catch (IOException e) {
      // Not worth failing a run over: the next run compiles again (a full disk leaves no half-written folder).
      if (staging != null && Files.exists(staging)) {
        deleteQuietly(staging);
      }
    }
  }

  /** Removes a staging folder another run beat us to; what cannot be removed is left for the next run. */
  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // harmless: a stray folder under .studybook/classes
    }
  }

  private static Compiled assemble(Map<String, byte[]> classes, Map<String, Path> origins,
      Map<Path, String> sourceHashes, boolean fromCache) {
    ClassLoader loader = new MemoryClassLoader(classes, ScriptCompiler.class.getClassLoader());
    Map<String, Path> topLevel = new LinkedHashMap<>();
    for (String name : classes.keySet().stream().sorted().toList()) {
      Path origin = origins.get(name);
      if (!name.contains("$") && origin != null) {
        topLevel.put(name, origin);
      }
    }
    // Which analysis classes each class mentions; a cell's code version covers the scripts of all
    // the classes it reaches, so an edit to a helper or record in another script re-runs it.
    Map<String, Set<String>> mentions = new HashMap<>();
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      Set<String> m = new HashSet<>(ClassReferences.of(c.getValue()));
      m.retainAll(classes.keySet());
      mentions.put(c.getKey(), m);
    }
    Map<String, Set<Path>> reachable = new LinkedHashMap<>();
    for (String top : topLevel.keySet()) {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(top));
      while (!todo.isEmpty()) {
        String c = todo.pop();
        if (seen.add(c)) {
          todo.addAll(mentions.getOrDefault(c, Set.of()));
        }
      }
      Set<Path> scripts = new TreeSet<>();
      seen.forEach(c -> {
        Path origin = origins.get(c);
        if (origin != null) {
          scripts.add(origin);
        }
      });
      reachable.put(top, Collections.unmodifiableSet(scripts));
    }
    // Where each method of a top-level class starts (its first line in the class file's line table): the
    // cells' source positions, known whether the classes were compiled now or taken from the cache.
    Map<String, Map<String, Integer>> lines = new HashMap<>();
    for (String top : topLevel.keySet()) {
      lines.put(top, Map.copyOf(MethodLines.of(classes.get(top))));
    }
    return new Compiled(loader, topLevel, reachable, Collections.unmodifiableMap(sourceHashes), fromCache,
        Collections.unmodifiableMap(lines));
  }

  private static void compileNow(Study study, Map<Path, byte[]> texts, Map<String, byte[]> classesOut,
      Map<String, Path> originsOut) {
    Map<Path, String> displays = new LinkedHashMap<>();
    Map<Path, String> strings = new LinkedHashMap<>();
    texts.forEach((script, bytes) -> {
      displays.put(script, study.display(script));
      strings.put(script, new String(bytes, StandardCharsets.UTF_8));
    });
    compileNow(displays, strings, "the analysis scripts", "analysis", classesOut, originsOut);
  }

  /**
   * Compiles the given sources (path to the name errors show, path to text) in memory with the
   * kernel's options and class path, rejecting calls that would end the process.
   */
  static void compileNow(Map<Path, String> displays, Map<Path, String> texts, String what, String fallbackWhere,
      Map<String, byte[]> classesOut, Map<String, Path> originsOut) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new StudybookException("no Java compiler available: run studybook with a JDK (not a JRE) of version 17+");
    }
    // One compile at a time: they share javac's file manager (not thread-safe), which keeps the class path
    // jar and the platform's classes open and indexed between compiles (serve recompiles on every save).
    synchronized (ScriptCompiler.class) {
      compileNow(compiler, displays, texts, what, fallbackWhere, classesOut, originsOut);
    }
  }

  private static StandardJavaFileManager sharedFiles;

  private static StandardJavaFileManager standardFiles(JavaCompiler compiler) {
    if (sharedFiles == null) {
      sharedFiles = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    return sharedFiles;
  }

  private static void compileNow(JavaCompiler compiler, Map<Path, String> displays, Map<Path, String> texts,
      String what, String fallbackWhere, Map<String, byte[]> classesOut, Map<String, Path> originsOut) {
    List<Source> sources = new ArrayList<>();
    texts.forEach((script, text) -> sources.add(new Source(script, displays.get(script), text)));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    MemoryFileManager files = new MemoryFileManager(standardFiles(compiler));
    List<String> options = List.of("-parameters", "-proc:none", "-encoding", "UTF-8", "-g",
        "--release", "17", "-classpath", System.getProperty("java.class.path"));
    StringWriter out = new StringWriter();
    JavacTask task = (JavacTask) compiler.getTask(out, files, diagnostics, options, null, sources);
    ProcessEnders enders = new ProcessEnders(task, sources);
    task.addTaskListener(enders);
    boolean ok = task.call();
    List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    if (ok && errors.isEmpty() && !enders.found.isEmpty()) {
      throw new StudybookException(enders.found.get(0) + (enders.found.size() > 1 ? " (and " + (enders.found.size() - 1)
          + " more)" : ""));
    }
    if (!ok || !errors.isEmpty()) {
      if (errors.isEmpty()) {
        throw new StudybookException(what + " do not compile: " + out.toString().strip());
      }
      Diagnostic<? extends JavaFileObject> first = errors.get(0);
      List<String> details = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : errors.subList(0, Math.min(errors.size(), MAX_SHOWN_ERRORS))) {
        details.addAll(javacLines(d, fallbackWhere));
      }
      if (errors.size() > MAX_SHOWN_ERRORS) {
        details.add("... and " + (errors.size() - MAX_SHOWN_ERRORS) + " more");
      }
      List<CellFailure> failures = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : errors) {
        String where = d.getSource() instanceof Source src ? src.display : fallbackWhere;
        failures.add(new CellFailure("", CellFailure.Kind.COMPILE, position(d, fallbackWhere) + ": " + oneLine(d),
            java.util.Optional.of(new SourcePosition(where, (int) Math.max(0, d.getLineNumber()),
                (int) Math.max(0, d.getColumnNumber())))));
      }
      throw new CompileException(position(first, fallbackWhere) + ": " + oneLine(first)
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more compile error" + (errors.size() > 2 ? "s" : "")
          + ", listed below)" : ""), details, failures);
    }
    classesOut.putAll(files.classes);
    originsOut.putAll(files.origins);
  }

  /** Compile errors listed in full below the message; javac's own default is 100. */
  static final int MAX_SHOWN_ERRORS = 20;

  private static String position(Diagnostic<? extends JavaFileObject> d, String fallbackWhere) {
    String where = d.getSource() instanceof Source s ? s.display : fallbackWhere;
    return where + ":" + d.getLineNumber() + ":" + d.getColumnNumber();
  }

  /** javac's whole message on one line: "cannot find symbol; symbol: method foo(); location: class X". */
  static String oneLine(Diagnostic<? extends JavaFileObject> d) {
    return String.join("; ", d.getMessage(Locale.ROOT).lines().map(l -> l.strip().replaceAll("\\s+", " "))
        .filter(l -> !l.isEmpty()).toList());
  }

  /** One error as javac prints it: position and message lines, the source line, a caret under the column. */
  private static List<String> javacLines(Diagnostic<? extends JavaFileObject> d, String fallbackWhere) {
    List<String> out = new ArrayList<>();
    List<String> message = d.getMessage(Locale.ROOT).lines().toList();
    out.add(position(d, fallbackWhere) + ": error: " + (message.isEmpty() ? "" : message.get(0)));
    for (String more : message.subList(Math.min(1, message.size()), message.size())) {
      out.add("  " + more.strip());
    }
    if (d.getSource() instanceof Source s && d.getLineNumber() > 0) {
      List<String> lines = s.text.lines().toList();
      int line = (int) d.getLineNumber();
      if (line <= lines.size()) {
        String text = lines.get(line - 1).replace('\t', ' ');
        out.add("    " + text);
        int column = (int) Math.max(1, d.getColumnNumber());
        out.add("    " + " ".repeat(Math.min(column - 1, text.length())) + "^");
      }
    }
    return out;
  }

  /**
   * Finds calls (and method references) of System.exit, Runtime.exit and Runtime.halt once javac has
   * attributed a script, by the method they resolve to, so no alias or import hides them.
   */
  private static final class ProcessEnders implements TaskListener {
    private final Trees trees;
    private final Map<URI, String> displays = new HashMap<>();
    final List<String> found = new ArrayList<>();

    ProcessEnders(JavacTask task, List<Source> sources) {
      this.trees = Trees.instance(task);
      sources.forEach(s -> displays.put(s.toUri(), s.display));
    }

    @Override
    public void finished(TaskEvent e) {
      // javac hands the listener a wrapper of our Source, so the script is found by its URI.
      String display = e.getKind() != TaskEvent.Kind.ANALYZE || e.getSourceFile() == null ? null
          : displays.get(e.getSourceFile().toUri());
      if (display == null) {
        return;
      }
      CompilationUnitTree unit = e.getCompilationUnit();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void v) {
          check(node, new TreePath(getCurrentPath(), node.getMethodSelect()));
          return super.visitMethodInvocation(node, v);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void v) {
          check(node, getCurrentPath());
          return super.visitMemberReference(node, v);
        }

        private void check(Tree node, TreePath path) {
          Element target = trees.getElement(path);
          if (!(target instanceof ExecutableElement m) || !(m.getEnclosingElement() instanceof TypeElement owner)) {
            return;
          }
          String call = owner.getQualifiedName() + "." + m.getSimpleName();
          if (call.equals("java.lang.System.exit") || call.equals("java.lang.Runtime.exit")
              || call.equals("java.lang.Runtime.halt")) {
            long pos = trees.getSourcePositions().getStartPosition(unit, node);
            found.add(display + ":" + unit.getLineMap().getLineNumber(pos) + ":"
                + unit.getLineMap().getColumnNumber(pos) + ": " + call.substring("java.lang.".length())
                + " would end the process; a cell may not (its result and every verdict would be lost):"
                + " return a value, or throw an exception to fail the run");
          }
        }
      }.scan(unit, null);
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    final Path path;
    final String display;
    final String text;

    Source(Path path, String display, String text) {
      super(URI.create("string:///" + path.getFileName()), Kind.SOURCE);
      this.path = path;
      this.display = display;
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
    final Map<String, byte[]> classes = new LinkedHashMap<>();
    final Map<String, Path> origins = new LinkedHashMap<>();

    MemoryFileManager(StandardJavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      if (sibling instanceof Source s) {
        origins.put(className, s.path);
      }
      return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream() {
            @Override
            public void close() throws IOException {
              super.close();
              classes.put(className, toByteArray());
            }
          };
        }
      };
    }

    @Override
    public void close() {
      try {
        super.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      this("studybook-analysis", classes, parent);
    }

    MemoryClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent) {
      super(name, parent);
      this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    /** The bytes of a compiled class as a resource ({@code a/B.class}), for checks that read class files. */
    @Override
    public java.io.InputStream getResourceAsStream(String name) {
      if (name.endsWith(".class")) {
        byte[] bytes = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        if (bytes != null) {
          return new java.io.ByteArrayInputStream(bytes);
        }
      }
      return super.getResourceAsStream(name);
    }
  }
}
