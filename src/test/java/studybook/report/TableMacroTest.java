package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.docx.DocxTable;

/** {@code <@table .../>} in a study's own template, its errors, and the model's layout reaching Word. */
class TableMacroTest {
  @TempDir static Path tmp;
  private static Path study;
  private static KernelRun run;

  @BeforeAll
  static void runTheFirstStudy() throws IOException {
    study = tmp.resolve("first");
    Path from = Path.of("src/test/resources/studies/first");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        String rel = from.relativize(p).toString();
        if (rel.startsWith("reports") || rel.startsWith(".studybook")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(study.resolve(rel));
        } else {
          Files.copy(p, study.resolve(rel));
        }
      }
    }
    run = Kernel.run(Study.open(study, Optional.empty()), RunOptions.defaults().quiet());
  }

  private static String render(String template, ReportTables tables) throws IOException {
    Files.createDirectories(study.resolve("templates"));
    Files.writeString(study.resolve("templates/report.md.ftl"), template);
    try {
      Templates t = new Templates(study.resolve("templates"));
      return t.markdown(run, ReportFigures.of(run, NumberStyle.of(run.study().settings())), tables);
    } finally {
      Files.delete(study.resolve("templates/report.md.ftl"));
    }
  }

  private static ReportTables tables() {
    return new ReportTables(TableRenderer.of(run.study().settings(), true), Optional.empty());
  }

  @Test
  void oneLinePlacesATableByResultOrByNameWithACaption() throws IOException {
    ReportTables tables = tables();
    String md = render("<@table table1/>\n\n<@table result=\"response\" caption=\"Table 1. Response\"/>\n", tables);
    assertTrue(md.startsWith("| Characteristic | Overall, N\u00A0=\u00A0160 | Control, N\u00A0=\u00A080 | Treated, N\u00A0=\u00A080 | P |\n"), md);
    assertTrue(md.contains("\nTable 1. Response\n\n| Characteristic | Univariable OR |"), md);
    assertEquals(2, tables.placed().size());
  }

  @Test
  void aMistypedNameOrAResultThatIsNoTableIsALocatedError() {
    String typo = assertThrows(StudybookException.class, () -> render("x\n<@table \"tabel1\"/>\n", tables()))
        .getMessage();
    assertTrue(typo.startsWith("templates/report.md.ftl:2:") && typo.contains("did you mean 'table1'?"), typo);
    // The name as a variable (no quotes): FreeMarker only sees a missing value; the error names it and the nearest.
    String bare = assertThrows(StudybookException.class, () -> render("x\n<@table tabel1/>\n", tables())).getMessage();
    assertTrue(bare.startsWith("templates/report.md.ftl:2:") && bare.contains("no cell or value is named 'tabel1'")
        && bare.contains("did you mean 'table1'?"), bare);
    String number = assertThrows(StudybookException.class, () -> render("x\n${tabel1.n}\n", tables())).getMessage();
    assertTrue(number.startsWith("templates/report.md.ftl:2:") && number.contains("no cell or value is named 'tabel1'")
        && number.contains("did you mean 'table1'?"), number);
    String notTable = assertThrows(StudybookException.class, () -> render("<@table survival/>\n", tables()))
        .getMessage();
    assertTrue(notTable.contains("cell 'survival' returns KmPlot, which is not a table"), notTable);
  }

  @Test
  void wordGetsTheModelsRowKindsAlignmentAndBoldLabels() throws IOException {
    ReportTables tables = tables();
    render("<@table table1/>\n", tables);
    DocxTable t = tables.renderer().docx(tables.placed().get(0), "Table 1");
    List<String> labels = t.rows().stream().map(r -> r.get(0)).toList();
    int stage = labels.indexOf("Stage, n (%)");
    assertEquals(DocxTable.RowKind.VARIABLE, t.rowKinds().get(stage));
    assertEquals(DocxTable.RowKind.LEVEL, t.rowKinds().get(stage + 1));
    assertEquals("Stage".length(), t.strong().get(stage));
    assertEquals(0, t.strong().get(stage + 1));
    assertEquals(List.of(DocxTable.Align.LEFT, DocxTable.Align.RIGHT, DocxTable.Align.RIGHT, DocxTable.Align.RIGHT,
        DocxTable.Align.RIGHT), t.alignments());
  }
}
