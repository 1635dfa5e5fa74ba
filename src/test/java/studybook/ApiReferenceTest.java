package studybook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/API.md is the reference ApiReference generates from the classes the README's "Statistics a cell
 * can call" names: every one of them is in it with its signatures, and the committed file is current.
 */
class ApiReferenceTest {
  @Test
  void theReferenceCoversTheReadmeAndIsCurrent() throws IOException {
    List<String> named = ApiReference.classesNamedIn(Files.readString(Path.of("README.md")));
    assertTrue(named.contains("studybook.tables.KmTable") && named.contains("studybook.stats.survival.KaplanMeier")
        && named.size() >= 15, named.toString());
    assertEquals(named, ApiReference.documentedClasses(), "src/main/resources/studybook/api-classes.txt (what "
        + "'studybook api' prints) must list the classes the README names, in its order");
    String fresh = ApiReference.markdown(named);
    Path file = Path.of("docs/API.md");
    if (Boolean.getBoolean("api.write")) {
      Files.writeString(file, fresh);
    }
    for (String c : named) {
      assertTrue(fresh.contains("\n## " + c.substring("studybook.".length()) + "\n"), c);
    }
    assertTrue(fresh.contains("- `static KmTable of(Frame data, Surv surv, double... times)`"), fresh);
    assertEquals(fresh, Files.readString(file), "docs/API.md is stale: regenerate it with "
        + "mvn -B -o test -Dtest=ApiReferenceTest -Dapi.write=true");
  }

}
