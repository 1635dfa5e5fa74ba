package studybook.tables;

/**
 * One cell of a summary table, raw: what the numbers mean depends on the row's style. Formatting
 * happens in the report.
 *
 * @param first count (level rows), mean (mean_sd) or median (median_iqr)
 * @param second percentage of non-missing values (level rows), SD (mean_sd) or first quartile (median_iqr)
 * @param third third quartile (median_iqr); NaN otherwise
 * @param n the values summarised (non-missing)
 */
public record SummaryCell(double first, double second, double third, int n) {}
