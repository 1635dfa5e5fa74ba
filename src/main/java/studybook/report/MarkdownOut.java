package studybook.report;

import java.util.IdentityHashMap;
import java.util.Map;
import studybook.report.doc.Block;
import studybook.report.doc.Document;

/**
 * report.md, written from the {@link Document}: the author's prose as the template wrote it (its
 * marks resolved), each placed table in the {@link TableRenderer}'s Markdown, each figure as an image of
 * figures/&lt;name&gt;.svg whose text is its numbered caption ("Figure 2. ...", which pandoc shows as the
 * figure's caption), and the template's blank lines between them.
 */
final class MarkdownOut {
  /** A gap that first drops the white space before it (the suppression legend's: one blank line, whatever came before). */
  static final String AFTER_STRIPPED = "\u0000\n\n";

  private MarkdownOut() {}

  static String write(Document doc, TableRenderer renderer, NumberStyle style) {
    return write(doc, renderer, style, new IdentityHashMap<>());
  }

  static String write(Document doc, TableRenderer renderer, NumberStyle style,
      Map<studybook.tables.TableModel, TableRenderer.Rendered> rendered) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < doc.blocks().size(); i++) {
      gap(b, doc.gaps().get(i));
      Block block = doc.blocks().get(i);
      b.append(block instanceof Block.Table t ? renderer.markdown(rendered.computeIfAbsent(t.model(), renderer::render))
          : block instanceof Block.Figure f ? "![" + style.md(f.caption()) + "](figures/" + f.cell() + ".svg)\n"
          : markdown(block));
    }
    gap(b, doc.gaps().get(doc.gaps().size() - 1));
    return b.toString();
  }

  /** The Markdown of a block the author's Markdown made, as written. */
  private static String markdown(Block block) {
    if (block instanceof Block.Heading h) {
      return h.markdown();
    } else if (block instanceof Block.Paragraph p) {
      return p.markdown();
    } else if (block instanceof Block.Quote q) {
      return q.markdown();
    } else if (block instanceof Block.ListBlock l) {
      return l.markdown();
    } else if (block instanceof Block.CodeBlock c) {
      return c.markdown();
    } else if (block instanceof Block.Literal l) {
      return l.markdown();
    } else if (block instanceof Block.Hidden h) {
      return h.markdown();
    } else if (block instanceof Block.Grid g) {
      return g.markdown();
    }
    throw new IllegalArgumentException(block.toString());
  }

  private static void gap(StringBuilder b, String gap) {
    if (gap.startsWith(AFTER_STRIPPED)) {
      int end = b.length();
      while (end > 0 && Character.isWhitespace(b.charAt(end - 1))) {
        end--;
      }
      b.setLength(end);
      b.append(gap.substring(1));
    } else {
      b.append(gap);
    }
  }
}
