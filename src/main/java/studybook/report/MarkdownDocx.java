package studybook.report;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Code;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studybook.report.docx.DocxBlock;
import studybook.report.docx.DocxDocument;
import studybook.report.docx.DocxHeading;
import studybook.report.docx.DocxParagraph;
import studybook.report.docx.DocxTable;

/**
 * Turns the rendered Markdown report into a Word document model, so Word shows exactly the text the
 * Markdown and HTML show: numbers were formatted once, by the templates. Text is taken as a reader
 * sees it (backslash escapes removed, raw HTML kept as literal text, links as their text only).
 *
 * <p>Conventions: a paragraph of one line starting with "Table" directly above a table is its
 * caption; a paragraph directly below a table whose first character is a note mark
 * ({@code * † ‡ § ¶}, a superscript) or which starts with "Note" or "Abbreviations" holds its
 * footnotes, one per line. The first level-1 heading equal to the title and a block quote equal to
 * the synthetic banner are left out, since the document prints both at its top. A figure image
 * becomes a line naming its SVG file (Word gets no drawing).
 */
final class MarkdownDocx {
  private static final Pattern CAPTION = Pattern.compile("Table\\b.*");
  private static final Pattern FOOTNOTE = Pattern.compile("([*†‡§¶‖¹²³⁰-⁹ᵃ-ᶻ]|Note|Abbreviation).*", Pattern.DOTALL);

  private MarkdownDocx() {}

  static DocxDocument convert(Document markdown, String title, Optional<String> banner) {
    List<DocxBlock> blocks = new ArrayList<>();
    boolean titleSeen = false;
    boolean bannerSeen = false;
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
        if (!blocks.isEmpty() && blocks.get(blocks.size() - 1) instanceof DocxParagraph p
            && p.style() == DocxParagraph.Style.BODY && CAPTION.matcher(p.text()).matches()
            && n.getPrevious() instanceof Paragraph) {
          caption = p.text();
          blocks.remove(blocks.size() - 1);
        }
        List<String> footnotes = List.of();
        if (n.getNext() instanceof Paragraph next) {
          String text = text(next);
          if (FOOTNOTE.matcher(text).matches()) {
            footnotes = lines(next);
            n = next;
          }
        }
        blocks.add(table(t, caption, footnotes));
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

  private static DocxTable table(TableBlock t, String caption, List<String> footnotes) {
    List<String> headers = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (Row row : rows(t)) {
      List<String> cells = row.cells().stream().map(MarkdownDocx::text).toList();
      if (row.head() && headers.isEmpty()) {
        headers.addAll(cells);
      } else {
        rows.add(cells);
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
    return new DocxTable(caption, headers, fitted, footnotes);
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
