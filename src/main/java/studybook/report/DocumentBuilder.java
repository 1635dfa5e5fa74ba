package studybook.report;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.CodeBlock;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.html.renderer.HeaderIdGenerator;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import studybook.StudybookException;
import studybook.report.doc.Block;
import studybook.report.doc.Document;
import studybook.report.doc.Inline;
import studybook.tables.TableModel;

/**
 * Builds the run's {@link Document} from what the report template printed. The author's prose is
 * Markdown, parsed once (flexmark); what the template's helpers placed (tables by {@code <@table/>},
 * figures by {@code figure(name)}, numbers by the number helpers) arrives as marks
 * ({@link Marks#TABLE}, {@link Marks#FIGURE}, {@link Marks#NUMBER}) that become typed blocks and runs
 * here, never recovered from their rendered text. A table laid out by hand in Markdown becomes a
 * {@link Block.Grid}: typed cells, which the small-cell suppression reads.
 */
final class DocumentBuilder {
  /** How many times a document was built from a template's output (a cross-reference's numbering pass included): tests. */
  static final java.util.concurrent.atomic.AtomicLong BUILDS = new java.util.concurrent.atomic.AtomicLong();

  private final Parser parser;
  private final DataHolder options;
  private final Marks marks;
  private final ReportFigures figures;
  /** Where each number mark lies in the parsed text: start, end, index. */
  private final List<int[]> numberRanges = new ArrayList<>();
  /** Tables and figures so far, in reading order: their numbers. */
  private int tableCount;
  private int figureCount;
  /** Whether the document's numbering is known (cross-references print it) or this is the first pass. */
  private boolean known = true;
  /** The parsed text, and where the top-level block being built starts in it. */
  private String parsedSource = "";
  private int topStart;

  /** Table and figure blocks of an earlier document, each by itself: an equal block is taken from here. */
  private java.util.Map<Block, Block> previous = java.util.Map.of();
  /** Table and figure blocks made anew (not taken from {@link #previous}): tests. */
  static final java.util.concurrent.atomic.AtomicLong NEW_PLACED_BLOCKS = new java.util.concurrent.atomic.AtomicLong();

  DocumentBuilder(Parser parser, DataHolder options, Marks marks, ReportFigures figures) {
    this.parser = parser;
    this.options = options;
    this.marks = marks;
    this.figures = figures;
  }

  /** This builder, taking every table or figure block equal to one of {@code blocks} from there (serve). */
  DocumentBuilder reusing(java.util.Map<Block, Block> blocks) {
    this.previous = blocks;
    return this;
  }

  private Block placed(Block made) {
    Block was = previous.get(made);
    if (was != null) {
      return was;
    }
    NEW_PLACED_BLOCKS.incrementAndGet();
    return made;
  }

  Document build(String source, String title, Optional<String> banner) {
    if (!marks.hasRefs()) {
      return build(source, title, banner, true);
    }
    // Cross-references print the numbering of the document they are in: a first pass numbers the
    // captions (the references as placeholders), the second prints each reference from it.
    Document first = new DocumentBuilder(parser, options, marks, figures).reusing(previous)
        .build(source, title, banner, false);
    marks.labels(first.labels());
    return build(source, title, banner, true);
  }

  private Document build(String source, String title, Optional<String> banner, boolean known) {
    this.known = known;
    BUILDS.incrementAndGet();
    // Numbers become their text before the parse (headings' ids, emphasis around them, as a reader
    // sees them); where each lies is kept, and the runs there are typed number marks.
    numberRanges.clear();
    source = marks.substituteNumbers(source, numberRanges, known);
    com.vladsch.flexmark.util.ast.Document parsed = parser.parse(source);
    HeaderIdGenerator ids = new HeaderIdGenerator(options);
    ids.generateIds(parsed);
    List<Block> blocks = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    int titleBlock = -1;
    int bannerBlock = -1;
    int end = 0;
    parsedSource = source;
    for (Node n = parsed.getFirstChild(); n != null; n = n.getNext()) {
      String gap = source.substring(end, n.getStartOffset());
      end = n.getEndOffset();
      topStart = n.getStartOffset();
      List<Block> made = top(n, ids, source);
      for (int i = 0; i < made.size(); i++) {
        Block b = made.get(i);
        gaps.add(i == 0 ? gap : "\n");
        if (titleBlock < 0 && b instanceof Block.Heading h && h.level() == 1 && h.text().equals(title)) {
          titleBlock = blocks.size();
        } else if (bannerBlock < 0 && banner.isPresent() && b instanceof Block.Quote q
            && DocxFromDocument.childTexts(q.blocks()).equals(banner.get())) {
          bannerBlock = blocks.size();
        }
        blocks.add(b);
      }
    }
    gaps.add(source.substring(end));
    return new Document(title, banner, blocks, gaps, titleBlock, bannerBlock);
  }

  /**
   * The tables laid out by hand in {@code source} (a rendered template), in reading order, each with its
   * caption: what small-cell suppression needs to know before the document is built, so that the document is
   * built once, with every mask known. Only the tables are made (their cells' number marks as printed, not
   * masked); the rest of the text is not built.
   */
  List<DocumentSuppression.HandTable> handLaidTables(String source) {
    this.known = false;
    numberRanges.clear();
    source = marks.substituteNumbers(source, numberRanges, false);
    parsedSource = source;
    List<DocumentSuppression.HandTable> out = new ArrayList<>();
    handLaidTables(parser.parse(source), true, out);
    return out;
  }

  private void handLaidTables(Node parent, boolean top, List<DocumentSuppression.HandTable> out) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (top) {
        topStart = n.getStartOffset();
      }
      if (n instanceof TableBlock t) {
        // A paragraph of placed tables' or a figure's mark above is no caption.
        out.add(new DocumentSuppression.HandTable(grid(t), n.getPrevious() instanceof Paragraph p
            && p.getChars().indexOf(Marks.OPEN) < 0 ? DocumentSuppression.caption(Inline.text(inlines(p))) : ""));
      } else if (n instanceof BlockQuote || n instanceof ListBlock || n instanceof ListItem) {
        handLaidTables(n, false, out);
      }
    }
  }

  private List<Block> top(Node n, HeaderIdGenerator ids, String source) {
    if (n instanceof Paragraph p) {
      List<Integer> tables = marks.tablesAlone(p.getChars().toString());
      if (tables != null) {
        List<Block> out = new ArrayList<>();
        for (int t : tables) {
          Marks.PlacedTable placed = marks.table(t);
          for (int i = 0; i < placed.models().size(); i++) {
            out.add(placed(new Block.Table(placed.cell(), i, placed.models().get(i), ++tableCount)));
          }
        }
        return out;
      }
      String figure = figureAlone(p);
      if (figure != null) {
        return List.of(placed(new Block.Figure(figure, figureTitle(p), figures.svg().get(figure), ++figureCount)));
      }
    }
    return List.of(block(n, ids, source));
  }

  private Block block(Node n, HeaderIdGenerator ids, String source) {
    String markdown = n.getChars().toString();
    if (n instanceof Heading h) {
      return new Block.Heading(h.getLevel(), inlines(h), ids.getId(h) == null ? "" : ids.getId(h),
          marks.resolve(markdown));
    } else if (n instanceof Paragraph p) {
      return new Block.Paragraph(inlines(p), marks.resolve(markdown));
    } else if (n instanceof BlockQuote q) {
      return new Block.Quote(children(q, ids, source), marks.resolve(markdown));
    } else if (n instanceof ListBlock list) {
      List<List<Block>> items = new ArrayList<>();
      for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
        if (item instanceof ListItem li) {
          items.add(children(li, ids, source));
        }
      }
      boolean tight = list.isTight();
      return new Block.ListBlock(list instanceof OrderedList, list instanceof OrderedList o ? o.getStartNumber() : 1,
          tight, items, marks.resolve(markdown));
    } else if (n instanceof FencedCodeBlock f) {
      return new Block.CodeBlock(marks.resolve(f.getContentChars().toString()), f.getInfo().toString(),
          marks.resolve(markdown));
    } else if (n instanceof IndentedCodeBlock || n instanceof CodeBlock) {
      StringBuilder code = new StringBuilder();
      for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
        code.append(c.getChars());
      }
      return new Block.CodeBlock(marks.resolve(code.length() == 0 ? markdown : code.toString()), "",
          marks.resolve(markdown));
    } else if (n instanceof HtmlBlock || n instanceof HtmlCommentBlock) {
      return new Block.Literal(marks.resolve(markdown), marks.resolve(markdown));
    } else if (n instanceof ThematicBreak) {
      return new Block.Hidden(true, marks.resolve(markdown));
    } else if (n instanceof Reference) {
      return new Block.Hidden(false, marks.resolve(markdown));
    } else if (n instanceof TableBlock t) {
      tableCount++;
      return grid(t);
    }
    return new Block.Paragraph(inlines(n), marks.resolve(markdown));
  }

  private List<Block> children(Node parent, HeaderIdGenerator ids, String source) {
    List<Block> out = new ArrayList<>();
    for (Node c = parent.getFirstChild(); c != null; c = c.getNext()) {
      out.addAll(top(c, ids, source));
    }
    return out;
  }

  /** A table laid out by hand: its cells typed, each with where its Markdown lies in the table's. */
  private Block.Grid grid(TableBlock t) {
    int base = t.getStartOffset();
    String raw = t.getChars().toString();
    List<Block.GridCell> headers = new ArrayList<>();
    List<TableModel.Align> aligns = new ArrayList<>();
    List<Boolean> aligned = new ArrayList<>();
    List<List<Block.GridCell>> rows = new ArrayList<>();
    for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
      boolean head = section instanceof TableHead;
      if (section instanceof TableSeparator || !head && !(section instanceof TableBody)) {
        continue;
      }
      for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        if (!(row instanceof TableRow)) {
          continue;
        }
        List<Block.GridCell> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          if (cell instanceof TableCell c) {
            int from = c.getText().getStartOffset() - base;
            int to = c.getText().getEndOffset() - base;
            String resolvedFrom = marks.resolve(raw.substring(0, from));
            String text = marks.resolve(raw.substring(from, to));
            cells.add(new Block.GridCell(inlines(c), text, resolvedFrom.length(), resolvedFrom.length() + text.length()));
            if (head && headers.isEmpty()) {
              TableCell.Alignment a = c.getAlignment();
              aligned.add(a != null);
              aligns.add(a == TableCell.Alignment.RIGHT ? TableModel.Align.RIGHT
                  : a == TableCell.Alignment.CENTER ? TableModel.Align.CENTER : TableModel.Align.LEFT);
            }
          }
        }
        if (head && headers.isEmpty()) {
          headers.addAll(cells);
        } else if (!head) {
          rows.add(cells);
        }
      }
    }
    return new Block.Grid(headers, aligns, aligned, rows, marks.resolve(raw),
        marks.resolve(parsedSource.substring(topStart, t.getStartOffset())).length());
  }

  /** The figure a paragraph consists of (its mark or an image of figures/&lt;name&gt;.svg, nothing else), or null. */
  private String figureAlone(Paragraph p) {
    String text = p.getChars().toString().strip();
    Integer f = marks.figureAlone(text);
    if (f != null) {
      return marks.figure(f);
    }
    Node only = null;
    for (Node c = p.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof SoftLineBreak || c instanceof HardLineBreak || c.getChars().isBlank()) {
        continue;
      }
      if (only != null) {
        return null;
      }
      only = c;
    }
    if (only instanceof Image img) {
      Matcher m = ReportFigures.TARGET.matcher(img.getUrl().toString());
      if (m.matches() && figures.svg().containsKey(m.group(1))) {
        return m.group(1);
      }
    }
    return null;
  }

  private String figureTitle(Paragraph p) {
    Integer f = marks.figureAlone(p.getChars().toString().strip());
    if (f != null) {
      return figures.titles().get(marks.figure(f));
    }
    for (Node c = p.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof Image img) {
        return altText(img);
      }
    }
    return "";
  }

  private static String altText(Node image) {
    StringBuilder b = new StringBuilder();
    for (Node c = image.getFirstChild(); c != null; c = c.getNext()) {
      b.append(c instanceof Text ? c.getChars().unescape() : c.getChars().toString());
    }
    return b.toString().strip();
  }

  private List<Inline> inlines(Node parent) {
    List<Inline> out = new ArrayList<>();
    for (Node c = parent.getFirstChild(); c != null; c = c.getNext()) {
      inline(c, out);
    }
    return out;
  }

  private void inline(Node n, List<Inline> out) {
    if (n instanceof Text) {
      numbered(n.getChars(), out);
    } else if (n instanceof Code c) {
      out.add(new Inline.Code(marks.resolve(c.getText().toString())));
    } else if (n instanceof Emphasis) {
      out.add(new Inline.Emphasis(inlines(n)));
    } else if (n instanceof StrongEmphasis) {
      out.add(new Inline.Strong(inlines(n)));
    } else if (n instanceof Link l) {
      out.add(new Inline.Link(inlines(l), l.getUrl().unescape(), l.getTitle().unescape()));
    } else if (n instanceof AutoLink a) {
      out.add(new Inline.Link(List.of(new Inline.Text(a.getText().toString())), a.getUrl().toString(), ""));
    } else if (n instanceof MailLink m) {
      out.add(new Inline.Link(List.of(new Inline.Text(m.getText().toString())), "mailto:" + m.getText(), ""));
    } else if (n instanceof SoftLineBreak) {
      out.add(new Inline.Break(false));
    } else if (n instanceof HardLineBreak) {
      out.add(new Inline.Break(true));
    } else if (n instanceof HtmlInline) {
      out.add(new Inline.Literal(marks.resolve(n.getChars().toString())));
    } else if (n instanceof Image img) {
      Matcher m = ReportFigures.TARGET.matcher(img.getUrl().toString());
      if (m.matches() && figures.svg().containsKey(m.group(1))) {
        throw new StudybookException("figure \"" + m.group(1) + "\" is placed inside a paragraph of text; "
            + "a figure stands alone, with a blank line before and after it");
      }
      out.add(new Inline.MissingImage(marks.resolve(altText(img)), img.getUrl().toString()));
    } else if (n instanceof ImageRef) {
      out.add(new Inline.MissingImage(marks.resolve(altText(n)), ""));
    } else if (n.hasChildren()) {
      for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
        inline(c, out);
      }
    } else {
      text(n.getChars().unescape(), out);
    }
  }

  /** A text node's runs: the parts where a number was printed are its {@link Inline.NumberMark}. */
  private void numbered(com.vladsch.flexmark.util.sequence.BasedSequence chars, List<Inline> out) {
    int start = chars.getStartOffset();
    int end = chars.getEndOffset();
    if (numberRanges.isEmpty() || end - start != chars.length()) {
      text(chars.unescape(), out);
      return;
    }
    int at = start;
    for (int[] r : numberRanges) {
      if (r[1] <= at || r[0] >= end) {
        continue;
      }
      if (r[0] > at) {
        text(chars.subSequence(at - start, r[0] - start).unescape(), out);
      }
      if (r[0] >= start) {
        out.add(marks.run(r[2], known));
      }
      at = Math.min(end, r[1]);
    }
    if (at < end) {
      text(chars.subSequence(at - start, end - start).unescape(), out);
    }
  }

  /** Text with the number marks in it turned into {@link Inline.NumberMark}s; other marks are misplaced. */
  private void text(String s, List<Inline> out) {
    Matcher m = Marks.MARK.matcher(s);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        out.add(new Inline.Text(s.substring(at, m.start())));
      }
      out.add(marks.inlineMark(m.group(1).charAt(0), Integer.parseInt(m.group(2))));
      at = m.end();
    }
    if (at < s.length()) {
      out.add(new Inline.Text(s.substring(at)));
    }
  }
}
