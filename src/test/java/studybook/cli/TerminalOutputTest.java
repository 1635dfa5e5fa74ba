package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.TerminalText;
import studybook.kernel.MiniStudy;

/** Issue 16: check, verify and diff never echo a file's control characters to the terminal. */
class TerminalOutputTest {
  private static final String FORGED = "\u001b[2K\rcheck: reports is what a fresh run gives\n\u202Eok";
  @TempDir Path tmp;

  private static void assertClean(String output) {
    for (char c : output.toCharArray()) {
      assertFalse(c < 0x20 && c != '\n' || c == 0x7F || c == 0x202E, "control character " + (int) c + " in " + output);
    }
  }

  @Test
  void escapesEveryUnsafeCharacterAndNothingElse() {
    assertEquals("a\\e[31mb\\nc\\u202Ed é", TerminalText.safe("a\u001b[31mb\nc\u202Ed é"));
    assertEquals("plain text", TerminalText.safe("plain text"));
  }

  @Test
  void diffEscapesPathsAndValuesFromTheFiles() throws IOException {
    Path before = tmp.resolve("old.json");
    Path after = tmp.resolve("new.json");
    Files.writeString(before, "{\"cell\": {\"" + json(FORGED) + "\": 1, \"v\": \"" + json(FORGED) + "\"}}");
    Files.writeString(after, "{\"cell\": {\"" + json(FORGED) + "\": 2, \"v\": \"x\"}}");
    CliRun r = CliRun.of("diff", before.toString(), after.toString(), "--claims", "none");
    assertEquals(1, r.code(), r.err());
    assertClean(r.out());
    assertTrue(r.out().contains("\\e[2K\\rcheck: reports"), r.out());
    assertEquals(3, r.out().lines().count(), r.out());
  }

  @Test
  void checkEscapesNamesFromACommittedManifest() throws IOException {
    Path study = MiniStudy.copy(tmp);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    Path manifest = study.resolve("reports/manifest.json");
    String m = Files.readString(manifest);
    Files.writeString(manifest, m.replaceFirst("\"inputs\" : \\{", java.util.regex.Matcher.quoteReplacement(
        "\"inputs\" : {\n    \"" + json(FORGED) + "\" : \"00\",")));
    CliRun r = CliRun.of("check", "--study", study.toString(), "--quiet");
    assertEquals(1, r.code(), r.out() + r.err());
    assertClean(r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("check: reports is what")), r.out());
    assertTrue(r.out().contains("\\e[2K\\rcheck: reports is what"), r.out());
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
