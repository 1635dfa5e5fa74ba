package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rectal NET study end to end: the twin reproduces every claim; an altered dataset is caught. */
class VerifyCommandTest {
  @TempDir static Path tmp;
  static Path study;

  private static CliRun main(String... args) {
    return CliRun.of(args);
  }


  /** A copy of the repository's study, so the tests never touch its .studybook folder or reports. */
  @BeforeAll
  static void copyStudy() throws IOException {
    study = copyOfStudy(tmp.resolve("study"));
  }

  static Path copyOfStudy(Path target) throws IOException {
    for (String dir : List.of("analysis", "templates", "data")) {
      Files.createDirectories(target.resolve(dir));
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, target.resolve(dir).resolve(f.getFileName()));
        }
      }
    }
    Files.copy(Path.of("study.properties"), target.resolve("study.properties"));
    return target;
  }

  @Test
  void theStatisticAndItsDegreesOfFreedomAreShownOnRequest() throws IOException {
    Path own = copyOfStudy(tmp.resolve("with-statistics"));
    Files.writeString(own.resolve("study.properties"), "style.show_statistic=true\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(0, main("run", "--study", own.toString(), "--quiet").code());
    String report = Files.readString(own.resolve("reports/report.md"));
    assertTrue(report.contains("| P | Statistic (df) |"), report);
    assertTrue(report.lines().anyMatch(l -> l.startsWith("| **Age, years**, mean ± SD |") && l.matches(".*\\| t = -?\\d+\\.\\d\\d \\(\\d+\\.\\d\\) \\|$")),
        "Welch's t with its fractional df: " + report);
    assertTrue(report.lines().anyMatch(l -> l.startsWith("| **Sex**, n (%) |") && l.matches(".*\\| χ² = \\d+\\.\\d\\d \\(1\\) \\|$")),
        "chi-square with 1 df: " + report);
  }

  @Test
  void theTwinReproducesEveryClaimThroughTheKernel() throws IOException {
    CliRun o = main("verify", "--study", study.toString(), "--json", "--report", "reports");
    assertEquals(0, o.code(), o.err() + o.out());
    JsonNode verdicts = new ObjectMapper().readTree(o.out());
    assertEquals(20, verdicts.get("reproduced").intValue());
    assertEquals(0, verdicts.get("mismatches").intValue());
    for (JsonNode c : verdicts.get("claims")) {
      assertTrue(c.get("safe").booleanValue(), c.get("id") + " is not safely inside its window");
    }
    // issue 22: the report's own numbers are known with their result paths; those no claim covers are listed.
    java.util.Set<String> unclaimed = new java.util.HashSet<>();
    for (JsonNode n : verdicts.get("report_numbers_without_claim")) {
      unclaimed.add(n.get("result").asText());
    }
    assertTrue(unclaimed.contains("cohort.endoscopic"), unclaimed.toString());
    assertTrue(unclaimed.contains("table4.groups.2.lnMetastasisPositive"), unclaimed.toString());
    // The survival table is a KmTable (issue 23), rendered whole: its numbers are the table's, not loose
    // template numbers, so none of them is listed as a number without a claim.
    assertTrue(unclaimed.stream().noneMatch(r -> r.startsWith("recurrenceFreeSurvival")), unclaimed.toString());
    assertTrue(!unclaimed.contains("cohort.total") && !unclaimed.contains("cohort.nonCurative"),
        "claimed in analysis/claims.csv: " + unclaimed);
    String report = Files.readString(study.resolve("reports/report.md"));
    assertTrue(report.contains("## Reproducibility"), report);
    assertTrue(report.contains("Each published number (`analysis/claims.csv`)"), report);
    assertTrue(report.contains("| Positive lymphovascular invasion OR 61.971 | 61.971 | 61.971003 |"), report);
    assertTrue(report.contains("44 (31.0%) received additional treatment"), report);
    // issue 23: recurrence-free survival as a KmTable; with no recurrences it reads NR, 100% and says why no p
    assertTrue(report.contains("| None | 278 | 0 | NR | NR | 100.0% | 100.0–100.0 | 100.0% | 100.0–100.0 | not computable |"),
        report);
    assertTrue(report.contains("Log-rank test not computable: no events"), report);
    assertTrue(!report.contains("NaN"), report);
    assertTrue(report.startsWith("# Long-term outcomes"), report);
    assertTrue(report.contains("> **SYNTHETIC DATA"), report);
    assertTrue(Files.exists(study.resolve("reports/tables/table3.csv")));
    assertTrue(Files.exists(study.resolve("reports/tables/table1.csv")));
    assertTrue(report.contains("`tumour size < 10 mm and WHO grade is G1 and depth of invasion is mucosa or submucosa"
        + " and lymphovascular invasion is negative and resection margin is negative`"), "the curative rule in the methods text");
    // The p carries a superscript mark whose footnote names the exact test.
    java.util.regex.Matcher row = java.util.regex.Pattern
        .compile("\\| \\*\\*Initial diagnosis\\*\\*, n \\(%\\) \\|  \\|  \\|  \\| 0\\.041(\\S) \\|").matcher(report);
    assertTrue(row.find(), report);
    String mark = row.group(1);
    assertTrue(report.lines().anyMatch(l -> l.startsWith(mark + " Pearson chi-square test without continuity correction")),
        report);
    java.util.regex.Matcher size = java.util.regex.Pattern
        .compile("\\| \\*\\*Tumour size, mm\\*\\*, median \\(IQR\\) \\|.*\\| <0\\.001(\\S) \\|").matcher(report);
    assertTrue(size.find(), report);
    assertTrue(report.lines().anyMatch(l -> l.startsWith(size.group(1) + " Mann-Whitney U test")),
        "a median (IQR) row is compared by a rank test: " + report);
    assertTrue(report.contains("| Resected as a polyp | 154 (47.8%) | 77 (42.8%) | 77 (54.2%) |  |\n"), report);
    // A synthetic note beside every table of data: flow, Tables 1-4, survival, reproducibility (the
    // consistency checks use printed values only).
    assertEquals(7, report.split("\\*Synthetic data: this table describes", -1).length - 1);
  }

  @Test
  void everyTableOfTheStudysPageIsInTheWordFileWithTheSameText() throws IOException {
    Path own = copyOfStudy(tmp.resolve("for-word"));
    assertEquals(0, main("run", "--study", own.toString(), "--quiet").code());
    List<org.jsoup.nodes.Element> page = org.jsoup.Jsoup.parse(Files.readString(own.resolve("reports/report.html")))
        .select("table");
    assertTrue(page.size() >= 8, "flow, Tables 1-4, survival, reproducibility, consistency: " + page.size());
    try (var in = Files.newInputStream(own.resolve("reports/report.docx"));
        var word = new org.apache.poi.xwpf.usermodel.XWPFDocument(in)) {
      assertEquals(page.size(), word.getTables().size());
      for (int i = 0; i < page.size(); i++) {
        // Both set a group's size on a line of its own and models under a spanning header row: the same cells.
        assertEquals(studybook.report.TableCells.of(page.get(i)),
            studybook.report.TableCells.asPage(word.getTables().get(i)), "table " + (i + 1));
      }
    }
  }

  @Test
  void anAlteredDatasetIsAMismatch() throws IOException {
    // One LVI- and margin-positive patient's margin read as negative: the model's estimates move.
    String twin = Files.readString(study.resolve("data/rectal_net_twin.csv"));
    String altered = twin.replaceFirst(",positive,positive,surgical,", ",positive,negative,surgical,");
    assertTrue(!altered.equals(twin));
    Path data = tmp.resolve("altered.csv");
    Files.writeString(data, altered);
    CliRun o = main("verify", "--study", study.toString(), "--data", data.toString());
    assertEquals(VerifyCommand.MISMATCH, o.code(), o.err());
    assertTrue(o.out().contains("or_lvi"), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("or_margin_positive") && l.contains("mismatch")), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("total_n") && l.contains("reproduced")), o.out());
    assertTrue(o.out().contains("mismatches"), o.out());
  }

  @Test
  void diffAfterADataCorrectionNamesTheClaimsThatChangedVerdict() throws IOException {
    assertEquals(0, main("run", "--study", study.toString(), "--quiet").code());
    Path before = tmp.resolve("before-results.json");
    Files.copy(study.resolve("reports/results.json"), before, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String twin = Files.readString(study.resolve("data/rectal_net_twin.csv"));
    Path corrected = tmp.resolve("corrected.csv");
    Files.writeString(corrected, twin.replaceFirst(",positive,positive,surgical,", ",positive,negative,surgical,"));
    assertEquals(0, main("run", "--study", study.toString(), "--data", corrected.toString(), "--quiet").code());
    Path after = study.resolve("reports/results.json");
    String claims = study.resolve("analysis/claims.csv").toString();

    CliRun text = main("diff", before.toString(), after.toString(), "--claims", claims);
    assertEquals(1, text.code(), text.err());
    assertTrue(text.out().contains("claims that changed verdict:"), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("  or_margin_positive (published 75.993): reproduced -> mismatch")),
        text.out());
    assertTrue(text.out().lines().noneMatch(l -> l.startsWith("  total_n ")), "unchanged verdicts are not listed");

    JsonNode json = main("diff", before.toString(), after.toString(), "--claims", claims, "--json").json();
    JsonNode changed = json.get("claims");
    assertTrue(changed.size() > 0, json.toString());
    for (JsonNode c : changed) {
      assertEquals("reproduced", c.get("old_verdict").asText(), c.toString());
      assertEquals("mismatch", c.get("new_verdict").asText(), c.toString());
    }
    assertEquals(0, main("diff", before.toString(), before.toString(), "--claims", claims).code());
  }

  @Test
  void aBrokenClaimsFileIsALocatedError() throws IOException {
    Path claims = tmp.resolve("bad-claims.csv");
    Files.writeString(claims, "id,text,printed,kind,result,compare,note\nx,y,0.5,pvalue,a.b,,\n");
    CliRun o = main("verify", "--study", study.toString(), "--claims", claims.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("bad-claims.csv:2"), o.err());
    assertTrue(o.err().contains("kind"), o.err());
    assertEquals("", o.out());
  }
}
