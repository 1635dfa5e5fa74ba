package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Table 1 of a study with multiply imputed data ({@link Table1#build(Imputation.Result)} or
 * {@link Table1#buildPooled(Imputation.Result)}): the table itself and a footnote that says which data it shows.
 * By default the observed data, before imputation, with the missing values counted as missing (as journals
 * print it); pooled on request: each completed data set summarised and the summaries averaged (Rubin's rule for
 * a point estimate: counts rounded to whole patients, percentages, means, SDs, medians and quartiles averaged),
 * each P the median of the m P-values (the median P rule).
 *
 * @param table the summary table
 * @param pooled true when the numbers are averaged over the completed data sets
 * @param m the number of completed data sets
 * @param missing per imputed variable its count of missing values in the observed data
 * @param imputation the imputation in a sentence ({@link Imputation.Result#methodSentence()})
 */
public record ImputedGroupTable(GroupTable table, boolean pooled, int m, Map<String, Integer> missing,
    String imputation) implements Tabular, Displayable {

  public ImputedGroupTable {
    missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missing));
  }

  /** What the table shows, in a sentence. */
  public String basis() {
    List<String> counts = new ArrayList<>();
    missing.forEach((v, k) -> {
      if (k > 0) {
        counts.add(v + " " + TableValue.countInText(k));
      }
    });
    String list = String.join(", ", counts);
    if (pooled) {
      return "Pooled over the " + m + " imputed data sets: each completed data set was summarised and the summaries"
          + " averaged (counts rounded to whole patients; percentages, means, standard deviations, medians and"
          + " quartiles averaged); each P is the median of the " + m + " P-values (median P rule)."
          + (counts.isEmpty() ? "" : " Missing values in the observed data: " + list + ".");
    }
    return "Observed data, before imputation" + (counts.isEmpty() ? "" : " (missing values: " + list + ")")
        + "; the models use the " + m + " imputed data sets.";
  }

  @Override
  public List<TableModel> display() {
    List<TableModel> shown = new ArrayList<>(table.display());
    TableModel first = shown.get(0);
    List<String> notes = new ArrayList<>();
    notes.add(basis());
    notes.addAll(first.notes());
    notes.add(imputation + ".");
    shown.set(0, new TableModel(first.name(), first.caption(), first.columns(), first.rows(), first.tests(), notes,
        first.describes()));
    return shown;
  }

  @Override
  public String tableName() {
    return table.tableName();
  }

  @Override
  public List<String> columns() {
    return table.columns();
  }

  @Override
  public List<List<Object>> rows() {
    return table.rows();
  }
}
