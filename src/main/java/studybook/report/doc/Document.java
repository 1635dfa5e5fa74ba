package studybook.report.doc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of one run. Every output is written from this one object.
 *
 * @param title the study's title
 * @param banner the synthetic-data note, when the data are synthetic
 * @param blocks the body in reading order
 * @param gaps the Markdown between blocks as the template wrote it: {@code gaps.get(i)} comes before block
 *     {@code i}, the last one after the last block (so report.md keeps the author's blank lines)
 * @param titleBlock index of the heading that repeats the title, or -1 (the page and Word print the title once)
 * @param bannerBlock index of the quote that repeats the banner, or -1
 */
public record Document(String title, Optional<String> banner, List<Block> blocks, List<String> gaps, int titleBlock,
    int bannerBlock) {
  public Document {
    Objects.requireNonNull(title, "title");
    blocks = List.copyOf(blocks);
    gaps = List.copyOf(gaps);
    if (gaps.size() != blocks.size() + 1) {
      throw new IllegalArgumentException("a document has one gap more than blocks");
    }
  }

  /** The same document with other blocks in the same places. */
  public Document withBlocks(List<Block> newBlocks) {
    return new Document(title, banner, newBlocks, gaps, titleBlock, bannerBlock);
  }

  /** The same document with {@code block} after the last, {@code gap} (its Markdown) before it. */
  public Document append(Block block, String gap) {
    List<Block> b = new java.util.ArrayList<>(blocks);
    b.add(block);
    List<String> g = new java.util.ArrayList<>(gaps);
    g.set(g.size() - 1, gap);
    g.add("");
    return new Document(title, banner, b, g, titleBlock, bannerBlock);
  }

  /** The tables from cells' results, in order. */
  public List<Block.Table> tables() {
    return blocks.stream().filter(Block.Table.class::isInstance).map(Block.Table.class::cast).toList();
  }

  /** Every number mark in reading order (paragraphs, headings, lists, quotes and hand-laid tables). */
  public List<Inline.NumberMark> numbers() {
    List<Inline.NumberMark> out = new java.util.ArrayList<>();
    blocks.forEach(b -> collect(b, out));
    return out;
  }

  private static void collect(Block b, List<Inline.NumberMark> out) {
    if (b instanceof Block.Heading h) {
      runs(h.content(), out);
    } else if (b instanceof Block.Paragraph p) {
      runs(p.content(), out);
    } else if (b instanceof Block.Quote q) {
      q.blocks().forEach(c -> collect(c, out));
    } else if (b instanceof Block.ListBlock l) {
      l.items().forEach(i -> i.forEach(c -> collect(c, out)));
    } else if (b instanceof Block.Grid g) {
      g.headers().forEach(c -> runs(c.content(), out));
      g.rows().forEach(r -> r.forEach(c -> runs(c.content(), out)));
    } else {
    }
  }

  private static void runs(List<Inline> runs, List<Inline.NumberMark> out) {
    for (Inline i : runs) {
      if (i instanceof Inline.NumberMark n) {
        out.add(n);
      } else if (i instanceof Inline.Emphasis e) {
        runs(e.content(), out);
      } else if (i instanceof Inline.Strong s) {
        runs(s.content(), out);
      } else if (i instanceof Inline.Link l) {
        runs(l.content(), out);
      } else {
      }
    }
  }
}
