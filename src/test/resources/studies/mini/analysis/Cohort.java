import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.kernel.CellContext;
import studybook.report.figures.FlowBox;
import studybook.report.figures.ForestPlot;
import studybook.report.figures.ForestRow;
import studybook.report.figures.OddsRatioEstimate;
import studybook.tables.Tabular;

public class Cohort {
  /** How many patients, in each group. */
  public record Counts(int n, Map<String, Integer> byGroup) {}

  /** Mean age of the patients whose age is known. */
  public record AgeSummary(int n, int missing, double mean) {}

  /** Events per group, as a table (written to reports/tables/events.csv). */
  public record Events(List<String> columns, List<List<Object>> rows) implements Tabular {
    public String tableName() {
      return "events";
    }
  }

  @Cell("Patients per group")
  public Counts cohort(Frame data) {
    return new Counts(data.rowCount(), data.countBy("group").asMap());
  }

  @Cell("Mean age")
  public AgeSummary age(Frame data) {
    double sum = 0;
    int n = 0;
    for (double v : data.values("age")) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return new AgeSummary(n, data.rowCount() - n, sum / n);
  }

  @Cell("Events per group")
  public Events events(Frame data, Counts cohort) {
    List<List<Object>> rows = new ArrayList<>();
    int[] group = data.codes("group");
    int[] event = data.codes("event");
    int yes = data.levels("event").indexOf("1");
    for (String level : cohort.byGroup().keySet()) {
      int g = data.levels("group").indexOf(level);
      int events = 0;
      for (int r = 0; r < group.length; r++) {
        if (group[r] == g && event[r] == yes) {
          events++;
        }
      }
      int n = cohort.byGroup().get(level);
      rows.add(List.of(level, n, events, 100.0 * events / n));
    }
    return new Events(List.of("group", "n", "events", "pct"), rows);
  }

  @Cell("A seeded resample of the mean age, showing the per-cell seed")
  public double resampledAge(Frame data, CellContext context) {
    double[] ages = java.util.Arrays.stream(data.values("age")).filter(v -> !Double.isNaN(v)).toArray();
    var random = context.random();
    double sum = 0;
    for (int i = 0; i < ages.length; i++) {
      sum += ages[random.nextInt(ages.length)];
    }
    return sum / ages.length;
  }

  // Figure cells: each returns a figure model and the report draws it (figures/<cell>.svg, inline in the HTML).
  /** Patients and events per group level: {n, events}. */
  private static long[][] counts(Frame data) {
    int[] group = data.codes("group");
    int[] event = data.codes("event");
    int yes = data.levels("event").indexOf("1");
    long[][] c = new long[data.levels("group").size()][2];
    for (int r = 0; r < group.length; r++) {
      if (group[r] >= 0) {
        c[group[r]][0]++;
        if (event[r] == yes) {
          c[group[r]][1]++;
        }
      }
    }
    return c;
  }

  @Cell("Patients by treatment group and outcome")
  public FlowBox flow(Frame data) {
    long[][] c = counts(data);
    List<FlowBox> groups = new ArrayList<>();
    long total = 0;
    for (int g = 0; g < c.length; g++) {
      total += c[g][0];
      groups.add(FlowBox.of(data.levels("group").get(g), c[g][0], FlowBox.of("Event", c[g][1]),
          FlowBox.of("No event", c[g][0] - c[g][1])));
    }
    return new FlowBox("All patients", total, groups);
  }

  /** Crude odds ratio of an event, each group against the first, with Woolf (log) 95% limits. */
  @Cell("Odds ratio of an event by group")
  public ForestPlot eventOdds(Frame data) {
    long[][] c = counts(data);
    double a0 = c[0][1];
    double b0 = c[0][0] - a0;
    List<ForestRow> rows = new ArrayList<>();
    for (int g = 1; g < c.length; g++) {
      double a1 = c[g][1];
      double b1 = c[g][0] - a1;
      double or = (a1 * b0) / (b1 * a0);
      double half = 1.959963984540054 * Math.sqrt(1 / a1 + 1 / b1 + 1 / a0 + 1 / b0);
      rows.add(ForestRow.of(data.levels("group").get(g) + " vs " + data.levels("group").get(0),
          new OddsRatioEstimate(or, Math.exp(Math.log(or) - half), Math.exp(Math.log(or) + half))));
    }
    return new ForestPlot("Odds ratio of an event by group", "Crude (Woolf limits)", "", rows);
  }
}
