package studybook.tables;

import java.util.List;

/**
 * One row of a {@link GroupTable}.
 *
 * @param variable the variable
 * @param label its display label (with the unit for numbers, e.g. "Tumour size, mm")
 * @param level the level of a level row; empty for a variable's heading or a continuous row
 * @param levelLabel the level's display label
 * @param style {@code mean_sd}, {@code median_iqr}, {@code level}, {@code heading} (a categorical variable's first
 *     row) or {@code dichotomous} (a categorical variable shown as the one row of {@code level})
 * @param overall the summary over all patients
 * @param groups the summary per group, in group order
 * @param missing values missing overall (on the variable's first row)
 * @param test the test's name (on the variable's first row; empty elsewhere)
 * @param p the p-value (on the variable's first row; NaN elsewhere or when not computable)
 * @param statistic the test statistic (first row; NaN where the test has none, as Fisher's, or elsewhere)
 * @param df its degrees of freedom (first row; NaN where there are none); for ANOVA the numerator's
 * @param reason why the test was chosen, or why no p could be computed
 * @param decimals decimals of a number's summary, or -1 for the study's {@code style.decimals}
 */
public record GroupTableRow(String variable, String label, String level, String levelLabel, String style,
    SummaryCell overall, List<SummaryCell> groups, int missing, String test, double p, double statistic,
    double df, String reason, int decimals) {
  public GroupTableRow {
    groups = List.copyOf(groups);
  }

  /** A row in the study's default decimals. */
  public GroupTableRow(String variable, String label, String level, String levelLabel, String style,
      SummaryCell overall, List<SummaryCell> groups, int missing, String test, double p, double statistic,
      double df, String reason) {
    this(variable, label, level, levelLabel, style, overall, groups, missing, test, p, statistic, df, reason, -1);
  }

  /** Whether this row opens its variable (carries label, test and p). */
  public boolean first() {
    return !style.equals("level");
  }
}
