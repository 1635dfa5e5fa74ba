package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableKind;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * The rows of a weighted or clustered model, prepared as the contract's "Weighted, clustered and pooled fits"
 * prepare them for the commands: every weight a number of at least 0 (a missing, negative or non-numeric weight
 * is an error naming the column and the row), rows of weight 0 left out, then complete cases on the model
 * columns and the cluster.
 *
 * @param frame the rows kept, in file order
 * @param weights their weights, or null without a weight column
 * @param cluster their cluster indices (in order of first appearance), or null without a cluster column
 * @param clusters the number of distinct clusters (0 without a cluster column)
 * @param excluded rows of positive weight left out for a missing value (the cluster included)
 * @param zeroWeight rows of weight 0, left out
 */
public record WeightedRows(Frame frame, double[] weights, int[] cluster, int clusters, int excluded, int zeroWeight) {

  /** Checks and keeps the rows; {@code weights} and {@code cluster} may be null. */
  public static WeightedRows prepare(Frame frame, String weights, String cluster, List<String> modelColumns) {
    return prepare(frame, weights, cluster, modelColumns, null);
  }

  /**
   * As {@link #prepare(Frame, String, String, List)}; {@code nonNumericHint} is what the error for a weight
   * column read as text tells the author (the command names its own option), null for none.
   */
  public static WeightedRows prepare(Frame frame, String weights, String cluster, List<String> modelColumns,
      String nonNumericHint) {
    int n = frame.rowCount();
    double[] w = null;
    if (weights != null) {
      frame.requireColumn(weights);
      if (modelColumns.contains(weights)) {
        throw new DataException(new DataProblem(frame.source(), 1, weights, null,
            "is a model column and cannot also be the weights", null));
      }
      if (frame.kind(weights) != VariableKind.CONTINUOUS) {
        for (int r = 0; r < n; r++) {
          if (!frame.text(weights, r).isEmpty()) {
            throw frame.problem(weights, r, "a weight must be a number", "fix the value");
          }
        }
        throw new DataException(new DataProblem(frame.source(), 1, weights, null, "the weights must be numeric",
            nonNumericHint));
      }
      w = frame.values(weights);
      for (int r = 0; r < n; r++) {
        if (Double.isNaN(w[r])) {
          throw frame.problem(weights, r, "a weight is missing", "give every row a weight (0 leaves it out)");
        }
        if (w[r] < 0 || Double.isInfinite(w[r])) {
          throw frame.problem(weights, r, "a weight must be a finite number of at least 0, not " + w[r],
              "fix the value");
        }
      }
    }
    List<String> required = new ArrayList<>(modelColumns);
    if (cluster != null) {
      frame.requireColumn(cluster);
      if (modelColumns.contains(cluster)) {
        throw new DataException(new DataProblem(frame.source(), 1, cluster, null,
            "is a model column and cannot also be the cluster", null));
      }
      required.add(cluster);
    }
    for (String c : required) {
      frame.requireColumn(c);
    }
    BitmapBackedSelection keep = new BitmapBackedSelection();
    int excluded = 0;
    int zero = 0;
    List<Double> keptWeights = new ArrayList<>();
    List<String> keptCluster = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (w != null && w[r] == 0) {
        zero++;
        continue;
      }
      boolean complete = true;
      for (String c : required) {
        complete &= !frame.text(c, r).isEmpty();
      }
      if (!complete) {
        excluded++;
        continue;
      }
      keep.add(r);
      if (w != null) {
        keptWeights.add(w[r]);
      }
      if (cluster != null) {
        keptCluster.add(frame.text(cluster, r));
      }
    }
    if (keep.isEmpty()) {
      throw new DataException(new DataProblem(frame.source(), 1, weights != null ? weights : cluster, null,
          "no row has a positive weight and every model column present", null));
    }
    int[] ids = null;
    int clusters = 0;
    if (cluster != null) {
      Map<String, Integer> index = new LinkedHashMap<>();
      ids = new int[keptCluster.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = index.computeIfAbsent(keptCluster.get(i), k -> index.size());
      }
      clusters = index.size();
      if (clusters < 2) {
        throw new DataException(new DataProblem(frame.source(), 1, cluster, keptCluster.get(0),
            "cluster-robust standard errors need two or more clusters among the rows used, but there is one", null));
      }
    }
    return new WeightedRows(frame.where(keep), w == null ? null
        : keptWeights.stream().mapToDouble(Double::doubleValue).toArray(), ids, clusters, excluded, zero);
  }

  /** The effective sample size (Σw)²/Σw² of the rows kept (their count without weights). */
  public double ess() {
    if (weights == null) {
      return frame.rowCount();
    }
    double s = 0;
    double s2 = 0;
    for (double v : weights) {
      s += v;
      s2 += v * v;
    }
    return s * s / s2;
  }
}
