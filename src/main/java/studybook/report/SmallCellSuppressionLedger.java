package studybook.report;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import studybook.report.figures.FlowBox;
import studybook.tables.Displayable;
import studybook.tables.TableModel;

/**
 * The one place that knows every count a suppressed render prints, so that {@link SmallCellSuppression}
 * holds across the whole report folder and not table by table. One {@link CountSystem} holds:
 * <ul>
 *   <li><b>tables from a model</b>: every count cell of every {@link Displayable} result, and every
 *       count the tool writes into their notes and row details ("44 events among 142 patients",
 *       "(3 missing; % of known values)"), with each table's sums, the same count printed in two
 *       tables, missing values and the denominators percentages give away
 *       ({@link SmallCellSuppression#enter});</li>
 *   <li><b>flow figures</b> ({@link FlowBox} results): every box's n, and that a box whose children's
 *       counts add up to its own is their sum, so no masked box follows by subtraction;</li>
 *   <li><b>counts a template or a figure prints</b> through the number style ({@code fmt.count},
 *       {@code fmt.countPct}, numbers at risk): masked when 1..K-1. Studybook cannot tell which count
 *       such a number is, so it never masks it for having a masked count's value (that would tell a
 *       reader which cells are equal); instead a complement is chosen, where there is a choice, among
 *       counts whose value is printed nowhere else, and a complement that shares its value with such a
 *       number is said to the author ({@link #warnings()}).</li>
 * </ul>
 * The template is rendered once: its counts reach the ledger as typed number marks ({@link #solve(java.util.Collection)}),
 * and are masked on those marks before the document is built ({@link ReportTables#settle()}).
 * Hand-laid tables ({@link DocumentSuppression}) get the rule on their typed cells before that one build.
 * results.json and tables/*.csv hold every count and are not written by a suppressed render.
 */
final class SmallCellSuppressionLedger {
  private final SmallCellSuppression rule;
  private final Map<String, List<TableModel>> models = new LinkedHashMap<>();
  private final Map<String, FlowBox> flows = new LinkedHashMap<>();
  private final Map<String, List<SmallCellSuppression.ModelResult>> suppressed = new LinkedHashMap<>();
  private final Map<FlowBox, Boolean> maskedBoxes = new IdentityHashMap<>();
  private final List<SmallCellSuppression.MaskedCell> maskedFigureCells = new ArrayList<>();
  /** Counts the template printed through the number helpers ({@link #solve(java.util.Collection)}). */
  private final Set<Long> printed = new TreeSet<>();
  /** Values masked in hand-laid tables ({@link #learn}), and those of the system's masked and shown cells. */
  private final Set<Long> learned = new TreeSet<>();
  private final Set<Long> maskedValues = new TreeSet<>();
  private final Set<Long> shownValues = new TreeSet<>();
  private final List<String> warnings = new ArrayList<>();

  /** Every table and flow figure of the run's results, in run order. */
  SmallCellSuppressionLedger(SmallCellSuppression rule, Map<String, Object> results) {
    this.rule = rule;
    results.forEach((cell, value) -> {
      if (value instanceof Displayable d) {
        models.put(cell, d.display());
      } else if (value instanceof FlowBox box) {
        flows.put(cell, box);
      }
    });
  }

  /**
   * Solves the system once, knowing every count the template printed through the number helpers
   * ({@link Marks#printedCounts()}): a complement is then best a count whose value is printed nowhere else.
   */
  void solve(java.util.Collection<Long> printedCounts) {
    printed.addAll(printedCounts);
    solve();
  }

  SmallCellSuppression rule() {
    return rule;
  }

  private void solve() {
    List<TableModel> all = new ArrayList<>();
    models.values().forEach(all::addAll);
    CountSystem system = new CountSystem(rule.threshold());
    SmallCellSuppression.Entered entered = rule.enter(all, system);
    Map<FlowBox, Integer> boxes = new IdentityHashMap<>();
    flows.forEach((cell, root) -> enter(cell, root, system, boxes));
    printed.forEach(system::printedElsewhere);
    system.solve();
    List<SmallCellSuppression.ModelResult> out = rule.results(entered);
    suppressed.clear();
    int i = 0;
    for (Map.Entry<String, List<TableModel>> e : models.entrySet()) {
      suppressed.put(e.getKey(), new ArrayList<>(out.subList(i, i + e.getValue().size())));
      i += e.getValue().size();
    }
    maskedBoxes.clear();
    boxes.forEach((box, at) -> maskedBoxes.put(box, system.masked(at)));
    maskedFigureCells.clear();
    flows.forEach((cell, root) -> listMasked(cell, root, system, boxes));
    maskedValues.clear();
    maskedValues.addAll(system.maskedValues());
    maskedValues.addAll(learned);
    shownValues.clear();
    shownValues.addAll(system.shownValues());
    warnings.clear();
    for (String at : system.ambiguous()) {
      warnings.add(at + " is masked, a count of its value is shown elsewhere, and the template prints one too: "
          + "that print is shown, since masking it would tell which it is; if it is the masked count, rewrite the text");
    }
  }

  /** A flow box and its subtree: each box a count; a box is the sum of its children when their counts add up to it. */
  private static int enter(String cell, FlowBox box, CountSystem system, Map<FlowBox, Integer> boxes) {
    int at = system.printed(box.count(), "figure '" + cell + "', box '" + box.label() + "'");
    boxes.put(box, at);
    if (!box.children().isEmpty()) {
      Map<Integer, Integer> sum = new java.util.TreeMap<>(Map.of(at, -1));
      long total = 0;
      for (FlowBox child : box.children()) {
        sum.merge(enter(cell, child, system, boxes), 1, Integer::sum);
        total += child.count();
      }
      if (total == box.count()) {
        system.equation(sum);
      }
    }
    return at;
  }

  private void listMasked(String cell, FlowBox box, CountSystem system, Map<FlowBox, Integer> boxes) {
    int at = boxes.get(box);
    if (system.masked(at)) {
      maskedFigureCells.add(new SmallCellSuppression.MaskedCell("figure " + cell, box.label(), "n", -1, -1,
          system.reason(at)));
    }
    box.children().forEach(child -> listMasked(cell, child, system, boxes));
  }

  /** The flow boxes masked, in the figures' order, as the manifest lists them (figure, box label, "n"). */
  List<SmallCellSuppression.MaskedCell> maskedFigureCells() {
    return List.copyOf(maskedFigureCells);
  }

  /**
   * Table {@code index} of cell {@code cell}'s result as suppressed with all the others; a table the
   * ledger did not see (a template's own expression) is suppressed alone.
   */
  SmallCellSuppression.ModelResult table(String cell, int index, TableModel model) {
    List<TableModel> seen = models.get(cell);
    if (seen != null && index < seen.size() && seen.get(index).equals(model)) {
      return suppressed.get(cell).get(index);
    }
    return rule.apply(model);
  }

  /** Whether a flow box's n is masked (a box the ledger did not see: when 1..K-1). */
  boolean masked(FlowBox box) {
    Boolean m = maskedBoxes.get(box);
    return m != null ? m : risky(box.count());
  }

  /**
   * Whether a count printed through the number style (a template's text or hand-laid table, numbers
   * at risk) is masked. Studybook cannot tell which count such a number is, so: when it is 1..K-1
   * (its own risk); or when it has the value of a masked count and no shown count has that value, so
   * that it may be the masked one and masking it tells a reader nothing (no printed number shows
   * the value it hides). A value some shown count has stays shown: masking it would tell which cells
   * are equal. The template's counts are known to the solve ({@link #solve(java.util.Collection)}): a
   * complement of the same value is then a poorer choice.
   */
  boolean risky(long n) {
    return n >= 1 && (n < rule.threshold() || maskedValues.contains(n) && !shownValues.contains(n));
  }

  /**
   * The number style for figures: counts masked as {@link #risky} says (a figure's counts, such as the
   * numbers at risk, are the figure's own, not a template's prints).
   */
  NumberStyle figureStyle(NumberStyle plain) {
    return plain.maskingCounts(this::risky, rule.mask());
  }

  /**
   * Values masked in a hand-laid table ({@link DocumentSuppression#plan}); true when one is new, so the
   * caller decides the hand-laid tables' rule again (on their typed cells, before the document is built)
   * and the other prints of that value follow {@link #risky} when {@link ReportTables#settle()} masks them.
   */
  boolean learn(java.util.Collection<Long> values) {
    boolean changed = false;
    for (long v : values) {
      if (v >= rule.threshold() && learned.add(v)) {
        changed = true;
      }
    }
    if (changed) {
      solve();
    }
    return changed;
  }

  /** Complements that share their value with a count a template or figure prints: for the author's log only. */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

}
