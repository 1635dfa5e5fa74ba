package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.readers.TinyDta;

/** What {@code codebook --infer} prints carries no terminal escape from the file, and POI says nothing on success. */
class CodebookTerminalTest {
  /** OSC 52 writes the clipboard; CSI 2J clears the screen. */
  private static final String CLIPBOARD = "\u001b]52;c;cm0gLXJmIH4=\u0007";

  private static void noControl(String text) {
    for (String line : text.split("\n", -1)) {
      assertTrue(line.chars().noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f), "a control character in: " + line);
    }
  }

  @Test
  void labelsWithTerminalEscapesArePrintedAsEscapes(@TempDir Path tmp) throws Exception {
    Path dta = tmp.resolve("hostile.dta");
    Files.write(dta, TinyDta.labelled("Age" + CLIPBOARD, 1, "yes\u001b[2J", (byte) 1, (byte) 2, (byte) 1, (byte) 2));
    CliRun stdout = CliRun.of("codebook", "--infer", dta.toString());
    assertEquals(0, stdout.code(), stdout.err());
    noControl(stdout.out());
    noControl(stdout.err());
    assertTrue(stdout.out().contains("Age\\e]52;c;cm0gLXJmIH4=\\u0007"), stdout.out());
    CliRun file = CliRun.of("codebook", "--infer", dta.toString(), "--out", tmp.resolve("cb.csv").toString());
    assertEquals(0, file.code(), file.err());
    noControl(file.err());
    noControl(Files.readString(tmp.resolve("cb.csv")));
  }

  @Test
  void readingAWorkbookPrintsNothingOnStderr() throws Exception {
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "codebook", "--infer",
        "src/test/resources/readers/patients.xlsx")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertEquals("", err, "Apache POI logged on stderr");
  }
}
