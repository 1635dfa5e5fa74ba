package studybook.report;

import freemarker.core.HTMLOutputFormat;
import java.nio.file.Path;
import studybook.kernel.Hashes;
import studybook.kernel.KernelRun;
import studybook.kernel.Study;

/**
 * The parts of the standalone page that the report layer makes for every study: the built-in
 * stylesheet, the table of contents and the header block (title, synthetic banner, the data file's
 * SHA-256, git commit and studybook version). A page template prints them as {@code ${css}},
 * {@code ${header}} and {@code ${toc}}; each is markup with every piece of text escaped.
 */
final class PageParts {
  /**
   * The page's Content-Security-Policy: no script, no network, nothing but its own inline styles and
   * inline SVG, embedded data: images and the report's own figure files, so a committed report
   * cannot run code (or call home) when a reviewer opens it, whatever its data or template hold.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline';"
      + " img-src 'self' data:; font-src data:; base-uri 'none'; form-action 'none'";

  private static final java.util.regex.Pattern HEAD = java.util.regex.Pattern.compile("<head(\\s[^>]*)?>",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * {@code html} with the policy as the first element of its head, where it governs everything after
   * it; added by studybook, not left to the study's page template. A page without a head is refused.
   */
  static String withContentSecurityPolicy(String html, String template) {
    java.util.regex.Matcher m = HEAD.matcher(html);
    if (!m.find()) {
      throw new studybook.StudybookException(template + ": the page has no <head>; studybook puts its"
          + " Content-Security-Policy there (no script runs in a report), so the template needs one");
    }
    return html.substring(0, m.end()) + "\n<meta http-equiv=\"Content-Security-Policy\" content=\""
        + CONTENT_SECURITY_POLICY + "\">" + html.substring(m.end());
  }

  /**
   * Laptop and phone widths: the text column is capped; a wide table scrolls inside its wrapper rather
   * than widening the page, with shadows at the edge that has more (a background trick, no script) and,
   * on a phone, a line saying so above a table of four or more columns; on a phone a figure keeps its
   * drawn size (its text stays readable) and scrolls sideways too. Print ({@link #printCss}): A4 (or
   * Letter) with the Word file's margins; tables set as Word sets them (9 pt, the text's width, a number
   * never broken inside, eight or more columns on a landscape page of the same paper); a long table
   * breaks between rows with its header repeated, rather than leaving half a page empty; its caption
   * stays with its first rows and its notes with its last rows; a figure is never broken and keeps its
   * caption; a heading stays with what follows; the table of contents is left out. Known limit (Chromium
   * 156): when a table already broken over pages ends at the foot of a page, Chromium does not carry its
   * last rows over to keep {@code break-before: avoid} on the notes, and splits the notes instead; keeping
   * a whole table unbroken ({@code break-inside: avoid}) only makes that worse. The print check
   * (PrintedReportTest) fails on it. What does hold in Chromium is the notes as the last row of the
   * table's own tbody, which is how HtmlOut writes them ({@code tr.notes}); a hand-laid table's notes are
   * still the template's paragraphs under it.
   */
  static final String CSS = String.join("\n",
      ":root { color-scheme: light; }",
      "body { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; max-width: 64rem;",
      "  margin: 0 auto; padding: 1rem; line-height: 1.5; color: #222; background: #fff; }",
      "header.report-header { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }",
      "header.report-header h1 { margin: 0.5rem 0; font-size: 1.6rem; }",
      ".synthetic { background: #fff3cd; border: 1px solid #e0c36b; padding: 0.5rem 1rem; font-weight: 600; }",
      "dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem;",
      "  font-size: 0.85rem; color: #555; }",
      "dl.provenance dt { font-weight: 600; } dl.provenance dd { margin: 0; overflow-wrap: anywhere; }",
      "dl.provenance code { font-size: 0.8rem; }",
      "nav.toc { font-size: 0.95rem; border: 1px solid #e3e3e3; padding: 0.4rem 1rem; margin: 1rem 0; }",
      "nav.toc ol { margin: 0.2rem 0; padding-left: 1.2rem; }",
      ".table-wrap, p:has(> svg.studybook-figure) { overflow-x: auto; max-width: 100%;",
      "  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2rem 100% no-repeat local,",
      "    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2rem 100% no-repeat local,",
      "    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) left / 0.8rem 100% no-repeat scroll,",
      "    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) right / 0.8rem 100% no-repeat scroll; }",
      ".table-wrap { margin: 1rem 0; }",
      "table { border-collapse: collapse; }",
      "th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; vertical-align: top; }",
      "th { background: #f2f2f2; }",
      "td { font-variant-numeric: tabular-nums; }",
      // On screen a number, an interval or a p-value never breaks inside (a wide table scrolls, with its hint);
      // on paper, which cannot scroll, a wide table still wraps to fit the page.
      "@media screen { td[align=\"right\"] { white-space: nowrap; } }",
      "tr.spanners th { border-bottom: 1px solid #888; text-align: center; }",
      // A table's notes: the last row of its body (kept with its last rows in print), read as the paragraph
      // under the table: no borders, text font, flush left; as wide as the table or the column, whichever is
      // less (its text does not widen the table), and in view while a wide table scrolls on a phone.
      ".table-wrap { container-type: inline-size; }",
      "tr.notes td { border: 0; padding: 1em 0 0; font-variant-numeric: normal; text-align: left; }",
      "tr.notes td > div { contain: inline-size; width: min(100%, 100cqi); position: sticky; left: 0; }",
      "svg.studybook-figure { display: block; max-width: 100%; height: auto; margin: 1rem 0 0.25rem; }",
      ".figure-caption { display: block; font-size: 0.9rem; font-style: italic; margin: 0 0 1.5rem; }",
      ".missing-image { font-style: italic; color: #666; }",
      "@media (max-width: 40rem) { body { padding: 0.5rem; font-size: 0.95rem; }",
      "  th, td { padding: 0.2rem 0.4rem; }",
      "  svg.studybook-figure { max-width: none; }",
      "  .table-wrap:has(th:nth-child(4))::before, p:has(> svg.studybook-figure)::before {",
      "    content: \"Scroll sideways to see all of it \\2192\"; display: block; position: sticky; left: 0;",
      "    font-size: 0.8rem; color: #666; margin-bottom: 0.2rem; } }",
      "@media print { body { max-width: none; padding: 0; font-size: 10pt; } nav.toc { display: none; }",
      "  .table-wrap, p:has(> svg.studybook-figure) { overflow: visible; background: none; }",
      // As the Word file sets tables: a point below the text, numbers never broken inside (the label column
      // and the headers wrap), and a table of eight or more columns on a landscape page of its own paper.
      "  table { width: 100%; font-size: 9pt; line-height: 1.25; } th, td { padding: 0.1rem 0.5rem; }",
      "  td[align=\"right\"], td[align=\"center\"] { white-space: nowrap; }",
      "  .table-wrap:has(tr > :nth-child(8)), .table-wrap:has(tr > :nth-child(8)):not(:has(tr.notes)) + p,",
      "  :is(h1, h2, h3, h4, h5, h6, p):has(+ .table-wrap tr > :nth-child(8)) { page: wide; }",
      // The caption stays with the table; its notes (the last row of its body) with its last rows; a hand-laid
      // table's notes (the paragraph under it, and the one after) as far as Chromium keeps them.
      "  :is(h1, h2, h3, h4, h5, h6, p):has(+ .table-wrap) { break-after: avoid; page-break-after: avoid; }",
      "  .table-wrap { break-after: avoid; page-break-after: avoid; }",
      "  tr.notes td { font-size: 8.5pt; line-height: 1.35; } tr.notes { break-before: avoid; page-break-before: avoid; }",
      "  .table-wrap:not(:has(tr.notes)) + p { font-size: 8.5pt; line-height: 1.35; }",
      "  .table-wrap:not(:has(tr.notes)) + p { break-before: avoid; page-break-before: avoid; break-inside: avoid;"
          + " page-break-inside: avoid; }",
      "  .table-wrap:not(:has(tr.notes)) + p + p { break-before: avoid; page-break-before: avoid; }",
      "  svg.studybook-figure, p:has(> svg.studybook-figure) { break-inside: avoid; page-break-inside: avoid; }",
      "  svg.studybook-figure { break-after: avoid; }",
      "  thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }",
      "  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }",
      "  p, li { orphans: 3; widows: 3; } }",
      "");

  /** The printed page: {@code style.paper} {@code a4} (the default, as the Word file) or {@code letter}, 2.54 cm margins. */
  static String printCss(java.util.Map<String, String> settings) {
    String paper = settings.getOrDefault("style.paper", "a4").trim().toLowerCase(java.util.Locale.ROOT);
    if (!paper.equals("a4") && !paper.equals("letter")) {
      throw new studybook.StudybookException("study.properties: style.paper must be a4 or letter, not '" + paper + "'");
    }
    String size = paper.equals("a4") ? "A4" : "letter";
    return "@page { size: " + size + "; margin: 2.54cm; }\n@page wide { size: " + size + " landscape; margin: 2.54cm; }\n";
  }

  private PageParts() {}

  /** Title, banner and a provenance list that names, but does not link to, where the report came from. */
  static String header(KernelRun run, String studybookVersion) {
    Study study = run.study();
    StringBuilder b = new StringBuilder("<header class=\"report-header\">\n");
    b.append("<h1>").append(esc(study.title())).append("</h1>\n");
    if (study.synthetic()) {
      b.append("<p class=\"synthetic\" role=\"note\">").append(esc(study.syntheticNote())).append("</p>\n");
    }
    b.append("<dl class=\"provenance\">\n");
    item(b, "Data", dataName(study));
    b.append("<dt>SHA-256</dt><dd><code>").append(esc(dataHash(run))).append("</code></dd>\n");
    item(b, "studybook", studybookVersion);
    // The git commit stays in manifest.json: in the page it would change the report's bytes at every
    // commit (a committed report names its parent commit), and ./studybook check could never pass.
    item(b, "Full provenance", "manifest.json beside this report (every input's SHA-256, git commit, versions)");
    return b.append("</dl>\n</header>\n").toString();
  }

  /** The data file as the study names it; only its file name when it lies outside the study. */
  static String dataName(Study study) {
    String shown = study.display(study.data());
    // outside the study, or where an engine reads them (a folder, a cluster URI): the last name only, so the page
    // does not depend on the machine's paths
    return Path.of(shown).isAbsolute() || study.dataLocation().isPresent() ? study.data().getFileName().toString()
        : shown;
  }

  static String dataHash(KernelRun run) {
    String h = run.inputHashes().get(run.study().display(run.study().data()));
    return h != null ? h : Hashes.ofFile(run.study().data());
  }

  /** The version in the jar's manifest, or "development" when run from classes (tests, IDE). */
  static String studybookVersion() {
    String v = PageParts.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  private static void item(StringBuilder b, String term, String value) {
    b.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
  }

  private static String esc(String s) {
    return HTMLOutputFormat.INSTANCE.escapePlainText(s);
  }
}
