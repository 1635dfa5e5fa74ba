package studybook.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import studybook.data.Frame;
import studybook.data.FramePlan;
import studybook.data.VariableKind;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;

/**
 * A logistic model's design on Spark, as a regression table asks for it ({@link FramePlan#logisticDesign}): the
 * complete cases, y and the dummy-coded columns are Spark column expressions over the planned frame's rows (a
 * categorical term is its level codes, a continuous one a double divided by its scale as the local design divides
 * it). The census is two aggregations (the outcome's distinct values in order of first appearance, then the complete
 * cases, events, rows and events per level, each number's range and first value), a handful of numbers; the fit is
 * the Spark logistic fit ({@link SparkLogistic#fit}: aliasing on stacked triangles, then the local engine's
 * maximum-likelihood or Firth fit on passes over the design, kept in memory until the design is closed).
 */
final class SparkLogisticDesign implements FramePlan.LogisticDesign {
  private final SparkFrame frame;
  private final SparkData data;
  private final String outcome;
  private final List<String> terms;
  private final Map<String, Double> scales;
  private final boolean outcomeCategorical;
  private final List<String> outcomeLevels;
  private final boolean[] categorical;
  private final int[] levels;
  private Column y;
  private Column complete;
  private long n;
  private long events;
  private Dataset<Row> design;

  SparkLogisticDesign(SparkFrame frame, SparkData data, String outcome, List<String> terms, Map<String, Double> scales,
      Frame shape) {
    this.frame = frame;
    this.data = data;
    this.outcome = outcome;
    this.terms = List.copyOf(terms);
    this.scales = Map.copyOf(scales);
    this.outcomeCategorical = shape.kind(outcome) == VariableKind.CATEGORICAL;
    this.outcomeLevels = outcomeCategorical ? shape.levels(outcome) : List.of();
    this.categorical = new boolean[terms.size()];
    this.levels = new int[terms.size()];
    for (int k = 0; k < terms.size(); k++) {
      categorical[k] = shape.kind(terms.get(k)) == VariableKind.CATEGORICAL;
      levels[k] = categorical[k] ? shape.levels(terms.get(k)).size() : 0;
    }
  }

  /** Present: not null (nor NaN for a number; the loader makes NaN null, this keeps it so). */
  private static Column present(Column c, boolean categorical) {
    return categorical ? c.isNotNull() : c.isNotNull().and(org.apache.spark.sql.functions.not(isnan(c)));
  }

  @Override
  public FramePlan.DesignCensus census(String eventValue) {
    Column o = SparkFrame.column(outcome);
    Column hasOutcome = present(o, outcomeCategorical);
    // the outcome's distinct values in order of first appearance: Spark's row ids grow with the partition and the
    // row within it, the data's order
    Dataset<Row> byFirst = frame.rows().filter(hasOutcome).withColumn("__row", monotonically_increasing_id())
        .groupBy(o.as("v")).agg(min("__row").as("first")).orderBy("first").limit(3);
    List<Row> firstValues = data.job(byFirst::collectAsList);
    List<String> outcomeValues = new ArrayList<>();
    for (Row r : firstValues) {
      outcomeValues.add(outcomeCategorical ? outcomeLevels.get(r.getInt(0)) : Double.toString(r.getDouble(0)));
    }
    if (outcomeCategorical) {
      int code = eventValue == null ? -1 : outcomeLevels.indexOf(eventValue);
      y = when(o.equalTo(code), lit(1.0)).otherwise(lit(0.0));
    } else {
      y = eventValue == null ? lit(0.0) : when(o.equalTo(Double.parseDouble(eventValue)), lit(1.0)).otherwise(lit(0.0));
    }
    Column all = hasOutcome;
    for (int k = 0; k < terms.size(); k++) {
      all = all.and(present(SparkFrame.column(terms.get(k)), categorical[k]));
    }
    complete = all;
    Column event = y.equalTo(1.0);
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    aggs.add(count(when(event, lit(1))));
    for (int k = 0; k < terms.size(); k++) {
      Column t = SparkFrame.column(terms.get(k));
      if (categorical[k]) {
        for (int l = 0; l < levels[k]; l++) {
          aggs.add(count(when(t.equalTo(l), lit(1))));
          aggs.add(count(when(t.equalTo(l).and(event), lit(1))));
        }
      } else {
        aggs.add(min(t));
        aggs.add(max(t));
        aggs.add(min_by(t, SparkFrame.column("__row")));
      }
    }
    Dataset<Row> cases = frame.rows().filter(complete).withColumn("__row", monotonically_increasing_id());
    Row r = data.job(() -> cases.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).head());
    n = r.getLong(0);
    events = r.getLong(1);
    long[][] levelRows = new long[terms.size()][];
    long[][] levelEvents = new long[terms.size()][];
    double[] first = new double[terms.size()];
    boolean[] varies = new boolean[terms.size()];
    int i = 2;
    for (int k = 0; k < terms.size(); k++) {
      first[k] = Double.NaN;
      if (categorical[k]) {
        levelRows[k] = new long[levels[k]];
        levelEvents[k] = new long[levels[k]];
        for (int l = 0; l < levels[k]; l++) {
          levelRows[k][l] = r.getLong(i++);
          levelEvents[k][l] = r.getLong(i++);
        }
      } else {
        boolean any = !r.isNullAt(i);
        varies[k] = any && r.getDouble(i) != r.getDouble(i + 1);
        first[k] = any ? r.getDouble(i + 2) : Double.NaN;
        i += 3;
      }
    }
    return new FramePlan.DesignCensus(frame.rowCount(), outcomeValues, n, events, levelRows, levelEvents, first,
        varies);
  }

  @Override
  public LogisticFit fit(LogisticRegression regression, List<String> columns) {
    if (complete == null) {
      throw new IllegalStateException("census first");
    }
    if (design == null) {
      // (y, x_0 .. x_{p-1}) per complete case, as SparkLogistic's passes read it: the intercept, one 0/1 column per
      // level after the first, a number divided by its scale
      List<Column> x = new ArrayList<>();
      x.add(y.as("y"));
      x.add(lit(1.0).as("x0"));
      for (int k = 0; k < terms.size(); k++) {
        Column t = SparkFrame.column(terms.get(k));
        if (categorical[k]) {
          for (int l = 1; l < levels[k]; l++) {
            x.add(when(t.equalTo(l), lit(1.0)).otherwise(lit(0.0)).as("x" + x.size()));
          }
        } else {
          Double scale = scales.get(terms.get(k));
          Column v = t.cast("double");
          x.add((scale != null && scale != 1 ? v.divide(lit(scale.doubleValue())) : v).as("x" + x.size()));
        }
      }
      if (x.size() - 1 != columns.size()) {
        throw new IllegalStateException(columns + " are not the design's " + (x.size() - 1) + " columns");
      }
      design = frame.rows().filter(complete).select(x.toArray(new Column[0])).persist(StorageLevel.MEMORY_AND_DISK());
    }
    return SparkLogistic.fit(data, design, columns, Math.toIntExact(n), Math.toIntExact(events), regression);
  }

  @Override
  public void close() {
    if (design != null) {
      design.unpersist();
      design = null;
    }
  }
}
