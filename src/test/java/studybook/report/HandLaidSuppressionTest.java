package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;

/**
 * Small-cell suppression of tables a template lays out by hand (issue 21): the rule reads each cell's typed
 * number mark (its kind and value), never the cell's text, and a number the author typed as text where a
 * count may stand is an error in a suppressed run, not a silent leak.
 */
class HandLaidSuppressionTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @TempDir Path tmp;

  private KernelRun run(String extraTemplate) throws IOException {
    Path study = SmallCellSuppressionFolderTest.leakyStudy(tmp);
    Files.writeString(study.resolve("templates/report.md.ftl"),
        Files.readString(study.resolve("templates/report.md.ftl")) + "\n\n" + extraTemplate);
    return Kernel.run(Study.open(study, Optional.empty()), RunOptions.defaults().quiet());
  }

  @Test
  void aCountTypedAsTextInAHandLaidTableIsAnErrorNamingTheTableAndCellAndNothingIsWritten() throws IOException {
    // "3 of 20" was no whole number to the old rule's pattern: it was printed as it stood.
    KernelRun run = run("Table 2. Deaths by site\n\n| Site | Deaths |\n|---|---:|\n| All | ${fmt.count(20)} |\n"
        + "| Site Y | 3 of 20 |\n");
    Path reports = run.study().dir().resolve("reports");
    ReportWriter.write(run, Path.of("reports"), QUIET);
    String before = Files.readString(reports.resolve("report.md"));
    StudybookException e = assertThrows(StudybookException.class,
        () -> ReportWriter.write(run, Path.of("reports"), QUIET, Optional.of(new SmallCellSuppression(5))));
    String m = e.getMessage();
    assertTrue(m.contains("Table 2. Deaths by site"), m);
    assertTrue(m.contains("row 'Site Y'") && m.contains("column 'Deaths'") && m.contains("'3 of 20'"), m);
    assertTrue(m.contains("fmt.count"), m);
    assertEquals(before, Files.readString(reports.resolve("report.md")), "the last report stays");
    // Without suppression the same template renders: the author's text is printed as written.
    ReportWriter.write(run, Path.of("reports"), QUIET);
    assertTrue(Files.readString(reports.resolve("report.md")).contains("| Site Y | 3 of 20 |"));
  }

  @Test
  void aHandLaidTableInsideAQuoteOrListIsSuppressedToo() throws IOException {
    KernelRun run = run("> | Group | Deaths |\n> |---|---:|\n> | All | ${fmt.count(120)} |\n> | Site Y | ${fmt.count(3)} |\n"
        + "> | Site X | ${fmt.count(117)} |\n\n"
        + "- Deaths:\n\n  | Group | Deaths |\n  |---|---:|\n  | Total | ${fmt.count(130)} |\n  | Arm A | ${fmt.count(2)} |\n"
        + "  | Arm B | ${fmt.count(128)} |\n");
    Path reports = ReportWriter.write(run, Path.of("reports"), QUIET, Optional.of(new SmallCellSuppression(5)));
    String md = Files.readString(reports.resolve("report.md"));
    assertTrue(md.contains("> | All | 120 |\n> | Site Y | \\[c\\] |\n> | Site X | \\[c\\] |"), md);
    assertTrue(md.contains("  | Total | 130 |\n  | Arm A | \\[c\\] |\n  | Arm B | \\[c\\] |"), md);
    assertFalse(md.contains("117") || md.contains("128"), md);
    java.util.List<String> cells = org.jsoup.Jsoup.parse(Files.readString(reports.resolve("report.html")))
        .select("blockquote td, li td").eachText();
    assertEquals(java.util.List.of("All", "120", "Site Y", "[c]", "Site X", "[c]", "Total", "130", "Arm A", "[c]",
        "Arm B", "[c]"), cells, "the page shows the masked cells too");
    JsonNode masked = new ObjectMapper().readTree(reports.resolve("manifest.json").toFile())
        .path("suppression").path("masked");
    // Listed as the last decision saw them: the complement's value, once learnt, is masked where it is printed.
    assertTrue(masked.toString().contains("\"row\":\"Site X\",\"column\":\"Deaths\",\"reason\":\"as_printed\"")
        && masked.toString().contains("\"row\":\"Arm B\",\"column\":\"Deaths\",\"reason\":\"as_printed\""),
        masked.toString());
  }

  @Test
  void aCellTheAuthorMaskedByHandIsAMaskedCountWhoseLineGetsAComplement() throws IOException {
    KernelRun run = run("| Site | Deaths |\n|---|---:|\n| All | ${fmt.count(140)} |\n| Site Y | \\[c\\] |\n"
        + "| Site X | ${fmt.count(137)} |\n");
    Path reports = ReportWriter.write(run, Path.of("reports"), QUIET, Optional.of(new SmallCellSuppression(5)));
    String md = Files.readString(reports.resolve("report.md"));
    assertTrue(md.contains("| All | 140 |\n| Site Y | \\[c\\] |\n| Site X | \\[c\\] |"), md);
  }

  @Test
  void aMaskedCountTakesThePercentagePrintedBesideItInTheSameCell() throws IOException {
    KernelRun run = run("| Site | Deaths |\n|---|---:|\n| All | ${fmt.count(20)} (${fmt.pct(100)}%) |\n"
        + "| Site Y | ${fmt.count(3)} (${fmt.pct(15)}%) |\n| Site X | ${fmt.count(17)} (${fmt.pct(85)}%) |\n");
    Path reports = ReportWriter.write(run, Path.of("reports"), QUIET, Optional.of(new SmallCellSuppression(5)));
    String md = Files.readString(reports.resolve("report.md"));
    assertTrue(md.contains("| Site Y | \\[c\\] |\n| Site X | \\[c\\] |"), md);
    assertFalse(md.contains("15.0%") || md.contains("85.0%"), md);
  }
}
