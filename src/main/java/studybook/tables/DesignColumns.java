package studybook.tables;

import java.util.List;
import java.util.Map;

/**
 * A logistic or linear design held column by column, as {@link DesignMatrix#columnsOf} builds it from the
 * {@link ModelFrame}: for fits on large data ({@code LogisticRegression.fitColumns}), where one small array per
 * row would cost more than the arithmetic. The per-row arrays reach no output.
 *
 * @param x one array per design column, each with one value per complete case; column 0 the intercept
 * @param y the outcome of each complete case (1 event, 0 not)
 * @param columns one name per design column
 * @param terms each term's column indices
 * @param outcome the outcome column
 * @param event the outcome value coded 1
 * @param excluded rows left out for a missing outcome or term value
 */
public record DesignColumns(@studybook.RowLevel double[][] x, @studybook.RowLevel double[] y, List<String> columns,
    Map<String, int[]> terms, String outcome, String event, int excluded) {}
