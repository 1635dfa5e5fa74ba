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
 * path, with {@code -parameters} so that parameter names (the cells' inputs) survive. Nothing is
 * written to disk, so a failed compile leaves no trace.
 */
final class ScriptCompiler {
  private ScriptCompiler() {}

  /** The compiled classes, and which script each top-level class came from. */
  record Compiled(ClassLoader loader, Map<String, Path> topLevelClasses) {}

  static Compiled compile(Study study) {
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
    Map<String, byte[]> classes = files.classes;
    ClassLoader loader = new MemoryClassLoader(classes, ScriptCompiler.class.getClassLoader());
    Map<String, Path> topLevel = new LinkedHashMap<>();
    for (String name : classes.keySet().stream().sorted().toList()) {
      Path origin = files.origins.get(name);
      if (!name.contains("$") && origin != null) {
        topLevel.put(name, origin);
      }
    }
    return new Compiled(loader, topLevel);
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
