package studybook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.claims.ClaimsReader;
import studybook.claims.ClaimsReport;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.ReportWriter;

/**
 * The README's "Your first study" is built from the README's own snippets, run without a template,
 * and verified: the walk-through cannot drift from what studybook does.
 */
class ReadmeWalkthroughTest {
  private static final Pattern BLOCK = Pattern.compile("<!-- (walkthrough|walkthrough-head): (\\S+) -->\\n```\\w*\\n(.*?)```",
      Pattern.DOTALL);
  private static final Path EXAMPLE = Path.of("src/test/resources/studies/first");

  @TempDir Path tmp;

  @Test
  void theWalkthroughStudyIsBuiltFromTheReadmeAndVerifies() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, String> heads = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      (m.group(1).equals("walkthrough") ? files : heads).put(m.group(2), m.group(3));
    }
    assertEquals(java.util.Set.of("study.properties", "data/codebook.csv", "analysis/Trial.java", "analysis/claims.csv"),
        files.keySet());
    Path study = tmp.resolve("my-study");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = study.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
      assertEquals(Files.readString(EXAMPLE.resolve(f.getKey())), f.getValue(),
          "the README's " + f.getKey() + " is the example study's");
    }
    // The data are too long to print: the README shows their first lines, the test copies the file.
    String data = Files.readString(EXAMPLE.resolve("data/trial.csv"));
    assertTrue(data.startsWith(heads.get("data/trial.csv")), "the README shows the first lines of data/trial.csv");
    Files.writeString(study.resolve("data/trial.csv"), data);
    long code = Files.readAllLines(study.resolve("analysis/Trial.java")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("import ")).count();
    assertTrue(code <= 16, "one short analysis file, not " + code + " lines");
    assertFalse(Files.exists(study.resolve("templates")));

    KernelRun run = Kernel.run(Study.open(study, Optional.empty()), RunOptions.defaults().quiet());
    Path reports = ReportWriter.write(run, Path.of("reports"), new PrintStream(java.io.OutputStream.nullOutputStream()));
    ClaimsReport claims = ClaimsReport.of("analysis/claims.csv", ClaimsReader.read(study.resolve("analysis/claims.csv")),
        run.resultsJson());
    assertTrue(claims.allReproduced(), claims.toString());
    assertEquals(6, claims.reproduced());
    String md = Files.readString(reports.resolve("report.md"));
    // The default report: a section per cell in the order written, captions from @Cell, then Reproducibility.
    int t1 = md.indexOf("## Table 1. Patient characteristics by treatment");
    int t2 = md.indexOf("## Table 2. Response at 12 weeks: univariable and multivariable logistic regression");
    int km = md.indexOf("## Overall survival by treatment (Kaplan-Meier)");
    int rep = md.indexOf("## Reproducibility");
    assertTrue(0 < t1 && t1 < t2 && t2 < km && km < rep, md);
    assertTrue(md.contains("| **Sex**: Female, n (%) | 78 (48.8%) | 32 (40.0%) | 46 (57.5%) | 0.027ᵇ |"), md);
    assertTrue(md.contains("![Figure 1. Overall survival by treatment](figures/survival.svg)"), md);
    assertTrue(md.contains("6 of 6 claims reproduced"), md);
    assertTrue(Files.isRegularFile(reports.resolve("figures/survival.svg")));
    assertTrue(Files.readString(reports.resolve("report.html")).contains("<title>A first study: response and survival"
        + " by treatment</title>"), "the built-in page");
    assertEquals(0, studybook.cli.Main.execute("verify", "--study", study.toString()), "./studybook verify passes");
  }
}
