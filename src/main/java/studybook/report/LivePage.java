package studybook.report;

import java.util.List;
import studybook.kernel.KernelRun;
import studybook.report.doc.Block;
import studybook.report.doc.Document;

/**
 * {@code serve}'s page of one run in pieces, so that a save redraws only the blocks whose cells changed:
 * the {@link Document}, the page around the report ({@link #shell}: the page template with the report's
 * place held, its header and contents included) and each block's HTML, cell-marked as
 * {@link ReportWriter#pageWithCells} marks it. {@link #page} wraps each block in the comments
 * {@code <!--sb-block i-->} and {@code <!--/sb-block i-->}, by which the open tab swaps one block in place.
 */
public final class LivePage {
  private static final String BODY = "<!--sb-report-body-->";
  private static final String CONTENT = "<!--sb-report-content-->";

  private final KernelRun run;
  private final Templates templates;
  private final Document doc;
  private final HtmlOut out;
  private final String shell;
  /** Whether the page template prints {@code content} (without the title and banner blocks) rather than {@code body}. */
  private final boolean content;
  private final boolean patchable;

  LivePage(KernelRun run, Templates templates, Document doc, HtmlOut out) {
    this.run = run;
    this.templates = templates;
    this.doc = doc;
    this.out = out;
    this.shell = templates.page(run, BODY, CONTENT, HtmlOut.toc(doc));
    int bodies = count(shell, BODY);
    int contents = count(shell, CONTENT);
    this.patchable = bodies + contents == 1;
    this.content = contents == 1;
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  /** The run's document. */
  public Document document() {
    return doc;
  }

  /** The page with the report's place held: equal shells mean the page around the blocks is the same. */
  public String shell() {
    return shell;
  }

  /** Whether the page template prints the report once, as it is, so that blocks can be swapped in it. */
  public boolean patchable() {
    return patchable;
  }

  /** Whether block {@code i} is on the page (the title and banner blocks are not when the template prints {@code content}). */
  public boolean shown(int i) {
    return !(content && (i == doc.titleBlock() || i == doc.bannerBlock()));
  }

  /** Block {@code i}'s HTML, as the page shows it (empty when it is not {@link #shown}). */
  public String block(int i) {
    return shown(i) ? XmlChars.legal(out.block(doc.blocks().get(i))) : "";
  }

  /** The whole page, each shown block between its markers; {@code blocks} holds each block's HTML (from {@link #block}). */
  public String page(List<String> blocks) {
    if (!patchable) {
      return fallback();
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      if (shown(i)) {
        b.append("<!--sb-block ").append(i).append("-->").append(blocks.get(i)).append("<!--/sb-block ").append(i)
            .append("-->");
      }
    }
    return shell.replace(content ? CONTENT : BODY, b);
  }

  private String fallback() {
    return templates.page(run, out.body(doc, false), out.body(doc, true), HtmlOut.toc(doc));
  }

  /** Every block's HTML, in order. */
  public List<String> blocks() {
    List<String> b = new java.util.ArrayList<>();
    for (int i = 0; i < doc.blocks().size(); i++) {
      b.add(block(i));
    }
    return b;
  }
}
