package studybook.manuscript;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studybook.claims.PrintedValue;

/**
 * Finds the numbers of a paragraph and what their words say they are: integers, decimals (a point,
 * or Lancet's mid-line point), thousands commas, percentages, p-values ({@code P = 0.041},
 * {@code P < 0.001}, {@code P = .041}), odds and hazard ratios ({@code OR, 61.97}), interval ends
 * ({@code 1.009–1.547}, {@code 1.009 to 1.547}); and which are not results: years, citations,
 * confidence levels, table, figure and section numbers, significance thresholds.
 */
final class NumberFinder {
  private static final Pattern NUMBER =
      Pattern.compile("[-\u2212]?(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:[.\u00B7]\\d+)?|[.\u00B7]\\d+)");
  private static final Pattern P_BEFORE = Pattern.compile(
      "(?<![\\p{L}\\p{N}])[Pp](?:[\\s-]*values?)?(?:\\s+(?:of|was|were|is))?(\\s*)(<=|>=|[=<>\u2264\u2265])?(\\s*)$");
  private static final Pattern OR_BEFORE = Pattern.compile(
      "(?:(?<![\\p{L}])a?OR|(?i:odds ratio)(?:\\s*\\(a?OR\\))?)\\s*[,:=]?\\s*(?:of\\s+|was\\s+)?$");
  private static final Pattern HR_BEFORE = Pattern.compile(
      "(?:(?<![\\p{L}])a?HR|(?i:hazard ratio)(?:\\s*\\(a?HR\\))?)\\s*[,:=]?\\s*(?:of\\s+|was\\s+)?$");
  private static final Pattern CI_BEFORE = Pattern.compile("(?:(?<![\\p{L}])CI|(?i:confidence interval))[^\\p{N}]{0,8}$");
  private static final Pattern INTERVAL_DASH = Pattern.compile("^\\s*(?:[\u2013\u2014\u2011-]|to)\\s*$");
  private static final Pattern REFERENCE_BEFORE = Pattern.compile(
      "(?i)(?:tables?|fig(?:ure)?s?\\.?|sections?|chapters?|appendix|eq(?:uation)?s?\\.?|refs?\\.?|references?|steps?|"
          + "versions?|model|supplementary\\s+(?:table|figure)s?|v)\\s*S?$");
  private static final Pattern THRESHOLD_SENTENCE = Pattern.compile(
      "(?i)considered|significance level|level of significance|significance was set|alpha|threshold");
  private static final Pattern BRACKETS = Pattern.compile("\\[[\\d\\s,\u2013\u2014-]+\\]");

  private NumberFinder() {}

  /**
   * The numbers of {@code p}. Characters of a studybook content control make one number bound to its
   * tag's path: {@code bindingOf.apply(i)} is the path of the control starting at token {@code i}.
   */
  static List<Mention> find(WordText.Paragraph p, java.util.function.IntFunction<String> bindingOf) {
    return find(p, bindingOf, false);
  }

  /** As {@link #find(WordText.Paragraph, java.util.function.IntFunction)}, for a heading when {@code heading}. */
  static List<Mention> find(WordText.Paragraph p, java.util.function.IntFunction<String> bindingOf, boolean heading) {
    String text = p.text();
    List<Mention> out = new ArrayList<>();
    List<int[]> raw = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      int s = m.start();
      int e = m.end();
      char first = text.charAt(s);
      boolean signed = first == '-' || first == '\u2212';
      if (signed && s > 0 && !" ([=;\t\u00A0".contains(String.valueOf(text.charAt(s - 1)))) {
        s++;
        signed = false;
      }
      int lead = signed ? s + 1 : s;
      char before = s > 0 ? text.charAt(s - 1) : ' ';
      if ((Character.isLetter(before) || before == '_') && superscript(p, s, e)) {
        raw.add(new int[] {s, e}); // a citation raised after a word: did³
        continue;
      }
      if (Character.isLetter(before) || before == '_' || before == '/' && s > 1 && Character.isLetter(text.charAt(s - 2))) {
        continue; // part of a name: G1, CD56, T1
      }
      if ((before == '-' || before == '\u2010' || before == '\u2011') && s > 1 && Character.isLetter(text.charAt(s - 2))) {
        continue; // Ki-67, COVID-19
      }
      if (text.charAt(lead) == '.' && s > 0 && Character.isDigit(before)) {
        continue;
      }
      raw.add(new int[] {s, e});
    }
    int previousEnd = 0;
    boolean[] intervalLow = new boolean[raw.size()];
    boolean intervalCi = false;
    for (int k = 0; k < raw.size(); k++) {
      int s = raw.get(k)[0];
      int e = raw.get(k)[1];
      String digits = text.substring(s, e);
      // a dotted sequence (2.1.3) is a section or version number
      if (e + 1 < text.length() && text.charAt(e) == '.' && Character.isDigit(text.charAt(e + 1))
          || s > 0 && text.charAt(s - 1) == '.' && s > 1 && Character.isDigit(text.charAt(s - 2))) {
        int ee = e;
        while (ee + 1 < text.length() && text.charAt(ee) == '.' && Character.isDigit(text.charAt(ee + 1))) {
          ee++;
          while (ee < text.length() && Character.isDigit(text.charAt(ee))) {
            ee++;
          }
        }
        out.add(plain(p, s, ee, text.substring(s, ee), sentence(text, s), "a section or version number"));
        while (k + 1 < raw.size() && raw.get(k + 1)[0] < ee) {
          k++;
        }
        previousEnd = ee;
        continue;
      }
      String sentence = sentence(text, s);
      String before = text.substring(Math.max(previousEnd, sentenceStart(text, s)), s);
      int end = e;
      String tail = "";
      Matcher pct = Pattern.compile("^\\s?%").matcher(text.substring(e));
      if (pct.find()) {
        tail = pct.group();
        end = e + tail.length();
      }
      String head = "";
      String relation = "";
      String gap = "";
      int start = s;
      NumberKind kind = NumberKind.OTHER;
      boolean strong = false;
      String ignored = null;
      Matcher pm = P_BEFORE.matcher(before);
      if (tail.isEmpty() && pm.find()) {
        kind = NumberKind.P;
        strong = true;
        relation = pm.group(2) == null ? "" : pm.group(2);
        gap = relation.isEmpty() ? "" : pm.group(3);
        start = s - (before.length() - pm.start());
        head = text.substring(start, s - relation.length() - gap.length());
        if (relation.equals(">") || relation.equals(">=") || relation.equals("\u2265") || relation.equals("<=")
            || relation.equals("\u2264")) {
          ignored = "a p-value bound other than '<' is not a result";
        } else if (THRESHOLD_SENTENCE.matcher(sentence).find()) {
          ignored = "a significance threshold";
        }
      } else if (OR_BEFORE.matcher(before).find()) {
        kind = NumberKind.ODDS_RATIO;
        strong = true;
      } else if (HR_BEFORE.matcher(before).find()) {
        kind = NumberKind.HAZARD_RATIO;
        strong = true;
      } else if (!tail.isEmpty()) {
        kind = NumberKind.PERCENTAGE;
      }
      // interval ends: this number and the next, joined by a dash or "to"
      boolean lowEnd = k + 1 < raw.size() && INTERVAL_DASH.matcher(text.substring(end, raw.get(k + 1)[0])).matches();
      boolean highEnd = k > 0 && intervalLow[k - 1];
      intervalLow[k] = lowEnd && !highEnd;
      if (intervalLow[k]) {
        intervalCi = CI_BEFORE.matcher(before).find();
      }
      if ((intervalLow[k] || highEnd) && kind == NumberKind.OTHER) {
        kind = NumberKind.INTERVAL_END;
        strong = intervalCi;
      }
      boolean plainKind = kind == NumberKind.OTHER || kind == NumberKind.INTERVAL_END && !strong;
      String after = text.substring(end);
      if (!tail.isEmpty() && after.matches("(?s)^\\s*(?:CI|(?i:confidence)|(?i:credible)).*")) {
        ignored = "a confidence level";
      } else if (inBrackets(text, s, e)) {
        ignored = "a citation";
      } else if (superscript(p, s, e)) {
        ignored = "a citation (superscript)";
      } else if (REFERENCE_BEFORE.matcher(before).find() && plainKind
          || plainKind && !out.isEmpty() && "a table, figure or section number".equals(out.get(out.size() - 1).ignored())
              && before.matches("\\s*(?:,|and|&|[\u2013\u2014-]|to)\\s*")) {
        ignored = "a table, figure or section number"; // Table 2, Tables 2 and 3
      } else if (plainKind && before.matches("(?s).*(?:<=|>=|[<>\u2264\u2265])\\s*")) {
        ignored = "a threshold (a criterion, not a result)"; // tumour size < 10 mm, aged >= 18 years
      } else if (digits.matches("(19|20)\\d\\d") && tail.isEmpty() && plainKind) {
        ignored = "a year";
      } else if (s == firstNonSpace(text) && kind == NumberKind.OTHER && !digits.contains(".")
          && (text.substring(e).matches("(?s)^[.)]\\s+\\p{L}.*") || heading && text.substring(e).matches("(?s)^\\s+\\p{L}.*"))) {
        ignored = "a section or list number";
      }
      PrintedValue printed = printed(digits, relation.equals("<"));
      out.add(new Mention(p, start, end, head, relation, gap, digits, tail, printed, kind, strong, sentence, ignored,
          -1, null));
      previousEnd = end;
    }
    return bound(p, out, bindingOf);
  }

  /** Numbers inside a studybook content control take its binding; a control's text is one number. */
  private static List<Mention> bound(WordText.Paragraph p, List<Mention> found, java.util.function.IntFunction<String> bindingOf) {
    List<Mention> out = new ArrayList<>();
    for (Mention m : found) {
      int sdt = -1;
      for (WordText.Piece piece : p.pieces()) {
        if (piece.sdt() >= 0 && piece.offset() < m.end() && piece.end() > m.start()) {
          sdt = piece.sdt();
          break;
        }
      }
      if (sdt < 0) {
        out.add(m);
        continue;
      }
      final int control = sdt;
      int cs = p.pieces().stream().filter(x -> x.sdt() == control).mapToInt(WordText.Piece::offset).min().orElse(m.start());
      int ce = p.pieces().stream().filter(x -> x.sdt() == control).mapToInt(WordText.Piece::end).max().orElse(m.end());
      if (out.stream().anyMatch(x -> x.sdt() == control)) {
        continue; // the control's first number stands for it; update writes its whole text
      }
      // the control's text is the number: widen the mention to it
      String head = p.text().substring(cs, Math.max(cs, Math.min(m.start(), ce))) + m.head();
      String tail = m.tail() + p.text().substring(Math.min(Math.max(m.end(), cs), ce), ce);
      if (m.start() < cs || m.end() > ce) {
        head = m.head();
        tail = m.tail();
      }
      out.add(new Mention(p, Math.min(cs, m.start()), Math.max(ce, m.end()), head, m.relation(), m.gap(), m.digits(),
          tail, m.printed(), m.kind(), m.strong(), m.context(), null, sdt, bindingOf.apply(sdt)));
    }
    return out;
  }

  private static Mention plain(WordText.Paragraph p, int s, int e, String digits, String sentence, String ignored) {
    PrintedValue printed = new PrintedValue(digits, BigDecimal.ZERO, 0, false);
    return new Mention(p, s, e, "", "", "", digits, "", printed, NumberKind.OTHER, false, sentence, ignored, -1, null);
  }

  static PrintedValue printed(String digits, boolean below) {
    String d = digits.replace(",", "").replace('\u00B7', '.').replace('\u2212', '-');
    BigDecimal v = new BigDecimal(d.startsWith(".") ? "0" + d : d.startsWith("-.") ? "-0" + d.substring(1) : d);
    return new PrintedValue((below ? "<" : "") + d, v, Math.max(0, v.scale()), below);
  }

  private static boolean inBrackets(String text, int s, int e) {
    Matcher b = BRACKETS.matcher(text);
    while (b.find()) {
      if (b.start() < s && b.end() >= e) {
        return true;
      }
    }
    return false;
  }

  private static boolean superscript(WordText.Paragraph p, int s, int e) {
    boolean any = false;
    for (WordText.Piece piece : p.pieces()) {
      if (piece.offset() < e && piece.end() > s) {
        if (!piece.superscript()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static int firstNonSpace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Where the sentence holding offset {@code at} starts: after a full stop, ! or ? followed by space and a capital. */
  static int sentenceStart(String text, int at) {
    for (int i = at - 1; i > 0; i--) {
      char c = text.charAt(i - 1);
      if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i))) {
        int j = i;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
          j++;
        }
        if (j <= at && j < text.length() && (Character.isUpperCase(text.charAt(j)) || text.charAt(j) == '(')) {
          return j;
        }
      }
    }
    return 0;
  }

  static String sentence(String text, int at) {
    int s = sentenceStart(text, at);
    int e = at;
    while (e < text.length()) {
      char c = text.charAt(e);
      if ((c == '.' || c == '!' || c == '?') && (e + 1 == text.length() || Character.isWhitespace(text.charAt(e + 1)))) {
        int j = e + 1;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
          j++;
        }
        if (j == text.length() || Character.isUpperCase(text.charAt(j)) || text.charAt(j) == '(') {
          e++;
          break;
        }
      }
      e++;
    }
    String sentence = text.substring(s, Math.min(e, text.length())).replaceAll("\\s+", " ").strip();
    return sentence.length() > 300 ? sentence.substring(0, 297) + "..." : sentence;
  }
}
