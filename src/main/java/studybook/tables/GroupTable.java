package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.data.Codebook;
import studybook.data.Frame;
import studybook.data.SummaryStyle;
import studybook.stats.compare.TestId;
import studybook.stats.compare.TestResult;
import studybook.stats.describe.LevelCounts;
import studybook.stats.describe.Summary;

/**
 * A Table 1-style summary by group, flattened into display rows: one row per continuous variable
 * (summarised as its codebook says), a heading row plus one row per level for a categorical one, and
 * on each variable's first row the test {@link TestPolicy} picks (for a continuous variable, the one
 * matching its summary), named.
 *
 * @param tableName the CSV's file stem
 * @param by the grouping variable
 * @param groups its levels
 * @param groupLabels their display labels
 * @param groupSizes patients per group
 * @param n patients with a group
 * @param excluded patients left out because their group is missing
 * @param entries the display rows
 * @param tests the tests used, each once, in order of first use (for footnotes)
 */
public record GroupTable(String tableName, String by, List<String> groups, List<String> groupLabels,
    List<Integer> groupSizes, int n, int excluded, List<GroupTableRow> entries, List<TestNote> tests)
    implements Tabular {

  public GroupTable {
    groups = List.copyOf(groups);
    groupLabels = List.copyOf(groupLabels);
    groupSizes = List.copyOf(groupSizes);
    entries = List.copyOf(entries);
    tests = List.copyOf(tests);
  }

  /**
   * A test named in the table and its footnote.
   *
   * @param name the contract name, e.g. {@code chisq}
   * @param footnote e.g. "Pearson chi-square test without continuity correction"
   * @param rCall the R call it matches
   */
  public record TestNote(String name, String footnote, String rCall, String symbol) {
    static TestNote of(TestId test) {
      return new TestNote(test.contractName(), test.footnote(), test.rCall(), symbol(test));
    }

    /** The statistic's usual symbol, for the optional statistic column; empty for Fisher (it has none). */
    private static String symbol(TestId test) {
      return switch (test) {
        case CHISQ, CHISQ_YATES -> "χ²";
        case FISHER -> "";
        case T, WELCH -> "t";
        case MANN_WHITNEY, MANN_WHITNEY_EXACT -> "W";
        case KRUSKAL -> "H";
        case ANOVA -> "F";
      };
    }
  }

  /** Summarises {@code variables} by {@code by} with the default tests; labels, units and styles from the codebook. */
  public static GroupTable of(String tableName, Frame data, Codebook codebook, String by, List<String> variables) {
    return of(tableName, data, codebook, by, variables, null);
  }

  /** As {@link #of(String, Frame, Codebook, String, List)}, with group labels for a derived grouping variable. */
  public static GroupTable of(String tableName, Frame data, Codebook codebook, String by, List<String> variables,
      List<String> groupLabels) {
    // Continuous rows are compared by the test that matches their declared summary (TestPolicy.forSummary).
    Map<String, TestId> matching = new LinkedHashMap<>();
    int groupCount = data.levels(by).size();
    for (String v : variables) {
      if (data.kind(v) == studybook.data.VariableKind.CONTINUOUS) {
        SummaryStyle style = codebook.find(v).map(x -> x.summary()).orElse(SummaryStyle.MEDIAN_IQR);
        matching.put(v, TestPolicy.forSummary(style, groupCount));
      }
    }
    DescribeTable d = DescribeTable.of(data, by, variables, matching);
    List<GroupTableRow> rows = new ArrayList<>();
    Map<TestId, TestNote> tests = new LinkedHashMap<>();
    for (DescribeVariable v : d.variables()) {
      TestResult t = v.test();
      tests.putIfAbsent(t.test(), TestNote.of(t.test()));
      double statistic = t.statistic().orElse(Double.NaN);
      double df = t.df().orElse(Double.NaN);
      String reason = t.computable() ? v.choice().reason() : t.note().orElse(v.choice().reason());
      String label = label(codebook, v.name());
      if (v instanceof DescribeVariable.Continuous c) {
        SummaryStyle style = codebook.find(v.name()).map(x -> x.summary()).orElse(SummaryStyle.MEDIAN_IQR);
        rows.add(new GroupTableRow(v.name(), label, "", "", style.token(), cell(c.overall(), style),
            c.groups().stream().map(s -> cell(s, style)).toList(), c.overall().missing(), t.test().contractName(),
            t.p(), statistic, df, reason));
      } else if (v instanceof DescribeVariable.Categorical c) {
        rows.add(new GroupTableRow(v.name(), label, "", "", "heading", empty(), c.groups().stream().map(x -> empty())
            .toList(), (int) c.overall().missing(), t.test().contractName(), t.p(), statistic, df, reason));
        for (int l = 0; l < c.levels().size(); l++) {
          final int level = l;
          String lv = c.levels().get(l);
          rows.add(new GroupTableRow(v.name(), label, lv, codebook.find(v.name()).map(x -> x.levelLabel(lv)).orElse(lv),
              "level", cell(c.overall(), level), c.groups().stream().map(g -> cell(g, level)).toList(), 0, "",
              Double.NaN, Double.NaN, Double.NaN, ""));
        }
      }
    }
    List<String> labels = groupLabels != null ? groupLabels : d.groups().stream()
        .map(g -> codebook.find(by).map(x -> x.levelLabel(g)).orElse(g)).toList();
    int[] codes = data.codes(by);
    List<Integer> sizes = new ArrayList<>();
    for (int g = 0; g < d.groups().size(); g++) {
      int count = 0;
      for (int c : codes) {
        count += c == g ? 1 : 0;
      }
      sizes.add(count);
    }
    return new GroupTable(tableName, by, d.groups(), labels, sizes, d.n(), d.excluded(), rows,
        new ArrayList<>(tests.values()));
  }

  private static String label(Codebook codebook, String name) {
    return codebook.find(name).map(v -> v.unit().isEmpty() ? v.label() : v.label() + ", " + v.unit()).orElse(name);
  }

  private static SummaryCell cell(Summary s, SummaryStyle style) {
    return style == SummaryStyle.MEAN_SD ? new SummaryCell(s.mean(), s.sd(), Double.NaN, s.n())
        : new SummaryCell(s.median(), s.q1(), s.q3(), s.n());
  }

  private static SummaryCell cell(LevelCounts counts, int level) {
    return new SummaryCell(counts.count(level), counts.pct(level), Double.NaN, (int) counts.n());
  }

  private static SummaryCell empty() {
    return new SummaryCell(Double.NaN, Double.NaN, Double.NaN, 0);
  }

  @Override
  public List<String> columns() {
    List<String> c = new ArrayList<>(List.of("variable", "level", "style", "overall_1", "overall_2", "overall_3"));
    for (String g : groups) {
      c.add(g + "_1");
      c.add(g + "_2");
      c.add(g + "_3");
    }
    c.add("test");
    c.add("p");
    return c;
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (GroupTableRow r : entries) {
      List<Object> row = new ArrayList<>(List.of(r.variable(), r.level(), r.style()));
      add(row, r.overall());
      r.groups().forEach(g -> add(row, g));
      row.add(r.test());
      row.add(r.p());
      out.add(row);
    }
    return out;
  }

  private static void add(List<Object> row, SummaryCell c) {
    row.add(c.first());
    row.add(c.second());
    row.add(c.third());
  }
}
