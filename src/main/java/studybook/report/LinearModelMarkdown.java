package studybook.report;

import java.util.List;
import studybook.stats.regression.LinearCoefficient;
import studybook.stats.regression.LinearFit;
import studybook.tables.LinearModelTable;

/**
 * A linear model's coefficient table as Markdown, in the study's one number style: one row per term
 * (estimate, 95% CI, P), then the fit (n, R², adjusted R², residual SE, F test), the method with its R
 * call, and a sentence for each aliased term. A template places it with {@code ${linearModel(cellName)}}.
 */
public final class LinearModelMarkdown {
  private LinearModelMarkdown() {}

  /** The table and its footnotes. */
  public static String of(LinearModelTable table, NumberStyle fmt) {
    LinearFit fit = table.fit();
    StringBuilder md = new StringBuilder();
    md.append("| Characteristic | Estimate | 95% CI | P |\n|---|---:|---:|---:|\n");
    List<LinearCoefficient> entries = table.entries();
    for (int i = 0; i < entries.size(); i++) {
      LinearCoefficient c = entries.get(i);
      md.append("| ").append(fmt.md(table.labels().get(i))).append(" | ");
      if (c.aliased()) {
        md.append("NA (aliased) |  |  |\n");
      } else {
        md.append(fmt.num(c.estimate())).append(" | ").append(fmt.num(c.ciLow())).append("–")
            .append(fmt.num(c.ciHigh())).append(" | ").append(fmt.p(c.p())).append(" |\n");
      }
    }
    md.append('\n');
    md.append("Outcome: ").append(fmt.md(table.outcomeLabel())).append(". ")
        .append(fmt.count(fit.n())).append(" patients");
    if (table.excluded() > 0) {
      md.append(" (").append(fmt.count(table.excluded())).append(" left out for a missing value)");
    }
    md.append("; R² = ").append(fmt.num(fit.rSquared(), 3)).append(", adjusted R² = ")
        .append(fmt.num(fit.adjRSquared(), 3)).append(", residual SE = ").append(fmt.num(fit.sigma()));
    fit.f().ifPresent(f -> md.append("; F = ").append(fmt.num(f.statistic())).append(" on ")
        .append(fmt.count(f.df())).append(" and ").append(fmt.count(f.df2())).append(" df, P = ").append(fmt.p(f.p())));
    md.append(". ").append(fmt.md(table.method())).append(".\n");
    if (!fit.aliased().isEmpty()) {
      md.append('\n');
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).aliased()) {
          md.append("**").append(fmt.md(table.labels().get(i)))
              .append(" is a linear combination of the other terms (aliased): it cannot be estimated and is "
                  + "reported as NA, as R does.**\n");
        }
      }
    }
    return md.toString();
  }
}
