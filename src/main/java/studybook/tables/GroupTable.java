package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import studybook.data.Codebook;
import studybook.data.Frame;
import studybook.stats.compare.TestId;

/**
 * A Table 1-style summary by group, flattened into display rows: one row per continuous variable
 * (summarised as its codebook says), a heading row plus one row per level for a categorical one, and
 * on each variable's first row the test {@link TestPolicy} picks (for a continuous variable, the one
 * matching its summary), named.
 *
 * @param tableName the CSV's file stem
 * @param by the grouping variable; empty for a table of everyone (one Overall column, no tests)
 * @param groups its levels (none for a table of everyone)
 * @param groupLabels their display labels
 * @param groupSizes patients per group
 * @param n patients with a group
 * @param excluded patients left out because their group is missing
 * @param entries the display rows
 * @param tests the tests used, each once, in order of first use (for footnotes)
 */
public record GroupTable(String tableName, String by, List<String> groups, List<String> groupLabels,
    List<Integer> groupSizes, int n, int excluded, List<GroupTableRow> entries, List<TestNote> tests)
    implements Tabular, Displayable {

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
        case FISHER, FISHER_SIMULATED -> "";
        case T, WELCH -> "t";
        case MANN_WHITNEY, MANN_WHITNEY_EXACT -> "W";
        case KRUSKAL -> "H";
        case ANOVA -> "F";
      };
    }
  }

  /** Summarises {@code variables} by {@code by} with the default tests; labels, units and styles from the codebook. */
  public static GroupTable of(String tableName, Frame data, String by, List<String> variables) {
    return of(tableName, data, data.codebook(), by, variables, null);
  }

  /** As {@link #of(String, Frame, String, List)}, with group labels for a derived grouping variable. */
  public static GroupTable of(String tableName, Frame data, String by, List<String> variables,
      List<String> groupLabels) {
    return of(tableName, data, data.codebook(), by, variables, groupLabels);
  }

  /** As {@link #of(String, Frame, String, List)}, labelled by {@code codebook} instead of the frame's own. */
  public static GroupTable of(String tableName, Frame data, Codebook codebook, String by, List<String> variables) {
    return of(tableName, data, codebook, by, variables, null);
  }

  /** As {@link #of(String, Frame, Codebook, String, List)}, with group labels for a derived grouping variable. */
  public static GroupTable of(String tableName, Frame data, Codebook codebook, String by, List<String> variables,
      List<String> groupLabels) {
    Table1 t = Table1.of(data, codebook).name(tableName).by(by).variables(variables);
    return (groupLabels == null ? t : t.groupLabels(groupLabels)).build();
  }

  /**
   * The table as shown: a column per group headed by its size, a P column whose values carry their
   * test; a number in one row ({@code , mean ± SD} or {@code , median (IQR)}), a categorical
   * variable as a heading with its levels indented below (or one row for a dichotomous one).
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = new ArrayList<>();
    columns.add(TableModel.Column.label("Characteristic"));
    columns.add(TableModel.Column.group("Overall", n));
    for (int g = 0; g < groups.size(); g++) {
      columns.add(TableModel.Column.group(groupLabels.get(g), groupSizes.get(g)));
    }
    boolean grouped = !groups.isEmpty();
    if (grouped) {
      columns.add(TableModel.Column.number("P"));
    }
    List<TableModel.Row> rows = new ArrayList<>();
    for (GroupTableRow r : entries) {
      List<TableValue> cells = new ArrayList<>();
      cells.add(value(r, r.overall()));
      r.groups().forEach(c -> cells.add(value(r, c)));
      if (grouped) {
        cells.add(r.first() ? new TableValue.PValue(r.p(), r.test(), r.statistic(), r.df()) : new TableValue.Empty());
      }
      String missing = r.missing() > 0 ? " (" + TableValue.missingInText(r.missing()) + " missing" + (r.style().equals("heading")
          ? "; % of known values" : "") + ")" : "";
      TableModel.Row row = switch (r.style()) {
        case "level" -> new TableModel.Row(TableModel.RowKind.LEVEL, r.levelLabel(), "", r.variable(), cells);
        case "heading" -> new TableModel.Row(TableModel.RowKind.HEADING, r.label(), ", n (%)" + missing,
            r.variable(), cells);
        case "dichotomous" -> new TableModel.Row(TableModel.RowKind.SINGLE, r.label(),
            ": " + r.levelLabel() + ", n (%)" + missing, r.variable(), cells);
        case "mean_sd" -> new TableModel.Row(TableModel.RowKind.SINGLE, r.label(), ", mean ± SD" + missing,
            r.variable(), cells);
        default -> new TableModel.Row(TableModel.RowKind.SINGLE, r.label(), ", median (IQR)" + missing,
            r.variable(), cells);
      };
      rows.add(row);
    }
    List<TableModel.Test> notes = tests.stream()
        .map(t -> new TableModel.Test(t.name(), t.footnote(), t.rCall(), t.symbol())).toList();
    List<String> extra = excluded > 0 ? List.of(TableValue.countInText(excluded) + " patients without a group were left out.") : List.of();
    return List.of(new TableModel(tableName, "", columns, rows, notes, extra));
  }

  private static TableValue value(GroupTableRow r, SummaryCell c) {
    return switch (r.style()) {
      case "level", "dichotomous" -> new TableValue.Count((long) c.first(), c.second());
      case "mean_sd" -> new TableValue.MeanSd(c.first(), c.second(), r.decimals());
      case "median_iqr" -> new TableValue.MedianIqr(c.first(), c.second(), c.third(), r.decimals());
      default -> new TableValue.Empty();
    };
  }

  @Override
  public List<String> columns() {
    List<String> c = new ArrayList<>(List.of("variable", "level", "style", "overall_1", "overall_2", "overall_3"));
    for (String g : groups) {
      c.add(g + "_1");
      c.add(g + "_2");
      c.add(g + "_3");
    }
    if (!groups.isEmpty()) {
      c.add("test");
      c.add("p");
    }
    return c;
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (GroupTableRow r : entries) {
      List<Object> row = new ArrayList<>(List.of(r.variable(), r.level(), r.style()));
      add(row, r.overall());
      r.groups().forEach(g -> add(row, g));
      if (!groups.isEmpty()) {
        row.add(r.test());
        row.add(r.p());
      }
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
