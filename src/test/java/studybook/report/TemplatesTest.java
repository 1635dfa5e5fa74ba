package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

class TemplatesTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @TempDir Path tmp;

  private Path study;

  private String render(String template) throws IOException {
    if (study == null) {
      study = MiniStudy.copy(tmp);
      MiniStudy.write(study.resolve("analysis/Extra.java"), """
          import java.util.OptionalDouble;
          import studybook.kernel.Cell;
          public class Extra {
            public record Estimate(double or, OptionalDouble low, OptionalDouble high) {}
            @Cell public String note() { return "<script>alert('x')</script> & *stars*"; }
            @Cell public Estimate estimate() { return new Estimate(2.675, OptionalDouble.of(0.5), OptionalDouble.empty()); }
          }
          """);
    }
    MiniStudy.write(study.resolve("templates/report.md.ftl"), template);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    ReportWriter.write(run, Path.of("reports"), QUIET);
    return Files.readString(study.resolve("reports/report.md"));
  }

  @Test
  void recordsAreReadByComponentName() throws IOException {
    assertEquals("12 12 6 2.68 0.50 NA\n", render(
        "${cohort.n} ${cohort.n()} ${cohort.byGroup.endoscopic} ${fmt.or(estimate.or)} ${fmt.or(estimate.low)}"
            + " ${fmt.or(estimate.high!\"NaN\"?number)}\n"));
  }

  @Test
  void numbersWithDecimalsMustGoThroughFmt() {
    StudybookException e = assertThrows(StudybookException.class, () -> render("${age.mean}\n"));
    assertTrue(e.getMessage().startsWith("templates/report.md.ftl:1:1: "), e.getMessage());
    assertTrue(e.getMessage().contains("print it with fmt"), e.getMessage());
  }

  @Test
  void rawHtmlInAValueIsEscapedInTheHtml() throws IOException {
    String md = render("Note: ${note}\n\n<div onclick=\"x()\">raw</div>\n");
    assertTrue(md.contains("<script>"), "the Markdown keeps the text as given");
    String html = Files.readString(study.resolve("reports/report.html"));
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<div onclick"), html);
    assertTrue(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), html);
  }

  @Test
  void markdownEscapingKeepsTextLiteral() throws IOException {
    render("${fmt.md(note)}\n");
    String html = Files.readString(study.resolve("reports/report.html"));
    assertTrue(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; *stars*"), html);
    assertFalse(html.contains("<em>"), html);
  }

  @Test
  void newBuiltInIsRejected() {
    StudybookException e = assertThrows(StudybookException.class,
        () -> render("<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}\n"));
    assertTrue(e.getMessage().startsWith("templates/report.md.ftl:1:"), e.getMessage());
  }

  @Test
  void apiBuiltInIsRejected() {
    StudybookException e = assertThrows(StudybookException.class, () -> render("${cohort?api.getClass()}\n"));
    assertTrue(e.getMessage().startsWith("templates/report.md.ftl:1:"), e.getMessage());
  }

  @Test
  void classAccessIsRejected() {
    assertThrows(StudybookException.class, () -> render("${cohort.getClass().getName()}\n"));
    assertThrows(StudybookException.class, () -> render("${cohort.class.name}\n"));
    assertThrows(StudybookException.class, () -> render("${fmt.getClass()}\n"));
  }

  @Test
  void syntaxErrorNamesTemplateAndLine() {
    StudybookException e = assertThrows(StudybookException.class, () -> render("line one\n<#if>\n"));
    assertTrue(e.getMessage().startsWith("templates/report.md.ftl:2:"), e.getMessage());
  }
}
