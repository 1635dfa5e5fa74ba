package studybook.report.doc;

import java.util.List;
import java.util.Objects;
import studybook.tables.TableModel;

/**
 * One block of the report in reading order. Blocks the author's Markdown made carry their Markdown
 * ({@code markdown}, with the template's marks already resolved), which report.md prints as written;
 * tables and figures are typed and each output writes them its own way.
 */
public sealed interface Block {
  /** The cell whose result this block shows, or empty (the author's prose). */
  default String cell() {
    return "";
  }

  /** A section heading, level 1 to 6, with the id the page links to. */
  record Heading(int level, List<Inline> content, String id, String markdown) implements Block {
    public Heading {
      content = List.copyOf(content);
    }

    public String text() {
      return Inline.text(content);
    }
  }

  /** A paragraph of text. */
  record Paragraph(List<Inline> content, String markdown) implements Block {
    public Paragraph {
      content = List.copyOf(content);
    }

    public String text() {
      return Inline.text(content);
    }

    /** The text, soft breaks kept as new lines. */
    public String lines() {
      return Inline.plain(content, "\n");
    }
  }

  /** A block quote. */
  record Quote(List<Block> blocks, String markdown) implements Block {
    public Quote {
      blocks = List.copyOf(blocks);
    }
  }

  /** A bulleted or numbered list; each item is a list of blocks; a tight list sets its paragraphs bare. */
  record ListBlock(boolean ordered, int start, boolean tight, List<List<Block>> items, String markdown)
      implements Block {
    public ListBlock {
      items = items.stream().map(List::copyOf).toList();
    }
  }

  /** Code set as it is written. */
  record CodeBlock(String text, String info, String markdown) implements Block {}

  /** Raw HTML the author wrote, shown as its literal text. */
  record Literal(String text, String markdown) implements Block {}

  /** Markdown that shows nothing (a thematic break, a link reference definition). */
  record Hidden(boolean rule, String markdown) implements Block {}

  /**
   * A table a template laid out by hand in Markdown: header cells, alignment, body rows; {@code at} is where its
   * Markdown starts in the Markdown of the top-level block it lies in (0 when it is that block; a table inside a
   * quote or a list item is written in report.md as part of that block's Markdown).
   */
  record Grid(List<GridCell> headers, List<TableModel.Align> aligns, List<Boolean> aligned, List<List<GridCell>> rows,
      String markdown, int at) implements Block {
    public Grid {
      headers = List.copyOf(headers);
      aligns = List.copyOf(aligns);
      aligned = List.copyOf(aligned);
      rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * The same table with the body cell at ({@code row}, {@code column}) showing {@code text}, written
     * {@code markdownText} in Markdown (the small-cell suppression's mask); the rest of its Markdown stays.
     */
    public Grid withCell(int row, int column, String text, String markdownText) {
      GridCell old = rows.get(row).get(column);
      String md = markdown.substring(0, old.start()) + markdownText + markdown.substring(old.end());
      int shift = markdownText.length() - (old.end() - old.start());
      List<GridCell> h = headers.stream().map(c -> c.start() > old.start() ? c.shifted(shift) : c).toList();
      List<List<GridCell>> r = new java.util.ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        List<GridCell> cells = new java.util.ArrayList<>();
        for (int j = 0; j < rows.get(i).size(); j++) {
          GridCell c = rows.get(i).get(j);
          cells.add(i == row && j == column
              ? new GridCell(List.of(new Inline.Text(text)), markdownText, old.start(), old.start() + markdownText.length())
              : c.start() > old.start() ? c.shifted(shift) : c);
        }
        r.add(cells);
      }
      return new Grid(h, aligns, aligned, r, md, at);
    }
  }

  /**
   * One cell of a {@link Grid}: its runs, its Markdown and where that lies in the grid's Markdown
   * ({@code start}, {@code end}), so a masked cell is rewritten in place and nothing else moves.
   */
  record GridCell(List<Inline> content, String markdown, int start, int end) {
    public GridCell {
      content = List.copyOf(content);
    }

    public String text() {
      return Inline.text(content);
    }

    GridCell shifted(int by) {
      return new GridCell(content, markdown, start + by, end + by);
    }
  }

  /**
   * A table from a cell's result: its model (captioned and, when asked, with small counts masked),
   * the cell that made it, which of the result's tables it is, and its number in the document.
   */
  record Table(String cell, int part, TableModel model, int number) implements Block {
    public Table {
      Objects.requireNonNull(cell, "cell");
      Objects.requireNonNull(model, "model");
    }
  }

  /** A figure drawn by a cell: its title, its SVG and its number in the document. */
  record Figure(String cell, String title, String svg, int number) implements Block {
    /** "Figure N. title", as every output captions it. */
    public String caption() {
      return "Figure " + number + ". " + title;
    }
  }
}
