package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.Kernel;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

/** Issue 16: report.html carries a strict Content-Security-Policy that no page template can leave out. */
class ContentSecurityPolicyTest {
  @TempDir Path tmp;

  @Test
  void theFirstThingInTheHeadForbidsScriptEvenWhenTheTemplateHasSome() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path page = study.resolve("templates/page.html.ftl");
    Files.writeString(page, Files.readString(page).replace("<head>", "<head>\n<script>document.title='pwned'</script>"));
    ReportWriter.write(Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()), Path.of("reports"),
        new PrintStream(OutputStream.nullOutputStream()));
    Element head = Jsoup.parse(Files.readString(study.resolve("reports/report.html"))).head();
    Element first = head.child(0);
    assertEquals("meta", first.tagName());
    assertEquals("Content-Security-Policy", first.attr("http-equiv"));
    String policy = first.attr("content");
    assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'none'"), policy);
    assertTrue(!policy.contains("unsafe-eval") && !policy.contains("script-src 'unsafe-inline'"), policy);

    Files.writeString(page, "<html><body>${content}</body></html>");
    StudybookException e = assertThrows(StudybookException.class, () -> ReportWriter.write(
        Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()), Path.of("reports"),
        new PrintStream(OutputStream.nullOutputStream())));
    assertTrue(e.getMessage().contains("has no <head>"), e.getMessage());
  }
}
