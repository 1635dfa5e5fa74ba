package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rectal NET report under style.journal: its tables and text in AMA's and the Lancet's conventions. */
class JournalReportTest {
  @TempDir Path tmp;

  private String report(String journal) throws IOException {
    Path study = VerifyCommandTest.copyOfStudy(tmp.resolve(journal));
    Files.writeString(study.resolve("study.properties"), "style.journal=" + journal + "\n", StandardOpenOption.APPEND);
    CliRun o = CliRun.of("run", "--study", study.toString(), "--quiet");
    assertEquals(0, o.code(), o.err());
    return Files.readString(study.resolve("reports/report.md"));
  }

  @Test
  void amaAndTheLancet() throws IOException {
    String ama = report("ama");
    assertTrue(ama.contains("p-values below .001 are shown as <.001."), "the text follows the style too");
    assertTrue(ama.contains("| **Initial diagnosis**, n (%) |  |  |  | .041"), ama);
    assertTrue(ama.contains("| Tumour size, per mm | 1.097 | 0.974-1.235 | .128 | 1.250 | 1.009-1.547 | .041 |"), ama);
    assertTrue(ama.contains("| **WHO grade**, n (%) |  |  |  | \\<.001"), "Markdown escapes a '<' before a point: " + ama);
    String lancet = report("lancet");
    assertTrue(lancet.contains("| Tumour size, per mm | 1\u00B7097 | 0\u00B7974\u20131\u00B7235 | 0\u00B7128 | 1\u00B7250 |"
        + " 1\u00B7009\u20131\u00B7547 | 0\u00B7041 |"), lancet);
    assertTrue(lancet.contains("| Resected as a polyp | 154 (47\u00B78%) |"), lancet);
  }
}
