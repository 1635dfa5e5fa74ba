package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studybook.Names;
import studybook.StudybookException;
import studybook.data.Codebook;
import studybook.data.Frame;
import studybook.data.SummaryStyle;
import studybook.data.VariableKind;
import studybook.stats.compare.TestId;
import studybook.stats.compare.TestResult;
import studybook.stats.describe.LevelCounts;
import studybook.stats.describe.Summary;

/**
 * The author's builder of a Table 1 (as gtsummary's {@code tbl_summary(by =) |> add_p()}): every
 * variable summarised overall and by group, with the default test of {@link TestPolicy} unless one
 * is named, and per-variable options. Labels, units, level labels and summary styles come from the
 * codebook when there is one; every name typed is checked, with the nearest one suggested.
 *
 * <pre>{@code
 * Table1.of(data).by("group").variables("age", "sex", "stage")
 *     .test("age", TestId.WELCH).digits("age", 0).dichotomous("sex", "female").build();
 * }</pre>
 *
 * <p>Defaults: a number is summarised as its codebook says (else median (IQR)) and compared by the
 * test that matches the summary; a median (IQR) of whole numbers prints without decimals; a categorical variable shows a heading and one row per level.
 * Without {@code by(...)} the table describes everyone in one Overall column, with no P column (as
 * {@code tbl_summary()} without {@code by}); a test or group labels then are an error.
 */
public final class Table1 {
  private final Frame data;
  private final Codebook codebook;
  private String by;
  private List<String> variables = List.of();
  private List<String> groupLabels;
  private String name = "";
  private final Map<String, TestId> tests = new LinkedHashMap<>();
  private final Map<String, Integer> digits = new LinkedHashMap<>();
  private final Map<String, String> dichotomous = new LinkedHashMap<>();
  private final Map<String, SummaryStyle> summaries = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();

  private Table1(Frame data, Codebook codebook) {
    this.data = data;
    this.codebook = codebook;
  }

  /** A table of {@code data}, labelled by its codebook. */
  public static Table1 of(Frame data, Codebook codebook) {
    return new Table1(data, codebook);
  }

  /** A table of {@code data}, labelled by the codebook entries the frame carries. */
  public static Table1 of(Frame data) {
    return new Table1(data, data.codebook());
  }

  /** The grouping variable (a categorical column). */
  public Table1 by(String variable) {
    data.requireColumn(variable);
    if (data.kind(variable) != VariableKind.CATEGORICAL) {
      throw new StudybookException("Table1.by(\"" + variable + "\"): '" + variable + "' is not categorical");
    }
    this.by = variable;
    return this;
  }

  /** The variables to summarise, in order. */
  public Table1 variables(String... names) {
    return variables(List.of(names));
  }

  /** The variables to summarise, in order. */
  public Table1 variables(List<String> names) {
    for (String v : names) {
      data.requireColumn(v);
    }
    this.variables = List.copyOf(names);
    return this;
  }

  /** Labels of the groups in the column headers (default: the codebook's level labels). */
  public Table1 groupLabels(String... labels) {
    return groupLabels(List.of(labels));
  }

  /** Labels of the groups in the column headers (default: the codebook's level labels). */
  public Table1 groupLabels(List<String> labels) {
    this.groupLabels = List.copyOf(labels);
    return this;
  }

  /** The table's name (its CSV's file stem); default: the cell's name. */
  public Table1 name(String tableName) {
    this.name = tableName;
    return this;
  }

  /** Compares {@code variable} by {@code test} instead of the default. */
  public Table1 test(String variable, TestId test) {
    tests.put(known(variable, "test"), test);
    return this;
  }

  /** Compares {@code variable} by the test named {@code test} (e.g. "fisher", "welch"). */
  public Table1 test(String variable, String test) {
    return test(variable, TestPolicy.parse(test, variable, "Table1.test(\"" + variable + "\", \"" + test + "\")"));
  }

  /** Prints the summary of the number {@code variable} with {@code decimals} decimals. */
  public Table1 digits(String variable, int decimals) {
    if (decimals < 0 || decimals > 15) {
      throw new StudybookException("Table1.digits(\"" + variable + "\", " + decimals + "): decimals are 0 to 15");
    }
    digits.put(known(variable, "digits"), decimals);
    return this;
  }

  /** Shows the categorical {@code variable} as one row: the count of {@code level}. */
  public Table1 dichotomous(String variable, String level) {
    known(variable, "dichotomous");
    if (data.kind(variable) != VariableKind.CATEGORICAL) {
      throw new StudybookException("Table1.dichotomous(\"" + variable + "\", ...): '" + variable
          + "' is a number, not a categorical variable");
    }
    List<String> levels = data.levels(variable);
    if (!levels.contains(level)) {
      throw new StudybookException("Table1.dichotomous(\"" + variable + "\", \"" + level + "\"): '" + variable
          + "' has no level '" + level + "'" + Names.didYouMean(level, levels) + " (levels: "
          + String.join(", ", levels) + ")");
    }
    dichotomous.put(variable, level);
    return this;
  }

  /** Summarises the number {@code variable} as mean ± SD or median (IQR), whatever the codebook says. */
  public Table1 summary(String variable, SummaryStyle style) {
    known(variable, "summary");
    if (data.kind(variable) != VariableKind.CONTINUOUS) {
      throw new StudybookException("Table1.summary(\"" + variable + "\", ...): '" + variable
          + "' is categorical; a summary style is for numbers");
    }
    summaries.put(variable, style);
    return this;
  }

  /** The row label of {@code variable} (default: the codebook's label with its unit). */
  public Table1 label(String variable, String label) {
    labels.put(known(variable, "label"), label);
    return this;
  }

  private String known(String variable, String option) {
    if (!variables.contains(variable)) {
      throw new StudybookException("Table1." + option + "(\"" + variable + "\", ...): '" + variable
          + "' is not among the table's variables" + Names.didYouMean(variable, variables)
          + " (call variables(...) first; variables: " + String.join(", ", variables) + ")");
    }
    return variable;
  }

  /**
   * The table of the observed data (this builder's frame, before imputation: missing values counted as
   * missing), with a footnote that says so and names the imputation the models use.
   */
  public ImputedGroupTable build(Imputation.Result imputation) {
    requireSameRows(imputation);
    return new ImputedGroupTable(build(), false, imputation.m(), imputed(imputation), imputation.methodSentence());
  }

  /**
   * The table pooled over the completed data sets of {@code imputation}: each summarised with this builder's
   * settings and the summaries averaged (counts rounded to whole patients); each P the median of the m P-values
   * (the median P rule); the footnote says so.
   */
  public ImputedGroupTable buildPooled(Imputation.Result imputation) {
    requireSameRows(imputation);
    List<GroupTable> tables = new ArrayList<>();
    for (Frame f : imputation.completed()) {
      tables.add(on(f).build());
    }
    GroupTable first = tables.get(0);
    List<GroupTableRow> rows = new ArrayList<>();
    for (int i = 0; i < first.entries().size(); i++) {
      final int row = i;
      List<GroupTableRow> same = tables.stream().map(t -> t.entries().get(row)).toList();
      GroupTableRow r = same.get(0);
      boolean counts = r.style().equals("level") || r.style().equals("dichotomous");
      SummaryCell overall = average(same.stream().map(GroupTableRow::overall).toList(), counts);
      List<SummaryCell> groups = new ArrayList<>();
      for (int g = 0; g < r.groups().size(); g++) {
        final int group = g;
        groups.add(average(same.stream().map(x -> x.groups().get(group)).toList(), counts));
      }
      double p = r.first() ? median(same.stream().mapToDouble(GroupTableRow::p).toArray()) : Double.NaN;
      int missing = (int) Math.round(same.stream().mapToInt(GroupTableRow::missing).average().orElse(0));
      rows.add(new GroupTableRow(r.variable(), r.label(), r.level(), r.levelLabel(), r.style(), overall, groups,
          missing, r.test(), p, Double.NaN, Double.NaN, r.first() ? "median of the " + tables.size()
          + " P-values of the completed data sets" : "", r.decimals()));
    }
    GroupTable pooled = new GroupTable(first.tableName(), first.by(), first.groups(), first.groupLabels(),
        first.groupSizes(), first.n(), first.excluded(), rows, first.tests());
    return new ImputedGroupTable(pooled, true, imputation.m(), imputed(imputation), imputation.methodSentence());
  }

  private void requireSameRows(Imputation.Result imputation) {
    if (imputation.observed().rowCount() != data.rowCount()
        || !imputation.observed().columnNames().containsAll(variables)) {
      throw new StudybookException("Table1: the imputation was made from another frame (" + imputation.observed()
          .rowCount() + " rows) than this table's (" + data.rowCount() + " rows); build the table of the frame"
          + " imputed");
    }
  }

  private Map<String, Integer> imputed(Imputation.Result imputation) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String v : variables) {
      Integer k = imputation.missing().get(v);
      if (k != null && k > 0) {
        out.put(v, k);
      }
    }
    return out;
  }

  private static SummaryCell average(List<SummaryCell> cells, boolean counts) {
    double a = 0;
    double b = 0;
    double c = 0;
    double n = 0;
    for (SummaryCell s : cells) {
      a += s.first();
      b += s.second();
      c += s.third();
      n += s.n();
    }
    int m = cells.size();
    return new SummaryCell(counts ? Math.rint(a / m) : a / m, b / m, c / m, (int) Math.round(n / m));
  }

  private static double median(double[] v) {
    double[] s = java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (s.length == 0) {
      return Double.NaN;
    }
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** This builder's settings on another frame with the same columns. */
  private Table1 on(Frame f) {
    Table1 t = new Table1(f, codebook);
    t.by = by;
    t.variables = variables;
    t.groupLabels = groupLabels;
    t.name = name;
    t.tests.putAll(tests);
    t.digits.putAll(digits);
    t.dichotomous.putAll(dichotomous);
    t.summaries.putAll(summaries);
    t.labels.putAll(labels);
    return t;
  }

  /** Computes the table (by group when {@link #by} named one, else of everyone in one column). */
  public GroupTable build() {
    if (variables.isEmpty()) {
      throw new StudybookException("Table1: name the variables to summarise with variables(...)");
    }
    if (by == null) {
      return overallOnly();
    }
    int groupCount = data.levels(by).size();
    if (groupLabels != null && groupLabels.size() != groupCount) {
      throw new StudybookException("Table1.groupLabels: " + groupLabels.size() + " labels for the " + groupCount
          + " groups of '" + by + "' (" + String.join(", ", data.levels(by)) + ")");
    }
    Map<String, TestId> requested = new LinkedHashMap<>();
    Map<String, TestId> bySummary = new LinkedHashMap<>();
    for (String v : variables) {
      if (tests.containsKey(v)) {
        requested.put(v, tests.get(v));
      } else if (data.kind(v) == VariableKind.CONTINUOUS) {
        // A number is compared by the test that matches its summary (TestPolicy.forSummary), not "requested".
        bySummary.put(v, TestPolicy.forSummary(style(v), groupCount));
      }
    }
    DescribeTable d = DescribeTable.of(data, by, variables, requested, bySummary,
        (v, t) -> "Table1.test(\"" + v + "\", \"" + t.contractName() + "\")");
    List<GroupTableRow> rows = new ArrayList<>();
    Map<TestId, GroupTable.TestNote> notes = new LinkedHashMap<>();
    for (DescribeVariable v : d.variables()) {
      TestResult t = v.test();
      notes.putIfAbsent(t.test(), GroupTable.TestNote.of(t.test()));
      double statistic = t.statistic().orElse(Double.NaN);
      double df = t.df().orElse(Double.NaN);
      String reason = t.computable() ? v.choice().reason() : t.note().orElse(v.choice().reason());
      String label = labels.getOrDefault(v.name(), label(v.name()));
      String test = t.test().contractName();
      if (v instanceof DescribeVariable.Continuous c) {
        SummaryStyle style = style(v.name());
        SummaryCell overall = cell(c.overall(), style);
        List<SummaryCell> groups = c.groups().stream().map(s -> cell(s, style)).toList();
        int decimals = digits.getOrDefault(v.name(), wholeDecimals(v.name(), style));
        rows.add(new GroupTableRow(v.name(), label, "", "", style.token(), overall, groups, c.overall().missing(),
            test, t.p(), statistic, df, reason, decimals));
      } else if (v instanceof DescribeVariable.Categorical c) {
        String shown = dichotomous.get(v.name());
        if (shown != null) {
          int level = c.levels().indexOf(shown);
          rows.add(new GroupTableRow(v.name(), label, shown, levelLabel(v.name(), shown), "dichotomous",
              cell(c.overall(), level), c.groups().stream().map(g -> cell(g, level)).toList(),
              (int) c.overall().missing(), test, t.p(), statistic, df, reason, -1));
          continue;
        }
        rows.add(new GroupTableRow(v.name(), label, "", "", "heading", empty(), c.groups().stream().map(x -> empty())
            .toList(), (int) c.overall().missing(), test, t.p(), statistic, df, reason, -1));
        for (int l = 0; l < c.levels().size(); l++) {
          final int level = l;
          String lv = c.levels().get(l);
          rows.add(new GroupTableRow(v.name(), label, lv, levelLabel(v.name(), lv), "level", cell(c.overall(), level),
              c.groups().stream().map(g -> cell(g, level)).toList(), 0, "", Double.NaN, Double.NaN, Double.NaN, "",
              -1));
        }
      }
    }
    List<String> shownGroups = groupLabels != null ? groupLabels
        : d.groups().stream().map(g -> levelLabel(by, g)).toList();
    List<Integer> sizes = new ArrayList<>();
    if (data.plan().isPresent()) {
      long[] counts = data.plan().get().countBy(by, d.groups().size());
      for (int g = 0; g < d.groups().size(); g++) {
        sizes.add(Math.toIntExact(counts[g]));
      }
    } else {
      int[] codes = data.codes(by);
      for (int g = 0; g < d.groups().size(); g++) {
        int count = 0;
        for (int c : codes) {
          count += c == g ? 1 : 0;
        }
        sizes.add(count);
      }
    }
    return new GroupTable(name, by, d.groups(), shownGroups, sizes, d.n(), d.excluded(), rows,
        new ArrayList<>(notes.values()));
  }

  /**
   * The table of everyone: the grouped table over one group that holds every row, kept to its Overall column
   * (the one group's column would repeat it, and there is nothing to compare).
   */
  private GroupTable overallOnly() {
    if (!tests.isEmpty()) {
      String v = tests.keySet().iterator().next();
      throw new StudybookException("Table1.test(\"" + v + "\", \"" + tests.get(v).contractName()
          + "\"): a test compares groups; name the grouping variable with by(\"...\")");
    }
    if (groupLabels != null) {
      throw new StudybookException("Table1.groupLabels: there are no groups; name the grouping variable with by(\"...\")");
    }
    String everyone = "everyone";
    while (data.has(everyone)) {
      everyone += "_";
    }
    Frame all;
    if (data.plan().isPresent()) {
      all = data.withFactor(everyone, studybook.data.Case.otherwise("all")); // a column expression on the engine
    } else {
      String[] level = new String[data.rowCount()];
      java.util.Arrays.fill(level, "all");
      all = data.withCategorical(everyone, level, List.of("all"));
    }
    Table1 grouped = on(all);
    grouped.by = everyone;
    GroupTable one = grouped.build();
    List<GroupTableRow> rows = new ArrayList<>();
    for (GroupTableRow r : one.entries()) {
      rows.add(new GroupTableRow(r.variable(), r.label(), r.level(), r.levelLabel(), r.style(), r.overall(), List.of(),
          r.missing(), "", Double.NaN, Double.NaN, Double.NaN, "", r.decimals()));
    }
    return new GroupTable(one.tableName(), "", List.of(), List.of(), List.of(), one.n(), 0, rows, List.of());
  }

  private SummaryStyle style(String v) {
    if (summaries.containsKey(v)) {
      return summaries.get(v);
    }
    return codebook().flatMap(cb -> cb.find(v)).map(x -> x.summary()).orElse(SummaryStyle.MEDIAN_IQR);
  }

  private Optional<Codebook> codebook() {
    return Optional.ofNullable(codebook);
  }

  private String label(String v) {
    return codebook().flatMap(cb -> cb.find(v))
        .map(x -> x.unit().isEmpty() ? x.label() : x.label() + ", " + x.unit()).orElse(v);
  }

  private String levelLabel(String v, String level) {
    return codebook().flatMap(cb -> cb.find(v)).map(x -> x.levelLabel(level)).orElse(level);
  }

  /**
   * 0 for a median (IQR) of whole numbers (121 (110–140), not 121.0 (110.0–140.0); a quartile
   * between two whole numbers rounds half-up, as gtsummary prints integers); otherwise the
   * style's default (-1). A mean ± SD keeps the style's decimals.
   */
  private int wholeDecimals(String v, SummaryStyle style) {
    if (style != SummaryStyle.MEDIAN_IQR) {
      return -1;
    }
    if (data.plan().isPresent()) {
      return data.plan().get().wholeNumbers(v) ? 0 : -1;
    }
    boolean any = false;
    for (double x : data.values(v)) {
      if (!Double.isNaN(x)) {
        if (x != Math.rint(x)) {
          return -1;
        }
        any = true;
      }
    }
    return any ? 0 : -1;
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
}
