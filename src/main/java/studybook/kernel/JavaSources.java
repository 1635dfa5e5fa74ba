package studybook.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import studybook.StudybookException;

/**
 * The kernel's one public way to compile study Java sources outside a run (e.g. a twin generator):
 * same javac options, class path and process-ending-call check as the analysis scripts.
 */
public final class JavaSources {
  private JavaSources() {}

  /** The loaded classes and, for each class name, the source file it came from. */
  public record Compiled(ClassLoader loader, Map<String, Path> origins) {}

  /**
   * Compiles {@code files} in memory; errors name a file by {@code display}, {@code what} says what
   * failed to compile (e.g. "the twin generator"); the loader is called {@code loaderName}.
   */
  public static Compiled compile(List<Path> files, Function<Path, String> display, String what, String fallbackWhere,
      String loaderName, ClassLoader parent) {
    Map<Path, String> displays = new LinkedHashMap<>();
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path file : files) {
      displays.put(file, display.apply(file));
      try {
        texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new StudybookException(display.apply(file) + ": cannot be read: " + e.getMessage());
      }
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Map<String, Path> origins = new LinkedHashMap<>();
    ScriptCompiler.compileNow(displays, texts, what, fallbackWhere, classes, origins);
    return new Compiled(new ScriptCompiler.MemoryClassLoader(loaderName, classes, parent), Map.copyOf(origins));
  }

  /**
   * Compiles a small cell class in memory and discards it, so that a long-lived process ({@code serve})
   * has javac loaded and the class path indexed before the first save of a script needs them. Reads and
   * writes no file; never fails (a warm-up that cannot compile leaves the real compile to report).
   */
  public static void warmUp() {
    Path file = Path.of("StudybookWarmUp.java");
    String text = "import studybook.data.Frame;\nimport studybook.kernel.Cell;\n\npublic class StudybookWarmUp {\n"
        + "  public record Count(int n) {}\n\n  @Cell(\"warm-up\")\n  public Count warmUp(Frame data) {\n"
        + "    return new Count(data.rowCount() + java.util.List.of(1).size());\n  }\n}\n";
    try {
      ScriptCompiler.compileNow(Map.of(file, "warm-up"), Map.of(file, text), "the warm-up", "warm-up",
          new LinkedHashMap<>(), new LinkedHashMap<>());
    } catch (RuntimeException | LinkageError e) {
      // the next real compile reports whatever is wrong
    }
  }
}
