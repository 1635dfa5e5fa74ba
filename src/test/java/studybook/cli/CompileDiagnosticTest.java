package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

/** A compile error prints javac's whole diagnostic: the symbol, the types, the source line and the caret, every error. */
class CompileDiagnosticTest {
  @Test
  void everyErrorWithItsSymbolLineAndCaret(@TempDir Path tmp) throws Exception {
    Path study = MiniStudy.copy(tmp.resolve("s"));
    Files.writeString(study.resolve("analysis/Broken.java"), """
        import studybook.data.Frame;
        import studybook.kernel.Cell;

        public class Broken {
          @Cell("broken")
          public int broken(Frame data) {
            int n = data.rowCountt();
            String s = 42;
            return n;
          }
        }
        """);
    CliRun r = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(2, r.code(), r.err());
    String err = r.err();
    assertTrue(err.contains("analysis/Broken.java:7:17: cannot find symbol; symbol: method rowCountt(); location: "
        + "variable data of type studybook.data.Frame (and 1 more compile error, listed below)"), err);
    assertTrue(err.contains("\n          int n = data.rowCountt();\n                      ^\n"), "the caret under column 17: "
        + err);
    assertTrue(err.contains("    symbol:   method rowCountt()\n"), err);
    assertTrue(err.contains("analysis/Broken.java:8:16: error: incompatible types: int cannot be converted to "
        + "java.lang.String"), err);
  }
}
