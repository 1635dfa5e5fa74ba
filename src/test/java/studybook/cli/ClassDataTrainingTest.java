package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ClassDataTrainingTest {
  /** The training run discards the commands' answers but must hand stdout back untouched. */
  @Test
  void runsTheCommandsAndRestoresStdout() throws IOException {
    PrintStream before = System.out;
    ClassDataTraining.main(new String[0]);
    assertSame(before, System.out);
  }
}
