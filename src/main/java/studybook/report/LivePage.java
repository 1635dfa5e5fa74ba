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

  private final ReportFigures figures;
  private final java.util.Map<String, List<studybook.tables.TableModel>> displayed;

  LivePage(KernelRun run, Templates templates, Document doc, HtmlOut out, ReportFigures figures,
      java.util.Map<String, List<studybook.tables.TableModel>> displayed) {
    this.run = run;
    this.templates = templates;
    this.doc = doc;
    this.out = out;
    this.figures = figures;
    this.displayed = java.util.Map.copyOf(displayed);
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

  /**
   * What a build of a later run may take from this page ({@link ReportWriter#livePage(KernelRun, LivePage)}):
   * the cells whose result has the same fingerprint, their figures' drawings and their tables, and this
   * document's table and figure blocks (each by itself, so that an equal block is taken as it is).
   *
   * @param cells the cells whose result did not change (none when the study's settings, and so the number
   *     style and the tables' look, changed)
   * @param figures this page's figures
   * @param displayed the tables of those cells, by cell
   * @param blocks this document's table and figure blocks, each by itself
   */
  record Reuse(java.util.Set<String> cells, ReportFigures figures,
      java.util.Map<String, List<studybook.tables.TableModel>> displayed, java.util.Map<Block, Block> blocks) {
    /** Nothing to take: a first build. */
    static final Reuse NONE = new Reuse(java.util.Set.of(), ReportFigures.none(), java.util.Map.of(), java.util.Map.of());
  }

  /** What a build of {@code next} may take from this page: see {@link Reuse}. */
  Reuse reuse(KernelRun next) {
    if (!next.study().settings().equals(run.study().settings()) || next.study().synthetic() != run.study().synthetic()) {
      // The number style or the tables' look may differ: everything is drawn and made again.
      return Reuse.NONE;
    }
    java.util.Set<String> same = new java.util.HashSet<>(next.fingerprints().keySet());
    same.retainAll(run.fingerprints().keySet());
    next.changedSince(run).forEach(same::remove);
    same.removeIf(c -> next.fingerprints().get(c) == null);
    java.util.Map<String, List<studybook.tables.TableModel>> tables = new java.util.HashMap<>();
    displayed.forEach((cell, models) -> {
      if (same.contains(cell)) {
        tables.put(cell, models);
      }
    });
    java.util.Map<Block, Block> blocks = new java.util.HashMap<>();
    // An equal block is the same block whatever made it (a table of the claims, which is no cell's, too).
    for (Block b : doc.blocks()) {
      if (b instanceof Block.Table || b instanceof Block.Figure) {
        blocks.put(b, b);
      }
    }
    return new Reuse(java.util.Set.copyOf(same), figures, tables, blocks);
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
    return shown(i) ? XmlChars.legal(out.block(doc, i)) : "";
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
