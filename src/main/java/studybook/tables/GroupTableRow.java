package studybook.tables;

import java.util.List;

/**
 * One row of a {@link GroupTable}.
 *
 * @param variable the variable
 * @param label its display label (with the unit for numbers, e.g. "Tumour size, mm")
 * @param level the level of a level row; empty for a variable's heading or a continuous row
 * @param levelLabel the level's display label
 * @param style {@code mean_sd}, {@code median_iqr}, {@code level} or {@code heading} (a categorical variable's first row)
 * @param overall the summary over all patients
 * @param groups the summary per group, in group order
 * @param missing values missing overall (on the variable's first row)
 * @param test the test's name (on the variable's first row; empty elsewhere)
 * @param p the p-value (on the variable's first row; NaN elsewhere or when not computable)
 * @param statistic the test statistic (first row; NaN where the test has none, as Fisher's, or elsewhere)
 * @param df its degrees of freedom (first row; NaN where there are none); for ANOVA the numerator's
 * @param reason why the test was chosen, or why no p could be computed
 */
public record GroupTableRow(String variable, String label, String level, String levelLabel, String style,
    SummaryCell overall, List<SummaryCell> groups, int missing, String test, double p, double statistic,
    double df, String reason) {
  public GroupTableRow {
    groups = List.copyOf(groups);
  }

  /** Whether this row opens its variable (carries label, test and p). */
  public boolean first() {
    return !style.equals("level");
  }
}
