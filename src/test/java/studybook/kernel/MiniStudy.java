package studybook.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies of the example study in src/test/resources/studies/mini, to run and modify in a test's folder. */
public final class MiniStudy {
  public static final Path SOURCE = Path.of("src/test/resources/studies/mini");

  private MiniStudy() {}

  /** A fresh copy of the mini study in {@code dir}. */
  public static Path copy(Path dir) {
    Path target = dir.resolve("mini");
    try {
      copyTree(SOURCE, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * A copy of the file or folder {@code from} at {@code to}, with the folders it needs: how every test
   * copies a study (or part of one) before changing it.
   */
  public static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.createDirectories(to.toAbsolutePath().getParent());
      Files.copy(from, to);
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
        }
      }
    }
  }

  public static Study open(Path study) {
    return Study.open(study, Optional.empty());
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir} with its bytes' hash, by relative path. */
  public static Map<String, String> snapshot(Path dir) {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Hashes.ofFile(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
