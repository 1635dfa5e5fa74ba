package studybook.stats.regression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A numeric design for a logistic model: x (column 0 the intercept of ones), y in {0, 1}, one name per
 * column, and which columns belong to each term (a categorical term owns one indicator per
 * non-reference level, so its likelihood-ratio test is joint).
 *
 * @param terms term name to its column indices, in term order (the intercept is not a term)
 */
public record Design(@studybook.RowLevel double[][] x, @studybook.RowLevel double[] y, List<String> columns, Map<String, int[]> terms) {

  public Design {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y need the same number of rows");
    }
    double[][] xc = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != columns.size()) {
        throw new IllegalArgumentException("every row of x needs one value per column name");
      }
      xc[i] = x[i].clone();
    }
    x = xc;
    y = y.clone();
    columns = List.copyOf(columns);
    Map<String, int[]> t = new LinkedHashMap<>();
    terms.forEach((k, v) -> t.put(k, v.clone()));
    terms = java.util.Collections.unmodifiableMap(t);
  }

  @Override
  public double[][] x() {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  public int n() {
    return y.length;
  }

  public int events() {
    int e = 0;
    for (double v : y) {
      e += v == 1 ? 1 : 0;
    }
    return e;
  }

  /** The term names, in order. */
  public List<String> termNames() {
    return new ArrayList<>(terms.keySet());
  }
}
