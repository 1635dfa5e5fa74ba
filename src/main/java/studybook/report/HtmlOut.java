package studybook.report;

import com.vladsch.flexmark.util.sequence.Escaping;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import studybook.report.doc.Block;
import studybook.report.doc.Document;
import studybook.report.doc.Inline;
import studybook.tables.TableModel;

/**
 * The page's HTML, written from the {@link Document}: prose from its typed runs, every table from its
 * model (through the {@link TableRenderer}'s text, never through Markdown), every figure's SVG inline
 * with its numbered caption. Each table sits in a {@code <div class="table-wrap">} so that a wide table
 * scrolls on its own. With {@code cellMarks} (serve's page only), every block a cell's result made
 * carries {@code data-sb-cell} naming that cell, from the document, where the block knows its cell.
 */
final class HtmlOut {
  private final TableRenderer renderer;
  private final ReportFigures figures;
  private final boolean cellMarks;
  private final Map<TableModel, TableRenderer.Rendered> rendered;

  HtmlOut(TableRenderer renderer, ReportFigures figures, boolean cellMarks,
      Map<TableModel, TableRenderer.Rendered> rendered) {
    this.renderer = renderer;
    this.figures = figures;
    this.cellMarks = cellMarks;
    this.rendered = rendered;
  }

  HtmlOut(TableRenderer renderer, ReportFigures figures, boolean cellMarks) {
    this(renderer, figures, cellMarks, new IdentityHashMap<>());
  }

  /** The body: every block, or without the title heading and the banner quote ({@code content}). */
  String body(Document doc, boolean content) {
    StringBuilder b = new StringBuilder();
    Map<Integer, String> anchors = anchors(doc);
    for (int i = 0; i < doc.blocks().size(); i++) {
      if (content && (i == doc.titleBlock() || i == doc.bannerBlock())) {
        continue;
      }
      block(doc, i, anchors, b);
    }
    return b.toString();
  }

  /** Block {@code i} of {@code doc} as the whole page writes it (serve's patch of one block is this too). */
  String block(Document doc, int i) {
    StringBuilder b = new StringBuilder();
    block(doc, i, anchors(doc), b);
    return b.toString();
  }

  /** A hand-laid table's caption paragraph is the anchor a cross-reference links to (Document#captions). */
  private static Map<Integer, String> anchors(Document doc) {
    Map<Integer, String> anchors = new java.util.HashMap<>();
    for (studybook.report.doc.Document.Caption c : doc.captions()) {
      if (c.captionBlock() >= 0 && c.number() > 0 && doc.blocks().get(c.captionBlock()) instanceof Block.Paragraph) {
        anchors.put(c.captionBlock(), c.anchor());
      }
    }
    return anchors;
  }

  private void block(Document doc, int i, Map<Integer, String> anchors, StringBuilder b) {
    if (anchors.containsKey(i)) {
      b.append("<p id=\"").append(esc(anchors.get(i))).append("\">");
      runs(((Block.Paragraph) doc.blocks().get(i)).content(), b);
      b.append("</p>\n");
    } else {
      block(doc.blocks().get(i), b);
    }
  }

  String block(Block block) {
    StringBuilder b = new StringBuilder();
    block(block, b);
    return b.toString();
  }

  /** One entry per heading below the title, nested by level, linking to the headings' ids. */
  static String toc(Document doc) {
    List<Block.Heading> headings = doc.blocks().stream().filter(Block.Heading.class::isInstance)
        .map(Block.Heading.class::cast).filter(h -> h.level() > 1).toList();
    if (headings.isEmpty()) {
      return "";
    }
    int top = headings.stream().mapToInt(Block.Heading::level).min().orElse(2);
    StringBuilder b = new StringBuilder("<nav class=\"toc\" aria-label=\"Contents\">\n<strong>Contents</strong>\n");
    int depth = 0;
    for (Block.Heading h : headings) {
      int level = h.level() - top + 1;
      while (depth < level) {
        b.append("<ol>\n");
        depth++;
      }
      while (depth > level) {
        b.append("</ol>\n");
        depth--;
      }
      b.append("<li><a href=\"#").append(attr(h.id())).append("\">").append(attr(h.text())).append("</a></li>\n");
    }
    while (depth-- > 0) {
      b.append("</ol>\n");
    }
    return b.append("</nav>\n").toString();
  }

  private static String attr(String s) {
    return freemarker.core.HTMLOutputFormat.INSTANCE.escapePlainText(s);
  }

  private void block(Block block, StringBuilder b) {
    if (block instanceof Block.Heading h) {
      b.append("<h").append(h.level());
      if (!h.id().isEmpty()) {
        b.append(" id=\"").append(esc(h.id())).append('"');
      }
      b.append('>');
      runs(h.content(), b);
      b.append("</h").append(h.level()).append(">\n");
    } else if (block instanceof Block.Paragraph p) {
      b.append("<p>");
      runs(p.content(), b);
      b.append("</p>\n");
    } else if (block instanceof Block.Quote q) {
      b.append("<blockquote>\n");
      q.blocks().forEach(c -> block(c, b));
      b.append("</blockquote>\n");
    } else if (block instanceof Block.ListBlock l) {
      list(l, b);
    } else if (block instanceof Block.CodeBlock c) {
      b.append("<pre><code");
      String lang = c.info().strip().split("\\s+")[0];
      if (!lang.isEmpty()) {
        b.append(" class=\"language-").append(esc(lang)).append('"');
      }
      b.append('>').append(esc(c.text())).append("</code></pre>\n");
    } else if (block instanceof Block.Literal l) {
      b.append("<p>").append(esc(l.text().strip())).append("</p>\n");
    } else if (block instanceof Block.Hidden h) {
      b.append(h.rule() ? "<hr />\n" : "");
    } else if (block instanceof Block.Grid g) {
      grid(g, b);
    } else if (block instanceof Block.Table t) {
      table(t, b);
    } else if (block instanceof Block.Figure f) {
      figure(f, b);
    }
  }

  private void list(Block.ListBlock l, StringBuilder b) {
    b.append(l.ordered() ? (l.start() == 1 ? "<ol>\n" : "<ol start=\"" + l.start() + "\">\n") : "<ul>\n");
    for (List<Block> item : l.items()) {
      if (l.tight()) {
        b.append("<li>");
        for (int i = 0; i < item.size(); i++) {
          if (item.get(i) instanceof Block.Paragraph p) {
            runs(p.content(), b);
            if (i + 1 < item.size()) {
              b.append('\n');
            }
          } else {
            if (i == 0) {
              b.append('\n');
            }
            block(item.get(i), b);
          }
        }
        b.append("</li>\n");
      } else {
        b.append("<li>\n");
        item.forEach(c -> block(c, b));
        b.append("</li>\n");
      }
    }
    b.append(l.ordered() ? "</ol>\n" : "</ul>\n");
  }

  private static void grid(Block.Grid g, StringBuilder b) {
    b.append("<div class=\"table-wrap\"><table>\n<thead>\n<tr>");
    for (int c = 0; c < g.headers().size(); c++) {
      cell("th", g, c, g.headers().get(c).content(), b);
    }
    b.append("</tr>\n</thead>\n");
    if (!g.rows().isEmpty()) {
      b.append("<tbody>\n");
      for (List<Block.GridCell> row : g.rows()) {
        b.append("<tr>");
        for (int c = 0; c < g.headers().size(); c++) {
          cell("td", g, c, c < row.size() ? row.get(c).content() : List.of(), b);
        }
        b.append("</tr>\n");
      }
      b.append("</tbody>\n");
    }
    b.append("</table></div>\n");
  }

  private static void cell(String tag, Block.Grid g, int c, List<Inline> content, StringBuilder b) {
    b.append('<').append(tag);
    if (g.aligned().get(c)) {
      b.append(" align=\"").append(g.aligns().get(c).name().toLowerCase(java.util.Locale.ROOT)).append('"');
    }
    b.append('>');
    StringBuilder inner = new StringBuilder();
    runs(content, inner);
    b.append(inner.length() == 0 ? " " : inner).append("</").append(tag).append('>');
  }

  private void table(Block.Table t, StringBuilder b) {
    table(rendered.computeIfAbsent(t.model(), renderer::render),
        cellMarks ? " data-sb-cell=\"" + esc(t.cell()) + "\"" : "", b);
  }

  /** A rendered table as the page shows it (the one place a table becomes HTML); {@code mark} goes on its parts. */
  static void table(TableRenderer.Rendered r, String mark, StringBuilder b) {
    if (!r.model().caption().isEmpty()) {
      // A numbered caption is the anchor a cross-reference links to (Document#labels).
      java.util.regex.Matcher n = studybook.report.doc.Document.NUMBERED.matcher(r.model().caption());
      String id = n.lookingAt() && n.group(1).equals("Table") ? " id=\"table-" + n.group(2) + "\"" : "";
      b.append("<p").append(id).append(mark).append('>').append(esc(r.model().caption())).append("</p>\n");
    }
    b.append("<div class=\"table-wrap\"").append(mark).append("><table>\n<thead>\n");
    if (!r.spanners().isEmpty()) {
      // A spanning header (Univariable / Multivariable) over its columns, blank cells elsewhere.
      b.append("<tr class=\"spanners\">");
      int c = 0;
      for (TableModel.Spanner s : r.spanners()) {
        for (; c < s.first(); c++) {
          b.append("<th></th>");
        }
        b.append("<th colspan=\"").append(s.columns()).append("\" class=\"spanner\">").append(esc(s.text()))
            .append("</th>");
        c += s.columns();
      }
      for (; c < r.headerLines().size(); c++) {
        b.append("<th></th>");
      }
      b.append("</tr>\n");
    }
    b.append("<tr>");
    for (int c = 0; c < r.headerLines().size(); c++) {
      // A group header on two lines ("Overall" / "N = 322"); the journal's italic P.
      String h = r.headerLines().get(c);
      String text = r.italicHeaders().get(c) && !h.isEmpty() ? "<em>" + esc(h.substring(0, 1)) + "</em>"
          + esc(h.substring(1)) : esc(h);
      // A header stands over its column: a left column's header is left too (a th is centred by default).
      String a = r.aligns().get(c) == TableModel.Align.LEFT ? " align=\"left\"" : align(r.aligns().get(c));
      b.append("<th").append(a).append('>').append(nonEmpty(text.replace("\n", "<br />")))
          .append("</th>");
    }
    b.append("</tr>\n</thead>\n");
    if (!r.rows().isEmpty() || !r.footnotes().isEmpty()) {
      b.append("<tbody>\n");
      for (int i = 0; i < r.rows().size(); i++) {
        List<String> cells = r.rows().get(i);
        TableModel.RowKind kind = r.kinds().get(i);
        b.append("<tr>");
        for (int c = 0; c < cells.size(); c++) {
          b.append("<td").append(align(r.aligns().get(c))).append('>');
          if (c == 0 && (kind == TableModel.RowKind.HEADING || kind == TableModel.RowKind.SINGLE)) {
            String[] label = r.labels().get(i);
            b.append(label[0].isBlank() ? "" : "<strong>" + esc(label[0].strip()) + "</strong>")
                .append(esc(label[1].stripTrailing()));
          } else {
            b.append(nonEmpty(esc(cells.get(c).strip())));
          }
          b.append("</td>");
        }
        b.append("</tr>\n");
      }
      if (!r.footnotes().isEmpty()) {
        // The notes are the last row of the body, one cell over every column: the one layout Chromium keeps
        // with the table's last rows when it prints (PageParts.CSS); styled as the paragraph they read as.
        b.append("<tr class=\"notes\"><td colspan=\"").append(Math.max(1, r.headerLines().size()))
            .append("\"><div>");
        for (int i = 0; i < r.footnotes().size(); i++) {
          String line = r.footnotes().get(i);
          if (i == r.footnotes().size() - 1 && r.syntheticLast()) {
            b.append("<em>").append(esc(line.strip())).append("</em>");
          } else {
            footnote(line.strip(), b);
          }
          b.append(i + 1 < r.footnotes().size() ? "<br />\n" : "");
        }
        b.append("</div></td></tr>\n");
      }
      b.append("</tbody>\n");
    }
    b.append("</table></div>\n");
  }

  /** A footnote line: text, with `code` spans set as code (as the renderer writes them in Markdown). */
  private static void footnote(String line, StringBuilder b) {
    String[] parts = line.split("`", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 1 && i < parts.length - 1) {
        b.append("<code>").append(esc(parts[i])).append("</code>");
      } else {
        b.append(esc(i % 2 == 1 ? "`" + parts[i] : parts[i]));
      }
    }
  }

  private static String align(TableModel.Align a) {
    return switch (a) {
      case LEFT -> "";
      case RIGHT -> " align=\"right\"";
      case CENTER -> " align=\"center\"";
    };
  }

  private static String nonEmpty(String s) {
    return s.isEmpty() ? " " : s;
  }

  private void figure(Block.Figure f, StringBuilder b) {
    // The anchor a cross-reference links to (Document#labels).
    b.append("<p id=\"figure-").append(f.number()).append("\">");
    if (cellMarks) {
      // The figure's name is its cell's name (letters, digits, '.', '_', '-': nothing to escape).
      b.append("<span class=\"sb-figure\" data-sb-cell=\"").append(esc(f.cell())).append("\">");
    }
    // A span, not <figure>/<figcaption>: the drawing sits in a paragraph, where only phrasing content is valid.
    b.append(figures.inline(f.cell())).append("<span class=\"figure-caption\">").append(esc(f.caption()))
        .append("</span>");
    if (cellMarks) {
      b.append("</span>");
    }
    b.append("</p>\n");
  }

  private static void runs(List<Inline> runs, StringBuilder b) {
    for (Inline i : runs) {
      if (i instanceof Inline.Text t) {
        b.append(esc(t.text()));
      } else if (i instanceof Inline.Code c) {
        b.append("<code>").append(esc(c.text())).append("</code>");
      } else if (i instanceof Inline.Emphasis e) {
        b.append("<em>");
        runs(e.content(), b);
        b.append("</em>");
      } else if (i instanceof Inline.Strong s) {
        b.append("<strong>");
        runs(s.content(), b);
        b.append("</strong>");
      } else if (i instanceof Inline.Link l) {
        b.append("<a href=\"").append(esc(l.url())).append('"');
        if (l.title() != null && !l.title().isEmpty()) {
          b.append(" title=\"").append(esc(l.title())).append('"');
        }
        b.append('>');
        runs(l.content(), b);
        b.append("</a>");
      } else if (i instanceof Inline.Break br) {
        b.append(br.hard() ? "<br />\n" : "\n");
      } else if (i instanceof Inline.Literal l) {
        b.append(esc(l.text()));
      } else if (i instanceof Inline.MissingImage m) {
        b.append("<span class=\"missing-image\">").append(esc(m.alt())).append("</span>");
      } else if (i instanceof Inline.NumberMark n) {
        b.append(esc(n.text()));
      } else if (i instanceof Inline.Ref r) {
        b.append("<a class=\"ref\" href=\"#").append(esc(r.anchor())).append("\">").append(esc(r.text())).append("</a>");
      }
    }
  }

  private static String esc(String s) {
    return Escaping.escapeHtml(s, false);
  }
}
