package studybook.manuscript;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studybook.manuscript.XmlScan.Token;

/**
 * Edits of a WordprocessingML part that splice its source text: only the runs holding the number are
 * touched, every other character of the part stays as it was.
 */
final class WordEdits {
  private WordEdits() {}

  /** A child of a run: its token range and the paragraph characters it holds ({@code from == to} for none). */
  private record Child(int token, int from, int to, boolean text) {}

  /**
   * Wraps characters [start, end) of {@code p} in a content control tagged with {@code path}; empty when
   * they do not lie in runs of one element (they cross a tracked change, a field or a link).
   */
  static Optional<String> wrap(WordText w, WordText.Paragraph p, int start, int end, String path) {
    List<WordText.Piece> in = p.pieces().stream().filter(x -> x.offset() < end && x.end() > start).toList();
    if (in.isEmpty()) {
      return Optional.empty();
    }
    int first = in.get(0).run();
    int last = in.get(in.size() - 1).run();
    if (w.parent[first] != w.parent[last]) {
      return Optional.empty();
    }
    for (int j = w.parent[first]; j >= 0; j = w.parent[j]) {
      String n = w.tokens.get(j).name();
      if (n.equals("w:ins") || n.equals("w:moveTo")) {
        return Optional.empty(); // a co-author's tracked change is theirs to accept or reject, not ours to restructure
      }
    }
    String xml = w.xml;
    String open = "<w:sdt><w:sdtPr><w:alias w:val=\"studybook\"/><w:tag w:val=\""
        + XmlScan.escape(WordText.TAG_PREFIX + path) + "\"/>" + hiddenAppearance(w) + "</w:sdtPr><w:sdtContent>";
    String close = "</w:sdtContent></w:sdt>";
    StringBuilder b = new StringBuilder();
    b.append(xml, 0, w.tokens.get(first).start());
    if (first == last) {
      b.append(slice(w, p, first, Integer.MIN_VALUE, start, false)).append(open)
          .append(slice(w, p, first, start, end, true)).append(close)
          .append(slice(w, p, first, end, Integer.MAX_VALUE, false));
    } else {
      b.append(slice(w, p, first, Integer.MIN_VALUE, start, false)).append(open)
          .append(slice(w, p, first, start, Integer.MAX_VALUE, true))
          .append(xml, w.tokens.get(w.match[first]).end(), w.tokens.get(last).start())
          .append(slice(w, p, last, Integer.MIN_VALUE, end, true)).append(close)
          .append(slice(w, p, last, end, Integer.MAX_VALUE, false));
    }
    b.append(xml.substring(w.tokens.get(w.match[last]).end()));
    return Optional.of(b.toString());
  }

  /** Word 2013's "no box around the control", only where the document declares its namespace as ignorable. */
  private static String hiddenAppearance(WordText w) {
    for (Token t : w.tokens) {
      if (t.type() == XmlScan.Type.START) {
        String ignorable = t.attribute("mc:Ignorable");
        boolean declared = "http://schemas.microsoft.com/office/word/2012/wordml".equals(t.attribute("xmlns:w15"));
        return declared && ignorable != null && List.of(ignorable.split("\\s+")).contains("w15")
            ? "<w15:appearance w15:val=\"hidden\"/>" : "";
      }
    }
    return "";
  }

  /**
   * The run at {@code run} cut to the characters [from, to): its start tag and properties, then the
   * children holding them (text cut where needed); children holding no character go to the outer
   * slices, never inside the control. Empty when nothing is left.
   */
  private static String slice(WordText w, WordText.Paragraph p, int run, int from, int to, boolean inner) {
    StringBuilder body = new StringBuilder();
    String properties = "";
    int pos = -1;
    for (WordText.Piece x : p.pieces()) {
      if (x.run() == run) {
        pos = x.offset();
        break;
      }
    }
    for (int i = run + 1; i < w.match[run]; i = w.match[i] + 1) {
      Token t = w.tokens.get(i);
      if (t.opens("w:rPr")) {
        properties = w.source(i);
        continue;
      }
      WordText.Piece piece = null;
      for (WordText.Piece x : p.pieces()) {
        if (x.token() == i) {
          piece = x;
          break;
        }
      }
      if (piece == null) {
        int at = pos < 0 ? 0 : pos;
        boolean mine = inner ? at > from && at < to : from == Integer.MIN_VALUE ? at <= to : at >= from;
        if (mine) {
          body.append(w.source(i));
        }
        continue;
      }
      pos = piece.end();
      int a = Math.max(from, piece.offset());
      int e = Math.min(to, piece.end());
      if (a >= e) {
        continue;
      }
      if (a == piece.offset() && e == piece.end()) {
        body.append(w.source(i));
      } else {
        String part = piece.text().substring(a - piece.offset(), e - piece.offset());
        body.append("<w:t xml:space=\"preserve\">").append(escapeText(part)).append("</w:t>");
      }
    }
    if (body.length() == 0) {
      return "";
    }
    return w.xml.substring(w.tokens.get(run).start(), w.tokens.get(run).end()) + properties + body + "</w:r>";
  }

  /** Sets the tag of the studybook content control starting at token {@code sdt} to {@code path}. */
  static String retag(WordText w, int sdt, String path) {
    for (int j = sdt + 1; j < w.match[sdt]; j++) {
      Token t = w.tokens.get(j);
      if (t.opens("w:tag")) {
        String src = w.xml.substring(t.start(), t.end());
        String value = "w:val=\"" + XmlScan.escape(WordText.TAG_PREFIX + path) + "\"";
        String replaced = src.replaceFirst("w:val\\s*=\\s*(\"[^\"]*\"|'[^']*')", java.util.regex.Matcher.quoteReplacement(value));
        return w.xml.substring(0, t.start()) + replaced + w.xml.substring(t.end());
      }
    }
    throw new IllegalStateException("a studybook content control without a tag");
  }

  /**
   * Replaces characters [start, end) of {@code p} with {@code text}, changing only the characters that
   * differ, inside the {@code w:t} elements that hold them; empty when a changed character is not plain text.
   */
  static Optional<String> replace(WordText w, WordText.Paragraph p, int start, int end, String text) {
    String old = p.text().substring(start, end);
    int pre = 0;
    while (pre < old.length() && pre < text.length() && old.charAt(pre) == text.charAt(pre)) {
      pre++;
    }
    int suf = 0;
    while (suf < old.length() - pre && suf < text.length() - pre
        && old.charAt(old.length() - 1 - suf) == text.charAt(text.length() - 1 - suf)) {
      suf++;
    }
    int from = start + pre;
    int to = end - suf;
    String middle = text.substring(pre, text.length() - suf);
    List<WordText.Piece> touched = new ArrayList<>();
    for (WordText.Piece x : p.pieces()) {
      if (from < to ? x.offset() < to && x.end() > from : x.offset() < from && x.end() >= from && x.editable()
          || x.offset() <= from && x.end() > from && touched.isEmpty() && x.editable()) {
        touched.add(x);
      }
    }
    if (from == to && touched.size() > 1) {
      touched = touched.subList(0, 1);
    }
    if (touched.isEmpty() || touched.stream().anyMatch(x -> !x.editable())) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder(w.xml);
    for (int k = touched.size() - 1; k >= 0; k--) {
      WordText.Piece x = touched.get(k);
      int a = Math.max(from, x.offset()) - x.offset();
      int e = Math.min(to, x.end()) - x.offset();
      String now = x.text().substring(0, a) + (k == 0 ? middle : "") + x.text().substring(Math.max(a, e));
      Token t = w.tokens.get(x.token());
      boolean preserve = !now.equals(now.strip()) && !w.xml.substring(t.start(), t.end()).contains("xml:space");
      if (t.type() == XmlScan.Type.EMPTY || preserve) {
        int until = t.type() == XmlScan.Type.EMPTY ? t.end() : w.tokens.get(w.match[x.token()]).end();
        b.replace(t.start(), until, "<w:t xml:space=\"preserve\">" + escapeText(now) + "</w:t>");
      } else {
        b.replace(t.end(), w.tokens.get(w.match[x.token()]).start(), escapeText(now));
      }
    }
    return Optional.of(b.toString());
  }

  static String escapeText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
