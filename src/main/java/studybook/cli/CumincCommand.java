package studybook.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.Numbers;
import studybook.data.VariableKind;
import studybook.stats.survival.CumulativeIncidence;
import studybook.stats.survival.CumulativeIncidenceCurve;
import studybook.stats.survival.CumulativeIncidenceFit;

/**
 * {@code studybook cuminc}: cumulative incidence with competing risks on any CSV file (CONTRACT.md): the
 * Aalen-Johansen incidence of the event of interest and of the competing events per --by group (as
 * survfit(Surv(T, factor(S)) ~ G)) and Gray's test (as cmprsk::cuminc(T, S, G)$Tests).
 *
 * <p>The status column holds a censoring value (--censor; default "censored", or 0 for a numeric column),
 * the event of interest (--event) and any number of competing events. When --censor is not given and the
 * default value is absent, the command refuses rather than take the censoring for a competing event.
 * A row whose time, status or group is missing is left out and counted in "excluded" (present only
 * when above 0); a negative time is an error at its line.
 */
@Command(name = "cuminc", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Cumulative incidence with competing risks (Aalen-Johansen, Gray's test) on any CSV file.")
public final class CumincCommand implements Runnable {
  @Mixin AdhocDataOptions data;

  @Option(names = "--time", required = true, paramLabel = "COL", description = "Follow-up time (numbers, not negative).")
  String time;

  @Option(names = "--status", required = true, paramLabel = "COL",
      description = "Status column: the censoring value, the event of interest and the competing events.")
  String status;

  @Option(names = "--event", required = true, paramLabel = "LEVEL", description = "The status value of the event of interest.")
  String event;

  @Option(names = "--censor", paramLabel = "LEVEL",
      description = "The status value of a censored observation (default: \"censored\", or 0 for a numeric column).")
  String censor;

  @Option(names = "--by", paramLabel = "COL", description = "Group column: one curve per level and Gray's test.")
  String by;

  /** The analysed rows, their status codes (0 censored, 1 event, 2 competing) and what the codes mean. */
  record Rows(double[] time, int[] status, int[] group, List<String> levels, String eventValue,
      List<String> competing, int excluded) {}

  @Override
  public void run() {
    if (by != null && !data.categorical.contains(by)) {
      // A group column of numbers (sex coded 1/2) is a grouping, never a continuous variable.
      data.categorical.add(by);
    }
    Frame frame = data.load();
    Rows rows = rows(frame);
    CumulativeIncidenceFit fit = CumulativeIncidence.fit(rows.time(), rows.status(), rows.group(), rows.levels());
    if (data.json()) {
      Json.print(System.out, json(rows, fit));
      fit.gray().flatMap(CumulativeIncidenceFit.GrayTest::notComputable).ifPresent(why ->
          System.err.println("studybook: note: Gray's test not computable: " + why));
    } else {
      print(System.out, frame, rows, fit);
    }
  }

  Rows rows(Frame frame) {
    frame.requireColumn(time);
    frame.requireColumn(status);
    double[] times = SurvivalCommand.timeValues(frame, time);
    boolean numeric = frame.kind(status) == VariableKind.CONTINUOUS;
    String censorValue = censor != null ? censor.trim() : numeric ? "0" : "censored";
    String eventValue = event.trim();
    // distinct non-missing status values in level order (numbers numerically), as keys for comparison
    Map<Object, String> values = new LinkedHashMap<>();
    List<String> levels = numeric ? null : frame.levels(status);
    double[] numbers = numeric ? frame.values(status) : null;
    if (numeric) {
      java.util.TreeMap<Double, String> sorted = new java.util.TreeMap<>();
      for (int r = 0; r < frame.rowCount(); r++) {
        if (!Double.isNaN(numbers[r])) {
          sorted.putIfAbsent(numbers[r], frame.text(status, r));
        }
      }
      sorted.forEach(values::put);
    } else {
      levels.forEach(l -> values.put(l, l));
    }
    Object eventKey = key(frame, numeric, eventValue, "--event");
    Object censorKey = key(frame, numeric, censorValue, "--censor");
    if (eventKey.equals(censorKey)) {
      throw new DataException(new DataProblem(frame.source(), 1, status, eventValue,
          "the event of interest and the censoring value are the same", "give the censoring value with --censor"));
    }
    if (!values.containsKey(eventKey)) {
      throw new DataException(new DataProblem(frame.source(), 1, status, eventValue,
          "--event is not a value of the status column " + values.values(),
          studybook.Names.nearest(eventValue, new ArrayList<>(values.values())).map(n -> "did you mean '" + n + "'?")
              .orElse("use one of them, or declare an event with no rows yet with --levels " + status + "=...")));
    }
    if (censor == null && !values.containsKey(censorKey)) {
      throw new DataException(new DataProblem(frame.source(), 1, status, null,
          "has no value '" + censorValue + "' (the default censoring value); its values are " + values.values(),
          "name the censoring value with --censor, so that it is not taken for a competing event"));
    }
    List<String> competing = new ArrayList<>();
    values.forEach((k, v) -> {
      if (!k.equals(eventKey) && !k.equals(censorKey)) {
        competing.add(v);
      }
    });
    int[] codes = by == null ? new int[frame.rowCount()] : frame.codes(by);
    List<String> groups = by == null ? List.of("all") : frame.levels(by);
    int[] statusCodes = numeric ? null : frame.codes(status);
    List<DataProblem> negative = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    List<Integer> code = new ArrayList<>();
    int excluded = 0;
    for (int r = 0; r < frame.rowCount(); r++) {
      boolean missingStatus = numeric ? Double.isNaN(numbers[r]) : statusCodes[r] < 0;
      if (Double.isNaN(times[r]) || missingStatus || codes[r] < 0) {
        excluded++;
      } else if (times[r] < 0) {
        if (negative.size() < DataException.MAX_PROBLEMS) {
          negative.add(new DataProblem(frame.source(), frame.line(r), time, frame.text(time, r),
              "negative time", "a follow-up time counts from the start of observation; fix or remove the row"));
        }
      } else {
        Object k = numeric ? (Object) numbers[r] : levels.get(statusCodes[r]);
        kept.add(r);
        code.add(k.equals(censorKey) ? CumulativeIncidence.CENSORED
            : k.equals(eventKey) ? CumulativeIncidence.EVENT : CumulativeIncidence.COMPETING);
      }
    }
    if (!negative.isEmpty()) {
      throw new DataException(negative);
    }
    if (kept.isEmpty()) {
      throw new DataException(new DataProblem(frame.source(), 0, null, null,
          "no row has a time, a status" + (by == null ? "" : " and a group") + " to analyse", null));
    }
    int n = kept.size();
    double[] t = new double[n];
    int[] s = new int[n];
    int[] g = new int[n];
    for (int i = 0; i < n; i++) {
      int r = kept.get(i);
      t[i] = times[r];
      s[i] = code.get(i);
      g[i] = codes[r];
    }
    return new Rows(t, s, g, groups, values.get(eventKey), competing, excluded);
  }

  private Object key(Frame frame, boolean numeric, String value, String option) {
    if (!numeric) {
      return value;
    }
    if (!Numbers.looksNumeric(value)) {
      throw new DataException(new DataProblem(frame.source(), 1, status, null,
          "holds numbers but " + option + " is '" + value + "'", "give the number that codes it"));
    }
    return Numbers.parse(value);
  }

  static ObjectNode json(Rows rows, CumulativeIncidenceFit fit) {
    ObjectNode root = Json.object();
    root.put("n", rows.time().length);
    if (rows.excluded() > 0) {
      root.put("excluded", rows.excluded());
    }
    root.put("event", rows.eventValue());
    ArrayNode competing = root.putArray("competing");
    rows.competing().forEach(competing::add);
    ArrayNode groups = root.putArray("groups");
    for (CumulativeIncidenceCurve c : fit.curves()) {
      ObjectNode g = groups.addObject();
      g.put("group", c.group());
      g.put("n", c.n());
      g.put("events", c.events());
      g.put("competing_events", c.competingEvents());
      g.set("times", Json.numbers(unbox(c.time())));
      g.set("cif", Json.numbers(unbox(c.incidence())));
      g.set("cif_competing", Json.numbers(unbox(c.competingIncidence())));
    }
    fit.gray().ifPresent(test -> {
      ObjectNode gray = root.putObject("gray");
      gray.set("chisq", Json.number(test.chisq()));
      if (test.df().isPresent()) {
        gray.put("df", test.df().getAsInt());
      } else {
        gray.putNull("df");
      }
      gray.set("p", Json.number(test.p()));
    });
    return root;
  }

  private void print(PrintStream out, Frame frame, Rows rows, CumulativeIncidenceFit fit) {
    out.printf(Locale.ROOT, "Cumulative incidence of %s = %s (competing: %s)%s in %s%n", status, rows.eventValue(),
        rows.competing().isEmpty() ? "none" : String.join(", ", rows.competing()), by == null ? "" : " by " + by,
        frame.source());
    out.printf(Locale.ROOT, "%d patients%s%n", rows.time().length, rows.excluded() == 0 ? ""
        : "; " + rows.excluded() + " rows left out (missing time, status" + (by == null ? "" : " or group") + ")");
    out.println();
    int width = Math.max(5, fit.curves().stream().mapToInt(c -> c.group().length()).max().orElse(5));
    out.printf(Locale.ROOT, "%-" + width + "s  %6s  %6s  %9s  %14s  %14s%n", "group", "n", "events", "competing",
        "incidence (end)", "competing (end)");
    for (CumulativeIncidenceCurve c : fit.curves()) {
      double last = c.time().isEmpty() ? 0 : c.time().get(c.time().size() - 1);
      out.printf(Locale.ROOT, "%-" + width + "s  %6d  %6d  %9d  %15.4f  %15.4f%n", c.group(), c.n(), c.events(),
          c.competingEvents(), c.incidenceAt(last), c.competingIncidenceAt(last));
    }
    out.println("(Aalen-Johansen estimate, as survival::survfit with a multi-state status)");
    fit.gray().ifPresent(test -> {
      out.println();
      if (test.computed()) {
        out.printf(Locale.ROOT, "Gray's test: chi-square %.4f on %d df, p = %.4g%n", test.chisq().getAsDouble(),
            test.df().getAsInt(), test.p().getAsDouble());
      } else {
        out.println("Gray's test: not computable (" + test.notComputable().get() + ")");
      }
    });
    out.flush();
  }

  private static double[] unbox(List<? extends Number> values) {
    return values.stream().mapToDouble(Number::doubleValue).toArray();
  }
}
