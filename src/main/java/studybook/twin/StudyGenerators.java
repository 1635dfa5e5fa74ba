package studybook.twin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import studybook.Names;
import studybook.StudybookException;

/**
 * Finds a study's {@link TwinGenerator}: compiles {@code analysis/twin/*.java} in memory together with
 * the study's {@code analysis/*.java} (so a generator may use the study's own rules and helpers), with
 * javax.tools against the kernel's class path, and instantiates the one public class implementing the
 * interface (or the one named). The generator is not part of the analysis: the kernel does not compile
 * {@code analysis/twin/} when it runs the study, and it is no input of the report.
 *
 * <p>Written by hand: the kernel's own script compiler is internal to {@code studybook.kernel}; this is
 * the same javax.tools call without its class cache (a twin is generated rarely).
 */
public final class StudyGenerators {
  /** The study sub-folder that holds generators. */
  public static final String FOLDER = "analysis/twin";

  private StudyGenerators() {}

  /**
   * The study's generator.
   *
   * @param name the simple class name to use when the folder holds several generators; empty to take the only one
   * @throws StudybookException when there is no generator, several and none named, or the sources do not compile
   */
  public static TwinGenerator load(Path studyDir, Optional<String> name) {
    Path dir = studyDir.toAbsolutePath().normalize();
    List<Path> generatorSources = javaFiles(dir.resolve(FOLDER));
    if (generatorSources.isEmpty()) {
      throw new StudybookException("the study has no twin generator: put a public class implementing "
          + TwinGenerator.class.getName() + " in " + FOLDER + "/");
    }
    List<Path> sources = new ArrayList<>(javaFiles(dir.resolve("analysis")));
    sources.addAll(generatorSources);
    Compiled compiled = compile(dir, sources);
    Map<String, Class<?>> generators = new TreeMap<>();
    for (Map.Entry<String, Path> e : compiled.origins().entrySet()) {
      if (!generatorSources.contains(e.getValue()) || e.getKey().contains("$")) {
        continue;
      }
      Class<?> c;
      try {
        c = Class.forName(e.getKey(), false, compiled.loader());
      } catch (ClassNotFoundException | LinkageError ex) {
        throw new StudybookException(display(dir, e.getValue()) + ": class " + e.getKey() + " cannot be loaded: " + ex);
      }
      if (TwinGenerator.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
          && !Modifier.isAbstract(c.getModifiers())) {
        generators.put(c.getSimpleName(), c);
      }
    }
    if (generators.isEmpty()) {
      throw new StudybookException(FOLDER + "/ has no public class implementing " + TwinGenerator.class.getName());
    }
    Class<?> chosen;
    if (name.isPresent()) {
      chosen = generators.get(name.get());
      if (chosen == null) {
        throw new StudybookException("no twin generator named '" + name.get() + "' in " + FOLDER + "/"
            + Names.didYouMean(name.get(), generators.keySet()) + " (generators: "
            + String.join(", ", generators.keySet()) + ")");
      }
    } else if (generators.size() > 1) {
      throw new StudybookException(FOLDER + "/ has " + generators.size() + " generators ("
          + String.join(", ", generators.keySet()) + "); name one with --generator");
    } else {
      chosen = generators.values().iterator().next();
    }
    try {
      return (TwinGenerator) chosen.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new StudybookException(FOLDER + "/: cannot create " + chosen.getSimpleName()
          + " (it needs a public constructor without parameters): " + e);
    }
  }

  private static List<Path> javaFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f))
          .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
    } catch (IOException e) {
      throw new StudybookException("cannot list " + folder + ": " + e.getMessage());
    }
  }

  private static String display(Path dir, Path file) {
    return file.startsWith(dir) ? dir.relativize(file).toString().replace('\\', '/') : file.toString();
  }

  private record Compiled(ClassLoader loader, Map<String, Path> origins) {}

  private static Compiled compile(Path dir, List<Path> scripts) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new StudybookException("no Java compiler available: run studybook with a JDK (not a JRE) of version 17+");
    }
    List<Source> sources = new ArrayList<>();
    for (Path script : scripts) {
      try {
        sources.add(new Source(script, display(dir, script), Files.readString(script, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new StudybookException(display(dir, script) + ": cannot be read: " + e.getMessage());
      }
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    MemoryFileManager files = new MemoryFileManager(standard);
    List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-g", "--release", "17",
        "-classpath", System.getProperty("java.class.path"));
    StringWriter out = new StringWriter();
    boolean ok = compiler.getTask(out, files, diagnostics, options, null, sources).call();
    List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    if (!ok || !errors.isEmpty()) {
      if (errors.isEmpty()) {
        throw new StudybookException("the twin generator does not compile: " + out.toString().strip());
      }
      Diagnostic<? extends JavaFileObject> first = errors.get(0);
      String where = first.getSource() instanceof Source s ? s.display : FOLDER;
      String message = first.getMessage(Locale.ROOT).lines().findFirst().orElse("").strip();
      throw new StudybookException(where + ":" + first.getLineNumber() + ":" + first.getColumnNumber() + ": " + message
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more compile errors)" : ""));
    }
    return new Compiled(new MemoryClassLoader(files.classes, StudyGenerators.class.getClassLoader()),
        Map.copyOf(files.origins));
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
  }

  private static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super("studybook-twin", parent);
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
