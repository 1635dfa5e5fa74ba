package studybook.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studybook.report.docx.DocxTable;
import studybook.tables.TableModel;
import studybook.tables.TableValue;

/**
 * The one renderer of tables: a {@link TableModel} becomes text once, in the study's
 * {@link NumberStyle}, and that text is written as a Markdown table (so the HTML page, through
 * flexmark) and as Word's table ({@link DocxTable}); the three never differ. Journal conventions:
 * a group column's header shows its size, "(n = 44)"; a variable heading is in bold with its levels
 * below it; each p-value carries the superscript letter of its test, and the footnotes (directly
 * below, one per line) name each test with the R call it matches, then the table's own notes, then
 * the synthetic-data note. With {@code style.show_statistic=true} a column of p-values gets a
 * "Statistic (df)" column beside it.
 */
public final class TableRenderer {
  /** Superscript letters of the test footnotes, in order of the table's tests. */
  private static final List<String> MARKS = List.of("ᵃ", "ᵇ", "ᶜ", "ᵈ", "ᵉ", "ᶠ", "ᵍ", "ʰ", "ⁱ", "ʲ", "ᵏ", "ˡ", "ᵐ",
      "ⁿ", "ᵒ", "ᵖ", "ʳ", "ˢ", "ᵗ", "ᵘ", "ᵛ", "ʷ", "ˣ", "ʸ", "ᶻ");

  /** A cell the number style printed: digits, signs, limits, percentages, test letters; nothing Markdown reads. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
      "[0-9.,<>%±–\\- ()A-Za-z=χ²ᵃ-ᶻⁱ-ⁿʰ-ʸˡ-ˣ⁽⁾]*");
  private final NumberStyle fmt;
  private final boolean showStatistic;
  private final Optional<String> syntheticNote;
  private final Map<String, String> abbreviations;

  /**
   * The abbreviations the kernel's own tables print, defined in a table's notes when it prints them;
   * a study adds its own in study.properties ({@code abbreviations.EMR=endoscopic mucosal resection}).
   */
  public static final Map<String, String> GENERIC_ABBREVIATIONS = Map.of("CI", "confidence interval", "df",
      "degrees of freedom", "FMI", "fraction of missing information", "HR", "hazard ratio", "IQR", "interquartile range",
      "KM", "Kaplan-Meier", "OR", "odds ratio", "SD", "standard deviation", "SMD", "standardized mean difference");

  /**
   * @param fmt the study's number style
   * @param showStatistic whether p-value columns get a "Statistic (df)" column
   * @param syntheticNote the line under every table of a synthetic-data study
   */
  public TableRenderer(NumberStyle fmt, boolean showStatistic, Optional<String> syntheticNote) {
    this(fmt, showStatistic, syntheticNote, GENERIC_ABBREVIATIONS);
  }

  /**
   * @param abbreviations what each abbreviation a table may print stands for; a table's notes define
   *     those it prints and its notes do not already define
   */
  public TableRenderer(NumberStyle fmt, boolean showStatistic, Optional<String> syntheticNote,
      Map<String, String> abbreviations) {
    this.fmt = fmt;
    this.showStatistic = showStatistic;
    this.syntheticNote = syntheticNote;
    this.abbreviations = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.abbreviations.putAll(abbreviations);
  }

  /** The renderer a study's settings ask for: the kernel's abbreviations and the study's ({@code abbreviations.*}). */
  public static TableRenderer of(Map<String, String> settings, boolean synthetic) {
    Map<String, String> abbreviations = new java.util.TreeMap<>(GENERIC_ABBREVIATIONS);
    settings.forEach((k, v) -> {
      if (k.startsWith(ABBREVIATION_KEY) && k.length() > ABBREVIATION_KEY.length() && !v.isBlank()) {
        abbreviations.put(k.substring(ABBREVIATION_KEY.length()).strip(), v.strip());
      }
    });
    return new TableRenderer(NumberStyle.of(settings), "true".equals(settings.get("style.show_statistic")),
        synthetic ? Optional.of("Synthetic data: this table describes invented patients, not real ones.")
            : Optional.empty(), abbreviations);
  }

  /** The study.properties prefix of a study's abbreviations. */
  static final String ABBREVIATION_KEY = "abbreviations.";

  /**
   * A table as text, the form every output is written from.
   *
   * @param model what was rendered
   * @param headers the column headers
   * @param aligns each column's alignment
   * @param kinds each body row's kind
   * @param labels each body row's label and detail, as (emphasised part, plain part)
   * @param rows the body rows' cells, label first
   * @param footnotes the lines under the table
   * @param syntheticLast whether the last footnote is the synthetic-data note
   * @param headerLines the column headers as Word and HTML set them: a group column's name, a line
   *     break, and its size ("Overall\nN = 322"); the columns under a spanner without the spanner's text
   * @param spanners headers spanning adjacent columns of {@code headers} (indices after any statistic column)
   * @param italicHeaders per column, whether its header is a p-value's "P" the journal sets in italics
   */
  public record Rendered(TableModel model, List<String> headers, List<TableModel.Align> aligns,
      List<TableModel.RowKind> kinds, List<String[]> labels, List<List<String>> rows, List<String> footnotes,
      boolean syntheticLast, List<String> headerLines, List<TableModel.Spanner> spanners, List<Boolean> italicHeaders) {

    /** A table rendered without two-line headers, spanners or italic headers (the one-line headers serve). */
    public Rendered(TableModel model, List<String> headers, List<TableModel.Align> aligns,
        List<TableModel.RowKind> kinds, List<String[]> labels, List<List<String>> rows, List<String> footnotes,
        boolean syntheticLast) {
      this(model, headers, aligns, kinds, labels, rows, footnotes, syntheticLast, headers, List.of(),
          java.util.Collections.nCopies(headers.size(), false));
    }
  }

  /** A non-breaking space: "N = 322" and "(n = 322)" never break inside. */
  static final char NBSP = '\u00A0';

  /** Formats every cell of {@code model}. */
  public Rendered render(TableModel model) {
    Map<String, String> marks = new LinkedHashMap<>();
    Map<String, String> symbols = new LinkedHashMap<>();
    for (int i = 0; i < model.tests().size(); i++) {
      TableModel.Test t = model.tests().get(i);
      marks.put(t.name(), i < MARKS.size() ? MARKS.get(i) : "⁽" + (i + 1) + "⁾");
      symbols.put(t.name(), t.symbol());
    }
    List<TableModel.Column> columns = model.columns();
    List<Boolean> statisticAfter = new ArrayList<>();
    for (int c = 1; c < columns.size(); c++) {
      boolean hasP = false;
      boolean onlyP = true;
      for (TableModel.Row r : model.rows()) {
        TableValue v = r.cells().get(c - 1);
        hasP |= v instanceof TableValue.PValue;
        onlyP &= v instanceof TableValue.PValue || v instanceof TableValue.Empty;
      }
      statisticAfter.add(showStatistic && hasP && onlyP && !model.tests().isEmpty());
    }
    List<String> headers = new ArrayList<>();
    List<String> headerLines = new ArrayList<>();
    List<Boolean> italic = new ArrayList<>();
    List<TableModel.Align> aligns = new ArrayList<>();
    // where each model column lands among the rendered ones (a statistic column may follow a p column)
    int[] at = new int[columns.size() + 1];
    for (int c = 0; c < columns.size(); c++) {
      TableModel.Column col = columns.get(c);
      at[c] = headers.size();
      String spanned = spannerStarting(model, c);
      String size = col.n() >= 0 ? "N" + NBSP + "=" + NBSP + fmt.count(col.n()) : "";
      String line = col.n() >= 0 ? col.header() + ", " + size : col.header();
      headers.add(spanned == null ? line : spanned + " " + line);
      headerLines.add(col.n() >= 0 ? col.header() + "\n" + size : col.header());
      italic.add(c > 0 && pColumn(model, c) && fmt.journal().pItalic() && isPLabel(col.header()));
      aligns.add(col.align());
      if (c > 0 && statisticAfter.get(c - 1)) {
        headers.add("Statistic (df)");
        headerLines.add("Statistic (df)");
        italic.add(false);
        aligns.add(TableModel.Align.RIGHT);
      }
    }
    at[columns.size()] = headers.size();
    List<TableModel.Spanner> spanners = new ArrayList<>();
    for (TableModel.Spanner sp : model.spanners()) {
      int first = at[sp.first()];
      spanners.add(new TableModel.Spanner(sp.text(), first, at[sp.first() + sp.columns()] - first));
    }
    List<List<String>> rows = new ArrayList<>();
    List<TableModel.RowKind> kinds = new ArrayList<>();
    List<String[]> labels = new ArrayList<>();
    for (TableModel.Row r : model.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(words(r.label()) + words(r.detail()));
      for (int c = 0; c < r.cells().size(); c++) {
        TableValue v = r.cells().get(c);
        cells.add(text(v, marks));
        if (statisticAfter.get(c)) {
          cells.add(v instanceof TableValue.PValue p ? statistic(p, symbols.getOrDefault(p.test(), "")) : "");
        }
      }
      rows.add(cells);
      kinds.add(r.kind());
      labels.add(new String[] {words(r.label()), words(r.detail())});
    }
    List<String> footnotes = new ArrayList<>();
    for (TableModel.Test t : model.tests()) {
      footnotes.add(marks.get(t.name()) + " " + t.footnote() + (t.rCall().isEmpty() ? "" : "; as R's `" + t.rCall()
          + "`") + ".");
    }
    model.notes().forEach(n -> footnotes.add(words(n)));
    String defined = abbreviationNote(headers, spanners, rows, footnotes);
    if (!defined.isEmpty()) {
      footnotes.add(defined);
    }
    boolean synthetic = syntheticNote.isPresent() && model.describes() == TableModel.Describes.DATA;
    if (synthetic) {
      footnotes.add(syntheticNote.get());
    }
    return new Rendered(model, headers, aligns, kinds, labels, rows, footnotes, synthetic, headerLines, spanners,
        italic);
  }

  /**
   * "Abbreviations: CI, confidence interval; SD, standard deviation." (as the AMA style writes it): each known abbreviation the table prints (a
   * whole word, case as written, in its headers, labels, cells or notes) that its notes do not
   * already define ("OR, odds ratio"), in alphabetical order; empty when there is none.
   */
  String abbreviationNote(List<String> headers, List<TableModel.Spanner> spanners, List<List<String>> rows,
      List<String> notes) {
    StringBuilder printed = new StringBuilder();
    headers.forEach(h -> printed.append(h).append('\n'));
    spanners.forEach(s -> printed.append(s.text()).append('\n'));
    rows.forEach(r -> r.forEach(c -> printed.append(c).append('\n')));
    notes.forEach(n -> printed.append(n).append('\n'));
    String text = printed.toString();
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> a : new java.util.TreeMap<>(abbreviations).entrySet()) {
      String abbr = a.getKey();
      java.util.regex.Pattern word = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])"
          + java.util.regex.Pattern.quote(abbr) + "(?![\\p{L}\\p{N}])");
      boolean definedAlready = notes.stream().anyMatch(n -> n.contains(abbr + ", "));
      if (!definedAlready && word.matcher(text).find()) {
        found.add(abbr + ", " + a.getValue());
      }
    }
    found.sort(String.CASE_INSENSITIVE_ORDER);
    return found.isEmpty() ? "" : "Abbreviations: " + String.join("; ", found) + ".";
  }

  /** The text of the spanner whose first column is model column {@code c}, or null. */
  private static String spannerStarting(TableModel model, int c) {
    return model.spanners().stream().filter(s -> s.first() == c).map(TableModel.Spanner::text).findFirst().orElse(null);
  }

  /** Whether model column {@code c} holds p-values only (blank cells aside). */
  private static boolean pColumn(TableModel model, int c) {
    boolean any = false;
    for (TableModel.Row r : model.rows()) {
      TableValue v = r.cells().get(c - 1);
      if (!(v instanceof TableValue.PValue || v instanceof TableValue.Empty || v instanceof TableValue.Text t
          && t.text().isBlank())) {
        return false;
      }
      any |= v instanceof TableValue.PValue;
    }
    return any;
  }

  /** A header naming a p-value: "P", "P value", "P for interaction". */
  static boolean isPLabel(String header) {
    return header.equals("P") || header.startsWith("P ");
  }

  /**
   * A sentence of the table (a row's label or detail, a note) with each count it marks
   * ({@link TableValue#countInText}) printed in the number style; small-cell suppression has
   * already put the mask in place of those it masks.
   */
  String words(String text) {
    if (text.indexOf(TableValue.COUNT_CLOSE) < 0) {
      return text;
    }
    return TableValue.COUNT_IN_TEXT.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        fmt.count(Long.parseLong(m.group(2)))));
  }

  /** One cell's text. */
  public String text(TableValue v, Map<String, String> marks) {
    if (v instanceof TableValue.Text t) {
      return words(t.text());
    } else if (v instanceof TableValue.Count c) {
      return Double.isNaN(c.percent()) ? fmt.count(c.n()) : fmt.countPct(c.n(), c.percent());
    } else if (v instanceof TableValue.MeanSd m) {
      return num(m.mean(), m.decimals()) + " ± " + num(m.sd(), m.decimals());
    } else if (v instanceof TableValue.MedianIqr m) {
      return num(m.median(), m.decimals()) + " (" + num(m.q1(), m.decimals()) + "–" + num(m.q3(), m.decimals()) + ")";
    } else if (v instanceof TableValue.Decimal d) {
      return num(d.value(), d.decimals());
    } else if (v instanceof TableValue.Percent p) {
      return fmt.pct(p.percent()) + "%";
    } else if (v instanceof TableValue.Ratio r) {
      return r.decimals() == TableValue.STYLE ? fmt.or(r.value()) : fmt.or(r.value(), r.decimals());
    } else if (v instanceof TableValue.Limits l) {
      return l.decimals() == TableValue.STYLE ? fmt.ci(l.low(), l.high()) : fmt.ci(l.low(), l.high(), l.decimals());
    } else if (v instanceof TableValue.Interval i) {
      return i.decimals() == TableValue.STYLE ? fmt.interval(i.low(), i.high())
          : fmt.interval(i.low(), i.high(), i.decimals());
    } else if (v instanceof TableValue.Estimate e) {
      return fmt.or(e.value()) + " (" + fmt.ci(e.low(), e.high()) + ")";
    } else if (v instanceof TableValue.PValue p) {
      return fmt.p(p.p()) + (Double.isNaN(p.p()) ? "" : marks.getOrDefault(p.test(), ""));
    }
    return "";
  }

  private String num(double x, int decimals) {
    return decimals == TableValue.STYLE ? fmt.num(x) : fmt.num(x, decimals);
  }

  private String statistic(TableValue.PValue p, String symbol) {
    if (Double.isNaN(p.statistic())) {
      return "–";
    }
    String df = Double.isNaN(p.df()) ? "" : " (" + (p.df() == Math.rint(p.df()) ? fmt.num(p.df(), 0)
        : fmt.num(p.df(), 1)) + ")";
    return symbol + " = " + fmt.num(p.statistic(), 2) + df;
  }

  /**
   * The Markdown of a rendered table: the caption (when the model has one) as a paragraph, the table
   * (a heading's label in bold), and the footnotes as one paragraph, a line each.
   */
  public String markdown(Rendered r) {
    StringBuilder b = new StringBuilder();
    if (!r.model().caption().isEmpty()) {
      b.append(fmt.md(r.model().caption())).append("\n\n");
    }
    b.append('|');
    for (int c = 0; c < r.headers().size(); c++) {
      String h = r.headers().get(c);
      // A journal's italic P: "*P*" (the page's <em>); the header's text stays "P" for every reader.
      boolean italic = r.italicHeaders().get(c) && h.startsWith("P");
      b.append(' ').append(italic ? "*" + h.charAt(0) + "*" + fmt.md(h.substring(1)) : fmt.md(h))
          .append(" |");
    }
    b.append("\n|");
    for (TableModel.Align a : r.aligns()) {
      b.append(switch (a) {
        case LEFT -> "---|";
        case RIGHT -> "---:|";
        case CENTER -> ":---:|";
      });
    }
    b.append('\n');
    for (int i = 0; i < r.rows().size(); i++) {
      List<String> cells = r.rows().get(i);
      String[] label = r.labels().get(i);
      b.append("| ");
      if (r.kinds().get(i) == TableModel.RowKind.HEADING || r.kinds().get(i) == TableModel.RowKind.SINGLE) {
        b.append("**").append(fmt.md(label[0])).append("**").append(fmt.md(label[1]));
      } else {
        b.append(fmt.md(cells.get(0)));
      }
      b.append(" |");
      for (int c = 1; c < cells.size(); c++) {
        // Numbers as the style prints them need no escape ("<0.001" opens no tag); text does.
        String cell = cells.get(c);
        boolean plain = NUMBER.matcher(cell).matches() && !cell.matches(".*<[^0-9].*|.*<");
        b.append(' ').append(plain ? cell : fmt.md(cell)).append(" |");
      }
      b.append('\n');
    }
    if (!r.footnotes().isEmpty()) {
      b.append('\n');
      for (int i = 0; i < r.footnotes().size(); i++) {
        String line = r.footnotes().get(i);
        boolean synthetic = i == r.footnotes().size() - 1 && r.syntheticLast();
        b.append(synthetic ? "*" + fmt.md(line) + "*" : footnote(line));
        // A backslash at the end of a line is a hard break: one footnote per line on the page and in Word.
        b.append(i + 1 < r.footnotes().size() ? "\\\n" : "\n");
      }
    }
    return b.toString();
  }

  /** A footnote's text for Markdown: escaped, with `code` spans kept as code. */
  private String footnote(String line) {
    StringBuilder b = new StringBuilder();
    String[] parts = line.split("`", -1);
    for (int i = 0; i < parts.length; i++) {
      b.append(i % 2 == 1 && i < parts.length - 1 ? "`" + parts[i] + "`" : fmt.md(parts[i]));
    }
    return b.toString();
  }

  /** Word's table: the same text, caption and footnotes. */
  public DocxTable docx(Rendered r, String caption) {
    List<String> notes = r.footnotes().stream().map(s -> s.replace("`", "")).toList();
    List<DocxTable.RowKind> kinds = new ArrayList<>();
    List<Integer> strong = new ArrayList<>();
    for (int i = 0; i < r.rows().size(); i++) {
      TableModel.RowKind k = r.kinds().get(i);
      kinds.add(switch (k) {
        case HEADING -> DocxTable.RowKind.VARIABLE;
        case LEVEL -> DocxTable.RowKind.LEVEL;
        case SINGLE, PLAIN -> DocxTable.RowKind.PLAIN;
      });
      // The same emphasis as the Markdown: a variable's label in bold, its detail not.
      strong.add(k == TableModel.RowKind.HEADING || k == TableModel.RowKind.SINGLE ? r.labels().get(i)[0].length() : 0);
    }
    List<DocxTable.Align> aligns = r.aligns().stream().map(a -> switch (a) {
      case LEFT -> DocxTable.Align.LEFT;
      case RIGHT -> DocxTable.Align.RIGHT;
      case CENTER -> DocxTable.Align.CENTER;
    }).toList();
    List<DocxTable.Spanner> spanners = r.spanners().stream()
        .map(s -> new DocxTable.Spanner(s.text(), s.first(), s.columns())).toList();
    return new DocxTable(caption, r.headerLines(), r.rows(), notes).withRowKinds(kinds).withAlignments(aligns)
        .withStrong(strong).withSpanners(spanners).withItalicHeads(r.italicHeaders());
  }

  /** The table as the page shows it: caption, spanning header row, two-line group headers, rows and notes. */
  public String html(Rendered r) {
    StringBuilder b = new StringBuilder();
    HtmlOut.table(r, "", b);
    return b.toString();
  }

  private static String align(TableModel.Align a) {
    return switch (a) {
      case LEFT -> " style=\"text-align: left\"";
      case RIGHT -> " style=\"text-align: right\"";
      case CENTER -> " style=\"text-align: center\"";
    };
  }

  private static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (char ch : XmlChars.legal(text).toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
