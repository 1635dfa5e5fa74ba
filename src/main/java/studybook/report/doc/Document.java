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

  /** A leading "Table N" or "Figure N" of a caption: its label and number. */
  public static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("(Table|Figure) ([0-9]+)\\b");

  /**
   * The numbered caption of each table and figure a cell placed, by cell name, as a cross-reference
   * prints it: a figure's "Figure N" (numbered in reading order, anchor {@code figure-N}); a table's
   * "Table N" from the caption that starts with it, its model's caption (anchor {@code table-N}) or the
   * heading directly above it, or above the one paragraph above it (anchor: the heading's id). A table
   * whose caption has no leading "Table N" has no entry. The first placing of a cell counts.
   */
  public java.util.Map<String, Inline.Ref> labels() {
    java.util.Map<String, Inline.Ref> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b instanceof Block.Figure f) {
        out.putIfAbsent(f.cell(), new Inline.Ref(f.cell(), "Figure", f.number(), "figure-" + f.number()));
      } else if (b instanceof Block.Table t && !out.containsKey(t.cell())) {
        java.util.regex.Matcher m = NUMBERED.matcher(t.model().caption());
        if (m.lookingAt() && m.group(1).equals("Table")) {
          int n = Integer.parseInt(m.group(2));
          out.put(t.cell(), new Inline.Ref(t.cell(), "Table", n, "table-" + n));
          continue;
        }
        Block.Heading h = i > 0 && blocks.get(i - 1) instanceof Block.Heading a ? a
            : i > 1 && blocks.get(i - 1) instanceof Block.Paragraph && blocks.get(i - 2) instanceof Block.Heading a ? a
            : null;
        if (h != null && t.model().caption().isEmpty()) {
          m = NUMBERED.matcher(h.text());
          if (m.lookingAt() && m.group(1).equals("Table")) {
            out.put(t.cell(), new Inline.Ref(t.cell(), "Table", Integer.parseInt(m.group(2)), h.id()));
          }
        }
      }
    }
    return out;
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
