package studybook.report;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import studybook.report.doc.Block;
import studybook.report.doc.Document;
import studybook.report.doc.Inline;
import studybook.report.docx.DocxBlock;
import studybook.report.docx.DocxDocument;
import studybook.report.docx.DocxFigure;
import studybook.report.docx.DocxHeading;
import studybook.report.docx.DocxParagraph;
import studybook.report.docx.DocxTable;
import studybook.tables.TableModel;

/**
 * The Word document, built from the {@link Document}: headings and paragraphs as a reader sees their
 * text, each placed table as the {@link TableRenderer}'s {@link DocxTable} with the model's footnotes,
 * each figure as its drawing with the caption "Figure N. title". The title heading and the banner quote
 * are left out, since the Word file prints both at its top.
 *
 * <p>Conventions for the author's blocks: a heading (or, for a hand-laid table, a paragraph) starting
 * with "Table" directly above a table is its caption (a heading may have one paragraph between it and
 * the table, which becomes the table's first note); the paragraphs directly below a hand-laid table
 * whose first character is a note mark ({@code * † ‡ § ¶}, a superscript), which start with "Note" or
 * "Abbreviations", or which are all in emphasis hold its footnotes, one per line. A hand-laid table's
 * row whose label starts in bold and whose other cells, but the last, are empty is a variable's header
 * row; the rows without a bold label under it are its levels.
 */
final class DocxFromDocument {
  private static final Pattern FOOTNOTE = Pattern.compile("([*†‡§¶‖¹²³⁰-⁹ᵃ-ᶻ]|Note|Abbreviation).*", Pattern.DOTALL);

  private DocxFromDocument() {}

  static DocxDocument convert(Document doc, TableRenderer renderer) {
    return convert(doc, renderer, new IdentityHashMap<>());
  }

  static DocxDocument convert(Document doc, TableRenderer renderer,
      Map<TableModel, TableRenderer.Rendered> rendered) {
    List<DocxBlock> blocks = new ArrayList<>();
    List<Block> in = doc.blocks();
    // The captions as the document found and numbered them: a caption heading or paragraph is the table's
    // caption here, the paragraph between a caption heading and its table the table's first note.
    Map<Integer, Document.Caption> captions = new java.util.HashMap<>();
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (Document.Caption c : doc.captions()) {
      if (c.captionBlock() >= 0) {
        captions.put(c.block(), c);
        for (int k = c.captionBlock(); k < c.block(); k++) {
          taken.add(k);
        }
      }
    }
    for (int i = 0; i < in.size(); i++) {
      if (i == doc.titleBlock() || i == doc.bannerBlock() || taken.contains(i)) {
        continue;
      }
      Block n = in.get(i);
      Block before = i > 0 ? in.get(i - 1) : null;
      if (n instanceof Block.Heading h) {
        blocks.add(new DocxHeading(h.level(), h.text()));
      } else if (n instanceof Block.Table t) {
        TableRenderer.Rendered r = rendered.computeIfAbsent(t.model(), renderer::render);
        String caption = r.model().caption();
        List<String> lead = new ArrayList<>();
        if (captions.containsKey(i)) {
          // A numbered heading above is the caption; the model's own unnumbered caption becomes the first note.
          if (!caption.isEmpty()) {
            lead.add(caption);
          }
          caption = captionOf(in, captions.get(i), lead);
        }
        DocxTable table = renderer.docx(r, caption);
        if (!lead.isEmpty()) {
          List<String> notes = new ArrayList<>(lead);
          notes.addAll(table.footnotes());
          table = table.withFootnotes(notes);
        }
        blocks.add(table);
      } else if (n instanceof Block.Grid g) {
        List<String> footnotes = new ArrayList<>();
        String caption = captions.containsKey(i) ? captionOf(in, captions.get(i), footnotes) : "";
        while (i + 1 < in.size() && in.get(i + 1) instanceof Block.Paragraph next && isNote(next)) {
          next.lines().lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(footnotes::add);
          i++;
        }
        blocks.add(grid(g, caption, footnotes));
      } else if (n instanceof Block.Figure f) {
        String svg = f.svg();
        blocks.add(new DocxFigure(f.caption(), f.cell(), svg));
      } else if (n instanceof Block.Quote q) {
        blocks.add(new DocxParagraph(childTexts(q.blocks()), DocxParagraph.Style.QUOTE));
      } else if (n instanceof Block.ListBlock list) {
        int k = list.start();
        for (List<Block> item : list.items()) {
          String mark = list.ordered() ? (k++) + ". " : "\u2022 ";
          blocks.add(DocxParagraph.of(mark + childTexts(item)));
        }
      } else if (n instanceof Block.CodeBlock c) {
        blocks.add(new DocxParagraph(c.text().stripTrailing(), DocxParagraph.Style.CODE));
      } else if (n instanceof Block.Literal l) {
        blocks.add(DocxParagraph.of(l.text().strip()));
      } else if (n instanceof Block.Hidden h) {
      } else if (n instanceof Block.Paragraph p) {
        blocks.add(paragraph(p));
      }
    }
    return new DocxDocument(doc.title(), doc.banner(), blocks);
  }

  /** A caption heading's or paragraph's text; the paragraph between a caption heading and its table goes into {@code notes}. */
  private static String captionOf(List<Block> in, Document.Caption c, List<String> notes) {
    for (int k = c.captionBlock() + 1; k < c.block(); k++) {
      if (in.get(k) instanceof Block.Paragraph p) {
        notes.add(p.text());
      }
    }
    return c.text();
  }

  /**
   * A paragraph's text with its cross-references as REF fields to the captions' bookmarks
   * ({@link studybook.report.docx.DocxWriter#bookmark}).
   */
  static DocxParagraph paragraph(Block.Paragraph p) {
    StringBuilder b = new StringBuilder();
    List<DocxParagraph.Ref> refs = new ArrayList<>();
    runs(p.content(), b, refs);
    String text = p.text();
    int lead = 0;
    while (lead < b.length() && Character.isWhitespace(b.charAt(lead))) {
      lead++;
    }
    if (refs.isEmpty()) {
      return DocxParagraph.of(text);
    }
    int shift = lead;
    return new DocxParagraph(text, DocxParagraph.Style.BODY,
        refs.stream().map(r -> new DocxParagraph.Ref(r.start() - shift, r.end() - shift, r.bookmark())).toList());
  }

  /** As {@link Inline#text}'s walk (soft breaks as spaces), noting where each cross-reference lies. */
  private static void runs(List<Inline> runs, StringBuilder b, List<DocxParagraph.Ref> refs) {
    for (Inline i : runs) {
      if (i instanceof Inline.Ref r) {
        int start = b.length();
        b.append(r.text());
        refs.add(new DocxParagraph.Ref(start, b.length(),
            studybook.report.docx.DocxWriter.bookmark(r.label(), r.number())));
      } else if (i instanceof Inline.Emphasis e) {
        runs(e.content(), b, refs);
      } else if (i instanceof Inline.Strong s) {
        runs(s.content(), b, refs);
      } else if (i instanceof Inline.Link l) {
        runs(l.content(), b, refs);
      } else {
        b.append(Inline.plain(List.of(i), " "));
      }
    }
  }

  /** The text of blocks inside a quote or list item, one per line. */
  static String childTexts(List<Block> blocks) {
    List<String> out = new ArrayList<>();
    for (Block b : blocks) {
      String s = b instanceof Block.Paragraph p ? p.text()
          : b instanceof Block.Heading h ? h.text()
          : b instanceof Block.Quote q ? childTexts(q.blocks())
          : b instanceof Block.ListBlock l
              ? String.join("\n", l.items().stream().map(DocxFromDocument::childTexts).toList())
          : b instanceof Block.CodeBlock c ? c.text().strip()
          : b instanceof Block.Literal l ? l.text().strip()
          : b instanceof Block.Figure f ? f.caption() : "";
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return String.join("\n", out);
  }

  /**
   * Whether a paragraph below a table is one of its notes: it starts with a note mark or "Note" or
   * "Abbreviations", or it is all in emphasis (as the synthetic-data line is).
   */
  private static boolean isNote(Block.Paragraph p) {
    if (FOOTNOTE.matcher(p.text()).matches()) {
      return true;
    }
    List<Inline> c = p.content();
    return c.size() == 1 && c.get(0) instanceof Inline.Emphasis;
  }

  /**
   * A hand-laid table as a Word table: each column keeps its Markdown alignment (none: label left,
   * numbers centred); the bold part of a label stays bold.
   */
  private static DocxTable grid(Block.Grid g, String caption, List<String> footnotes) {
    List<String> headers = g.headers().stream().map(Block.GridCell::text).toList();
    List<DocxTable.Align> align = new ArrayList<>();
    for (int c = 0; c < g.headers().size(); c++) {
      TableModel.Align a = g.aligns().get(c);
      align.add(!g.aligned().get(c) ? (c == 0 ? DocxTable.Align.LEFT : DocxTable.Align.CENTER)
          : a == TableModel.Align.RIGHT ? DocxTable.Align.RIGHT
          : a == TableModel.Align.CENTER ? DocxTable.Align.CENTER : DocxTable.Align.LEFT);
    }
    List<List<String>> fitted = new ArrayList<>();
    List<Integer> strong = new ArrayList<>();
    for (List<Block.GridCell> row : g.rows()) {
      // The page pads or cuts body rows to the header's width; so does Word.
      List<String> f = new ArrayList<>();
      for (int c = 0; c < headers.size(); c++) {
        f.add(c < row.size() ? row.get(c).text() : "");
      }
      fitted.add(f);
      strong.add(row.isEmpty() ? 0 : strongLength(row.get(0)));
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

  /** How many leading characters of a cell are in bold: the text of a first strong run. */
  private static int strongLength(Block.GridCell cell) {
    for (Inline i : cell.content()) {
      if (i instanceof Inline.Strong s) {
        return Inline.text(s.content()).length();
      }
      if (!(i instanceof Inline.Text t && t.text().isBlank())) {
        return 0;
      }
    }
    return 0;
  }
}
