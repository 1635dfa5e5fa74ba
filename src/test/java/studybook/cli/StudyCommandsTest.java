package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

class StudyCommandsTest {
  @TempDir Path tmp;

  private static CliRun main(String... args) {
    return CliRun.of(args);
  }


  @Test
  void runThenCheckThenDiff() throws IOException {
    Path study = MiniStudy.copy(tmp);
    CliRun run = main("run", "--study", study.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("studybook: computed cohort"), run.err());
    assertTrue(run.err().contains("studybook: render reports"), run.err());

    CliRun check = main("check", "--study", study.toString(), "--quiet");
    assertEquals(0, check.code(), check.out() + check.err());

    Path old = tmp.resolve("old.json");
    Files.copy(study.resolve("reports/results.json"), old);
    Path data = study.resolve("data/mini.csv");
    MiniStudy.write(data, Files.readString(data).replace("11,surgical,72,1", "11,surgical,75,1"));
    CliRun stale = main("check", "--study", study.toString(), "--quiet");
    assertEquals(1, stale.code());
    assertTrue(stale.out().contains("check: data/mini.csv: changed since the committed reports were made"), stale.out());
    assertTrue(stale.out().contains("check: results.json: differs from a fresh run"), stale.out());

    assertEquals(0, main("run", "--study", study.toString(), "--quiet").code());
    CliRun diff = main("diff", old.toString(), study.resolve("reports/results.json").toString());
    assertEquals(1, diff.code());
    assertTrue(diff.out().startsWith("age.mean: 60.45454545454545 -> 60.72727272727273 (+0.272727"), diff.out());
    assertTrue(diff.out().contains("resampledAge: "), diff.out());
    assertEquals(0, main("diff", old.toString(), old.toString()).code());
  }

  @Test
  void anUnchangedRunCarriesTheRenderedFilesOverAndAnyChangeRendersAgain() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path reports = study.resolve("reports");
    assertEquals(0, main("run", "--study", study.toString()).code());
    String html = Files.readString(reports.resolve("report.html"));

    CliRun again = main("run", "--study", study.toString());
    assertTrue(again.err().contains("unchanged: files carried over"), again.err());
    assertEquals(html, Files.readString(reports.resolve("report.html")));

    Path template = study.resolve("templates/report.md.ftl");
    Files.writeString(template, Files.readString(template) + "\nOne more line.\n");
    CliRun edited = main("run", "--study", study.toString());
    assertTrue(!edited.err().contains("carried over"), edited.err());
    assertTrue(Files.readString(reports.resolve("report.md")).contains("One more line."));

    Files.writeString(reports.resolve("report.md"), "edited by hand\n");
    CliRun repaired = main("run", "--study", study.toString());
    assertTrue(!repaired.err().contains("carried over"), "a changed output is rendered again: " + repaired.err());
    assertTrue(Files.readString(reports.resolve("report.md")).contains("One more line."));

    CliRun forced = main("run", "--study", study.toString(), "--no-cache");
    assertTrue(!forced.err().contains("carried over"), forced.err());
    assertEquals(0, main("check", "--study", study.toString(), "--quiet").code());
  }

  @Test
  void reportsMadeWithSuppressionPassCheckWithTheSameThreshold() throws IOException {
    Path study = MiniStudy.copy(tmp);
    CliRun run = main("run", "--study", study.toString(), "--quiet", "--suppress-below", "5");
    assertEquals(0, run.code(), run.err());
    String manifest = Files.readString(study.resolve("reports/manifest.json"));
    assertTrue(manifest.contains("\"suppression\""), manifest);
    CliRun check = main("check", "--study", study.toString(), "--quiet");
    assertEquals(0, check.code(), check.out() + check.err());
  }

  @Test
  void userErrorsExitWithTwo() throws IOException {
    Path study = MiniStudy.copy(tmp);
    MiniStudy.write(study.resolve("analysis/Bad.java"), "public class Bad { int x = ; }\n");
    CliRun bad = main("run", "--study", study.toString(), "--quiet");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("studybook: analysis/Bad.java:1:"), bad.err());
    assertTrue(!Files.exists(study.resolve("reports")), "nothing is written");
    CliRun notStudy = main("run", "--study", tmp.toString());
    assertEquals(2, notStudy.code());
    Files.delete(study.resolve("analysis/Bad.java"));
    CliRun escape = main("run", "--study", study.toString(), "--quiet", "--out", "../x");
    assertEquals(2, escape.code());
    assertTrue(escape.err().contains("must be a folder inside the study"), escape.err());
  }
}
