package studybook.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;
import org.junit.jupiter.api.Test;

/**
 * The real-browser check of the HTML report, run by {@code mvn -B test -Pbrowser} (and by
 * .ci/browser-check.sh): headless Chromium opens the report given as
 * {@code -Dstudybook.browser.report=PATH}, or, without it, a fixture page with one of each figure.
 */
@Tag("browser")
@Needs(OptionalTool.CHROMIUM)
class BrowserReportTest {
  static final Path OUT = Path.of("target", "browser");
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws IOException {
    chromium = HeadlessChromium.launch(Path.of(System.getProperty("studybook.browser.chromium",
        HeadlessChromium.DEFAULT_EXECUTABLE.toString())));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void reportOpensWithoutErrorsOrOutsideRequests() throws IOException {
    String given = System.getProperty("studybook.browser.report", "").trim();
    Path report = given.isEmpty() ? FixtureReport.write(OUT.resolve("fixture.html")) : Path.of(given);
    assertTrue(Files.isRegularFile(report), "no report at " + report.toAbsolutePath()
        + " (run ./studybook run first, or pass -Dstudybook.browser.report=PATH)");
    String stem = report.getFileName().toString().replaceFirst("\\.html?$", "");
    PageCheck.Outcome outcome = PageCheck.open(chromium, report, OUT.resolve(stem + ".png"));
    assertEquals(List.of(), outcome.problems(), "the browser complained about " + report.toAbsolutePath());
    assertPng(outcome.screenshot());
    assertTrue(outcome.height() > 200, "the page has content: " + outcome.height() + " px high");
  }

  /** The check itself must catch what it claims to: a page with each kind of fault. */
  @Test
  void theCheckCatchesErrorsExceptionsAndOutsideRequests() throws IOException {
    Path bad = OUT.resolve("faulty.html");
    Files.createDirectories(OUT);
    Files.writeString(bad, """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>faulty</title></head><body>
        <p>Faulty on purpose.</p>
        <img src="https://studybook.invalid/pixel.png" alt="">
        <img src="missing-figure.svg" alt="">
        <script>console.error("boom from console"); console.log("fine");</script>
        <script>throw new Error("boom from script");</script>
        </body></html>
        """, StandardCharsets.UTF_8);
    PageCheck.Outcome outcome = PageCheck.open(chromium, bad, OUT.resolve("faulty.png"));
    String all = String.join("\n", outcome.problems());
    assertTrue(all.contains("console.error: boom from console"), all);
    assertTrue(all.contains("uncaught exception: Error: boom from script"), all);
    assertTrue(all.contains("network request to https://studybook.invalid/pixel.png"), all);
    assertTrue(all.contains("failed to load a resource") && all.contains("ERR_FILE_NOT_FOUND"), all);
    assertTrue(!all.contains("fine"), "console.log is not an error: " + all);
  }

  private static Path studyReport() {
    String given = System.getProperty("studybook.browser.report", "").trim();
    return Path.of(given.isEmpty() ? "reports/report.html" : given);
  }

  /**
   * Issue 21: printed, the report is on A4 (the Word file's paper) and no page starts with a table's notes
   * cut off from the table (they did: page 5 of 9 held only Table 2's footnotes).
   */
  @Test
  @Needs(OptionalTool.LIBREOFFICE) // poppler's pdftotext and pdfinfo read the PDF back
  void printedTheReportIsA4AndNoPageStartsWithATablesNotes() throws Exception {
    Path report = studyReport();
    Path pdf = OUT.resolve("print").resolve(report.getFileName().toString().replaceFirst("\\.html?$", ".pdf"));
    String session = PageCheck.load(chromium, report, 1200);
    PageCheck.print(chromium, session, pdf);
    String info = run("pdfinfo", pdf.toString());
    assertTrue(info.matches("(?s).*Page size:\\s+59[45](\\.\\d+)? x 84[12](\\.\\d+)? pts.*"), info);
    int pages = Integer.parseInt(info.replaceAll("(?s).*Pages:\\s+(\\d+).*", "$1"));
    for (int p = 1; p <= pages; p++) {
      String first = run("pdftotext", "-layout", "-f", "" + p, "-l", "" + p, pdf.toString(), "-").lines()
          .map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
      assertTrue(!first.matches("^[\u1d43-\u1d5b\u1d9c-\u1dbf].*") && !first.startsWith("Synthetic data"),
          "page " + p + " of " + pages + " starts with a table's notes: " + first);
    }
  }

  /** Issue 21: at a phone's width (390 px) every figure's text is drawn at 9 px or more (it was 4-5 px). */
  @Test
  void onAPhoneTheFiguresTextIsReadable() throws Exception {
    String session = PageCheck.load(chromium, studyReport(), 390);
    JsonNode smallest = PageCheck.evaluate(chromium, session, """
        Math.min(...Array.from(document.querySelectorAll('svg.studybook-figure')).flatMap(svg => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return Array.from(svg.querySelectorAll('text')).map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        }))""");
    assertTrue(smallest.isNumber() && smallest.asDouble() >= 9, "smallest figure text at 390 px: " + smallest);
    JsonNode hints = PageCheck.evaluate(chromium, session, """
        Array.from(document.querySelectorAll('.table-wrap')).filter(w => w.querySelector('th:nth-child(4)'))
          .every(w => getComputedStyle(w, '::before').content.includes('Scroll sideways'))""");
    assertTrue(hints.asBoolean(), "every wide table says it scrolls on a phone");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    return out;
  }

  private static void assertPng(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length > 1000, "screenshot of " + bytes.length + " bytes");
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
  }
}
