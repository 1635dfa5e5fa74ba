package studybook.print;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A printed report read back page by page (poppler's {@code pdftotext -layout -f N -l N}) and held against
 * the HTML page it was made from (or, for the Word file, the HTML page beside it: both come from one
 * document, with the same captions, rows and notes). What a journal's reader must not see:
 * <ul>
 *   <li>an <b>orphaned note</b>: a line of a table's notes on a page that shows none of that table's rows;</li>
 *   <li>an <b>orphan caption</b>: a table's caption on a page before the one with its first row;</li>
 *   <li>a <b>broken token</b>: a number of a table (0.033, &lt;0.001, 0.961–1.028, 53.7, N = 322) that is
 *       not whole on one line, in the page's order.</li>
 * </ul>
 *
 * <p>What the page says a table is: its caption is the heading or paragraph directly above it that starts
 * with "Table" (or such a heading with one paragraph between, as the Word writer reads it); its rows are
 * its body rows, each found in the text by the first word of its label and the start of its first number;
 * its notes are the paragraph directly below it (unless that paragraph is the next caption or holds a
 * figure) and the paragraphs after that which read as notes (a note mark, "Note", "Abbreviations", or all
 * in emphasis), each line (between {@code <br>}s) found by its first words, and the last line's end by
 * its last words. Everything is found in reading order, each table after the one before.
 */
public final class PrintedPages {
  /** A number as the report prints it: 0.033, <0.001, 0.961–1.028, 53.7; a group size "N = 322". */
  public static final Pattern TOKEN = Pattern.compile("<?\\d+\\.\\d+(?:\u2013\\d+\\.\\d+)?|\\b[Nn] = \\d+");
  private static final Pattern NOTE = Pattern.compile("([*†‡§¶‖¹²³⁰-⁹ᵃ-ᶻ]|Note|Abbreviation).*", Pattern.DOTALL);
  private static final Pattern CAPTION = Pattern.compile("Table\\b.*", Pattern.DOTALL);

  /** One table as the page shows it: its caption ("" for none), its rows' keys, its notes' lines. */
  public record Table(String caption, String name, List<Row> rows, List<String> notes) {}

  /** A body row: the first word of its label and the start of its first non-empty value ("" for none). */
  public record Row(String label, String value) {}

  private final List<Table> tables;
  private final List<List<String>> pages;
  private final List<String> tableTexts;
  private final List<String> labelTexts;

  private PrintedPages(List<Table> tables, List<String> tableTexts, List<String> labelTexts, List<String> pages) {
    this.tables = tables;
    this.tableTexts = tableTexts;
    this.labelTexts = labelTexts;
    this.pages = pages.stream().map(p -> p.lines().map(PrintedPages::norm).filter(l -> !l.isEmpty()).toList())
        .toList();
  }

  /** The page {@code html} against the printed {@code pages}' texts (one string per page, in order). */
  public static PrintedPages of(String html, List<String> pages) {
    org.jsoup.nodes.Document page = Jsoup.parse(html);
    List<Table> tables = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Element wrap : page.select("div.table-wrap")) {
      Element table = wrap.selectFirst("table");
      if (table == null) {
        continue;
      }
      for (Element tr : table.select("tr:not(.notes)")) {
        List<Element> cells = tr.select("td, th");
        for (int c = 0; c < cells.size(); c++) {
          // A label that wraps puts its numbers on a later line than the row's; they need only be whole.
          (c == 0 && tr.parent() != null && tr.parent().tagName().equals("tbody") ? labels : values)
              .add(cells.get(c).text());
        }
      }
      tables.add(new Table(caption(wrap), name(wrap, table), rows(table), notes(wrap)));
    }
    return new PrintedPages(List.copyOf(tables), values, labels, pages);
  }

  /** The page {@code html} against the PDF {@code pdf}, read by {@code pdftotext -layout -f N -l N} page by page. */
  public static PrintedPages of(Path html, Path pdf) throws IOException {
    return of(Files.readString(html, StandardCharsets.UTF_8), pageTexts(pdf));
  }

  public List<Table> tables() {
    return tables;
  }

  /** How many pages were read. */
  public int pageCount() {
    return pages.size();
  }

  /** Every orphaned note and orphan caption, one line each; empty when there is none. */
  public List<String> layoutProblems() {
    List<String> problems = new ArrayList<>();
    int[] at = {0, 0}; // page, line: where the search for the next table starts
    for (Table t : tables) {
      int captionPage = -1;
      if (!t.caption().isEmpty()) {
        int[] c = find(at, captionLine(t.caption()));
        if (c == null) {
          problems.add("the caption '" + t.caption() + "' is not in the printed text (after page " + (at[0] + 1) + ")");
          continue;
        }
        captionPage = c[0];
        at = next(c);
      }
      int firstRowPage = -1;
      int lastRowPage = -1;
      boolean lost = false;
      for (Row r : t.rows()) {
        if (r.label().isEmpty()) {
          continue;
        }
        int[] found = find(at, line -> {
          if (!startsWithWord(line, r.label())) {
            return false;
          }
          return r.value().isEmpty() || line.substring(r.label().length()).contains(r.value());
        });
        if (found == null) {
          problems.add("row '" + r.label() + " … " + r.value() + "' of " + t.name() + " is not in the printed text"
              + " (after page " + (at[0] + 1) + ", line " + (at[1] + 1) + ")");
          lost = true;
          break;
        }
        firstRowPage = firstRowPage < 0 ? found[0] : firstRowPage;
        lastRowPage = found[0];
        at = next(found);
      }
      if (lost) {
        continue;
      }
      if (captionPage >= 0 && firstRowPage >= 0 && captionPage != firstRowPage) {
        problems.add("orphan caption: '" + t.caption() + "' is on page " + (captionPage + 1)
            + ", its first row on page " + (firstRowPage + 1));
      }
      for (int n = 0; n < t.notes().size(); n++) {
        String note = t.notes().get(n);
        int[] start = find(at, startsWith(words(note, 3)));
        if (start == null) {
          problems.add("the note '" + note + "' of " + t.name() + " is not in the printed text (after page "
              + (at[0] + 1) + ")");
          break;
        }
        int[] end = start;
        if (n == t.notes().size() - 1) {
          // The note's last words may have wrapped onto a later line (or page).
          String tail = lastWords(note, 2);
          int[] e = find(start, line -> line.contains(tail));
          end = e != null ? e : start;
        }
        for (int[] piece : List.of(start, end)) {
          if (lastRowPage >= 0 && piece[0] != lastRowPage) {
            problems.add("orphaned note: '" + clip(note) + "' of " + t.name() + " is on page " + (piece[0] + 1)
                + ", the table's last row on page " + (lastRowPage + 1));
            break;
          }
        }
        at = next(end);
      }
    }
    return problems;
  }

  /**
   * Every number of the page's tables that the print does not show whole on one line in the page's order
   * (a number inside a row's label, which may wrap below the row's first line, need only be whole
   * somewhere); empty when there is none.
   */
  public List<String> brokenTokens() {
    List<String> shown = new ArrayList<>();
    for (List<String> page : pages) {
      for (String line : page) {
        shown.addAll(tokens(line));
      }
    }
    List<String> expected = new ArrayList<>();
    tableTexts.forEach(t -> expected.addAll(tokens(norm(t))));
    List<String> problems = new ArrayList<>();
    String order = inOrder(expected, shown);
    if (order != null) {
      problems.add(order);
    }
    for (String l : labelTexts) {
      for (String t : tokens(norm(l))) {
        if (!shown.contains(t)) {
          problems.add("'" + t + "' of a row label is not shown whole on one line");
        }
      }
    }
    return problems;
  }

  /** Every {@link #TOKEN} in {@code text}, in order. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * Null when every expected token is among the shown ones in order (other numbers may lie between),
   * else which one is not, and what the print shows there instead.
   */
  public static String inOrder(List<String> expected, List<String> shown) {
    int at = 0;
    for (int i = 0; i < expected.size(); i++) {
      int found = shown.subList(at, shown.size()).indexOf(expected.get(i));
      if (found < 0) {
        return "broken token: token " + (i + 1) + " of " + expected.size() + ", '" + expected.get(i)
            + "', is not shown whole on one line after the tokens before it; the print shows next "
            + shown.subList(at, Math.min(shown.size(), at + 12));
      }
      at += found + 1;
    }
    return null;
  }

  /** Each page's text, by {@code pdftotext -layout -f N -l N} (poppler), in order. */
  public static List<String> pageTexts(Path pdf) throws IOException {
    String info = run("pdfinfo", pdf.toString());
    Matcher m = Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(info);
    if (!m.find()) {
      throw new AssertionError("pdfinfo names no page count for " + pdf + ": " + info);
    }
    int n = Integer.parseInt(m.group(1));
    List<String> out = new ArrayList<>();
    for (int p = 1; p <= n; p++) {
      out.add(run("pdftotext", "-layout", "-f", "" + p, "-l", "" + p, pdf.toString(), "-"));
    }
    return out;
  }

  /** The page size pdfinfo gives, "595.28 x 841.89 pts (A4)". */
  public static String pageSize(Path pdf) throws IOException {
    return run("pdfinfo", pdf.toString()).lines().filter(l -> l.startsWith("Page size:"))
        .map(l -> l.substring("Page size:".length()).strip()).findFirst().orElse("");
  }

  /** Page images ({@code pdftoppm -png -r dpi}) named {@code prefix-N.png}, for a person to look at. */
  public static void images(Path pdf, Path prefix, int dpi) throws IOException {
    Files.createDirectories(prefix.toAbsolutePath().getParent());
    run("pdftoppm", "-png", "-r", "" + dpi, pdf.toString(), prefix.toString());
  }

  /** A Word file rendered to PDF by headless LibreOffice, with a profile of its own in {@code dir}. */
  public static Path libreOfficePdf(Path docx, Path dir) throws IOException {
    Files.createDirectories(dir);
    run("soffice", "-env:UserInstallation=" + dir.resolve("lo-profile").toAbsolutePath().toUri(), "--headless",
        "--convert-to", "pdf", "--outdir", dir.toAbsolutePath().toString(), docx.toAbsolutePath().toString());
    Path pdf = dir.resolve(docx.getFileName().toString().replaceFirst("\\.docx$", ".pdf"));
    if (!Files.isRegularFile(pdf)) {
      throw new AssertionError("LibreOffice wrote no PDF for " + docx);
    }
    return pdf;
  }

  private static String caption(Element wrap) {
    Element before = wrap.previousElementSibling();
    if (before == null) {
      return "";
    }
    if (isCaption(before)) {
      return norm(before.text());
    }
    // A caption heading with one paragraph between it and the table (the Word writer's first note).
    Element twoBefore = before.previousElementSibling();
    if (before.tagName().equals("p") && twoBefore != null && twoBefore.tagName().matches("h[1-6]")
        && isCaption(twoBefore)) {
      return norm(twoBefore.text());
    }
    return "";
  }

  private static boolean isCaption(Element e) {
    return (e.tagName().matches("h[1-6]") || e.tagName().equals("p")) && CAPTION.matcher(e.text().strip()).matches();
  }

  private static String name(Element wrap, Element table) {
    String caption = caption(wrap);
    if (!caption.isEmpty()) {
      return "'" + words(caption, 2) + "'";
    }
    Element th = table.selectFirst("th");
    return "the table headed '" + (th == null ? "" : norm(th.text())) + "'";
  }

  private static List<Row> rows(Element table) {
    List<Row> rows = new ArrayList<>();
    for (Element tr : table.select("tbody > tr:not(.notes)")) {
      List<Element> cells = tr.select("td, th");
      if (cells.isEmpty()) {
        continue;
      }
      String label = firstWord(norm(cells.get(0).text()));
      String value = "";
      for (int c = 1; c < cells.size() && value.isEmpty(); c++) {
        String w = firstWord(norm(cells.get(c).text()));
        // Up to the first place a wrapping browser may break a number: after a dash or a hyphen.
        value = w.replaceFirst("[\u2013\u2010\\-(].*$", "");
        if (value.isEmpty() && !w.isEmpty()) {
          value = w.substring(0, 1);
        }
      }
      rows.add(new Row(label, value));
    }
    return rows;
  }

  /**
   * The table's notes, each line between {@code <br>}s as one string: the last row of its body when it is a
   * notes row ({@code tr.notes}, as HtmlOut writes a table's notes), else the paragraphs under it (a
   * hand-laid table's notes).
   */
  private static List<String> notes(Element wrap) {
    List<String> out = new ArrayList<>();
    Element row = wrap.selectFirst("tbody > tr.notes");
    if (row != null) {
      if (row.nextElementSibling() != null || row.select("> td").size() != 1) {
        throw new IllegalArgumentException("a table's notes row is not the last row of its body, one cell: " + row);
      }
      lines(row.selectFirst("td"), out);
      return out;
    }
    boolean first = true;
    for (Element e = wrap.nextElementSibling(); e != null && e.tagName().equals("p"); e = e.nextElementSibling()) {
      String text = e.text().strip();
      if (isCaption(e) || text.startsWith("Figure") || !e.select("svg, img").isEmpty()) {
        break;
      }
      boolean allEmphasis = !text.isEmpty() && e.select("> em, > i").text().strip().equals(text);
      if (!first && !NOTE.matcher(text).matches() && !allEmphasis) {
        break;
      }
      first = false;
      lines(e, out);
    }
    return out;
  }

  private static void lines(Element e, List<String> out) {
    for (String line : e.html().split("<br\\s*/?>")) {
      String t = norm(Jsoup.parse(line).text());
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
  }

  /** Text as compared: NFKC (a superscript note mark is its letter), no soft hyphens, spaces collapsed. */
  static String norm(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).replace("\u00ad", "").replace('\u00a0', ' ')
        .replaceAll("\\s+", " ").strip();
  }

  private static String firstWord(String s) {
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  private static String words(String s, int n) {
    String[] w = s.split(" ");
    return String.join(" ", java.util.Arrays.copyOf(w, Math.min(n, w.length)));
  }

  private static String lastWords(String s, int n) {
    String[] w = s.split(" ");
    return String.join(" ", java.util.Arrays.copyOfRange(w, Math.max(0, w.length - n), w.length));
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /**
   * A caption's first line: "Table", any number (Word numbers its captions with fields of its own, which the
   * renderer may count differently; the number is not what this check is about), then the caption's next word.
   */
  private static java.util.function.Predicate<String> captionLine(String caption) {
    String[] w = caption.split(" ");
    if (w.length < 3) {
      return startsWith(caption);
    }
    Pattern p = Pattern.compile(Pattern.quote(w[0]) + " \\S+ " + Pattern.quote(w[2]) + "( .*)?");
    return line -> p.matcher(line).matches();
  }

  private static java.util.function.Predicate<String> startsWith(String prefix) {
    return line -> line.startsWith(prefix);
  }

  private static boolean startsWithWord(String line, String word) {
    return line.startsWith(word) && (line.length() == word.length() || line.charAt(word.length()) == ' ');
  }

  /** The first {page, line} at or after {@code from} whose line matches, or null. */
  private int[] find(int[] from, java.util.function.Predicate<String> test) {
    for (int p = from[0]; p < pages.size(); p++) {
      List<String> lines = pages.get(p);
      for (int l = p == from[0] ? from[1] : 0; l < lines.size(); l++) {
        if (test.test(lines.get(l))) {
          return new int[] {p, l};
        }
      }
    }
    return null;
  }

  private static int[] next(int[] at) {
    return new int[] {at[0], at[1] + 1};
  }

  private static String run(String... command) throws IOException {
    Path log = Files.createTempFile("studybook-print-", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(log.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
      }
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d tables over %d pages", tables.size(), pages.size());
  }
}
