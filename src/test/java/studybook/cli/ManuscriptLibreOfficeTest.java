package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What LibreOffice makes of the manuscript commands: the updated manuscript opens and its PDF text
 * shows the new numbers; the committed LibreOffice fixture is what LibreOffice makes of its .fodt
 * today. Needs LibreOffice and poppler ({@link Needs}: skipped with the reason where they are missing).
 */
@Needs(OptionalTool.LIBREOFFICE)
class ManuscriptLibreOfficeTest {
  @TempDir static Path tmp;
  static final Path FODT = Path.of("src/test/resources/manuscript/rectal-net-libreoffice.fodt");

  @BeforeAll
  static void runTheStudy() throws IOException {
    ManuscriptCommandTest.runStudy(tmp);
  }

  @Test
  void theUpdatedManuscriptOpensInLibreOfficeWithTheNewNumbers() throws Exception {
    Path bound = tmp.resolve("bound.docx");
    assertEquals(0, CliRun.of("manuscript", "bind", ManuscriptCommandTest.LIBREOFFICE_FIXTURE.toString(), "--out",
        bound.toString(), "--results", ManuscriptCommandTest.results.toString(), "--bind", ManuscriptCommandTest.BINDS.get(0))
        .code());
    Path updated = Files.copy(bound, tmp.resolve("updated.docx"));
    CliRun u = CliRun.of("manuscript", "update", updated.toString(), "--results", ManuscriptCommandTest.changedResults.toString());
    assertEquals(0, u.code(), u.err());
    String before = pdfText(bound);
    String after = pdfText(updated);
    assertTrue(before.contains("(OR, 61.971; 95% CI, 6.260–"), before);
    for (String shown : List.of("(OR, 87.814; 95% CI, 8.387–", "919.420; P < 0.001", "1.009 to 1.545", "OR 11.488", "(P = 0.001)")) {
      assertTrue(after.contains(shown), shown + " in " + after);
    }
    assertFalse(after.contains("61.971"), after);
    // a reader of the bound copy sees the author's text: the same words as the original
    assertEquals(pdfText(ManuscriptCommandTest.LIBREOFFICE_FIXTURE), before);
  }

  @Test
  void theCommittedFixtureIsWhatLibreOfficeMakesOfItsSource() throws Exception {
    Path made = convert(FODT, "docx:MS Word 2007 XML", tmp.resolve("made"));
    JsonNode committed = numbers(ManuscriptCommandTest.LIBREOFFICE_FIXTURE);
    JsonNode fresh = numbers(made);
    assertEquals(committed.get("numbers"), fresh.get("numbers"));
  }

  private static JsonNode numbers(Path docx) {
    CliRun o = CliRun.of("manuscript", "check", docx.toString(), "--results", ManuscriptCommandTest.results.toString(),
        "--study", ManuscriptCommandTest.study.toString(), "--json");
    assertEquals(0, o.code(), o.err());
    com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) o.json();
    json.remove("file");
    return json;
  }

  /** The PDF text LibreOffice renders of {@code docx}, one line per paragraph line, spaces collapsed. */
  private static String pdfText(Path docx) throws Exception {
    Path dir = tmp.resolve("pdf-" + docx.getFileName());
    Path pdf = convert(docx, "pdf", dir);
    Process p = new ProcessBuilder("pdftotext", pdf.toString(), "-").redirectErrorStream(false).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return text.replaceAll("[ \\t]+", " ").replace("\n", " ").replaceAll(" +", " ");
  }

  private static Path convert(Path in, String filter, Path dir) throws Exception {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless",
        "--convert-to", filter, "--outdir", dir.toString(), in.toAbsolutePath().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), log);
    String name = in.getFileName().toString().replaceFirst("\\.[^.]+$", "") + "." + filter.replaceFirst(":.*", "");
    Path out = dir.resolve(name);
    assertTrue(Files.isRegularFile(out), "LibreOffice wrote no " + name + ": " + log);
    return out;
  }
}
