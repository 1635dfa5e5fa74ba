package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studybook.StudybookException;
import studybook.report.doc.Inline;
import studybook.tables.TableModel;

/**
 * What a template's helpers placed, by mark: {@code <@table/>} prints a table mark, {@code figure(name)}
 * a figure mark, the number helpers a number mark. A mark is a private-use character, a kind letter, an
 * index and another private-use character; the {@link DocumentBuilder} turns each into a typed block or
 * run after the one Markdown parse. One instance per render.
 */
final class Marks {
  static final char OPEN = '\uE000';
  static final char CLOSE = '\uE001';
  static final char TABLE = 'T';
  static final char FIGURE = 'F';
  static final char NUMBER = 'N';
  static final char REF = 'R';
  static final Pattern MARK = Pattern.compile(OPEN + "([TFNR])([0-9]{1,9})" + CLOSE);

  /** The tables one {@code <@table/>} placed: the cell whose result they are, and their (suppressed) models. */
  record PlacedTable(String cell, List<TableModel> models) {}

  /** A number a helper printed: its run, and how it is written in Markdown. */
  record PlacedNumber(Inline.NumberMark mark, String markdown) {}

  private final List<PlacedTable> tables = new ArrayList<>();
  private final List<String> figures = new ArrayList<>();
  private final List<String> figureMarkdown = new ArrayList<>();
  private final List<PlacedNumber> numbers = new ArrayList<>();
  /** The numbers as the helpers printed them, before any {@link #maskCounts}. */
  private final List<PlacedNumber> printed = new ArrayList<>();
  private final List<String> refs = new ArrayList<>();
  /** Where in the template each cross-reference and each table was written ("templates/report.md.ftl:12"), or "". */
  private final List<String> refLines = new ArrayList<>();
  private final List<String> tableLines = new ArrayList<>();
  private final List<String> figureLines = new ArrayList<>();
  /** The document's numbered captions by cell, once known ({@link DocumentBuilder}'s second pass). */
  private java.util.Map<String, Inline.Ref> labels = java.util.Map.of();

  /** A cross-reference to the numbered table or figure {@code cell} placed ({@code ref(name)}). */
  String ref(String cell, String where) {
    refs.add(cell);
    refLines.add(where);
    return mark(REF, refs.size() - 1);
  }

  boolean hasRefs() {
    return !refs.isEmpty();
  }

  void labels(java.util.Map<String, Inline.Ref> labels) {
    this.labels = labels;
  }

  /**
   * Cross-reference {@code index} as the document numbers it; before the numbering is known (the first
   * pass) a placeholder of the same kind; a cell without a numbered caption is an error.
   */
  Inline.Ref refRun(int index, boolean known) {
    String cell = refs.get(checked(index, refs.size()));
    Inline.Ref r = labels.get(cell);
    if (r != null) {
      return r;
    }
    if (!known) {
      return new Inline.Ref(cell, "Table", 0, "");
    }
    String where = refLines.get(index).isEmpty() ? "" : refLines.get(index) + ": ";
    if (!cells.contains(cell) && !unnumbered.contains(cell)) {
      java.util.Set<String> names = new java.util.TreeSet<>(labels.keySet());
      names.addAll(cells);
      throw new StudybookException(where + "ref(\"" + cell + "\"): no cell and no table label of that name"
          + studybook.Names.didYouMean(cell, names));
    }
    throw new StudybookException(where + "ref(\"" + cell + "\"): not placed as a table with a"
        + " numbered caption (\"Table N. ...\" or \"Table #. ...\" as its caption or the heading above it) nor as a"
        + " figure" + (labels.isEmpty() ? "" : studybook.Names.didYouMean(cell, labels.keySet())));
  }

  /** The run's cell names, which {@code ref()} may name besides the labels of hand-laid tables. */
  private java.util.Set<String> cells = java.util.Set.of();

  void cells(java.util.Set<String> names) {
    cells = names;
  }

  /** Labels of hand-laid tables whose caption has no number ("Table. Costs {#costs}"). */
  private final java.util.Set<String> unnumbered = new java.util.HashSet<>();

  void unnumbered(String label) {
    unnumbered.add(label);
  }

  /** Where the template placed table mark {@code index} ("templates/report.md.ftl:12"), or "". */
  String tableLine(int index) {
    return index < tableLines.size() ? tableLines.get(index) : "";
  }

  /** Where the template placed figure mark {@code index} ("templates/report.md.ftl:12"), or "". */
  String figureLine(int index) {
    return index < figureLines.size() ? figureLines.get(index) : "";
  }

  /** Where the next table placed was written in the template (the {@code <@table/>} helper says it first). */
  private String nextTableLine = "";

  void nextTableLine(String where) {
    nextTableLine = where;
  }

  String table(String cell, List<TableModel> models) {
    tables.add(new PlacedTable(cell, List.copyOf(models)));
    tableLines.add(nextTableLine);
    nextTableLine = "";
    return mark(TABLE, tables.size() - 1);
  }

  String figure(String name, String markdown) {
    return figure(name, markdown, "");
  }

  /** A figure placed, {@code where} the template placed it ("templates/report.md.ftl:12", or ""). */
  String figure(String name, String markdown, String where) {
    figureLines.add(where);
    figures.add(name);
    figureMarkdown.add(markdown);
    return mark(FIGURE, figures.size() - 1);
  }

  String number(Inline.NumberMark mark, String markdown) {
    numbers.add(new PlacedNumber(mark, markdown));
    printed.add(new PlacedNumber(mark, markdown));
    return mark(NUMBER, numbers.size() - 1);
  }

  /**
   * The whole values of every count the helpers printed ({@code fmt.count}, {@code fmt.countPct}), in
   * order: what the small-cell suppression must know the text and hand-laid tables print.
   */
  List<Long> printedCounts() {
    List<Long> out = new ArrayList<>();
    for (PlacedNumber n : printed) {
      if (isCount(n.mark())) {
        out.add((long) n.mark().value());
      }
    }
    return out;
  }

  private static boolean isCount(Inline.NumberMark m) {
    return (m.kind() == Inline.NumberMark.Kind.COUNT || m.kind() == Inline.NumberMark.Kind.COUNT_PERCENT)
        && Double.isFinite(m.value()) && m.value() == Math.rint(m.value());
  }

  /**
   * Every count the helpers printed that {@code masked} accepts shown as {@code mask} ({@code markdownMask} in
   * Markdown), its value no longer carried; every other number as printed. Decided on the typed marks after
   * the one render of the template, so the document built next (its heading ids too) has only masked text.
   */
  void maskCounts(java.util.function.LongPredicate masked, String mask, String markdownMask) {
    for (int i = 0; i < printed.size(); i++) {
      PlacedNumber n = printed.get(i);
      Inline.NumberMark m = n.mark();
      numbers.set(i, isCount(m) && masked.test((long) m.value())
          ? new PlacedNumber(new Inline.NumberMark(m.kind(), mask, m.source(), Double.NaN), markdownMask) : n);
    }
  }

  /** Replaces the models of the {@code index}th table placed (suppressed once every count is known). */
  void settleTable(int index, List<TableModel> models) {
    tables.set(index, new PlacedTable(tables.get(index).cell(), List.copyOf(models)));
  }

  private static String mark(char kind, int index) {
    return OPEN + "" + kind + index + CLOSE;
  }

  PlacedTable table(int index) {
    return tables.get(index);
  }

  String figure(int index) {
    return figures.get(index);
  }

  /** Every table placed, in the order the template placed them. */
  List<PlacedTable> tables() {
    return tables;
  }

  /**
   * The table marks a paragraph's text consists of (nothing else but white space), or null when it
   * holds none; a table mark beside other text is an error (a table is a block of its own).
   */
  List<Integer> tablesAlone(String text) {
    Matcher m = MARK.matcher(text);
    List<Integer> found = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    int at = 0;
    boolean any = false;
    while (m.find()) {
      rest.append(text, at, m.start());
      at = m.end();
      if (m.group(1).charAt(0) == TABLE) {
        found.add(index(m, tables.size()));
        any = true;
      } else {
        rest.append('x');
      }
    }
    rest.append(text.substring(at));
    if (!any) {
      return null;
    }
    if (!rest.toString().isBlank()) {
      throw misplaced(tables.get(found.get(0)).cell());
    }
    return found;
  }

  /** The index of the one figure mark {@code text} is, or null. */
  Integer figureAlone(String text) {
    Matcher m = MARK.matcher(text);
    return m.matches() && m.group(1).charAt(0) == FIGURE ? index(m, figures.size()) : null;
  }

  /** A mark met inside text: a number's run; a table or figure there is misplaced. */
  Inline inlineMark(char kind, int index) {
    if (kind == NUMBER) {
      return numbers.get(checked(index, numbers.size())).mark();
    }
    if (kind == TABLE) {
      throw misplaced(tables.get(checked(index, tables.size())).cell());
    }
    throw new StudybookException("figure \"" + figures.get(checked(index, figures.size())) + "\" is placed inside "
        + "a paragraph, heading, list or table; a figure stands alone, with a blank line before and after it");
  }

  /** Markdown with every figure and number mark as its Markdown; a table mark here is misplaced. */
  String resolve(String markdown) {
    if (markdown.indexOf(OPEN) < 0) {
      return markdown;
    }
    Matcher m = MARK.matcher(markdown);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(2));
      String text = switch (m.group(1).charAt(0)) {
        case NUMBER -> numbers.get(checked(i, numbers.size())).markdown();
        case FIGURE -> figureMarkdown.get(checked(i, figures.size()));
        default -> throw misplaced(tables.get(checked(i, tables.size())).cell());
      };
      m.appendReplacement(b, Matcher.quoteReplacement(text));
    }
    m.appendTail(b);
    return b.toString();
  }

  /**
   * {@code source} with every number mark replaced by the number's Markdown, so the one parse sees the
   * text a reader will; {@code ranges} gets, per number, its start and end in the result and its index.
   */
  String substituteNumbers(String source, List<int[]> ranges, boolean known) {
    if (source.indexOf(OPEN) < 0) {
      return source;
    }
    Matcher m = MARK.matcher(source);
    StringBuilder b = new StringBuilder(source.length());
    int at = 0;
    while (m.find()) {
      char kind = m.group(1).charAt(0);
      if (kind != NUMBER && kind != REF) {
        continue;
      }
      b.append(source, at, m.start());
      int i = index(m, kind == NUMBER ? numbers.size() : refs.size());
      String md = kind == NUMBER ? numbers.get(i).markdown() : refRun(i, known).text();
      // A ref's index is stored as -1 - i, a number's as i.
      ranges.add(new int[] {b.length(), b.length() + md.length(), kind == NUMBER ? i : -1 - i});
      b.append(md);
      at = m.end();
    }
    b.append(source.substring(at));
    return b.toString();
  }

  /** The run at a substituted range: a number's mark, or (index -1 - i) cross-reference i. */
  Inline run(int index, boolean known) {
    return index >= 0 ? numbers.get(index).mark() : refRun(-1 - index, known);
  }

  /** Text with its number marks as the numbers' plain text (a caption, which is no prose). */
  String plain(String text) {
    if (text.indexOf(OPEN) < 0) {
      return text;
    }
    Matcher m = MARK.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      char kind = m.group(1).charAt(0);
      m.appendReplacement(b, Matcher.quoteReplacement(kind == NUMBER
          ? numbers.get(index(m, numbers.size())).mark().text()
          : m.group()));
      if (kind == REF) {
        throw new StudybookException("ref(\"" + refs.get(index(m, refs.size())) + "\") is used in a table's caption;"
            + " a cross-reference belongs in the text");
      }
    }
    m.appendTail(b);
    return b.toString();
  }

  private static int index(Matcher m, int size) {
    return checked(Integer.parseInt(m.group(2)), size);
  }

  private static int checked(int index, int size) {
    if (index >= size) {
      throw new StudybookException("the template printed a studybook mark character (U+E000) that no helper made;"
          + " these private-use characters are reserved for studybook");
    }
    return index;
  }

  private static StudybookException misplaced(String cell) {
    return new StudybookException("<@table " + cell + "/> is placed inside a paragraph, heading, list or table;"
        + " a table stands alone, with a blank line before and after it");
  }
}
