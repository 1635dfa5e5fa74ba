package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import studybook.StudybookException;
import studybook.kernel.Study;
import studybook.report.SmallCellSuppression.HandCell;
import studybook.report.doc.Block;
import studybook.report.doc.Document;
import studybook.report.doc.Inline;

/**
 * {@link SmallCellSuppression} on the tables a template laid out by hand ({@link Block.Grid}), on their
 * typed cells: a cell's count is the value of the number mark a template's {@code fmt.count} or
 * {@code fmt.countPct} printed there, never read back from its text. The rule is decided on the tables as
 * the template printed them ({@link #plan}, before the document is built, so that the values it masks
 * reach the ledger and the template's other prints of them) and applied to the one document built after
 * ({@link #apply}): a masked cell shows the mask in every output, and in report.md only that cell's
 * Markdown changes. Tables from a model are suppressed on their counts before they are placed
 * ({@link ReportTables}, with the {@link SmallCellSuppressionLedger}).
 *
 * <p>A number the author typed as text in a body cell (outside the first, label, column) is an error in a
 * suppressed run: studybook cannot tell a count from other digits, and printing it as it stands could
 * give a masked count away; the message names the table and cell and says to print it through a number
 * helper.
 *
 * @param document the document with masked cells
 * @param masked every masked cell, tables in document order
 * @param maskedValues the counts those cells held
 */
record DocumentSuppression(Document document, List<SmallCellSuppression.MaskedCell> masked, List<Long> maskedValues) {
  /** A table laid out by hand as the template printed it (its number marks with their values), and its caption. */
  record HandTable(Block.Grid grid, String caption) {}

  /** What the rule masks in each hand-laid table, in reading order. */
  record Plan(List<HandTable> tables, List<SmallCellSuppression.Result> results) {
    /** The counts the masked cells hold (not those already masked where they are printed). */
    List<Long> values() {
      List<Long> out = new ArrayList<>();
      results.forEach(r -> out.addAll(r.values()));
      return out;
    }
  }

  /**
   * The rule on each table: a body cell holding one count mark (and at most a percentage mark) is a count;
   * {@code maskedWherePrinted} tells which counts the ledger masks wherever they are printed (as masked
   * already). A number typed as text in a body cell is an error.
   */
  static Plan plan(List<HandTable> tables, SmallCellSuppression rule, LongPredicate maskedWherePrinted) {
    List<SmallCellSuppression.Result> results = new ArrayList<>();
    for (int t = 0; t < tables.size(); t++) {
      Block.Grid g = tables.get(t).grid();
      String name = tables.get(t).caption().isEmpty() ? "the table laid out by hand with columns '"
          + String.join(" | ", g.headers().stream().map(Block.GridCell::text).toList()) + "'"
          : tables.get(t).caption() + " (a table laid out by hand)";
      List<String> headers = g.headers().stream().map(Block.GridCell::text).toList();
      List<String> labels = new ArrayList<>();
      List<List<HandCell>> cells = new ArrayList<>();
      for (List<Block.GridCell> row : g.rows()) {
        String label = row.isEmpty() ? "" : row.get(0).text();
        labels.add(label);
        List<HandCell> typed = new ArrayList<>();
        for (int c = 0; c < row.size(); c++) {
          typed.add(cell(row.get(c), c, rule, maskedWherePrinted, name, label,
              c < headers.size() ? headers.get(c) : ""));
        }
        cells.add(typed);
      }
      results.add(rule.apply(name, headers, labels, cells));
    }
    return new Plan(List.copyOf(tables), List.copyOf(results));
  }

  /** What a body cell holds, by its runs: its number marks, and no digit in its own text outside the first column. */
  private static HandCell cell(Block.GridCell cell, int column, SmallCellSuppression rule, LongPredicate masked,
      String table, String row, String header) {
    List<Inline.NumberMark> numbers = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean ref = runs(cell.content(), numbers, text);
    if (column == 0) {
      return HandCell.OTHER;
    }
    if (text.chars().anyMatch(Character::isDigit)) {
      throw new StudybookException(Study.REPORT_TEMPLATE + ": with --suppress-below, " + table + ", row '" + row
          + "', column '" + header + "' prints '" + cell.text() + "' with a number typed as text; studybook cannot"
          + " tell whether it is a count. Print a count through ${fmt.count(...)} or ${fmt.countPct(...)}, so it is"
          + " masked where it must be, and any other number through fmt.num, fmt.pct, fmt.p, fmt.or or fmt.ci");
    }
    if (!ref && numbers.isEmpty() && text.toString().strip().equals(rule.mask())) {
      // The author masked it by hand: a masked count, which the rest of its line must not give away.
      return HandCell.MASKED;
    }
    if (ref || numbers.isEmpty() || numbers.size() > 2 || text.codePoints().anyMatch(Character::isLetter)
        || numbers.size() == 2 && numbers.get(1).kind() != Inline.NumberMark.Kind.PERCENT) {
      return HandCell.OTHER;
    }
    Inline.NumberMark first = numbers.get(0);
    boolean count = first.kind() == Inline.NumberMark.Kind.COUNT || first.kind() == Inline.NumberMark.Kind.COUNT_PERCENT;
    boolean whole = Double.isFinite(first.value()) && first.value() == Math.rint(first.value());
    if (count && whole) {
      long n = (long) first.value();
      return masked.test(n) ? HandCell.MASKED : HandCell.count(n);
    }
    if (count && first.text().equals(rule.mask())) {
      return HandCell.MASKED;
    }
    // A whole number printed without decimals through fmt.num is taken for a count, as it reads like one.
    if (first.kind() == Inline.NumberMark.Kind.NUMBER && whole && first.text().equals(Long.toString((long) first.value()))) {
      return HandCell.count((long) first.value());
    }
    return numbers.size() == 1 ? HandCell.NUMBER : HandCell.OTHER;
  }

  /** Collects the runs' number marks and the rest of their text; true when a cross-reference is among them. */
  private static boolean runs(List<Inline> runs, List<Inline.NumberMark> numbers, StringBuilder text) {
    boolean ref = false;
    for (Inline i : runs) {
      if (i instanceof Inline.NumberMark n) {
        numbers.add(n);
      } else if (i instanceof Inline.Ref) {
        ref = true;
      } else if (i instanceof Inline.Emphasis e) {
        ref |= runs(e.content(), numbers, text);
      } else if (i instanceof Inline.Strong s) {
        ref |= runs(s.content(), numbers, text);
      } else if (i instanceof Inline.Link l) {
        ref |= runs(l.content(), numbers, text);
      } else {
        text.append(Inline.text(List.of(i)));
      }
    }
    return ref;
  }

  /**
   * {@code doc} with the cells {@code plan} masks shown as the mask: its hand-laid tables are those the plan
   * was made on (the same template output), found in the same reading order. Each masked cell is named by its
   * table's caption (a paragraph "Table ..." right above it) or "table i" (i counting every table in order).
   */
  static DocumentSuppression apply(Document doc, Plan plan, SmallCellSuppression rule) {
    Applier a = new Applier(plan, rule);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < doc.blocks().size(); i++) {
      blocks.add(a.top(doc.blocks(), i));
    }
    if (a.grid != plan.results().size()) {
      throw shapeChanged();
    }
    return new DocumentSuppression(doc.withBlocks(blocks), List.copyOf(a.masked), plan.values());
  }

  /**
   * The rule on {@code doc}'s own hand-laid tables (their number marks as printed, not yet masked): {@link #plan}
   * then {@link #apply}.
   */
  static DocumentSuppression of(Document doc, SmallCellSuppression rule, LongPredicate maskedWherePrinted) {
    List<HandTable> tables = new ArrayList<>();
    collect(doc.blocks(), tables);
    return apply(doc, plan(tables, rule, maskedWherePrinted), rule);
  }

  private static void collect(List<Block> blocks, List<HandTable> out) {
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b instanceof Block.Grid g) {
        out.add(new HandTable(g, i > 0 && blocks.get(i - 1) instanceof Block.Paragraph p ? caption(p.text()) : ""));
      } else if (b instanceof Block.Quote q) {
        collect(q.blocks(), out);
      } else if (b instanceof Block.ListBlock l) {
        l.items().forEach(item -> collect(item, out));
      }
    }
  }

  /** {@code text} when it is a table's caption (it starts with the word "Table"), else empty. */
  static String caption(String text) {
    return text.startsWith("Table") && SmallCellSuppression.startsWithWord(text, List.of("Table"))
        && text.indexOf('\n') < 0 ? text : "";
  }

  private static StudybookException shapeChanged() {
    return new StudybookException(Study.REPORT_TEMPLATE + ": with --suppress-below, the report's tables laid out by"
        + " hand read differently once counts were masked (a masked count at the start of a line can end a list);"
        + " start such a line with text, not with ${fmt.count(...)}");
  }

  /** Masks the planned cells of each grid met in reading order; a grid inside a quote or list masks its block's Markdown. */
  private static final class Applier {
    private final Plan plan;
    private final SmallCellSuppression rule;
    private final String markdownMask;
    private final List<SmallCellSuppression.MaskedCell> masked = new ArrayList<>();
    private int grid;
    private int table;
    /** Where the top-level block's masked cells lie in its Markdown: start, end. */
    private final List<int[]> ranges = new ArrayList<>();

    Applier(Plan plan, SmallCellSuppression rule) {
      this.plan = plan;
      this.rule = rule;
      // Escaped like any text the templates print through fmt.md.
      this.markdownMask = rule.mask().replace("[", "\\[").replace("]", "\\]");
    }

    Block top(List<Block> siblings, int i) {
      ranges.clear();
      Block b = block(siblings, i);
      if (ranges.isEmpty() || b instanceof Block.Grid) {
        return b;
      }
      // A grid inside a quote or a list item: report.md prints the block's Markdown, so its cells are masked there.
      ranges.sort((x, y) -> Integer.compare(y[0], x[0]));
      if (b instanceof Block.Quote q) {
        return new Block.Quote(q.blocks(), masked(q.markdown()));
      }
      Block.ListBlock l = (Block.ListBlock) b;
      return new Block.ListBlock(l.ordered(), l.start(), l.tight(), l.items(), masked(l.markdown()));
    }

    private String masked(String markdown) {
      StringBuilder md = new StringBuilder(markdown);
      for (int[] r : ranges) {
        md.replace(r[0], r[1], markdownMask);
      }
      return md.toString();
    }

    private Block block(List<Block> siblings, int i) {
      Block b = siblings.get(i);
      if (b instanceof Block.Table) {
        table++;
        return b;
      }
      if (b instanceof Block.Quote q) {
        return new Block.Quote(blocks(q.blocks()), q.markdown());
      }
      if (b instanceof Block.ListBlock l) {
        List<List<Block>> items = new ArrayList<>();
        l.items().forEach(item -> items.add(blocks(item)));
        return new Block.ListBlock(l.ordered(), l.start(), l.tight(), items, l.markdown());
      }
      if (!(b instanceof Block.Grid g)) {
        return b;
      }
      table++;
      if (grid >= plan.results().size()) {
        throw shapeChanged();
      }
      Block.Grid planned = plan.tables().get(grid).grid();
      SmallCellSuppression.Result result = plan.results().get(grid++);
      if (planned.rows().size() != g.rows().size() || planned.headers().size() != g.headers().size()) {
        throw shapeChanged();
      }
      String name = i > 0 && siblings.get(i - 1) instanceof Block.Paragraph p && !caption(p.text()).isEmpty()
          ? p.text() : "table " + table;
      Block.Grid original = g;
      for (SmallCellSuppression.MaskedCell m : result.masked()) {
        Block.GridCell cell = original.rows().get(m.rowIndex()).get(m.columnIndex());
        ranges.add(new int[] {g.at() + cell.start(), g.at() + cell.end()});
        g = g.withCell(m.rowIndex(), m.columnIndex(), rule.mask(), markdownMask);
        masked.add(new SmallCellSuppression.MaskedCell(name, m.row(), m.column(), m.rowIndex(), m.columnIndex(),
            m.reason()));
      }
      return g;
    }

    private List<Block> blocks(List<Block> list) {
      List<Block> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(block(list, i));
      }
      return out;
    }
  }
}
