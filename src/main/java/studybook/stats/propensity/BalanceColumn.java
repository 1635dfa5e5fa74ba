package studybook.stats.propensity;

/**
 * One covariate column of the balance table: a continuous covariate (its values) or the 0/1 indicator of
 * one level of a categorical covariate.
 *
 * @param term the row name: the covariate's name, or {@code variable=level} for a level's indicator
 * @param level whether the column is a level indicator (its s² is p(1 − p) and it has no variance ratio)
 * @param values one value per row used, in row order
 */
public record BalanceColumn(String term, boolean level, double[] values) {
  public BalanceColumn {
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }
}
