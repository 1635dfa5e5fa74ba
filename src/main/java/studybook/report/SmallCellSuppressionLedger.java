package studybook.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import studybook.tables.Displayable;
import studybook.tables.TableModel;

/**
 * The one place that knows every count a suppressed render prints, so that {@link SmallCellSuppression}
 * holds across the whole report folder and not table by table:
 * <ul>
 *   <li><b>tables from a model</b>: every table of every {@link Displayable} result is suppressed in
 *       one system ({@link SmallCellSuppression#apply(List, Set)}), with each table's sums and the
 *       same count printed in two tables tied together;</li>
 *   <li><b>counts the template or a figure prints</b> through the number style ({@code fmt.count},
 *       {@code fmt.countPct}, flow-box sizes, numbers at risk): masked when 1..K-1, or when equal to a
 *       count masked anywhere else (it may be the same count; studybook cannot tell, so it masks);</li>
 *   <li><b>hand-laid tables</b> ({@link SuppressedMarkdown}): what their totals force to be masked is
 *       learned ({@link #learn}), and the render is repeated until nothing new is masked.</li>
 * </ul>
 * results.json and tables/*.csv hold every count and are not written by a suppressed render.
 */
final class SmallCellSuppressionLedger implements LongPredicate {
  private final SmallCellSuppression rule;
  private final Map<String, List<TableModel>> models = new LinkedHashMap<>();
  private final Set<Long> learned = new TreeSet<>();
  private final Map<String, List<SmallCellSuppression.ModelResult>> suppressed = new LinkedHashMap<>();
  private final Set<Long> maskedValues = new TreeSet<>();

  /** Every table of the run's {@link Displayable} results, in run order. */
  SmallCellSuppressionLedger(SmallCellSuppression rule, Map<String, Object> results) {
    this.rule = rule;
    results.forEach((cell, value) -> {
      if (value instanceof Displayable d) {
        models.put(cell, d.display());
      }
    });
    solve();
  }

  SmallCellSuppression rule() {
    return rule;
  }

  private void solve() {
    List<TableModel> all = new ArrayList<>();
    models.values().forEach(all::addAll);
    List<SmallCellSuppression.ModelResult> out = rule.apply(all, learned);
    suppressed.clear();
    maskedValues.clear();
    maskedValues.addAll(learned);
    int i = 0;
    for (Map.Entry<String, List<TableModel>> e : models.entrySet()) {
      suppressed.put(e.getKey(), new ArrayList<>(out.subList(i, i + e.getValue().size())));
      i += e.getValue().size();
    }
    for (int t = 0; t < all.size(); t++) {
      List<TableModel.Row> before = all.get(t).rows();
      List<TableModel.Row> after = out.get(t).model().rows();
      for (int r = 0; r < before.size(); r++) {
        for (int c = 0; c < before.get(r).cells().size(); c++) {
          if (before.get(r).cells().get(c) instanceof studybook.tables.TableValue.Count k && k.n() >= 1
              && !(after.get(r).cells().get(c) instanceof studybook.tables.TableValue.Count)) {
            maskedValues.add(k.n());
          }
        }
      }
    }
  }

  /**
   * Table {@code index} of cell {@code cell}'s result as suppressed with all the others; a table the
   * ledger did not see (a template's own expression) is suppressed alone, masking the known values.
   */
  SmallCellSuppression.ModelResult table(String cell, int index, TableModel model) {
    List<TableModel> seen = models.get(cell);
    if (seen != null && index < seen.size() && seen.get(index).equals(model)) {
      return suppressed.get(cell).get(index);
    }
    return rule.apply(List.of(model), maskedValues).get(0);
  }

  /** Whether a count printed outside a model table is masked: 1..K-1, or a value masked elsewhere. */
  @Override
  public boolean test(long n) {
    return n >= 1 && (n < rule.threshold() || maskedValues.contains(n));
  }

  /** The number style with this ledger's masking of counts. */
  NumberStyle style(NumberStyle plain) {
    return plain.maskingCounts(this, rule.mask());
  }

  /** {@link #style}, its mask escaped for Markdown (the templates' {@code fmt}): "[c]" is not a link there. */
  NumberStyle markdownStyle(NumberStyle plain) {
    return plain.maskingCounts(this, plain.md(rule.mask()));
  }

  /**
   * Values masked where the ledger could not see them (a hand-laid table's complement); true when
   * one is new, so the caller renders again and every print of that value is masked too.
   */
  boolean learn(Collection<Long> values) {
    boolean changed = false;
    for (long v : values) {
      if (v >= rule.threshold() && !maskedValues.contains(v)) {
        learned.add(v);
        changed = true;
      }
    }
    if (changed) {
      solve();
    }
    return changed;
  }
}
