package studybook.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import studybook.StudybookException;

/**
 * Every file under a study's {@code templates/}, read once into memory with the SHA-256 of those bytes: the
 * run records these hashes in the manifest and the report renders from these same bytes (hash what you read),
 * so a template replaced after the run started can never be rendered under the old template's hash.
 */
public final class TemplateFiles {
  private final Map<String, byte[]> bytes;
  private final Map<String, String> hashes;

  private TemplateFiles(Map<String, byte[]> bytes) {
    this.bytes = Collections.unmodifiableMap(bytes);
    Map<String, String> h = new TreeMap<>();
    bytes.forEach((name, b) -> h.put(name, Hashes.of(b)));
    this.hashes = Collections.unmodifiableMap(h);
  }

  /** Reads every regular file under {@code dir} (none when it does not exist), by '/'-separated relative name. */
  public static TemplateFiles read(Path dir) {
    Map<String, byte[]> m = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return new TemplateFiles(m);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(f).toString().replace('\\', '/');
        try {
          m.put(name, Files.readAllBytes(f));
        } catch (IOException e) {
          throw new StudybookException(Study.TEMPLATES + "/" + name + ": " + studybook.IoProblem.describe(e));
        }
      }
    } catch (IOException e) {
      throw new StudybookException("cannot list " + Study.TEMPLATES + "/: " + studybook.IoProblem.describe(e));
    }
    return new TemplateFiles(m);
  }

  /** Templates already read (by {@link RunInputs}), by '/'-separated name relative to templates/. */
  static TemplateFiles of(Map<String, byte[]> files) {
    return new TemplateFiles(new TreeMap<>(files));
  }

  /** The bytes of the template named {@code name} (relative to templates/), if there is one. */
  public Optional<byte[]> bytes(String name) {
    return Optional.ofNullable(bytes.get(name));
  }

  /** SHA-256 of each file's bytes, by name relative to templates/. */
  public Map<String, String> hashes() {
    return hashes;
  }
}
