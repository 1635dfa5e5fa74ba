package studybook.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import studybook.data.Condition;
import studybook.data.Frame;
import studybook.data.FramePlan;

/**
 * A frame's rows on Spark: a Dataset whose categorical columns are level codes (integers, in the frame's current
 * level order) and whose continuous columns are doubles, null for missing. Each verb is a Spark column expression
 * ({@link #column(Condition, Frame)}: R's three-valued logic is SQL's, null as NA) or an aggregation whose result
 * is a handful of counts; no row reaches the driver. Counts are integers, exact in any order.
 */
final class SparkFrame implements FramePlan {
  private final SparkData data;
  private final Dataset<Row> rows;
  private final String identity;
  private volatile Long rowCount;

  SparkFrame(SparkData data, Dataset<Row> rows, String identity) {
    this.data = data;
    this.rows = rows;
    this.identity = identity;
  }

  @Override
  public String engine() {
    return "Spark";
  }

  @Override
  public String identity() {
    return identity;
  }

  Dataset<Row> rows() {
    return rows;
  }

  /** The row count when the loader has counted it already. */
  void knownRowCount(long n) {
    rowCount = n;
  }

  @Override
  public long rowCount() {
    Long n = rowCount;
    if (n == null) {
      n = data.job(rows::count);
      rowCount = n;
    }
    return n;
  }

  static Column column(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** The condition as a boolean column: true, false, or null where R says NA. Names were checked by the frame. */
  static Column column(Condition c, Frame shape) {
    if (c instanceof Condition.Levels l) {
      List<String> all = shape.levels(l.column());
      List<Object> wanted = new ArrayList<>();
      for (String level : l.levels()) {
        wanted.add(all.indexOf(level));
      }
      Column in = column(l.column()).isin(wanted.toArray());
      return l.negated() ? functionsNot(in) : in;
    }
    if (c instanceof Condition.Compare k) {
      Column v = column(k.column());
      return switch (k.op()) {
        case BELOW -> v.lt(k.x());
        case AT_MOST -> v.leq(k.x());
        case ABOVE -> v.gt(k.x());
        case AT_LEAST -> v.geq(k.x());
        case BETWEEN -> v.geq(k.x()).and(v.leq(k.high()));
      };
    }
    if (c instanceof Condition.Missing m) {
      return m.negated() ? column(m.column()).isNotNull() : column(m.column()).isNull();
    }
    if (c instanceof Condition.All a) {
      Column out = null;
      for (Condition p : a.parts()) {
        out = out == null ? column(p, shape) : out.and(column(p, shape));
      }
      return out;
    }
    if (c instanceof Condition.Any a) {
      Column out = null;
      for (Condition p : a.parts()) {
        out = out == null ? column(p, shape) : out.or(column(p, shape));
      }
      return out;
    }
    if (c instanceof Condition.Not n) {
      return functionsNot(column(n.part(), shape));
    }
    throw new IllegalStateException("unknown condition " + c.getClass());
  }

  private static Column functionsNot(Column c) {
    return org.apache.spark.sql.functions.not(c);
  }

  @Override
  public long[] truthCounts(Condition condition, Frame shape) {
    Column t = column(condition, shape);
    Row r = data.job(() -> rows.agg(count(when(t.equalTo(true), lit(1))), count(when(t.equalTo(false), lit(1))),
        count(when(t.isNull(), lit(1)))).head());
    return new long[] {r.getLong(0), r.getLong(1), r.getLong(2)};
  }

  @Override
  public FramePlan where(Condition condition, Frame shape) {
    return new SparkFrame(data, rows.filter(column(condition, shape)), identity + " | where " + condition);
  }

  @Override
  public long[] countBy(String column, int levels) {
    long[] out = new long[levels + 1];
    List<Row> counts = data.job(() -> rows.groupBy(column(column)).count().collectAsList());
    for (Row r : counts) {
      out[r.isNullAt(0) ? levels : r.getInt(0)] += r.getLong(1);
    }
    return out;
  }

  @Override
  public long[][] countByGroup(String column, int levels, String by, int groups) {
    Column g = column(by);
    List<Row> counts = data.job(() -> rows.filter(g.isNotNull()).groupBy(g, column(column)).count().collectAsList());
    long[][] out = new long[groups][levels + 1];
    for (Row r : counts) {
      out[r.getInt(0)][r.isNullAt(1) ? levels : r.getInt(1)] += r.getLong(2);
    }
    return out;
  }

  @Override
  public List<ValueCounts> valueCounts(String column, String by, int groups) {
    Column g = column(by);
    Column x = column(column);
    // NaN is missing, as in a local frame; -0.0 and 0.0 are one value (the local sort's == runs)
    Column v = when(x.isNull().or(x.isNaN()), lit(null).cast("double")).otherwise(x.plus(lit(0.0)));
    List<Row> counts = data.job(() -> rows.filter(g.isNotNull()).groupBy(g.as("g"), v.as("v")).count()
        .collectAsList());
    List<java.util.TreeMap<Double, Long>> byGroup = new ArrayList<>();
    long[] missing = new long[groups];
    for (int k = 0; k < groups; k++) {
      byGroup.add(new java.util.TreeMap<>());
    }
    for (Row r : counts) {
      int k = r.getInt(0);
      if (r.isNullAt(1)) {
        missing[k] += r.getLong(2);
      } else {
        byGroup.get(k).merge(r.getDouble(1) + 0.0, r.getLong(2), Long::sum);
      }
    }
    List<ValueCounts> out = new ArrayList<>();
    for (int k = 0; k < groups; k++) {
      java.util.TreeMap<Double, Long> m = byGroup.get(k);
      double[] values = new double[m.size()];
      long[] n = new long[m.size()];
      int i = 0;
      for (java.util.Map.Entry<Double, Long> e : m.entrySet()) {
        values[i] = e.getKey();
        n[i++] = e.getValue();
      }
      out.add(new ValueCounts(values, n, missing[k]));
    }
    return out;
  }

  @Override
  public boolean wholeNumbers(String column) {
    Column x = column(column);
    Column present = x.isNotNull().and(functionsNot(x.isNaN()));
    Row r = data.job(() -> rows.agg(count(when(present, lit(1))),
        count(when(present.and(x.notEqual(org.apache.spark.sql.functions.rint(x))), lit(1)))).head());
    return r.getLong(0) > 0 && r.getLong(1) == 0;
  }

  @Override
  public long[][] countTruthBy(Condition condition, String by, int levels, Frame shape) {
    Column t = column(condition, shape);
    Column g = column(by);
    List<Row> counts = data.job(() -> rows.filter(t.isNotNull().and(g.isNotNull())).groupBy(t, g).count()
        .collectAsList());
    long[][] out = new long[2][levels];
    for (Row r : counts) {
      out[r.getBoolean(0) ? 0 : 1][r.getInt(1)] += r.getLong(2);
    }
    return out;
  }

  @Override
  public FramePlan withFactor(String name, List<Condition> conditions, int[] codes, Frame shape) {
    Column e = null;
    StringBuilder id = new StringBuilder(identity).append(" | factor ").append(name);
    for (int i = 0; i < codes.length; i++) {
      Column holds = conditions.get(i) == null ? lit(true) : column(conditions.get(i), shape);
      e = e == null ? when(holds, lit(codes[i])) : e.when(holds, lit(codes[i]));
      id.append(' ').append(codes[i]).append(':').append(conditions.get(i));
    }
    return new SparkFrame(data, rows.withColumn(name, e.cast("int")), id.toString());
  }

  @Override
  public FramePlan withLevelOrder(String column, int[] remap) {
    Column c = column(column);
    Column e = null;
    for (int i = 0; i < remap.length; i++) {
      e = e == null ? when(c.equalTo(i), lit(remap[i])) : e.when(c.equalTo(i), lit(remap[i]));
    }
    return new SparkFrame(data, rows.withColumn(column, e.cast("int")),
        identity + " | levels " + column + " " + java.util.Arrays.toString(remap));
  }

  @Override
  public TimeTally survivalCounts(String time, String status, boolean[] event, boolean[] missing, String group,
      List<String> groups) {
    Column t = column(time);
    Column g = group == null ? lit(0) : column(group);
    // NaN is missing, as in a local frame
    Column tv = when(t.isNull().or(t.isNaN()), lit(null).cast("double")).otherwise(t);
    // The sufficient statistics, in one pass: rows per group, time and status code (null time or status included),
    // a few thousand rows however many patients; sorted into events, censorings and the rows left out here.
    List<Row> tallies = data.job(() -> rows.groupBy(g.as("g"), tv.as("t"), column(status).as("s")).count()
        .collectAsList());
    int last = groups.size() - 1;
    List<java.util.TreeMap<Double, long[]>> byGroup = new ArrayList<>();
    for (int k = 0; k < groups.size(); k++) {
      byGroup.add(new java.util.TreeMap<>());
    }
    long missingTime = 0;
    long missingStatus = 0;
    long negativeRows = 0;
    double negative = Double.NaN;
    for (Row r : tallies) {
      long n = r.getLong(3);
      if (r.isNullAt(1)) {
        missingTime += n;
        continue;
      }
      double x = r.getDouble(1) + 0.0; // -0.0 and 0.0 are one time
      if (x < 0) {
        negativeRows += n;
        negative = Double.isNaN(negative) ? x : Math.min(negative, x);
        continue;
      }
      if (r.isNullAt(2) || missing[r.getInt(2)]) {
        missingStatus += n;
        continue;
      }
      long[] a = byGroup.get(r.isNullAt(0) ? last : r.getInt(0)).computeIfAbsent(x, k -> new long[2]);
      a[event[r.getInt(2)] ? 0 : 1] += n;
    }
    if (negativeRows > 0) {
      throw new studybook.data.DataException(new studybook.data.DataProblem(data.file, 0, time,
          Double.toString(negative), "negative survival time (" + negativeRows + " rows)",
          "a follow-up time counts from the start of observation; fix or remove the rows"));
    }
    // Finished by the local engine's own code from the counts by distinct time (stats.survival.TimeCounts).
    return new TimeTally(SparkSurvival.counts(groups, byGroup), missingTime, missingStatus);
  }

  @Override
  public LogisticDesign logisticDesign(String outcome, List<String> terms, java.util.Map<String, Double> scales,
      Frame shape) {
    return new SparkLogisticDesign(this, data, outcome, terms, scales, shape);
  }
}
