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
import studybook.kernel.Study;
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

  /** The report template's text ("" for the default report): where an error about a caption points. */
  private final String template;
  /** Where each top-level block starts in the parsed source, by block. */
  private final java.util.Map<Block, Integer> starts = new java.util.IdentityHashMap<>();
  /** Where in the template each table from a cell's result was placed, by block. */
  private final java.util.Map<Block, String> placedAt = new java.util.IdentityHashMap<>();
  /** A placed figure whose title was written with its number ("Figure 2" or "Figure #"): that number. */
  private final java.util.Map<Block, String> writtenFigures = new java.util.IdentityHashMap<>();
  /**
   * The numbers the document gives the tables whose model's caption says "Table #", by table mark and
   * part ("3:0"); null in a first pass, which leaves the models' captions as written.
   */
  private java.util.Map<String, Integer> autoNumbers;
  /** The table mark and part of each table block ("3:0"). */
  private final java.util.Map<Block, String> tableKeys = new java.util.IdentityHashMap<>();
  /** The source as the template printed it, before captions were numbered: what errors search the template for. */
  private String rawSource;

  DocumentBuilder(Parser parser, DataHolder options, Marks marks, ReportFigures figures) {
    this(parser, options, marks, figures, "");
  }

  DocumentBuilder(Parser parser, DataHolder options, Marks marks, ReportFigures figures, String template) {
    this.parser = parser;
    this.options = options;
    this.marks = marks;
    this.figures = figures;
    this.template = template;
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

  /**
   * The document of {@code source}, its tables and figures numbered by the document (see
   * {@link Document#captions}): a caption's "Table #" becomes its number and a label at its end
   * ({@code {#costs}}) is taken off and names it for {@code ref()}; a written number that is not the
   * caption's place in reading order, and a label or number used twice, is an error naming the template line.
   */
  Document build(String source, String title, Optional<String> banner) {
    String raw = source;
    rawSource = raw;
    autoNumbers = java.util.Map.of();
    java.util.Map<String, Integer> named = new java.util.LinkedHashMap<>();
    if (source.contains("Table #") || source.contains("{#")) {
      // A first pass finds the captions; "Table #" and labels are written into the source the final pass parses.
      DocumentBuilder first = fresh();
      Document doc = first.build(source, title, banner, false);
      source = first.numbered(source, doc, named);
      autoNumbers = first.autoNumbers;
    }
    if (!marks.hasRefs()) {
      return checked(build(source, title, banner, true), raw);
    }
    // Cross-references print the numbering of the document they are in: a pass numbers the captions (the
    // references as placeholders), the final one prints each reference from it.
    DocumentBuilder second = fresh();
    second.autoNumbers = autoNumbers;
    second.rawSource = raw;
    Document placeholders = second.build(source, title, banner, false);
    java.util.Map<String, Inline.Ref> labels = new java.util.LinkedHashMap<>(placeholders.labels());
    List<Document.Caption> captions = placeholders.captions();
    named.forEach((name, at) -> {
      Document.Caption c = captions.get(at);
      if (c.number() > 0) {
        labels.put(name, new Inline.Ref(name, c.kind(), c.number(), c.anchor()));
      } else {
        // A label on a caption without a number: ref() names it, but there is no number to print.
        marks.unnumbered(name);
      }
    });
    marks.labels(labels);
    return checked(build(source, title, banner, true), raw);
  }

  private DocumentBuilder fresh() {
    return new DocumentBuilder(parser, options, marks, figures, template).reusing(previous);
  }

  /**
   * {@code source} with each numbered caption's "Table #" as its number in {@code doc} and each caption's
   * label taken off (its caption's index put in {@code named}); a label twice, on a cell's name or off a
   * caption is an error naming its line.
   */
  private String numbered(String source, Document doc, java.util.Map<String, Integer> named) {
    String[] lines = source.split("\n", -1);
    List<Document.Caption> captions = doc.captions();
    java.util.Map<String, Integer> auto = new java.util.HashMap<>();
    java.util.Set<Integer> captionLines = new java.util.HashSet<>();
    for (int k = 0; k < captions.size(); k++) {
      Document.Caption c = captions.get(k);
      Block table = doc.blocks().get(c.block());
      if (c.captionBlock() < 0) {
        if (table instanceof Block.Table && c.written().equals("#")) {
          auto.put(tableKeys.get(table), c.number());
        }
        if (!c.label().isEmpty()) {
          label(named, c.label(), k, where(table), doc);
        }
        continue;
      }
      int line = line(doc.blocks().get(c.captionBlock()));
      captionLines.add(line);
      if (!c.label().isEmpty()) {
        label(named, c.label(), k, where(doc.blocks().get(c.captionBlock())), doc);
        // The label ends the caption: on its first line or, for a caption of several lines, a later one.
        for (int at = line; at < lines.length && at < line(table); at++) {
          Matcher m = Document.LABEL.matcher(lines[at]);
          if (m.find()) {
            lines[at] = lines[at].substring(0, m.start());
            break;
          }
        }
      }
      if (c.written().equals("#")) {
        lines[line] = lines[line].replaceFirst("Table #", "Table " + c.number());
      }
    }
    autoNumbers = auto;
    // A label anywhere else names nothing a reader could be sent to.
    for (int i = 0; i < doc.blocks().size(); i++) {
      Block b = doc.blocks().get(i);
      String text = b instanceof Block.Heading h ? h.text() : b instanceof Block.Paragraph p ? p.text() : null;
      if (text != null && Document.LABEL.matcher(text).find() && !captionLines.contains(line(b))) {
        throw new StudybookException(where(b) + "the label {#" + label(text) + "} is not at the end of a table's"
            + " caption (a heading or, above a hand-laid table, a paragraph starting with \"Table\", directly above"
            + " the table)");
      }
    }
    return String.join("\n", lines);
  }

  private static String label(String text) {
    Matcher m = Document.LABEL.matcher(text);
    return m.find() ? m.group(1) : "";
  }

  private void label(java.util.Map<String, Integer> named, String name, int caption, String where, Document doc) {
    Integer before = named.putIfAbsent(name, caption);
    if (before != null) {
      Document.Caption c = doc.captions().get(before);
      throw new StudybookException(where + "the label {#" + name + "} is already the label of \"" + c.text() + "\""
          + at(c, doc));
    }
    if (doc.labels().containsKey(name)) {
      throw new StudybookException(where + "the label {#" + name + "} is the name of a cell whose table or figure"
          + " ref() already finds; choose another label");
    }
  }

  /**
   * The document, its written caption numbers checked: each numbered table's caption must say its place
   * among the numbered tables in reading order (or "#"); else an error naming the template line.
   */
  private Document checked(Document doc, String raw) {
    java.util.Map<String, Document.Caption> seen = new java.util.HashMap<>();
    for (Document.Caption c : doc.captions()) {
      String figure = c.kind().equals("Figure") ? writtenFigures.get(doc.blocks().get(c.block())) : null;
      if (figure != null && !figure.equals("#") && Integer.parseInt(figure) != c.number()) {
        Block at = doc.blocks().get(c.block());
        throw new StudybookException(where(at) + "the figure's title \"Figure " + figure + ". "
            + ((Block.Figure) at).title() + "\" is numbered " + figure + " but it is the " + ordinal(c.number()) + " figure in reading order; the"
            + " document numbers its figures: leave the number out of the title (or write \"" + c.reference() + "\")");
      }
      if (c.number() == 0 || !c.kind().equals("Table")) {
        continue;
      }
      Block at = c.captionBlock() >= 0 ? doc.blocks().get(c.captionBlock()) : doc.blocks().get(c.block());
      int written = c.written().equals("#") ? c.number() : Integer.parseInt(c.written());
      Document.Caption same = seen.putIfAbsent(c.kind() + " " + written, c);
      if (same != null) {
        throw new StudybookException(where(at) + "\"" + c.text() + "\": " + c.kind() + " " + written
            + " is already the caption \"" + same.text() + "\"" + at(same, doc) + "; the document numbers its tables"
            + " in reading order, so this is " + c.reference() + " (or write \"Table #\" and it numbers them for you)");
      }
      if (written != c.number()) {
        throw new StudybookException(where(at) + "\"" + c.text() + "\" is numbered " + written + " but it is the "
            + ordinal(c.number()) + " numbered table in reading order: write \"" + c.reference() + "\", or \"Table #\""
            + " and the document numbers it");
      }
    }
    return doc;
  }

  private String at(Document.Caption c, Document doc) {
    Block b = c.captionBlock() >= 0 ? doc.blocks().get(c.captionBlock()) : doc.blocks().get(c.block());
    String w = where(b);
    return w.isEmpty() ? "" : " (" + w.substring(0, w.length() - 2) + ")";
  }

  private static String ordinal(int n) {
    String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return n + suffix;
  }

  /** The line (from 0) of the parsed source where a top-level block starts. */
  private int line(Block b) {
    Integer start = starts.get(b);
    if (start == null || parsedSource == null) {
      return -1;
    }
    int line = 0;
    for (int i = 0; i < start && i < parsedSource.length(); i++) {
      if (parsedSource.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Where a block was written, as an error's prefix ("templates/report.md.ftl:12: "): a table from a
   * cell's result where its {@code <@table/>} is; the author's text at the template line that reads as the
   * report's line does (the first such line not taken by an earlier one); else the line of report.md.
   */
  private String where(Block b) {
    String placed = placedAt.get(b);
    if (placed != null && !placed.isEmpty()) {
      return placed + ": ";
    }
    int line = line(b);
    if (line < 0) {
      return "";
    }
    String[] out = (rawSource != null ? rawSource : parsedSource).split("\n", -1);
    String text = line < out.length ? out[line].strip() : "";
    if (!template.isEmpty() && !text.isEmpty() && text.indexOf(Marks.OPEN) < 0) {
      int earlier = 0;
      for (int i = 0; i < line; i++) {
        earlier += out[i].strip().equals(text) ? 1 : 0;
      }
      String[] in = template.split("\n", -1);
      for (int i = 0; i < in.length; i++) {
        if (in[i].strip().equals(text) && earlier-- == 0) {
          return Study.REPORT_TEMPLATE + ":" + (i + 1) + ": ";
        }
      }
    }
    return (template.isEmpty() ? "the report" : Study.REPORT_TEMPLATE) + " (report.md line " + (line + 1) + "): ";
  }

  private Document build(String source, String title, Optional<String> banner, boolean known) {
    this.known = known;
    BUILDS.incrementAndGet();
    // Numbers become their text before the parse (headings' ids, emphasis around them, as a reader
    // sees them); where each lies is kept, and the runs there are typed number marks.
    numberRanges.clear();
    source = marks.substituteNumbers(source, numberRanges, known);
    parsedSource = source;
    starts.clear();
    placedAt.clear();
    tableKeys.clear();
    writtenFigures.clear();
    com.vladsch.flexmark.util.ast.Document parsed = parser.parse(source);
    HeaderIdGenerator ids = new HeaderIdGenerator(options);
    ids.generateIds(parsed);
    List<Block> blocks = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    int titleBlock = -1;
    int bannerBlock = -1;
    int end = 0;
    for (Node n = parsed.getFirstChild(); n != null; n = n.getNext()) {
      String gap = source.substring(end, n.getStartOffset());
      end = n.getEndOffset();
      topStart = n.getStartOffset();
      List<Block> made = top(n, ids, source);
      for (int i = 0; i < made.size(); i++) {
        Block b = made.get(i);
        starts.put(b, n.getStartOffset());
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
            TableModel model = placed.models().get(i);
            String key = t + ":" + i;
            if (autoNumbers != null && !model.caption().isEmpty()) {
              int auto = autoNumbers.getOrDefault(key, 0);
              // The caption's label names the table for ref(); "Table #" is its number in the document.
              String caption = Document.LABEL.matcher(model.caption()).replaceFirst("");
              if (auto > 0) {
                caption = caption.replaceFirst("^Table #", "Table " + auto);
              }
              if (!caption.equals(model.caption())) {
                model = model.withCaption(caption);
              }
            }
            Block block = placed(new Block.Table(placed.cell(), i, model, ++tableCount));
            placedAt.put(block, marks.tableLine(t));
            tableKeys.put(block, key);
            out.add(block);
          }
        }
        return out;
      }
      String figure = figureAlone(p);
      if (figure != null) {
        // The document numbers its figures ("Figure N. title"): a title that already starts "Figure N" (or
        // "Figure #") keeps its words only, and its written number is checked as a table caption's is.
        String title = figureTitle(p);
        java.util.regex.Matcher written = Document.WRITTEN_NUMBER.matcher(title);
        String number = null;
        if (written.lookingAt() && written.group(1).equals("Figure")) {
          number = written.group(2);
          title = title.substring(written.end()).replaceFirst("^[.:]?\\s*", "");
        }
        Block block = placed(new Block.Figure(figure, title, figures.svg().get(figure), ++figureCount));
        if (number != null) {
          writtenFigures.put(block, number);
          Integer mark = marks.figureAlone(p.getChars().toString().strip());
          if (mark != null && !marks.figureLine(mark).isEmpty()) {
            placedAt.put(block, marks.figureLine(mark));
          }
        }
        return List.of(block);
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
