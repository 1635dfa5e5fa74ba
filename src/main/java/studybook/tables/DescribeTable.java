package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.StudybookException;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.stats.compare.ContingencyTests;
import studybook.stats.compare.GroupTests;
import studybook.stats.compare.TestId;
import studybook.stats.compare.TestResult;
import studybook.stats.describe.Descriptives;
import studybook.stats.describe.LevelCounts;
import studybook.stats.describe.Summary;

/**
 * A Table-1 summary: each variable summarised overall and by the groups of a categorical variable, with
 * one group comparison per variable chosen by {@link TestPolicy} unless a test is requested. Rows whose
 * group is missing are left out and counted in {@link #excluded()}.
 *
 * @param by the grouping variable
 * @param groups its levels, in order
 * @param n rows with a group
 * @param excluded rows left out because their group is missing
 * @param variables one entry per variable, in the order asked for
 */
public record DescribeTable(String by, List<String> groups, int n, int excluded, List<DescribeVariable> variables) {
  public DescribeTable {
    groups = List.copyOf(groups);
    variables = List.copyOf(variables);
  }

  /**
   * Summarises {@code variables} of {@code frame} by the categorical column {@code by}.
   *
   * @param requested tests named by the user, by variable; others get {@link TestPolicy}'s default
   * @throws StudybookException for an unknown column or a test that does not fit its variable
   */
  public static DescribeTable of(Frame frame, String by, List<String> variables, Map<String, TestId> requested) {
    return of(frame, by, variables, requested, Map.of());
  }

  /**
   * As {@link #of(Frame, String, List, Map)}, with {@code bySummary} the tests that follow from a
   * variable's summary rather than from the author (results.json says so, not "requested").
   */
  public static DescribeTable of(Frame frame, String by, List<String> variables, Map<String, TestId> requested,
      Map<String, TestId> bySummary) {
    return of(frame, by, variables, requested, bySummary,
        (v, t) -> "--test " + v + "=" + t.contractName());
  }

  /**
   * As {@link #of(Frame, String, List, Map, Map)}; an error about a requested test begins with {@code said}'s
   * phrase for it (the variable and test), so it names what the author wrote: a flag or a Java method.
   */
  public static DescribeTable of(Frame frame, String by, List<String> variables, Map<String, TestId> requested,
      Map<String, TestId> bySummary, java.util.function.BiFunction<String, TestId, String> said) {
    frame.requireColumn(by);
    for (String v : variables) {
      frame.requireColumn(v);
      if (v.equals(by)) {
        throw new StudybookException("'" + by + "' is the grouping variable and cannot also be summarised by it");
      }
    }
    for (String v : requested.keySet()) {
      frame.requireColumn(v);
      if (!variables.contains(v)) {
        throw new StudybookException(said.apply(v, requested.get(v)) + ": '" + v + "' is not among the variables described");
      }
    }
    List<String> groups = frame.levels(by);
    if (frame.plan().isPresent()) {
      return planned(frame, frame.plan().get(), by, groups, variables, requested, bySummary, said);
    }
    int[] g = frame.codes(by);
    int[] keep = java.util.stream.IntStream.range(0, g.length).filter(i -> g[i] >= 0).toArray();
    List<DescribeVariable> out = new ArrayList<>();
    for (String v : variables) {
      TestId asked = requested.get(v);
      if (asked == null && bySummary.containsKey(v) && frame.kind(v) == VariableKind.CONTINUOUS) {
        DescribeVariable.Continuous c = continuous(v, frame.values(v), g, keep, groups.size(), by, bySummary.get(v),
            null);
        out.add(new DescribeVariable.Continuous(c.name(), c.overall(), c.groups(),
            new TestChoice(c.choice().test(), TestChoice.Rule.SUMMARY, Double.NaN, c.choice().groups()), c.test()));
      } else if (frame.kind(v) == VariableKind.CONTINUOUS) {
        out.add(continuous(v, frame.values(v), g, keep, groups.size(), by, asked,
            asked == null ? null : said.apply(v, asked)));
      } else {
        out.add(categorical(v, frame.levels(v), frame.codes(v), g, keep, groups.size(), by, asked,
            asked == null ? null : said.apply(v, asked)));
      }
    }
    return new DescribeTable(by, groups, keep.length, g.length - keep.length, out);
  }

  /** Every variable of the frame except {@code by}, in column order. */
  public static List<String> allBut(Frame frame, String by) {
    return frame.columnNames().stream().filter(c -> !c.equals(by)).toList();
  }

  private static DescribeVariable.Continuous continuous(String name, double[] x, int[] g, int[] keep, int groupCount,
      String by, TestId asked, String said) {
    int[] sizes = new int[groupCount];
    for (int i : keep) {
      sizes[g[i]]++;
    }
    double[][] byGroup = new double[groupCount][];
    for (int k = 0; k < groupCount; k++) {
      byGroup[k] = new double[sizes[k]];
    }
    int[] fill = new int[groupCount];
    for (int i : keep) {
      byGroup[g[i]][fill[g[i]]++] = x[i];
    }
    // each group sorted once: its summary, the overall one (a merge) and a rank test read the same arrays
    List<double[]> sorted = new ArrayList<>();
    List<Summary> summaries = new ArrayList<>();
    int withValues = 0;
    int missing = 0;
    for (double[] values : byGroup) {
      double[] s = GroupTests.sorted(values);
      sorted.add(s);
      Summary summary = Descriptives.summarizeSorted(s, values.length - s.length);
      summaries.add(summary);
      missing += summary.missing();
      withValues += summary.n() > 0 ? 1 : 0;
    }
    TestChoice choice = asked != null
        ? TestPolicy.requested(asked, name, VariableKind.CONTINUOUS, by, groupCount, said)
        : TestPolicy.forContinuous(withValues);
    TestResult result = GroupTests.run(choice.test(), List.of(byGroup), sorted);
    return new DescribeVariable.Continuous(name, Descriptives.summarizeSorted(Descriptives.mergeSorted(sorted), missing),
        summaries, choice, result);
  }

  /**
   * The table of a frame whose rows live on another engine: each categorical variable from its count table by level
   * and group, aggregated there; finished by the same code as the local path.
   */
  private static DescribeTable planned(Frame frame, studybook.data.FramePlan plan, String by, List<String> groups,
      List<String> variables, Map<String, TestId> requested, Map<String, TestId> bySummary,
      java.util.function.BiFunction<String, TestId, String> said) {
    int groupCount = groups.size();
    long[] sizes = plan.countBy(by, groupCount);
    long kept = 0;
    for (int k = 0; k < groupCount; k++) {
      kept += sizes[k];
    }
    List<DescribeVariable> out = new ArrayList<>();
    for (String v : variables) {
      TestId asked = requested.get(v);
      if (frame.kind(v) == VariableKind.CONTINUOUS) {
        TestId summaryTest = asked == null ? bySummary.get(v) : null;
        DescribeVariable.Continuous c = continuous(v, plan.valueCounts(v, by, groupCount), plan.engine(), by,
            summaryTest != null ? summaryTest : asked, asked == null ? null : said.apply(v, asked));
        out.add(summaryTest == null ? c : new DescribeVariable.Continuous(c.name(), c.overall(), c.groups(),
            new TestChoice(c.choice().test(), TestChoice.Rule.SUMMARY, Double.NaN, c.choice().groups()), c.test()));
        continue;
      }
      List<String> levels = frame.levels(v);
      long[][] table = plan.countByGroup(v, levels.size(), by, groupCount);
      long[][] counts = new long[groupCount][];
      long[] missing = new long[groupCount];
      for (int k = 0; k < groupCount; k++) {
        counts[k] = java.util.Arrays.copyOf(table[k], levels.size());
        missing[k] = table[k][levels.size()];
      }
      out.add(categorical(v, levels, counts, missing, groupCount, by, asked, asked == null ? null
          : said.apply(v, asked)));
    }
    return new DescribeTable(by, groups, Math.toIntExact(kept), Math.toIntExact(sizes[groupCount]), out);
  }

  /**
   * A number's row from its distinct values and their counts per group (another engine's aggregate): the summaries
   * (R's two-pass mean, the SD about it, type-7 quartiles from the order statistics), and the test from the same
   * counts: Mann-Whitney and Kruskal-Wallis from mid-rank sums and the tie sum (the same arithmetic as the local
   * merge, so the same bits), t, Welch and ANOVA from the values' moments (equal to the local test's to rounding).
   */
  private static DescribeVariable.Continuous continuous(String name, List<studybook.data.FramePlan.ValueCounts> counts,
      String engine, String by, TestId asked, String said) {
    int groupCount = counts.size();
    List<Summary> summaries = new ArrayList<>();
    java.util.TreeMap<Double, long[]> all = new java.util.TreeMap<>(Double::compare);
    int withValues = 0;
    long missing = 0;
    for (int k = 0; k < groupCount; k++) {
      studybook.data.FramePlan.ValueCounts c = counts.get(k);
      Summary s = summary(c.values(), c.counts(), c.missing());
      summaries.add(s);
      withValues += s.n() > 0 ? 1 : 0;
      missing += c.missing();
      for (int i = 0; i < c.values().length; i++) {
        all.computeIfAbsent(c.values()[i], x -> new long[groupCount])[k] += c.counts()[i];
      }
    }
    double[] values = new double[all.size()];
    long[] totals = new long[all.size()];
    int i = 0;
    for (Map.Entry<Double, long[]> e : all.entrySet()) {
      values[i] = e.getKey();
      totals[i++] = java.util.Arrays.stream(e.getValue()).sum();
    }
    Summary overall = summary(values, totals, missing);
    TestChoice choice = asked != null
        ? TestPolicy.requested(asked, name, VariableKind.CONTINUOUS, by, groupCount, said)
        : TestPolicy.forContinuous(withValues);
    TestResult result = continuousTest(choice.test(), summaries, all, engine);
    return new DescribeVariable.Continuous(name, overall, summaries, choice, result);
  }

  private static Summary summary(double[] v, long[] c, long missing) {
    long n = 0;
    for (long k : c) {
      n += k;
    }
    if (n == 0) {
      return new Summary(0, Math.toIntExact(missing), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN);
    }
    studybook.stats.Moments m = studybook.stats.Moments.of(v, c);
    long[] end = new long[v.length];
    long run = 0;
    for (int i = 0; i < v.length; i++) {
      run += c[i];
      end[i] = run;
    }
    java.util.function.LongToDoubleFunction at = r -> {
      int k = java.util.Arrays.binarySearch(end, r + 1);
      return v[k >= 0 ? k : -k - 1];
    };
    final long size = n;
    return new Summary(Math.toIntExact(n), Math.toIntExact(missing), m.mean(), m.sd(),
        Descriptives.quantile(size, at, 0.5), Descriptives.quantile(size, at, 0.25),
        Descriptives.quantile(size, at, 0.75), v[0], v[v.length - 1]);
  }

  private static TestResult continuousTest(TestId test, List<Summary> groups,
      java.util.TreeMap<Double, long[]> all, String engine) {
    List<Integer> present = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).n() > 0) {
        present.add(g);
      }
    }
    String few = present.isEmpty() ? "no group has values" : "only one group has values";
    if (test.twoGroupsOnly() && present.size() != 2) {
      return TestResult.notComputable(test, present.size() < 2 ? few
          : test.contractName() + " compares two groups, not " + present.size());
    }
    if (present.size() < 2) {
      return TestResult.notComputable(test, few);
    }
    switch (test) {
      case T, WELCH -> {
        return tTest(test, groups.get(present.get(0)), groups.get(present.get(1)));
      }
      case ANOVA -> {
        return anova(present.stream().map(groups::get).toList());
      }
      case MANN_WHITNEY, KRUSKAL -> {
        if (all.size() == 1) {
          return TestResult.notComputable(test, "all values are tied");
        }
        // mid-ranks over the distinct values in order, as the local merge gives them
        double[] rankSums = new double[groups.size()];
        double ties = 0;
        long ranked = 0;
        for (long[] byGroup : all.values()) {
          long t = 0;
          for (int g : present) {
            t += byGroup[g];
          }
          double average = (2.0 * (ranked + 1) + t - 1) * 0.5;
          for (int g : present) {
            rankSums[g] += byGroup[g] * average;
          }
          if (t != 1) {
            ties += Math.pow(t, 3) - t;
          }
          ranked += t;
        }
        if (test == TestId.MANN_WHITNEY) {
          return GroupTests.mannWhitney(rankSums[present.get(0)], groups.get(present.get(0)).n(),
              groups.get(present.get(1)).n(), ties);
        }
        return GroupTests.kruskal(present.stream().mapToDouble(g -> rankSums[g]).toArray(),
            present.stream().mapToLong(g -> groups.get(g).n()).toArray(), ties);
      }
      default -> throw new studybook.data.FramePlan.NotOnThisEngineException(engine, "the " + test.contractName()
          + " test (it needs every value)");
    }
  }

  private static TestResult tTest(TestId id, Summary x, Summary y) {
    return GroupTests.tTestOfMoments(id, new long[] {x.n(), y.n()}, new double[] {x.mean(), y.mean()},
        new double[] {x.sd(), y.sd()}, new double[] {x.min(), y.min()}, new double[] {x.max(), y.max()});
  }

  private static TestResult anova(List<Summary> g) {
    return GroupTests.anovaOfMoments(g.stream().mapToLong(Summary::n).toArray(),
        g.stream().mapToDouble(Summary::mean).toArray(), g.stream().mapToDouble(Summary::sd).toArray(),
        g.stream().mapToDouble(Summary::min).toArray(), g.stream().mapToDouble(Summary::max).toArray());
  }

  private static DescribeVariable.Categorical categorical(String name, List<String> levels, int[] x, int[] g,
      int[] keep, int groupCount, String by, TestId asked, String said) {
    long[][] counts = new long[groupCount][levels.size()];
    long[] missing = new long[groupCount];
    for (int i : keep) {
      if (x[i] < 0) {
        missing[g[i]]++;
      } else {
        counts[g[i]][x[i]]++;
      }
    }
    return categorical(name, levels, counts, missing, groupCount, by, asked, said);
  }

  /** A categorical variable from its counts by group and level ({@code counts[group][level]}) and missing by group. */
  private static DescribeVariable.Categorical categorical(String name, List<String> levels, long[][] counts,
      long[] missing, int groupCount, String by, TestId asked, String said) {
    List<LevelCounts> perGroup = new ArrayList<>();
    long[] all = new long[levels.size()];
    long allMissing = 0;
    long[][] table = new long[levels.size()][groupCount];
    for (int k = 0; k < groupCount; k++) {
      perGroup.add(new LevelCounts(counts[k], missing[k]));
      allMissing += missing[k];
      for (int l = 0; l < levels.size(); l++) {
        all[l] += counts[k][l];
        table[l][k] = counts[k][l];
      }
    }
    TestChoice choice = asked != null
        ? TestPolicy.requested(asked, name, VariableKind.CATEGORICAL, by, groupCount, said)
        : TestPolicy.forCategorical(table);
    TestResult result = ContingencyTests.run(choice.test(), table);
    if (result.test() == TestId.FISHER_SIMULATED && choice.test() == TestId.FISHER
        && choice.rule() != TestChoice.Rule.REQUESTED) {
      choice = TestPolicy.fisherTooLarge(choice);
    }
    return new DescribeVariable.Categorical(name, levels, new LevelCounts(all, allMissing), perGroup, choice, result);
  }

  /** The variables by name, for lookups. */
  public Map<String, DescribeVariable> byName() {
    Map<String, DescribeVariable> m = new LinkedHashMap<>();
    variables.forEach(v -> m.put(v.name(), v));
    return m;
  }
}
