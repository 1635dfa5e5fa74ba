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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * rest of a cached run. A kept entry is used only when every class file still has its hash.
 */
final class ScriptCompiler {
  private ScriptCompiler() {}

  /** The compiled classes, which script each top-level class came from, and whether javac ran. */
  record Compiled(ClassLoader loader, Map<String, Path> topLevelClasses, boolean fromCache) {}

  static Compiled compile(Study study) {
    Path dir = study.workDir().resolve("classes").resolve(cacheKey(study));
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Map<String, Path> origins = new LinkedHashMap<>();
    if (readCached(study, dir, classes, origins)) {
      return assemble(classes, origins, true);
    }
    classes.clear();
    origins.clear();
    compileNow(study, classes, origins);
    writeCached(study, dir, classes, origins);
    return assemble(classes, origins, false);
  }

  private static String cacheKey(Study study) {
    StringBuilder k = new StringBuilder("javac ").append(Runtime.version()).append('\n')
        .append(Provenance.classpathHash(study.workDir())).append('\n');
    for (Path script : study.scripts()) {
      k.append(study.display(script)).append('=').append(Hashes.ofFile(script)).append('\n');
    }
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
    try {
      Path parent = Files.createDirectories(dir.getParent());
      Path staging = Files.createTempDirectory(parent, "compiling-");
      java.util.Properties index = new java.util.Properties();
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        Files.write(staging.resolve(c.getKey() + ".class"), c.getValue());
        Path origin = origins.get(c.getKey());
        index.setProperty(c.getKey(), Hashes.of(c.getValue()) + "|" + (origin == null ? "" : study.display(origin)));
      }
      try (var out = Files.newOutputStream(staging.resolve("index.properties"))) {
        index.store(out, null);
      }
      try {
        Files.move(staging, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        deleteQuietly(staging);
      }
    } catch (IOException e) {
      // Not worth failing a run over: the next run compiles again.
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

  private static Compiled assemble(Map<String, byte[]> classes, Map<String, Path> origins, boolean fromCache) {
    ClassLoader loader = new MemoryClassLoader(classes, ScriptCompiler.class.getClassLoader());
    Map<String, Path> topLevel = new LinkedHashMap<>();
    for (String name : classes.keySet().stream().sorted().toList()) {
      Path origin = origins.get(name);
      if (!name.contains("$") && origin != null) {
        topLevel.put(name, origin);
      }
    }
    return new Compiled(loader, topLevel, fromCache);
  }

  private static void compileNow(Study study, Map<String, byte[]> classesOut, Map<String, Path> originsOut) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new StudybookException("no Java compiler available: run studybook with a JDK (not a JRE) of version 17+");
    }
    List<Source> sources = new ArrayList<>();
    for (Path script : study.scripts()) {
      try {
        sources.add(new Source(script, study.display(script), Files.readString(script, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new StudybookException(study.display(script) + ": cannot be read: " + e.getMessage());
      }
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    MemoryFileManager files = new MemoryFileManager(standard);
    List<String> options = List.of("-parameters", "-proc:none", "-encoding", "UTF-8", "-g",
        "--release", "17", "-classpath", System.getProperty("java.class.path"));
    StringWriter out = new StringWriter();
    boolean ok = compiler.getTask(out, files, diagnostics, options, null, sources).call();
    List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    if (!ok || !errors.isEmpty()) {
      if (errors.isEmpty()) {
        throw new StudybookException("the analysis scripts do not compile: " + out.toString().strip());
      }
      Diagnostic<? extends JavaFileObject> first = errors.get(0);
      String where = first.getSource() instanceof Source s ? s.display : "analysis";
      String message = first.getMessage(Locale.ROOT).lines().findFirst().orElse("").strip();
      throw new StudybookException(where + ":" + first.getLineNumber() + ":" + first.getColumnNumber() + ": " + message
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more compile error" + (errors.size() > 2 ? "s" : "")
          + ")" : ""));
    }
    classesOut.putAll(files.classes);
    originsOut.putAll(files.origins);
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

  private static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super("studybook-analysis", parent);
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
  }
}
