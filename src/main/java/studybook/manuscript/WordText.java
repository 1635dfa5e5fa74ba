package studybook.manuscript;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import studybook.manuscript.XmlScan.Token;
import studybook.manuscript.XmlScan.Type;

/**
 * The current text of one WordprocessingML part (document, footnotes, endnotes), paragraph by
 * paragraph, with where each character comes from. Tracked insertions count as text, tracked
 * deletions and moved-away text do not; field codes, comments' anchors, the fallback copy of
 * alternate content and property elements hold no text.
 */
final class WordText {
  /** The prefix of a content control's tag that binds its text to a result path. */
  static final String TAG_PREFIX = "studybook:";

  /**
   * Some characters of a paragraph that come from one element of a run.
   *
   * @param token the index of the element's token ({@code w:t}, {@code w:tab}, ...)
   * @param run the index of the run's start token
   * @param offset where the characters start in the paragraph's text
   * @param text the characters
   * @param editable whether they are the content of a {@code w:t}
   * @param superscript whether the run is raised (citations)
   * @param sdt the index of the start token of the innermost studybook content control around them, or -1
   */
  record Piece(int token, int run, int offset, String text, boolean editable, boolean superscript, int sdt) {
    int end() {
      return offset + text.length();
    }
  }

  /** A paragraph: its text and pieces, in the part named {@code part}. */
  record Paragraph(String part, int start, String text, List<Piece> pieces, int row) {
    /** Whether this paragraph is a heading or title (by its style), where a leading number is a section number. */
    boolean heading(WordText w) {
      for (int j = start + 1; j < w.match[start]; j++) {
        Token t = w.tokens.get(j);
        if (t.opens("w:pStyle")) {
          String v = String.valueOf(t.attribute("w:val")).toLowerCase(java.util.Locale.ROOT);
          return v.startsWith("heading") || v.equals("title") || v.startsWith("berschrift");
        }
        if (t.opens("w:outlineLvl")) {
          return true;
        }
        if (t.opens("w:r") || t.closes("w:pPr")) {
          return false;
        }
      }
      return false;
    }
  }

  /** The text of the table row starting at token {@code row}: its cells' paragraphs, cells joined by " | ". */
  String rowText(int row) {
    StringBuilder b = new StringBuilder();
    int cell = -1;
    for (Paragraph p : paragraphs) {
      if (p.row() == row) {
        int c = cellOf(p.start());
        b.append(b.length() == 0 ? "" : c == cell ? " " : " | ").append(p.text().strip());
        cell = c;
      }
    }
    return b.toString();
  }

  private int cellOf(int token) {
    for (int j = parent[token]; j >= 0; j = parent[j]) {
      if (tokens.get(j).opens("w:tc")) {
        return j;
      }
    }
    return -1;
  }

  final String xml;
  final List<Token> tokens;
  /** For each start token, the index of its end token (itself for others). */
  final int[] match;
  /** For each token, the index of the start token of the element around it, or -1. */
  final int[] parent;
  final List<Paragraph> paragraphs = new ArrayList<>();

  WordText(String part, String xml) {
    this.xml = xml;
    this.tokens = XmlScan.scan(xml);
    this.match = new int[tokens.size()];
    this.parent = new int[tokens.size()];
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      parent[i] = open.isEmpty() ? -1 : open.peek();
      match[i] = i;
      if (t.type() == Type.START) {
        open.push(i);
      } else if (t.type() == Type.END) {
        if (open.isEmpty() || !tokens.get(open.peek()).name().equals(t.name())) {
          throw new IllegalArgumentException("</" + t.name() + "> does not close the open element at offset " + t.start());
        }
        int s = open.pop();
        match[s] = i;
        parent[i] = parent[s];
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("<" + tokens.get(open.peek()).name() + "> is never closed");
    }
    collect(part);
  }

  private static final java.util.Set<String> SKIPPED = java.util.Set.of("w:del", "w:moveFrom", "mc:Fallback",
      "w:instrText", "w:delText", "w:delInstrText", "w:pPr", "w:rPr", "w:sdtPr", "w:sectPr", "w:tblPr", "w:trPr",
      "w:tcPr", "w:tblGrid", "w:fldData");

  private void collect(String part) {
    Deque<List<Piece>> paras = new ArrayDeque<>();
    Deque<Integer> paraStarts = new ArrayDeque<>();
    Deque<StringBuilder> texts = new ArrayDeque<>();
    Deque<Integer> sdts = new ArrayDeque<>();
    List<Paragraph> done = new ArrayList<>();
    int run = -1;
    boolean superscript = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.type() == Type.START && SKIPPED.contains(t.name())) {
        i = match[i];
        continue;
      }
      if (t.opens("w:p") && t.type() == Type.START) {
        paras.push(new ArrayList<>());
        paraStarts.push(i);
        texts.push(new StringBuilder());
      } else if (t.closes("w:p")) {
        int start = paraStarts.pop();
        int row = -1;
        for (int j = parent[start]; j >= 0 && !tokens.get(j).opens("w:p"); j = parent[j]) {
          if (tokens.get(j).opens("w:tr")) {
            row = j;
            break;
          }
        }
        done.add(new Paragraph(part, start, texts.pop().toString(), List.copyOf(paras.pop()), row));
      } else if (t.opens("w:sdt") && t.type() == Type.START) {
        String tag = tag(i);
        sdts.push(tag != null && tag.startsWith(TAG_PREFIX) ? i : -1);
      } else if (t.closes("w:sdt")) {
        sdts.pop();
      } else if (t.opens("w:r") && t.type() == Type.START) {
        run = i;
        superscript = superscript(i);
      } else if (t.closes("w:r")) {
        run = -1;
      } else if (run >= 0 && !paras.isEmpty() && parent[i] == run) {
        String chars = null;
        boolean editable = false;
        if (t.opens("w:t")) {
          chars = t.type() == Type.EMPTY ? "" : XmlScan.unescape(xml.substring(t.end(), tokens.get(match[i]).start()));
          editable = true;
        } else if (t.opens("w:tab") || t.opens("w:ptab")) {
          chars = "\t";
        } else if (t.opens("w:br") || t.opens("w:cr")) {
          chars = "\n";
        } else if (t.opens("w:noBreakHyphen")) {
          chars = "\u2011";
        }
        if (chars != null) {
          StringBuilder text = texts.peek();
          int sdt = sdts.stream().filter(s -> s >= 0).findFirst().orElse(-1);
          paras.peek().add(new Piece(i, run, text.length(), chars, editable, superscript, sdt));
          text.append(chars);
        }
        if (t.type() == Type.START) {
          i = match[i];
        }
      }
    }
    done.sort(Comparator.comparingInt(Paragraph::start));
    paragraphs.addAll(done);
  }

  /** The value of the {@code w:tag} in the properties of the content control starting at {@code sdt}. */
  String tag(int sdt) {
    for (int j = sdt + 1; j < match[sdt]; j++) {
      Token t = tokens.get(j);
      if (t.opens("w:sdtContent")) {
        return null;
      }
      if (t.opens("w:tag")) {
        return t.attribute("w:val");
      }
    }
    return null;
  }

  private boolean superscript(int run) {
    for (int j = run + 1; j < match[run]; j++) {
      Token t = tokens.get(j);
      if (t.opens("w:rPr")) {
        for (int k = j + 1; k < match[j]; k++) {
          Token v = tokens.get(k);
          if (v.opens("w:vertAlign")) {
            return "superscript".equals(v.attribute("w:val"));
          }
        }
        return false;
      }
      if (t.type() == Type.START || t.type() == Type.EMPTY) {
        return false;
      }
    }
    return false;
  }

  /** The source text of token {@code i} through its end token. */
  String source(int i) {
    return xml.substring(tokens.get(i).start(), tokens.get(match[i]).end());
  }
}
