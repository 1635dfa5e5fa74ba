package studybook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of the README compiles with the imports it shows: a snippet that is a class
 * compiles as it stands, one that is cells (methods, fields) inside a class of its own; an excerpt
 * marked {@code <!-- example: FILE -->} compiles as that file. A renamed method or a missing import in
 * the README fails here, not in a new author's first study.
 */
class ReadmeSnippetsTest {
  private static final Pattern BLOCK = Pattern.compile("(<!-- example: (\\S+) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS = Pattern.compile("(?m)^\\s*public (final )?(class|record|interface) (\\w+)");

  @TempDir Path tmp;

  @Test
  void everySnippetCompiles() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = BLOCK.matcher(readme);
    List<Path> sources = new ArrayList<>();
    int n = 0;
    while (m.find()) {
      n++;
      Path dir = Files.createDirectories(tmp.resolve("snippet" + n));
      if (m.group(2) != null) {
        Path example = Path.of(m.group(2));
        Path copy = dir.resolve(example.getFileName());
        Files.copy(example, copy);
        sources.add(copy);
        continue;
      }
      List<String> imports = new ArrayList<>();
      List<String> body = new ArrayList<>();
      for (String line : m.group(3).split("\n", -1)) {
        (line.strip().startsWith("import ") ? imports : body).add(line.strip().startsWith("import ") ? line.strip() : line);
      }
      String text = String.join("\n", body);
      Matcher c = CLASS.matcher(text);
      String name = c.find() ? c.group(3) : "Snippet" + n;
      String source = String.join("\n", imports) + "\n\n"
          + (c.find(0) ? text : "public class " + name + " {\n" + text + "\n}\n");
      Path file = dir.resolve(name + ".java");
      Files.writeString(file, source);
      sources.add(file);
    }
    assertTrue(n >= 5, "the README's Java snippets: " + n);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (Path source : sources) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int code = javac.run(null, java.io.OutputStream.nullOutputStream(), out,
          "-proc:none", "-d", tmp.resolve("classes").toString(), "-classpath", System.getProperty("java.class.path"),
          source.toString());
      assertTrue(code == 0, "README snippet " + source.getParent().getFileName() + " does not compile:\n"
          + Files.readString(source) + "\n" + out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
