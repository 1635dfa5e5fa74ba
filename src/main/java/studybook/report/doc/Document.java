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

  /** A table's caption the author wrote: "Table" as a word at its start. */
  static final java.util.regex.Pattern TABLE_CAPTION = java.util.regex.Pattern.compile("Table\\b.*", java.util.regex.Pattern.DOTALL);

  /** A caption's number as written: "Table 3" or "Table #" (the document numbers it). */
  public static final java.util.regex.Pattern WRITTEN_NUMBER = java.util.regex.Pattern.compile("(Table|Figure) ([0-9]+|#)(?![0-9A-Za-z_])");

  /** A label at the end of a caption, as pandoc-crossref writes one: "Table 2. Costs {#costs}". */
  public static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("\\s*\\{#([A-Za-z][A-Za-z0-9_.:-]*)\\}\\s*$");

  /**
   * The caption of a table or figure, as the document numbers it.
   *
   * @param block index of the table ({@link Block.Table} or {@link Block.Grid}) or figure in {@link #blocks}
   * @param captionBlock index of the heading or paragraph that is its caption, or -1 (the caption is the
   *     table model's or the figure's own)
   * @param kind "Table" or "Figure"
   * @param written the number as the caption writes it: digits, "#" (numbered by the document) or "" (an
   *     unnumbered caption, which gets no number)
   * @param number the number in the document: the caption's place among the numbered captions of its
   *     kind, in reading order (1, 2, ...); 0 for an unnumbered caption
   * @param text the caption as a reader sees it
   * @param label the name a label at its end gives ({@code {#costs}}), or ""
   * @param anchor the id of the caption on the page that a cross-reference links to ("" when unnumbered)
   */
  public record Caption(int block, int captionBlock, String kind, String written, int number, String text,
      String label, String anchor) {
    /** "Table 3", as a cross-reference prints it. */
    public String reference() {
      return kind + " " + number;
    }
  }

  /**
   * Every table's and figure's caption in reading order, numbered by kind. A table's caption is its model's
   * (the {@code caption=} of {@code <@table/>}; but a numbered heading directly above a table whose model's
   * caption has no number is the caption, as the template-free report heads its tables), or a heading starting with "Table" directly above it (with
   * at most one paragraph between, which is the table's first note), or, for a table laid out by hand, a
   * paragraph starting with "Table" directly above it. A caption whose "Table" is followed by a number or
   * "#" is numbered; every figure is numbered. Tables without a caption are left out.
   */
  public List<Caption> captions() {
    List<Caption> out = new java.util.ArrayList<>();
    java.util.Map<String, Integer> count = new java.util.HashMap<>();
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b instanceof Block.Figure f) {
        int n = count.merge("Figure", 1, Integer::sum);
        out.add(new Caption(i, -1, "Figure", "#", n, f.caption(), "", "figure-" + n));
        continue;
      }
      int captionBlock = -1;
      String text;
      int heading = b instanceof Block.Table ? captionAbove(i, false) : -1;
      if (b instanceof Block.Table t && !t.model().caption().isEmpty()
          && !(heading >= 0 && numbered(caption(heading)) && !numbered(t.model().caption()))) {
        text = t.model().caption();
      } else if (b instanceof Block.Table || b instanceof Block.Grid) {
        captionBlock = captionAbove(i, b instanceof Block.Grid);
        if (captionBlock < 0) {
          continue;
        }
        text = caption(captionBlock);
      } else {
        continue;
      }
      java.util.regex.Matcher l = LABEL.matcher(text);
      String label = l.find() ? l.group(1) : "";
      java.util.regex.Matcher m = WRITTEN_NUMBER.matcher(text);
      String written = m.lookingAt() && m.group(1).equals("Table") ? m.group(2) : "";
      int n = written.isEmpty() ? 0 : count.merge("Table", 1, Integer::sum);
      String anchor = n == 0 ? ""
          : captionBlock >= 0 && blocks.get(captionBlock) instanceof Block.Heading h && !h.id().isEmpty() ? h.id()
          : "table-" + n;
      out.add(new Caption(i, captionBlock, "Table", written, n, text, label, anchor));
    }
    return out;
  }

  private String caption(int block) {
    return blocks.get(block) instanceof Block.Heading h ? h.text() : ((Block.Paragraph) blocks.get(block)).text();
  }

  private static boolean numbered(String caption) {
    java.util.regex.Matcher m = WRITTEN_NUMBER.matcher(caption);
    return m.lookingAt() && m.group(1).equals("Table");
  }

  /**
   * The heading or paragraph directly above table {@code i} that is its caption, or -1: a heading starting
   * with "Table" directly above, or with one paragraph between; for a hand-laid table also a paragraph
   * starting with "Table" directly above.
   */
  private int captionAbove(int i, boolean grid) {
    Block above = i > 0 ? blocks.get(i - 1) : null;
    if (above instanceof Block.Heading h && TABLE_CAPTION.matcher(h.text()).matches() && i - 1 != titleBlock) {
      return i - 1;
    }
    if (above instanceof Block.Paragraph p) {
      if (grid && TABLE_CAPTION.matcher(p.text()).matches()) {
        return i - 1;
      }
      if (i > 1 && blocks.get(i - 2) instanceof Block.Heading h && TABLE_CAPTION.matcher(h.text()).matches()
          && i - 2 != titleBlock) {
        return i - 2;
      }
    }
    return -1;
  }

  /**
   * The numbered caption of each table and figure a cell placed, by cell name, as a cross-reference
   * prints it ("Table 3", "Figure 1", and the anchor on the page). The first placing of a cell counts.
   */
  public java.util.Map<String, Inline.Ref> labels() {
    java.util.Map<String, Inline.Ref> out = new java.util.LinkedHashMap<>();
    for (Caption c : captions()) {
      String cell = blocks.get(c.block()).cell();
      if (c.number() > 0 && !cell.isEmpty()) {
        out.putIfAbsent(cell, new Inline.Ref(cell, c.kind(), c.number(), c.anchor()));
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
