package studybook.report;

import studybook.stats.regression.CoxPhTest;
import studybook.tables.CoxModelSummary;
import studybook.tables.CoxTermRow;
import studybook.tables.HazardRatioRow;
import studybook.tables.HazardRatioTable;

/**
 * A hazard-ratio table as Markdown, in the study's one number style and the layout of the logistic
 * Table 3: univariable HR, 95% CI, P beside multivariable HR, 95% CI, P; then patients and events, the
 * method with its R call, the proportional-hazards test (cox.zph) of every multivariable term and
 * globally, and a plain sentence for each term that fails it (P &lt; 0.05). A diverged term reads
 * "not estimable (diverged)"; data without events give "Not estimable (no events)." and no numbers.
 * A template places it with {@code ${hazardRatioTable(cellName)}}.
 */
public final class HazardRatioMarkdown {
  private HazardRatioMarkdown() {}

  /** The table and its footnotes. */
  public static String of(HazardRatioTable table, NumberStyle fmt) {
    CoxModelSummary multi = table.multivariable();
    StringBuilder md = new StringBuilder();
    if (!table.estimable()) {
      md.append("Not estimable (no events): none of the ").append(fmt.count(multi.n()))
          .append(" patients had the event, so no hazard ratio exists.\n");
      return md.toString();
    }
    md.append("| Characteristic | Univariable HR | 95% CI | P | Multivariable HR | 95% CI | P |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (HazardRatioRow row : table.entries()) {
      md.append("| ").append(fmt.md(row.label())).append(" | ");
      cells(md, row.univariable(), fmt);
      md.append(" | ");
      cells(md, row.multivariable(), fmt);
      md.append(" |\n");
    }
    md.append('\n');
    md.append("HR, hazard ratio; CI, confidence interval. ").append(fmt.count(multi.n())).append(" patients, ")
        .append(fmt.count(multi.events())).append(" events");
    if (multi.excluded() > 0) {
      md.append(" (").append(fmt.count(multi.excluded())).append(" left out of the multivariable model for a missing value)");
    }
    md.append(". ").append(fmt.md(table.methodNote())).append('\n');
    CoxPhTest ph = multi.phTest();
    md.append('\n').append("Proportional hazards (cox.zph): ");
    for (int i = 0; i < ph.terms().size(); i++) {
      CoxPhTest.Row r = ph.terms().get(i);
      md.append(i == 0 ? "" : "; ").append(fmt.md(r.term())).append(" P = ").append(fmt.p(r.p()));
    }
    md.append("; global P = ").append(fmt.p(ph.global().p())).append(".\n");
    for (CoxPhTest.Row r : multi.phFailures()) {
      md.append('\n').append("**The hazard ratio of ").append(fmt.md(r.term()))
          .append(" changes over follow-up (proportional-hazards test P = ").append(fmt.p(r.p()))
          .append("): its single hazard ratio is an average over time.**\n");
    }
    for (String term : multi.diverged()) {
      md.append('\n').append("**").append(fmt.md(term)).append(": the estimate diverges (monotone likelihood, e.g. a "
          + "group without events), so no hazard ratio is reported.**\n");
    }
    return md.toString();
  }

  private static void cells(StringBuilder md, CoxTermRow t, NumberStyle fmt) {
    if (t == null) {
      md.append(" |  | ");
    } else if (t.diverged()) {
      md.append("not estimable (diverged) |  | ");
    } else if (!t.estimated()) {
      md.append("not estimable |  | ");
    } else {
      md.append(fmt.or(t.hazardRatio())).append(" | ").append(fmt.ci(t.ciLow(), t.ciHigh())).append(" | ")
          .append(fmt.p(t.p()));
    }
  }
}
