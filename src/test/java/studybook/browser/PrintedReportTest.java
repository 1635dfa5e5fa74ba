package studybook.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;
import studybook.print.PrintedPages;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;

/**
 * Issue 21: the report as a journal's reader prints it. The default study and the observational example
 * (a long Table 1, a landscape table) are run fresh; each page is printed by Chromium on A4 and on Letter
 * (the page's own {@code @page} rules, as {@code style.paper=letter} writes them) and each Word file is
 * rendered by LibreOffice; {@link PrintedPages} reads every page back and the check fails on a table's
 * note on a page without its rows, a caption left at the foot of a page, or a table's number broken over
 * two lines. Page images are left in target/print/ for a person to look at. A stylesheet broken on
 * purpose shows that the check sees each fault.
 */
@Needs({OptionalTool.CHROMIUM, OptionalTool.LIBREOFFICE}) // LibreOffice, and poppler's pdftotext, pdfinfo, pdftoppm
class PrintedReportTest {
  static final Path OUT = Path.of("target", "print");
  @TempDir static Path tmp;
  private static HeadlessChromium chromium;
  private static Path rectalNet;
  private static Path observational;

  @BeforeAll
  static void start() throws IOException {
    rectalNet = tmp.resolve("rectal-net");
    for (String dir : List.of("analysis", "templates", "data")) {
      MiniStudy.copyTree(Path.of(dir), rectalNet.resolve(dir));
    }
    Files.copy(Path.of("study.properties"), rectalNet.resolve("study.properties"));
    observational = tmp.resolve("observational");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/observational"), observational);
    for (Path study : List.of(rectalNet, observational)) {
      assertEquals(0, studybook.cli.Main.execute("run", "--study", study.toString(), "--quiet"), "run " + study);
    }
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
  void theDefaultStudyPrintsWithEveryNoteByItsTableOnA4AndLetter() throws Exception {
    assertPrintsWell(rectalNet, "rectal-net");
  }

  @Test
  void aStudyWithALongTableAndALandscapeTablePrintsWell() throws Exception {
    assertPrintsWell(observational, "observational");
  }

  @Test
  void theWordFilesKeepEveryNoteByItsTableInLibreOffice() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Path study : List.of(rectalNet, observational)) {
      String name = study.getFileName().toString();
      Path pdf = PrintedPages.libreOfficePdf(study.resolve("reports/report.docx"), OUT.resolve(name + "-word"));
      PrintedPages.images(pdf, OUT.resolve(name + "-word").resolve("page"), 50);
      PrintedPages pages = PrintedPages.of(study.resolve("reports/report.html"), pdf);
      assertTrue(pages.tables().size() >= 6, name + ": " + pages);
      pages.layoutProblems().forEach(p -> problems.add(name + " (Word): " + p));
      pages.brokenTokens().forEach(p -> problems.add(name + " (Word): " + p));
    }
    assertEquals(List.of(), problems);
  }

  /** The check sees each fault in a print whose stylesheet forces it: the stylesheet broken three ways. */
  @Test
  void theCheckSeesEachFaultOfABrokenStylesheet() throws Exception {
    // Every table's notes on a page of their own.
    PrintedPages notes = printBroken("notes", "tr.notes { break-before: page !important; }");
    assertTrue(String.join("\n", notes.layoutProblems()).contains("orphaned note: 'a Welch t-test"),
        notes.layoutProblems().toString());
    // Table 1's caption alone at the foot of a page.
    PrintedPages caption = printBroken("caption", "h3[id^=\"table-1\"] { break-after: page !important; }");
    assertTrue(caption.layoutProblems().contains("orphan caption: 'Table 1. Characteristics of all patients by curative"
        + " resection' is on page 2, its first row on page 3"), caption.layoutProblems().toString());
    // Numbers free to wrap in narrow columns, as the page printed before issue 21.
    PrintedPages tokens = printBroken("tokens",
        "td[align=\"right\"] { white-space: normal !important; } table { width: auto !important; }");
    assertTrue(String.join("\n", tokens.brokenTokens()).startsWith("broken token: "), tokens.brokenTokens().toString());
  }

  private static PrintedPages printBroken(String name, String rule) throws IOException {
    String html = Files.readString(rectalNet.resolve("reports/report.html"), StandardCharsets.UTF_8);
    Path page = OUT.resolve("broken-" + name).resolve("report.html");
    Files.createDirectories(page.getParent());
    Files.writeString(page, html.replace("</head>", "<style>@media print { " + rule + " }</style></head>"),
        StandardCharsets.UTF_8);
    return PrintedPages.of(page, print(page, page.resolveSibling("report.pdf")));
  }

  private static void assertPrintsWell(Path study, String name) throws Exception {
    Path html = study.resolve("reports/report.html");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    // Letter as style.paper=letter writes it: the same @page rules with the other paper.
    String letter = page.replace("@page { size: A4;", "@page { size: letter;")
        .replace("@page wide { size: A4 landscape;", "@page wide { size: letter landscape;");
    assertTrue(letter.contains("@page { size: letter;") && letter.contains("size: letter landscape;"),
        "the page's print rules name its paper (PageParts.printCss)");
    Path letterHtml = study.resolve("reports-letter.html");
    Files.writeString(letterHtml, letter, StandardCharsets.UTF_8);
    List<String> problems = new ArrayList<>();
    for (String paper : List.of("a4", "letter")) {
      Path source = paper.equals("a4") ? html : letterHtml;
      Path pdf = print(source, OUT.resolve(name + "-" + paper).resolve("report.pdf"));
      String size = PrintedPages.pageSize(pdf);
      assertTrue(paper.equals("a4") ? size.matches("59[45](\\.\\d+)? x 84[12](\\.\\d+)? pts.*")
          : size.matches("612(\\.\\d+)? x 792(\\.\\d+)? pts.*"), paper + ": " + size);
      PrintedPages.images(pdf, OUT.resolve(name + "-" + paper).resolve("page"), 50);
      PrintedPages pages = PrintedPages.of(source, pdf);
      assertTrue(pages.tables().size() >= 6, name + " " + paper + ": " + pages);
      pages.layoutProblems().forEach(p -> problems.add(name + " (" + paper + "): " + p));
      pages.brokenTokens().forEach(p -> problems.add(name + " (" + paper + "): " + p));
    }
    assertEquals(List.of(), problems);
  }

  private static Path print(Path html, Path pdf) throws IOException {
    String session = PageCheck.load(chromium, html, 1200);
    PageCheck.print(chromium, session, pdf);
    return pdf;
  }
}
