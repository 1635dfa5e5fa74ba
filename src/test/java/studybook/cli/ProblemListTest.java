package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studybook.data.DataException;
import studybook.data.DataProblem;

/** Several data problems: one line for an ad-hoc command, a real multi-line list otherwise, file text escaped. */
class ProblemListTest {
  static final DataException THREE = new DataException(List.of(
      new DataProblem(java.nio.file.Path.of("lev.csv"), 3, "b", "x\u001b[2J", "not a number", "fix it"),
      new DataProblem(java.nio.file.Path.of("lev.csv"), 4, "b", "y\nfake line", "not a number", "fix it"),
      new DataProblem(java.nio.file.Path.of("lev.csv"), 5, "b", "z", "not a number", "fix it")));

  @Test
  void adHocCommandsGetTheFirstProblemAndACountOnOneLine() {
    String line = Main.problemList(THREE, true);
    assertFalse(line.contains("\n"), line);
    assertTrue(line.startsWith("lev.csv:3: column 'b'"), line);
    assertTrue(line.endsWith("(and 2 more problems)"), line);
    assertFalse(line.contains("\u001b"), line);
  }

  @Test
  void aStudyRunGetsOneProblemALineWithEachFilesTextEscaped() {
    String[] lines = Main.problemList(THREE, false).split(System.lineSeparator());
    assertEquals(4, lines.length, String.join("|", lines));
    assertEquals("3 problems in the input", lines[0]);
    assertTrue(lines[2].contains("fake line") && lines[2].startsWith("  lev.csv:4:"), lines[2]);
    assertFalse(lines[1].contains("\u001b"));
  }
}
