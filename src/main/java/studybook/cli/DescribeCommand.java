package studybook.cli;

import studybook.report.NumberStyle.Plain;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.Frame;
import studybook.stats.compare.TestId;
import studybook.stats.compare.TestResult;
import studybook.stats.describe.LevelCounts;
import studybook.stats.describe.Summary;
import studybook.tables.DescribeTable;
import studybook.tables.DescribeVariable;
import studybook.tables.TestPolicy;

/**
 * {@code studybook describe}: a Table-1 summary of any CSV file by a grouping column, with one group
 * comparison per variable (CONTRACT.md). The grouping column is always taken as categorical.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Table-1 summary and group comparison of any CSV file.")
public final class DescribeCommand implements Runnable {
  @Mixin AdhocDataOptions data;

  @Mixin EngineOptions engine;

  @Option(names = "--by", required = true, paramLabel = "G", description = "The grouping column (categorical).")
  String by;

  @Option(names = "--vars", split = ",", paramLabel = "VAR",
      description = "Variables to describe (repeat or use commas); default: every column except --by.")
  List<String> vars = new ArrayList<>();

  @Option(names = "--test", paramLabel = "VAR=NAME",
      description = "Test for a variable: chisq, chisq-yates, fisher, fisher-simulated, t, welch, mann-whitney, kruskal, anova "
          + "(repeat or use commas); default: chisq or fisher (expected count < 5), welch (2 groups) or anova.")
  List<String> tests = new ArrayList<>();

  @Override
  public void run() {
    Map<String, String> asked = testArguments();
    if (!data.categorical.contains(by)) {
      data.categorical.add(by);
    }
    Map<String, TestId> requested = new LinkedHashMap<>();
    asked.forEach((v, name) -> requested.put(v, TestPolicy.parse(name, v)));
    DescribeTable table;
    if (engine.spark()) {
      table = engine.bridge().describe(data.sparkSource(engine), by, new ArrayList<>(new LinkedHashSet<>(vars)),
          requested);
    } else {
      Frame frame = data.load();
      List<String> variables = vars.isEmpty() ? DescribeTable.allBut(frame, by)
          : new ArrayList<>(new LinkedHashSet<>(vars));
      table = DescribeTable.of(frame, by, variables, requested);
    }
    if (data.json()) {
      Json.print(System.out, json(table));
    } else {
      System.out.print(text(table));
      System.out.flush();
    }
  }

  /** --test values as variable → test name; "a=x,b=y" and repeated options mean the same. */
  private Map<String, String> testArguments() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String value : tests) {
      for (String token : value.split(",")) {
        int eq = token.indexOf('=');
        String var = eq < 0 ? "" : token.substring(0, eq).trim();
        String name = eq < 0 ? "" : token.substring(eq + 1).trim();
        if (var.isEmpty() || name.isEmpty()) {
          throw new StudybookException("--test expects VAR=NAME (e.g. --test age=welch), not '" + token + "'");
        }
        if (out.put(var, name) != null) {
          throw new StudybookException("--test names '" + var + "' twice");
        }
      }
    }
    return out;
  }

  static ObjectNode json(DescribeTable t) {
    ObjectNode root = Json.object();
    root.put("n", t.n());
    root.put("by", t.by());
    var groups = root.putArray("groups");
    t.groups().forEach(groups::add);
    root.put("excluded", t.excluded());
    var variables = root.putArray("variables");
    for (DescribeVariable v : t.variables()) {
      ObjectNode node = variables.addObject();
      node.put("name", v.name());
      if (v instanceof DescribeVariable.Continuous c) {
        node.put("type", "continuous");
        node.set("overall", summary(c.overall()));
        ObjectNode byGroup = node.putObject("groups");
        for (int g = 0; g < t.groups().size(); g++) {
          byGroup.set(t.groups().get(g), summary(c.groups().get(g)));
        }
      } else if (v instanceof DescribeVariable.Categorical c) {
        node.put("type", "categorical");
        node.put("missing", c.overall().missing());
        var levels = node.putArray("levels");
        for (int l = 0; l < c.levels().size(); l++) {
          ObjectNode level = levels.addObject();
          level.put("level", c.levels().get(l));
          level.set("overall", count(c.overall(), l));
          ObjectNode byGroup = level.putObject("groups");
          for (int g = 0; g < t.groups().size(); g++) {
            byGroup.set(t.groups().get(g), count(c.groups().get(g), l));
          }
        }
      }
      node.set("test", test(v.test()));
    }
    return root;
  }

  private static ObjectNode summary(Summary s) {
    ObjectNode o = Json.object();
    o.put("n", s.n());
    o.put("missing", s.missing());
    o.set("mean", Json.number(s.mean()));
    o.set("sd", Json.number(s.sd()));
    o.set("median", Json.number(s.median()));
    o.set("q1", Json.number(s.q1()));
    o.set("q3", Json.number(s.q3()));
    o.set("min", Json.number(s.min()));
    o.set("max", Json.number(s.max()));
    return o;
  }

  private static ObjectNode count(LevelCounts c, int level) {
    ObjectNode o = Json.object();
    o.put("n", c.count(level));
    o.set("pct", Json.number(c.pct(level)));
    return o;
  }

  private static ObjectNode test(TestResult r) {
    ObjectNode o = Json.object();
    o.put("name", r.test().contractName());
    o.set("statistic", Json.number(r.statistic()));
    o.set("df", Json.number(r.df()));
    if (r.test() == TestId.ANOVA) {
      o.set("df2", Json.number(r.df2()));
    }
    o.set("p", Json.number(r.p()));
    r.note().ifPresent(n -> o.put("note", n));
    return o;
  }

  /** A readable, aligned table: one row per continuous variable, one per level of a categorical one. */
  static String text(DescribeTable t) {
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("Variable");
    header.add("Overall (n=" + t.n() + ")");
    for (String g : t.groups()) {
      header.add(t.by() + "=" + g);
    }
    header.add("p");
    header.add("Test");
    rows.add(header.toArray(new String[0]));
    List<String> footnotes = new ArrayList<>();
    for (DescribeVariable v : t.variables()) {
      String p = pValue(v.test().p());
      if (v instanceof DescribeVariable.Continuous c) {
        List<String> row = new ArrayList<>();
        row.add(v.name() + ", mean (SD)");
        row.add(meanSd(c.overall()));
        c.groups().forEach(s -> row.add(meanSd(s)));
        row.add(p);
        row.add(v.test().test().contractName());
        rows.add(row.toArray(new String[0]));
        List<String> median = new ArrayList<>();
        median.add("  median [Q1, Q3]");
        median.add(medianIqr(c.overall()));
        c.groups().forEach(s -> median.add(medianIqr(s)));
        median.add("");
        median.add("");
        rows.add(median.toArray(new String[0]));
        if (c.overall().missing() > 0) {
          rows.add(missingRow(t, c.overall().missing(), c.groups().stream().mapToLong(Summary::missing).toArray()));
        }
      } else if (v instanceof DescribeVariable.Categorical c) {
        List<String> row = new ArrayList<>();
        row.add(v.name() + ", n (%)");
        for (int i = 0; i < t.groups().size() + 1; i++) {
          row.add("");
        }
        row.add(p);
        row.add(v.test().test().contractName());
        rows.add(row.toArray(new String[0]));
        for (int l = 0; l < c.levels().size(); l++) {
          List<String> level = new ArrayList<>();
          level.add("  " + c.levels().get(l));
          level.add(nPct(c.overall(), l));
          final int li = l;
          c.groups().forEach(g -> level.add(nPct(g, li)));
          level.add("");
          level.add("");
          rows.add(level.toArray(new String[0]));
        }
        if (c.overall().missing() > 0) {
          rows.add(missingRow(t, c.overall().missing(), c.groups().stream().mapToLong(LevelCounts::missing).toArray()));
        }
      }
      footnotes.add(v.name() + ": " + v.test().test().footnote() + " (" + v.choice().reason() + ")"
          + v.test().note().map(n -> "; " + n).orElse(""));
    }
    StringBuilder out = new StringBuilder();
    int[] widths = new int[header.size()];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String cell = i == 0 ? pad(r[i], widths[i]) : padLeft(r[i], widths[i]);
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append('\n');
    if (t.excluded() > 0) {
      out.append(t.excluded()).append(" row(s) with no value of ").append(t.by()).append(" left out.\n");
    }
    footnotes.forEach(f -> out.append(f).append('\n'));
    return out.toString();
  }

  private static String[] missingRow(DescribeTable t, long overall, long[] groups) {
    String[] r = new String[t.groups().size() + 4];
    r[0] = "  missing";
    r[1] = Long.toString(overall);
    for (int g = 0; g < groups.length; g++) {
      r[g + 2] = Long.toString(groups[g]);
    }
    r[r.length - 2] = "";
    r[r.length - 1] = "";
    return r;
  }

  private static String meanSd(Summary s) {
    return s.n() == 0 ? "-" : fmt(s.mean()) + " (" + fmt(s.sd()) + ")";
  }

  private static String medianIqr(Summary s) {
    return s.n() == 0 ? "-" : fmt(s.median()) + " [" + fmt(s.q1()) + ", " + fmt(s.q3()) + "]";
  }

  private static String nPct(LevelCounts c, int level) {
    return c.count(level) + " (" + Plain.fixed(c.pct(level), 1, "-")
        + ")";
  }

  private static String fmt(double v) {
    return Plain.fixed(v, 2, "-");
  }

  private static String pValue(double p) {
    return Plain.describeP(p, "n/a");
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }

}
