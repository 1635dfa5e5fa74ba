package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

class StudyCommandsTest {
  @TempDir Path tmp;

  /** Runs a command line, returning exit code, stdout and stderr. */
  private record Outcome(int code, String out, String err) {}

  private static Outcome main(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void runThenCheckThenDiff() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Outcome run = main("run", "--study", study.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("studybook: computed cohort"), run.err());
    assertTrue(run.err().contains("studybook: render reports"), run.err());

    Outcome check = main("check", "--study", study.toString(), "--quiet");
    assertEquals(0, check.code(), check.out() + check.err());

    Path old = tmp.resolve("old.json");
    Files.copy(study.resolve("reports/results.json"), old);
    Path data = study.resolve("data/mini.csv");
    MiniStudy.write(data, Files.readString(data).replace("11,surgical,72,1", "11,surgical,75,1"));
    Outcome stale = main("check", "--study", study.toString(), "--quiet");
    assertEquals(1, stale.code());
    assertTrue(stale.out().contains("check: data/mini.csv: changed since the committed reports were made"), stale.out());
    assertTrue(stale.out().contains("check: results.json: differs from a fresh run"), stale.out());

    assertEquals(0, main("run", "--study", study.toString(), "--quiet").code());
    Outcome diff = main("diff", old.toString(), study.resolve("reports/results.json").toString());
    assertEquals(1, diff.code());
    assertTrue(diff.out().startsWith("age.mean: 60.45454545454545 -> 60.72727272727273 (+0.272727"), diff.out());
    assertTrue(diff.out().contains("resampledAge: "), diff.out());
    assertEquals(0, main("diff", old.toString(), old.toString()).code());
  }

  @Test
  void userErrorsExitWithTwo() throws IOException {
    Path study = MiniStudy.copy(tmp);
    MiniStudy.write(study.resolve("analysis/Bad.java"), "public class Bad { int x = ; }\n");
    Outcome bad = main("run", "--study", study.toString(), "--quiet");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("studybook: analysis/Bad.java:1:"), bad.err());
    assertTrue(!Files.exists(study.resolve("reports")), "nothing is written");
    Outcome notStudy = main("run", "--study", tmp.toString());
    assertEquals(2, notStudy.code());
    Files.delete(study.resolve("analysis/Bad.java"));
    Outcome escape = main("run", "--study", study.toString(), "--quiet", "--out", "../x");
    assertEquals(2, escape.code());
    assertTrue(escape.err().contains("must be a folder inside the study"), escape.err());
  }
}
