import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.kernel.CellContext;
import studybook.tables.Tabular;

public class ExampleCohort {
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
    Map<String, Integer> byGroup = new LinkedHashMap<>();
    for (String level : data.levels("group")) {
      byGroup.put(level, 0);
    }
    for (int code : data.codes("group")) {
      if (code >= 0) {
        byGroup.merge(data.levels("group").get(code), 1, Integer::sum);
      }
    }
    return new Counts(data.rowCount(), byGroup);
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
}
