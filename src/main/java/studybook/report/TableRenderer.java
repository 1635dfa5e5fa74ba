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

  /**
   * @param fmt the study's number style
   * @param showStatistic whether p-value columns get a "Statistic (df)" column
   * @param syntheticNote the line under every table of a synthetic-data study
   */
  public TableRenderer(NumberStyle fmt, boolean showStatistic, Optional<String> syntheticNote) {
    this.fmt = fmt;
    this.showStatistic = showStatistic;
    this.syntheticNote = syntheticNote;
  }

  /** The renderer a study's settings ask for. */
  public static TableRenderer of(Map<String, String> settings, boolean synthetic) {
    return new TableRenderer(NumberStyle.of(settings), "true".equals(settings.get("style.show_statistic")),
        synthetic ? Optional.of("Synthetic data: this table describes invented patients, not real ones.")
            : Optional.empty());
  }

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
   */
  public record Rendered(TableModel model, List<String> headers, List<TableModel.Align> aligns,
      List<TableModel.RowKind> kinds, List<String[]> labels, List<List<String>> rows, List<String> footnotes,
      boolean syntheticLast) {}

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
    List<TableModel.Align> aligns = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      TableModel.Column col = columns.get(c);
      headers.add(col.n() >= 0 ? col.header() + " (n = " + fmt.count(col.n()) + ")" : col.header());
      aligns.add(col.align());
      if (c > 0 && statisticAfter.get(c - 1)) {
        headers.add("Statistic (df)");
        aligns.add(TableModel.Align.RIGHT);
      }
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
    boolean synthetic = syntheticNote.isPresent() && model.describes() == TableModel.Describes.DATA;
    if (synthetic) {
      footnotes.add(syntheticNote.get());
    }
    return new Rendered(model, headers, aligns, kinds, labels, rows, footnotes, synthetic);
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
      return fmt.or(r.value());
    } else if (v instanceof TableValue.Limits l) {
      return fmt.ci(l.low(), l.high());
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
    for (String h : r.headers()) {
      b.append(' ').append(fmt.md(h)).append(" |");
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
    return new DocxTable(caption, r.headers(), r.rows(), notes).withRowKinds(kinds).withAlignments(aligns)
        .withStrong(strong);
  }
}
