package studybook.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import studybook.StudybookException;
import studybook.data.VariableKind;
import studybook.stats.compare.ContingencyTests;
import studybook.stats.compare.GroupTests;
import studybook.stats.compare.TestId;
import studybook.stats.compare.TestResult;
import studybook.stats.describe.Descriptives;
import studybook.stats.describe.LevelCounts;
import studybook.stats.describe.Summary;
import studybook.tables.DescribeTable;
import studybook.tables.DescribeVariable;
import studybook.tables.TestChoice;
import studybook.tables.TestPolicy;

/**
 * describe on Spark. Sufficient statistics per group, aggregated on the cluster: level counts (exact
 * integers); counts, compensated sums and compensated sums of deviations (two passes, as R's mean and sd);
 * order statistics at the ranks the type-7 quartiles need, found by cumulative counts over the distinct
 * values (exact quantiles, no sampling); for the rank tests, mid-rank sums by distinct value and the tie
 * sum. The tests, the default test choice and the table are finished here with the local engine's code:
 * TestPolicy, ContingencyTests, and GroupTests' entry points from sufficient statistics (tTestOfMoments,
 * anovaOfMoments, mannWhitney and kruskal from rank sums).
 */
final class SparkDescribe {
  private SparkDescribe() {}

  /** One partition's counts and sums. */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    long[][][] levelCounts; // [categorical var][group][level]
    long[][] levelMissing; // [categorical var][group]
    long[][] n; // [continuous var][group]
    long[][] missing;
    Sum[][] sum;
    Sum[][] dev; // second pass: sum of (x - first mean), per group and (last slot) overall
    Sum[][] dev2;
  }

  static DescribeTable run(SparkData d, String by, List<String> asked, Map<String, TestId> requested,
      Set<String> categorical, Map<String, List<String>> levels) {
    d.index(by);
    List<String> variables = asked.isEmpty() ? d.columns.stream().filter(c -> !c.equals(by)).toList() : asked;
    for (String v : variables) {
      d.index(v);
      if (v.equals(by)) {
        throw new StudybookException("'" + by + "' is the grouping variable (--by) and cannot also be summarised by it");
      }
    }
    for (String v : requested.keySet()) {
      d.index(v);
      if (!variables.contains(v)) {
        throw new StudybookException("--test names '" + v + "', which is not among the variables described");
      }
    }
    Set<String> cat = new LinkedHashSet<>(categorical);
    cat.add(by);
    List<String> names = new ArrayList<>();
    names.add(by);
    names.addAll(variables);
    Map<String, SparkData.Column> typed = d.type(names, cat, levels);
    SparkData.Column group = typed.get(by);
    List<String> groups = group.levels();
    int gcount = groups.size();
    List<SparkData.Column> cats = new ArrayList<>();
    List<SparkData.Column> conts = new ArrayList<>();
    for (String v : variables) {
      (typed.get(v).categorical() ? cats : conts).add(typed.get(v));
    }
    // The analysed rows as (group code, continuous values..., level codes...): typed once, kept for the passes.
    Map<String, Integer> groupCodes = SparkData.codes(group);
    int gi = group.index();
    int[] contIdx = conts.stream().mapToInt(SparkData.Column::index).toArray();
    int[] catIdx = cats.stream().mapToInt(SparkData.Column::index).toArray();
    List<Map<String, Integer>> catCodes = cats.stream().map(SparkData::codes).toList();
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("g", DataTypes.IntegerType, false));
    for (int k = 0; k < contIdx.length; k++) {
      fields.add(DataTypes.createStructField("x" + k, DataTypes.DoubleType, false));
    }
    for (int k = 0; k < catIdx.length; k++) {
      fields.add(DataTypes.createStructField("c" + k, DataTypes.IntegerType, false));
    }
    StructType schema = DataTypes.createStructType(fields);
    Dataset<Row> rows = d.rows.mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) it -> {
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        Object[] v = new Object[1 + contIdx.length + catIdx.length];
        v[0] = SparkData.code(groupCodes, r.get(gi));
        for (int k = 0; k < contIdx.length; k++) {
          v[1 + k] = Cells.number(r.get(contIdx[k]));
        }
        for (int k = 0; k < catIdx.length; k++) {
          v[1 + contIdx.length + k] = SparkData.code(catCodes.get(k), r.get(catIdx[k]));
        }
        out.add(RowFactory.create(v));
      }
      return out.iterator();
    }, Encoders.row(schema));
    Dataset<Row> all = rows.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long total = d.job(all::count);
      Dataset<Row> kept = all.filter(col("g").geq(0));
      int nc = contIdx.length;
      int nk = catIdx.length;
      int[] levelCount = cats.stream().mapToInt(c -> c.levels().size()).toArray();
      List<Part> first = d.job(() -> SparkData.partials(kept, it -> {
        Part p = new Part();
        p.levelCounts = new long[nk][gcount][];
        p.levelMissing = new long[nk][gcount];
        for (int k = 0; k < nk; k++) {
          for (int g = 0; g < gcount; g++) {
            p.levelCounts[k][g] = new long[levelCount[k]];
          }
        }
        p.n = new long[nc][gcount];
        p.missing = new long[nc][gcount];
        p.sum = sums(nc, gcount);
        while (it.hasNext()) {
          Row r = it.next();
          int g = r.getInt(0);
          for (int k = 0; k < nc; k++) {
            double x = r.getDouble(1 + k);
            if (Double.isNaN(x)) {
              p.missing[k][g]++;
            } else {
              p.n[k][g]++;
              p.sum[k][g].add(x);
            }
          }
          for (int k = 0; k < nk; k++) {
            int c = r.getInt(1 + nc + k);
            if (c < 0) {
              p.levelMissing[k][g]++;
            } else {
              p.levelCounts[k][g][c]++;
            }
          }
        }
        return p;
      }));
      long[][] n = new long[nc][gcount + 1];
      long[][] missing = new long[nc][gcount + 1];
      Sum[][] s = sums(nc, gcount + 1);
      long[][][] counts = new long[nk][gcount][];
      long[][] levelMissing = new long[nk][gcount];
      for (int k = 0; k < nk; k++) {
        for (int g = 0; g < gcount; g++) {
          counts[k][g] = new long[levelCount[k]];
        }
      }
      long keptRows = 0;
      for (Part p : first) {
        for (int k = 0; k < nc; k++) {
          for (int g = 0; g < gcount; g++) {
            n[k][g] += p.n[k][g];
            missing[k][g] += p.missing[k][g];
            s[k][g].add(p.sum[k][g]);
          }
        }
        for (int k = 0; k < nk; k++) {
          for (int g = 0; g < gcount; g++) {
            levelMissing[k][g] += p.levelMissing[k][g];
            for (int l = 0; l < levelCount[k]; l++) {
              counts[k][g][l] += p.levelCounts[k][g][l];
            }
          }
        }
      }
      if (nc > 0) {
        for (int k = 0; k < nc; k++) {
          for (int g = 0; g < gcount; g++) {
            n[k][gcount] += n[k][g];
            missing[k][gcount] += missing[k][g];
            s[k][gcount].add(s[k][g]);
          }
        }
      }
      keptRows = d.job(kept::count);
      // second pass: deviations from the first means, per group and overall (the last slot)
      double[][] m1 = new double[nc][gcount + 1];
      for (int k = 0; k < nc; k++) {
        for (int g = 0; g <= gcount; g++) {
          m1[k][g] = n[k][g] == 0 ? 0 : s[k][g].value() / n[k][g];
        }
      }
      Sum[][] dev = sums(nc, gcount + 1);
      Sum[][] dev2 = sums(nc, gcount + 1);
      if (nc > 0) {
        List<Part> second = d.job(() -> SparkData.partials(kept, it -> {
          Part p = new Part();
          p.dev = sums(nc, gcount + 1);
          p.dev2 = sums(nc, gcount + 1);
          while (it.hasNext()) {
            Row r = it.next();
            int g = r.getInt(0);
            for (int k = 0; k < nc; k++) {
              double x = r.getDouble(1 + k);
              if (!Double.isNaN(x)) {
                double e = x - m1[k][g];
                p.dev[k][g].add(e);
                p.dev2[k][g].add(e * e);
                double o = x - m1[k][gcount];
                p.dev[k][gcount].add(o);
                p.dev2[k][gcount].add(o * o);
              }
            }
          }
          return p;
        }));
        for (Part p : second) {
          for (int k = 0; k < nc; k++) {
            for (int g = 0; g <= gcount; g++) {
              dev[k][g].add(p.dev[k][g]);
              dev2[k][g].add(p.dev2[k][g]);
            }
          }
        }
      }
      Map<String, DescribeVariable> out = new HashMap<>();
      for (int k = 0; k < nc; k++) {
        SparkData.Column c = conts.get(k);
        Order order = orderStatistics(d, kept, "x" + k, n[k], gcount);
        Summary[] summaries = new Summary[gcount + 1];
        for (int g = 0; g <= gcount; g++) {
          summaries[g] = summary(n[k][g], missing[k][g], m1[k][g], dev[k][g].value(), dev2[k][g].value(),
              order, g == gcount ? -1 : g);
        }
        List<Summary> byGroup = List.of(summaries).subList(0, gcount);
        int withValues = (int) byGroup.stream().filter(x -> x.n() > 0).count();
        TestId want = requested.get(c.name());
        TestChoice choice = want != null
            ? TestPolicy.requested(want, c.name(), VariableKind.CONTINUOUS, by, gcount)
            : TestPolicy.forContinuous(withValues);
        TestResult result = continuousTest(choice.test(), byGroup, d, kept, "x" + k, gcount);
        out.put(c.name(), new DescribeVariable.Continuous(c.name(), summaries[gcount], byGroup, choice, result));
      }
      for (int k = 0; k < nk; k++) {
        SparkData.Column c = cats.get(k);
        int lc = levelCount[k];
        List<LevelCounts> perGroup = new ArrayList<>();
        long[] overall = new long[lc];
        long overallMissing = 0;
        long[][] table = new long[lc][gcount];
        for (int g = 0; g < gcount; g++) {
          perGroup.add(new LevelCounts(counts[k][g], levelMissing[k][g]));
          overallMissing += levelMissing[k][g];
          for (int l = 0; l < lc; l++) {
            overall[l] += counts[k][g][l];
            table[l][g] = counts[k][g][l];
          }
        }
        TestId want = requested.get(c.name());
        TestChoice choice = want != null
            ? TestPolicy.requested(want, c.name(), VariableKind.CATEGORICAL, by, gcount)
            : TestPolicy.forCategorical(table);
        TestResult result = ContingencyTests.run(choice.test(), table);
        if (result.test() == TestId.FISHER_SIMULATED && choice.test() == TestId.FISHER
            && choice.rule() != TestChoice.Rule.REQUESTED) {
          choice = TestPolicy.fisherTooLarge(choice);
        }
        out.put(c.name(), new DescribeVariable.Categorical(c.name(), c.levels(), new LevelCounts(overall, overallMissing),
            perGroup, choice, result));
      }
      List<DescribeVariable> ordered = variables.stream().map(out::get).toList();
      return new DescribeTable(by, groups, (int) keptRows, (int) (total - keptRows), ordered);
    } finally {
      all.unpersist();
    }
  }

  static Sum[][] sums(int a, int b) {
    Sum[][] s = new Sum[a][b];
    for (Sum[] row : s) {
      for (int j = 0; j < b; j++) {
        row[j] = new Sum();
      }
    }
    return s;
  }

  /**
   * Descriptives.summarize from the sufficient statistics: the mean as R's two-pass mean (first mean plus
   * the mean deviation from it), the SD from the sum of squared deviations about that mean, and the
   * quartiles by type 7 from the order statistics.
   */
  static Summary summary(long n, long missing, double first, double dev, double dev2, Order order, int g) {
    if (n == 0) {
      return new Summary(0, (int) missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    double mean = Double.isFinite(first) ? first + dev / n : first;
    double ss = dev2 - dev * dev / n;
    double sd = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
    return new Summary((int) n, (int) missing, mean, sd, order.quantile(g, n, 0.5), order.quantile(g, n, 0.25),
        order.quantile(g, n, 0.75), order.at(g, 0), order.at(g, n - 1));
  }

  /** The values at chosen ranks, per group (-1: overall). */
  record Order(Map<Long, Double>[] byGroup) {
    double at(int g, long rank) {
      Double v = byGroup[g + 1].get(rank);
      if (v == null) {
        throw new IllegalStateException("rank " + rank + " of group " + g + " was not fetched");
      }
      return v;
    }

    /** Hyndman and Fan type 7, as Descriptives.quantileOfSorted. */
    double quantile(int g, long n, double p) {
      return Descriptives.quantile(n, r -> at(g, r), p);
    }
  }

  static long[] ranks(long n) {
    if (n == 0) {
      return new long[0];
    }
    LinkedHashSet<Long> r = new LinkedHashSet<>();
    r.add(0L);
    r.add(n - 1);
    for (double p : new double[] {0.25, 0.5, 0.75}) {
      double h = (n - 1) * p;
      long lo = (long) Math.floor(h);
      r.add(lo);
      r.add(Math.min(lo + 1, n - 1));
    }
    return r.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The order statistics the summaries need, found on the cluster: counts by distinct value per group
   * (and overall), their running totals in value order, and only the values whose run covers a wanted
   * rank come back.
   */
  @SuppressWarnings("unchecked")
  static Order orderStatistics(SparkData d, Dataset<Row> kept, String x, long[] n, int gcount) {
    Dataset<Row> present = kept.select(col("g"), col(x).as("v")).filter(col("v").isNaN().unary_$bang());
    WindowSpec byValue = Window.partitionBy("g").orderBy("v")
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> groups = present.groupBy("g", "v").count();
    Dataset<Row> overall = present.groupBy("v").count().withColumn("g", lit(-1)).select("g", "v", "count");
    Dataset<Row> runs = groups.union(overall).withColumn("end", sum("count").over(byValue));
    Column wanted = lit(false);
    for (int g = -1; g < gcount; g++) {
      long size = g < 0 ? n[gcount] : n[g];
      for (long r : ranks(size)) {
        wanted = wanted.or(col("g").equalTo(g).and(col("end").minus(col("count")).leq(r)).and(col("end").gt(r)));
      }
    }
    Column filter = wanted;
    List<Row> hits = d.job(() -> runs.filter(filter).collectAsList());
    Map<Long, Double>[] byGroup = new Map[gcount + 1];
    for (int g = 0; g <= gcount; g++) {
      byGroup[g] = new HashMap<>();
    }
    for (Row h : hits) {
      int g = h.getInt(0);
      double v = h.getDouble(1);
      long count = h.getLong(2);
      long end = h.getLong(3);
      long size = g < 0 ? n[gcount] : n[g];
      for (long r : ranks(size)) {
        if (end - count <= r && r < end) {
          byGroup[g + 1].put(r, v);
        }
      }
    }
    return new Order(byGroup);
  }

  /** GroupTests.run from the summaries (moment tests) or from mid-rank sums found on the cluster (rank tests). */
  static TestResult continuousTest(TestId test, List<Summary> groups, SparkData d, Dataset<Row> kept, String x,
      int gcount) {
    List<Integer> present = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).n() > 0) {
        present.add(g);
      }
    }
    if (test.twoGroupsOnly() && present.size() != 2) {
      return TestResult.notComputable(test, present.size() < 2 ? fewGroups(present.size())
          : test.contractName() + " compares two groups, not " + present.size());
    }
    return switch (test) {
      case T, WELCH -> tTest(test, groups.get(present.get(0)), groups.get(present.get(1)));
      case ANOVA -> anova(present.stream().map(groups::get).toList());
      case MANN_WHITNEY, KRUSKAL -> rankTest(test, groups, present, d, kept, x);
      default -> throw new StudybookException("--engine spark does not yet run the " + test.contractName()
          + " test; use the local engine for it");
    };
  }

  private static String fewGroups(int present) {
    return present == 0 ? "no group has values" : "only one group has values";
  }

  private static boolean constant(Summary s) {
    return s.min() == s.max();
  }

  static TestResult tTest(TestId id, Summary x, Summary y) {
    return GroupTests.tTestOfMoments(id, new long[] {x.n(), y.n()}, new double[] {x.mean(), y.mean()},
        new double[] {x.sd(), y.sd()}, new double[] {x.min(), y.min()}, new double[] {x.max(), y.max()});
  }

  static TestResult anova(List<Summary> g) {
    return GroupTests.anovaOfMoments(g.stream().mapToLong(Summary::n).toArray(),
        g.stream().mapToDouble(Summary::mean).toArray(), g.stream().mapToDouble(Summary::sd).toArray(),
        g.stream().mapToDouble(Summary::min).toArray(), g.stream().mapToDouble(Summary::max).toArray());
  }

  /**
   * Mann-Whitney (normal approximation, continuity and tie correction) and Kruskal-Wallis from mid-rank
   * sums: on the cluster, counts by (group, distinct value), the running count over the values in order
   * gives each value's mid-rank; the rank sum of a group and the tie sum are added exactly (half-integers
   * and integers far below 2^53).
   */
  static TestResult rankTest(TestId test, List<Summary> groups, List<Integer> present, SparkData d, Dataset<Row> kept,
      String x) {
    if (present.size() < 2) {
      return TestResult.notComputable(test, fewGroups(present.size()));
    }
    Dataset<Row> values = kept.select(col("g"), col(x).as("v")).filter(col("v").isNaN().unary_$bang());
    Dataset<Row> byValue = values.groupBy("v").count()
        .withColumn("end", sum("count").over(Window.orderBy("v")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
    // twice the mid-rank, an integer: (end - count + 1) + end
    Dataset<Row> ranked = byValue.withColumn("mid2", col("end").minus(col("count")).plus(lit(1)).plus(col("end")));
    // the tie sum, sum of t^3 - t, in decimals: exact however large (a long overflows once a value is held 2.1M times)
    Column t = col("count").cast("decimal(38,0)");
    List<Row> ties = d.job(() -> byValue.agg(sum(t.multiply(t).multiply(t).minus(t)).cast("decimal(38,0)"))
        .collectAsList());
    double tieSum = ties.get(0).isNullAt(0) ? 0 : ties.get(0).getDecimal(0).doubleValue();
    Dataset<Row> cells = values.groupBy("g", "v").count().withColumnRenamed("count", "c");
    List<Row> sums = d.job(() -> cells.join(ranked.select("v", "mid2"), "v").groupBy("g")
        .agg(sum(col("c").multiply(col("mid2")))).collectAsList());
    Map<Integer, Long> rankSum2 = new HashMap<>();
    sums.forEach(r -> rankSum2.put(r.getInt(0), r.getLong(1)));
    if (test == TestId.MANN_WHITNEY) {
      Summary a = groups.get(present.get(0));
      Summary b = groups.get(present.get(1));
      if (constant(a) && constant(b) && a.min() == b.min()) {
        return TestResult.notComputable(test, "all values are tied");
      }
      return GroupTests.mannWhitney(rankSum2.get(present.get(0)) / 2.0, a.n(), b.n(), tieSum);
    }
    double[] rankSums = present.stream().mapToDouble(g -> rankSum2.get(g) / 2.0).toArray();
    long[] sizes = present.stream().mapToLong(g -> groups.get(g).n()).toArray();
    return GroupTests.kruskal(rankSums, sizes, tieSum);
  }
}
