package studybook.report.docx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import studybook.print.PrintedPages;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;
import org.junit.jupiter.api.Test;

/**
 * The Word report as a person sees it, run by {@code mvn -B test -Pdocx} (and by .ci/docx-check.sh):
 * LibreOffice (headless) renders {@code -Dstudybook.docx.report=PATH} (default reports/report.docx) to
 * PDF, and poppler's tools read the PDF back. Checked against the HTML page next to it:
 * <ul>
 *   <li>every number of the page's tables (p-values, ORs, CIs, percentages) appears whole on one line of
 *       {@code pdftotext -layout}, in the page's order, so no token was broken (numbers inside a row's
 *       label, which may wrap below the row's first line, need only appear whole);</li>
 *   <li>{@code pdfimages -list} has one image per figure of the page;</li>
 *   <li>the widest table (8 or more columns) is on a landscape page, and no word of any page lies
 *       outside the page's text area (so no table is wider than its page).</li>
 * </ul>
 * Page images ({@code pdftoppm}, 80 dpi) are left in target/docx-check/ for a person to look at.
 */
@Tag("libreoffice")
@Needs(OptionalTool.LIBREOFFICE)
class LibreOfficeDocxTest {
  static final Path OUT = Path.of("target", "docx-check");
  private static final Pattern PAGE = Pattern.compile("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">");
  private static final Pattern WORD =
      Pattern.compile("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>");
  /** The margin the writer sets (2.54 cm), less a point of the renderer's rounding. */
  private static final double MARGIN_POINTS = DocxWriter.MARGIN / 20.0 - 1;

  @Test
  void theReportReadsWholeInLibreOffice() throws IOException, InterruptedException {
    Path docx = Path.of(System.getProperty("studybook.docx.report", "reports/report.docx")).toAbsolutePath();
    assertTrue(Files.isRegularFile(docx), "no report at " + docx + " (run ./studybook run first)");
    Path html = docx.resolveSibling(docx.getFileName().toString().replaceFirst("\\.docx$", ".html"));
    assertTrue(Files.isRegularFile(html), "no HTML page beside the Word report: " + html);
    Rendered pdf = Rendered.of(docx, OUT.resolve(docx.getFileName().toString().replaceFirst("\\.docx$", "")));

    org.jsoup.nodes.Document page = Jsoup.parse(Files.readString(html));
    List<String> expected = new ArrayList<>();
    List<String> inLabels = new ArrayList<>();
    Element widest = null;
    for (Element table : page.select("table")) {
      for (Element tr : table.select("tr")) {
        List<Element> cells = tr.select("td, th");
        for (int c = 0; c < cells.size(); c++) {
          // A label that wraps puts its numbers on a later line than the row's; they need only be whole.
          (c == 0 ? inLabels : expected).addAll(tokens(cells.get(c).text()));
        }
      }
      if (widest == null || columns(table) > columns(widest)) {
        widest = table;
      }
    }
    assertFalse(expected.isEmpty(), "the page's tables have numbers to look for");
    List<String> shown = new ArrayList<>();
    for (String line : pdf.text().split("\n")) {
      shown.addAll(tokens(line));
    }
    assertInOrder(expected, shown);
    for (String t : inLabels) {
      assertTrue(shown.contains(t), "'" + t + "' of a row label is not shown whole on one line");
    }

    int figures = page.select("svg.studybook-figure").size();
    assertEquals(figures, pdf.images(), "one image per figure of the page (pdfimages -list)");

    if (widest != null && columns(widest) >= 8) {
      String caption = caption(widest);
      int p = pdf.pageWith(caption);
      assertTrue(p >= 0, "no page shows the caption '" + caption + "'");
      assertTrue(pdf.landscape(p), "'" + caption + "' (" + columns(widest) + " columns) is on portrait page " + (p + 1));
    }
    assertEquals(List.of(), pdf.outsideTextArea(), "words outside the text area of their page");
    // Issue 21: every page carries its number in the footer (the last line of its text).
    String[] byPage = pdf.text().split("\f");
    for (int p = 0; p < pdf.pages().size(); p++) {
      List<String> lines = byPage[p].lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      assertEquals(Integer.toString(p + 1), lines.isEmpty() ? "" : lines.get(lines.size() - 1),
          "the page number at the foot of page " + (p + 1));
    }
  }

  /** The check must catch what it claims to: a table of equal columns that break their numbers. */
  @Test
  void theCheckSeesABrokenTokenAndATableWiderThanThePage() throws IOException, InterruptedException {
    List<String> headers = new ArrayList<>(List.of("Characteristic"));
    List<String> row = new ArrayList<>(List.of("Lymphovascular invasion: Positive vs Negative"));
    for (int i = 0; i < 9; i++) {
      headers.add("OR " + i);
      row.add("10.740\u2013110.820");
    }
    Path docx = OUT.resolve("faulty.docx");
    Files.createDirectories(OUT);
    Files.write(docx, FaultyDocx.equalColumns(headers, row));
    Rendered pdf = Rendered.of(docx.toAbsolutePath(), OUT.resolve("faulty"));
    List<String> shown = new ArrayList<>();
    for (String line : pdf.text().split("\n")) {
      shown.addAll(tokens(line));
    }
    assertFalse(shown.contains("10.740\u2013110.820"), "the squeezed CI breaks: " + shown);
    assertFalse(pdf.outsideTextArea().isEmpty(), "a table wider than the page is seen");
  }

  /** The numbers of {@code text} as the print check reads them ({@link PrintedPages#TOKEN}). */
  static List<String> tokens(String text) {
    return PrintedPages.tokens(text);
  }

  /** Every expected token, in order, among the shown ones (prose numbers may lie between). */
  private static void assertInOrder(List<String> expected, List<String> shown) {
    String missing = PrintedPages.inOrder(expected, shown);
    if (missing != null) {
      throw new AssertionError(missing);
    }
  }

  private static int columns(Element table) {
    Element first = table.selectFirst("tr");
    return first == null ? 0 : first.select("td, th").size();
  }

  /** The table's caption: the last heading or paragraph above it (in document order) starting with "Table". */
  private static String caption(Element table) {
    String caption = null;
    for (Element e : table.ownerDocument().select("h1, h2, h3, h4, h5, h6, p, table")) {
      if (e == table) {
        break;
      }
      if (!e.tagName().equals("table") && e.text().startsWith("Table")) {
        caption = e.text();
      }
    }
    return caption != null ? caption : table.select("th").first().text();
  }

  /** A .docx rendered by LibreOffice, and what poppler reads from it. */
  record Rendered(Path pdf, String text, List<String> pages, String bbox, int images) {
    static Rendered of(Path docx, Path dir) throws IOException, InterruptedException {
      Files.createDirectories(dir);
      Path profile = dir.resolve("lo-profile").toAbsolutePath();
      run(dir, "soffice", "-env:UserInstallation=" + profile.toUri(), "--headless", "--convert-to", "pdf",
          "--outdir", dir.toAbsolutePath().toString(), docx.toString());
      Path pdf = dir.resolve(docx.getFileName().toString().replaceFirst("\\.docx$", ".pdf"));
      assertTrue(Files.isRegularFile(pdf), "LibreOffice wrote no PDF for " + docx);
      String text = run(dir, "pdftotext", "-layout", pdf.toString(), "-");
      String bbox = run(dir, "pdftotext", "-bbox-layout", pdf.toString(), "-");
      String list = run(dir, "pdfimages", "-list", pdf.toString());
      int images = (int) list.lines().skip(2).filter(l -> l.trim().split("\\s+").length > 2
          && l.trim().split("\\s+")[2].equals("image")).count();
      String info = run(dir, "pdfinfo", "-f", "1", "-l", "9999", pdf.toString());
      List<String> pages = info.lines().filter(l -> l.matches("Page\\s+\\d+ size:.*")).toList();
      for (Path old : Files.list(dir).filter(p -> p.getFileName().toString().startsWith("page-")).toList()) {
        Files.delete(old);
      }
      run(dir, "pdftoppm", "-png", "-r", "80", pdf.toString(), dir.resolve("page").toString());
      return new Rendered(pdf, text, pages, bbox, images);
    }

    /** The 0-based page whose text contains {@code s}, or -1. */
    int pageWith(String s) {
      String[] byPage = text.split("\f");
      for (int i = 0; i < byPage.length; i++) {
        if (byPage[i].replaceAll("\\s+", " ").contains(s)) {
          return i;
        }
      }
      return -1;
    }

    boolean landscape(int page) {
      Matcher m = Pattern.compile("size:\\s+([0-9.]+) x ([0-9.]+)").matcher(pages.get(page));
      assertTrue(m.find(), pages.get(page));
      return Double.parseDouble(m.group(1)) > Double.parseDouble(m.group(2));
    }

    /** Words lying in a page's margin or beyond its edge, as "page N: word". */
    List<String> outsideTextArea() {
      List<String> out = new ArrayList<>();
      String[] byPage = bbox.split("<page ");
      for (int i = 1; i < byPage.length; i++) {
        Matcher p = PAGE.matcher("<page " + byPage[i]);
        assertTrue(p.find());
        double width = Double.parseDouble(p.group(1));
        Matcher w = WORD.matcher(byPage[i]);
        while (w.find()) {
          double xMin = Double.parseDouble(w.group(1));
          double xMax = Double.parseDouble(w.group(3));
          if (xMin < MARGIN_POINTS || xMax > width - MARGIN_POINTS) {
            out.add("page " + i + ": " + w.group(5));
          }
        }
      }
      return out;
    }
  }

  static String run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "out", ".txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(log.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed");
    return out;
  }
}
