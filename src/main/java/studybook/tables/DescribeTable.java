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
        throw new studybook.data.FramePlan.NotOnThisEngineException(plan.engine(), "summarising the number '" + v
            + "' by group");
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
