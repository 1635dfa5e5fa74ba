package studybook.twin;


import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import studybook.Names;
import studybook.StudybookException;
import studybook.kernel.JavaSources;

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
    JavaSources.Compiled compiled = compile(dir, sources);
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

  private static JavaSources.Compiled compile(Path dir, List<Path> scripts) {
    return JavaSources.compile(scripts, f -> display(dir, f), "the twin generator", FOLDER, "studybook-twin",
        StudyGenerators.class.getClassLoader());
  }
}
