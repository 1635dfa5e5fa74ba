package studybook.report;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.CodeBlock;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studybook.report.docx.DocxBlock;
import studybook.report.docx.DocxDocument;
import studybook.report.docx.DocxFigure;
import studybook.report.docx.DocxHeading;
import studybook.report.docx.DocxParagraph;
import studybook.report.docx.DocxTable;

/**
 * Turns the rendered Markdown report into a Word document model, so Word shows exactly the text the
 * Markdown and HTML show: numbers were formatted once, by the templates. Text is taken as a reader
 * sees it (backslash escapes removed, raw HTML kept as literal text, links as their text only).
 *
 * <p>Conventions: a paragraph or heading starting with "Table" directly above a table is its
 * caption (a heading may have one paragraph between it and the table, which becomes the table's first
 * note); the paragraphs directly below a table whose first character is a note mark
 * ({@code * † ‡ § ¶}, a superscript), which start with "Note" or "Abbreviations", or which are all in
 * emphasis hold its footnotes, one per line. The first level-1 heading equal to the title and a block
 * quote equal to the synthetic banner are left out, since the document prints both at its top. A
 * paragraph that is a figure of the run becomes the drawing with its caption "Figure N. alt text",
 * numbered as the HTML page numbers it; any other image becomes a line naming its target.
 */
final class MarkdownDocx {
  private static final Pattern CAPTION = Pattern.compile("Table\\b.*");
  private static final Pattern FOOTNOTE = Pattern.compile("([*†‡§¶‖¹²³⁰-⁹ᵃ-ᶻ]|Note|Abbreviation).*", Pattern.DOTALL);

  private MarkdownDocx() {}

  static DocxDocument convert(Document markdown, String title, Optional<String> banner) {
    return convert(markdown, title, banner, Map.of());
  }

  /**
   * The Word model of a rendered report; {@code figures} maps a figure's name to its SVG, so an image
   * that points at {@code figures/<name>.svg} becomes a drawing with its numbered caption.
   */
  static DocxDocument convert(Document markdown, String title, Optional<String> banner, Map<String, String> figures) {
    List<DocxBlock> blocks = new ArrayList<>();
    boolean titleSeen = false;
    boolean bannerSeen = false;
    int figureCount = 0;
    for (Node n = markdown.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h) {
        String text = text(h);
        if (!titleSeen && h.getLevel() == 1 && text.equals(title)) {
          titleSeen = true;
          continue;
        }
        blocks.add(new DocxHeading(h.getLevel(), text));
      } else if (n instanceof TableBlock t) {
        String caption = "";
        List<String> footnotes = new ArrayList<>();
        DocxBlock last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        DocxBlock beforeLast = blocks.size() < 2 ? null : blocks.get(blocks.size() - 2);
        if (last instanceof DocxParagraph p && p.style() == DocxParagraph.Style.BODY
            && CAPTION.matcher(p.text()).matches() && n.getPrevious() instanceof Paragraph) {
          caption = p.text();
          blocks.remove(blocks.size() - 1);
        } else if (last instanceof DocxHeading h && CAPTION.matcher(h.text()).matches()) {
          // "### Table 1. ..." directly above its table: the heading is the table's caption.
          caption = h.text();
          blocks.remove(blocks.size() - 1);
        } else if (last instanceof DocxParagraph p && p.style() == DocxParagraph.Style.BODY
            && beforeLast instanceof DocxHeading h && CAPTION.matcher(h.text()).matches()) {
          // A caption heading, a note (outcome, abbreviations), then the table: the note goes under it.
          caption = h.text();
          footnotes.add(p.text());
          blocks.remove(blocks.size() - 1);
          blocks.remove(blocks.size() - 1);
        }
        while (n.getNext() instanceof Paragraph next && isNote(next)) {
          footnotes.addAll(lines(next));
          n = next;
        }
        blocks.add(table(t, caption, footnotes));
      } else if (n instanceof Paragraph p && figure(p, figures) != null) {
        Image image = figure(p, figures);
        Matcher m = ReportFigures.TARGET.matcher(image.getUrl().toString());
        m.matches();
        StringBuilder alt = new StringBuilder();
        for (Node c = image.getFirstChild(); c != null; c = c.getNext()) {
          collect(c, alt, " ");
        }
        figureCount++;
        blocks.add(new DocxFigure("Figure " + figureCount + ". " + alt.toString().strip(), m.group(1),
            figures.get(m.group(1))));
      } else if (n instanceof BlockQuote q) {
        String text = String.join("\n", childTexts(q));
        if (!bannerSeen && banner.isPresent() && text.equals(banner.get())) {
          bannerSeen = true;
          continue;
        }
        blocks.add(new DocxParagraph(text, DocxParagraph.Style.QUOTE));
      } else if (n instanceof ListBlock list) {
        int i = list instanceof OrderedList o ? o.getStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
          if (item instanceof ListItem li) {
            String mark = list instanceof BulletList ? "\u2022 " : (i++) + ". ";
            blocks.add(DocxParagraph.of(mark + String.join("\n", childTexts(li))));
          }
        }
      } else if (n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock || n instanceof CodeBlock) {
        String code = n instanceof FencedCodeBlock f ? f.getContentChars().toString() : n.getChars().toString();
        blocks.add(new DocxParagraph(code.stripTrailing(), DocxParagraph.Style.CODE));
      } else if (n instanceof HtmlBlock) {
        // The page escapes raw HTML, so Word shows it as the same literal text.
        blocks.add(DocxParagraph.of(n.getChars().toString().strip()));
      } else if (n instanceof ThematicBreak) {
        continue;
      } else if (n instanceof Paragraph p) {
        blocks.add(DocxParagraph.of(text(p)));
      } else {
        String text = text(n);
        if (!text.isEmpty()) {
          blocks.add(DocxParagraph.of(text));
        }
      }
    }
    return new DocxDocument(title, banner, blocks);
  }

  /** The figure image a paragraph consists of (nothing else but white space), or null. */
  private static Image figure(Paragraph p, Map<String, String> figures) {
    Image found = null;
    for (Node c = p.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof Image img && found == null) {
        Matcher m = ReportFigures.TARGET.matcher(img.getUrl().toString());
        if (!m.matches() || !figures.containsKey(m.group(1))) {
          return null;
        }
        found = img;
      } else if (!(c instanceof SoftLineBreak) && !(c instanceof HardLineBreak) && !c.getChars().isBlank()) {
        return null;
      }
    }
    return found;
  }

  /**
   * Whether a paragraph below a table is one of its notes: it starts with a note mark or "Note" or
   * "Abbreviations", or it is all in emphasis (as the synthetic-data line is).
   */
  private static boolean isNote(Paragraph p) {
    if (FOOTNOTE.matcher(text(p)).matches()) {
      return true;
    }
    Node first = p.getFirstChild();
    return first instanceof Emphasis && first.getNext() == null;
  }

  /** One row of a Markdown table: whether it is in the header, and its cells. */
  record Row(boolean head, List<TableCell> cells) {}

  /** The rows of a flexmark table, header rows first, as the page shows them. */
  static List<Row> rows(TableBlock t) {
    List<Row> out = new ArrayList<>();
    for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
      boolean head = section instanceof TableHead;
      if (!head && !(section instanceof TableBody)) {
        continue;
      }
      for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        if (row instanceof TableRow) {
          List<TableCell> cells = new ArrayList<>();
          for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            if (cell instanceof TableCell c) {
              cells.add(c);
            }
          }
          out.add(new Row(head, cells));
        }
      }
    }
    return out;
  }

  /**
   * A Markdown table as a Word table. Its layout is read from the Markdown: a body row whose label
   * starts in bold and whose other cells, but the last (the p-value), are empty is a variable's header
   * row; the rows without a bold label under it are its levels; the bold part of a label stays bold;
   * each column keeps its Markdown alignment (none: label left, numbers centred).
   */
  private static DocxTable table(TableBlock t, String caption, List<String> footnotes) {
    List<String> headers = new ArrayList<>();
    List<DocxTable.Align> align = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    List<Integer> strong = new ArrayList<>();
    for (Row row : rows(t)) {
      List<String> cells = row.cells().stream().map(MarkdownDocx::text).toList();
      if (row.head() && headers.isEmpty()) {
        headers.addAll(cells);
        for (int c = 0; c < row.cells().size(); c++) {
          TableCell.Alignment a = row.cells().get(c).getAlignment();
          align.add(a == TableCell.Alignment.LEFT ? DocxTable.Align.LEFT
              : a == TableCell.Alignment.CENTER ? DocxTable.Align.CENTER
              : a == TableCell.Alignment.RIGHT ? DocxTable.Align.RIGHT
              : c == 0 ? DocxTable.Align.LEFT : DocxTable.Align.CENTER);
        }
      } else {
        rows.add(cells);
        strong.add(row.cells().isEmpty() ? 0 : strongLength(row.cells().get(0)));
      }
    }
    // flexmark pads or cuts body rows to the header's width in HTML; do the same here.
    List<List<String>> fitted = new ArrayList<>();
    for (List<String> r : rows) {
      List<String> f = new ArrayList<>(r.subList(0, Math.min(r.size(), headers.size())));
      while (f.size() < headers.size()) {
        f.add("");
      }
      fitted.add(f);
    }
    List<DocxTable.RowKind> kinds = new ArrayList<>();
    for (int r = 0; r < fitted.size(); r++) {
      List<String> cells = fitted.get(r);
      boolean emptyMiddle = cells.size() > 2 && cells.subList(1, cells.size() - 1).stream().allMatch(String::isEmpty);
      DocxTable.RowKind previous = r == 0 ? DocxTable.RowKind.PLAIN : kinds.get(r - 1);
      if (strong.get(r) > 0 && emptyMiddle) {
        kinds.add(DocxTable.RowKind.VARIABLE);
      } else if (strong.get(r) == 0 && previous != DocxTable.RowKind.PLAIN) {
        kinds.add(DocxTable.RowKind.LEVEL);
      } else {
        kinds.add(DocxTable.RowKind.PLAIN);
      }
    }
    List<Integer> bold = new ArrayList<>();
    for (int r = 0; r < fitted.size(); r++) {
      bold.add(Math.min(strong.get(r), fitted.get(r).get(0).length()));
    }
    return new DocxTable(caption, headers, fitted, footnotes).withRowKinds(kinds).withAlignments(align)
        .withStrong(bold);
  }

  /** How many leading characters of a cell are in bold: the text of a first {@code **...**}. */
  private static int strongLength(TableCell cell) {
    Node first = cell.getFirstChild();
    while (first != null && first.getChars().isBlank() && !(first instanceof StrongEmphasis)) {
      first = first.getNext();
    }
    return first instanceof StrongEmphasis s ? text(s).length() : 0;
  }

  private static List<String> childTexts(Node block) {
    List<String> out = new ArrayList<>();
    for (Node c = block.getFirstChild(); c != null; c = c.getNext()) {
      String s = text(c);
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** A paragraph's lines as written (soft breaks kept), each as a reader sees it. */
  private static List<String> lines(Paragraph p) {
    StringBuilder b = new StringBuilder();
    collect(p, b, "\n");
    return b.toString().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The text a reader sees, soft line breaks as spaces (as a browser shows them). */
  static String text(Node n) {
    StringBuilder b = new StringBuilder();
    collect(n, b, " ");
    return b.toString().strip();
  }

  private static void collect(Node n, StringBuilder b, String softBreak) {
    if (n instanceof Text) {
      b.append(n.getChars().unescape());
    } else if (n instanceof Code c) {
      b.append(c.getText().toString());
    } else if (n instanceof SoftLineBreak) {
      b.append(softBreak);
    } else if (n instanceof HardLineBreak) {
      b.append('\n');
    } else if (n instanceof HtmlInline) {
      b.append(n.getChars());
    } else if (n instanceof Image img) {
      Matcher m = ReportFigures.TARGET.matcher(img.getUrl().toString());
      StringBuilder alt = new StringBuilder();
      for (Node c = img.getFirstChild(); c != null; c = c.getNext()) {
        collect(c, alt, softBreak);
      }
      b.append(m.matches() ? "Figure: " + alt + " (" + m.group() + ")" : alt);
    } else if (n.hasChildren()) {
      for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
        collect(c, b, softBreak);
      }
    } else {
      b.append(n.getChars().unescape());
    }
  }
}
