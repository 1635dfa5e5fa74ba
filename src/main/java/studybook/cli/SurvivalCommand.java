package studybook.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.Numbers;
import studybook.data.VariableKind;
import studybook.stats.survival.EventCoding;
import studybook.stats.survival.FollowUp;
import studybook.stats.survival.KaplanMeier;
import studybook.stats.survival.KaplanMeierCurve;
import studybook.stats.survival.LogRank;
import studybook.stats.survival.LogRankTest;
import studybook.stats.survival.SurvivalMedian;

/**
 * {@code studybook survival}: Kaplan-Meier curves (log limits, Greenwood variance), medians, the
 * log-rank test across --by groups and median follow-up, on any CSV file (CONTRACT.md).
 *
 * <p>A row whose time, event or group is missing is left out and counted in "excluded" (present only when above 0); a negative
 * time is an error at its line. The status column is read as R's Surv reads it ({@link EventCoding}:
 * 0/1 -> 1, 1/2 -> 2, TRUE/FALSE -> TRUE) unless --event-value names the event; any other coding is an
 * error asking for --event-value, never a guess.
 */
@Command(name = "survival", mixinStandardHelpOptions = true,
    description = "Kaplan-Meier and log-rank on any CSV file.")
public final class SurvivalCommand implements Callable<Integer> {
  @Mixin AdhocDataOptions data;

  @Mixin EngineOptions engine;

  @Option(names = "--time", required = true, paramLabel = "COL", description = "Follow-up time (numbers, not negative).")
  String time;

  @Option(names = "--event", required = true, paramLabel = "COL",
      description = "Status column: the event value marks an event, the other value a censoring.")
  String event;

  @Option(names = "--event-value", paramLabel = "V",
      description = "The value of the status column that marks an event (default: as R's Surv reads the column: "
          + "0/1 -> 1, 1/2 -> 2, TRUE/FALSE -> TRUE; any other coding needs this option).")
  String eventValue;

  /** The coding the rows were read with, for the readable summary. */
  private EventCoding resolvedCoding;

  @Option(names = "--by", paramLabel = "COL", description = "Group column: one curve per level and a log-rank test.")
  String by;

  /** The analysed rows of the file, in file order. */
  record Rows(double[] time, boolean[] event, int[] group, List<String> levels, int excluded) {}

  @Override
  public Integer call() {
    if (by != null && !data.categorical.contains(by)) {
      // A group column of numbers (sex coded 1/2) is still a grouping, never a continuous variable.
      data.categorical.add(by);
    }
    if (engine.spark()) {
      SparkBridge.Survival s = engine.bridge().survival(data.sparkSource(engine), time, event, eventValue, by);
      if (!data.json()) {
        throw new StudybookException("--engine spark answers with --json only (for now)");
      }
      Json.print(System.out, Json.withExcluded(json(s.n(), s.curves(), s.logRank(), s.followUp()), s.excluded()));
      if (s.logRank() != null && !s.logRank().computed()) {
        System.err.println("studybook: note: log-rank test not computable: " + s.logRank().notComputable().get());
      }
      return 0;
    }
    Frame frame = data.load();
    Rows rows = rows(frame);
    KaplanMeier km = KaplanMeier.withDefaults();
    List<KaplanMeierCurve> curves = km.fitByGroup(rows.time(), rows.event(), rows.group(), rows.levels());
    LogRankTest logRank = by == null ? null : LogRank.test(rows.time(), rows.event(), rows.group(), rows.levels());
    FollowUp followUp = FollowUp.of(rows.time(), rows.event());
    if (data.json()) {
      Json.print(System.out, Json.withExcluded(json(rows.time().length, curves, logRank, followUp), rows.excluded()));
      if (logRank != null && !logRank.computed()) {
        System.err.println("studybook: note: log-rank test not computable: " + logRank.notComputable().get());
      }
    } else {
      printSummary(System.out, frame, rows, curves, logRank, followUp);
    }
    return 0;
  }

  Rows rows(Frame frame) {
    frame.requireColumn(time);
    frame.requireColumn(event);
    double[] times = timeValues(frame, time);
    RowEvents coding = eventCoding(frame);
    int[] codes = by == null ? new int[frame.rowCount()] : frame.codes(by);
    List<String> levels = by == null ? List.of("all") : frame.levels(by);
    List<DataProblem> negative = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    int excluded = 0;
    for (int r = 0; r < frame.rowCount(); r++) {
      if (Double.isNaN(times[r]) || coding.missing(r) || codes[r] < 0) {
        excluded++;
      } else if (times[r] < 0) {
        if (negative.size() < DataException.MAX_PROBLEMS) {
          negative.add(new DataProblem(frame.source(), frame.line(r), time, frame.text(time, r),
              "negative survival time", "a follow-up time counts from the start of observation; fix or remove the row"));
        }
      } else {
        kept.add(r);
      }
    }
    if (!negative.isEmpty()) {
      throw new DataException(negative);
    }
    if (kept.isEmpty()) {
      throw new DataException(new DataProblem(frame.source(), 0, null, null,
          "no row has a time, an event" + (by == null ? "" : " and a group") + " to analyse", null));
    }
    int n = kept.size();
    double[] t = new double[n];
    boolean[] e = new boolean[n];
    int[] g = new int[n];
    for (int i = 0; i < n; i++) {
      int r = kept.get(i);
      t[i] = times[r];
      e[i] = coding.isEvent(r);
      g[i] = codes[r];
    }
    return new Rows(t, e, g, levels, excluded);
  }

  /** The follow-up times of a column that must hold numbers; a word in it is an error at its line. */
  static double[] timeValues(Frame frame, String time) {
    return studybook.tables.CompetingRisks.survivalTimes(frame, time);
  }

  /** Which rows are events, by the rule of R's Surv unless --event-value names the event (EventCoding). */
  private RowEvents eventCoding(Frame frame) {
    RowEvents events = rowEvents(frame, event, eventValue);
    events.coding().censoringNote(event).ifPresent(n -> System.err.println("studybook: note: " + n));
    resolvedCoding = events.coding();
    return events;
  }

  /**
   * The event flag and missingness of every row of a status column, read by {@link EventCoding}; a
   * coding it cannot read is a located error (file, column and, for a stray third value, its line).
   * Shared by the commands that read a survival status.
   */
  static RowEvents rowEvents(Frame frame, String column, String declared) {
    List<String> status = new ArrayList<>(frame.rowCount());
    for (int r = 0; r < frame.rowCount(); r++) {
      status.add(frame.text(column, r));
    }
    EventCoding coding;
    try {
      coding = EventCoding.of(status, Optional.ofNullable(declared));
    } catch (EventCoding.AmbiguousCodingException e) {
      if (e.row().isPresent()) {
        throw frame.problem(column, e.row().getAsInt(), e.problem(), e.hint());
      }
      throw new DataException(new DataProblem(frame.source(), 1, column, null, e.problem(), e.hint()));
    }
    boolean[] missing = new boolean[status.size()];
    for (int r = 0; r < missing.length; r++) {
      missing[r] = EventCoding.isMissing(status.get(r));
    }
    return new RowEvents(coding, coding.events(status), missing);
  }

  /** The coding of a status column and the event flag and missingness of each row. */
  record RowEvents(EventCoding coding, boolean[] event, boolean[] missingFlags) {
    boolean isEvent(int row) {
      return event[row];
    }

    boolean missing(int row) {
      return missingFlags[row];
    }
  }

  ObjectNode json(int n, List<KaplanMeierCurve> curves, LogRankTest logRank, FollowUp followUp) {
    ObjectNode root = Json.object();
    root.put("n", n);
    root.put("events", curves.stream().mapToInt(KaplanMeierCurve::totalEvents).sum());
    ArrayNode groups = root.putArray("groups");
    for (KaplanMeierCurve c : curves) {
      SurvivalMedian m = c.median();
      ObjectNode g = groups.addObject();
      g.put("group", c.group());
      g.put("n", c.n());
      g.put("events", c.totalEvents());
      g.set("median", Json.number(m.estimate()));
      g.set("median_low", Json.number(m.lower()));
      g.set("median_high", Json.number(m.upper()));
      g.set("times", Json.numbers(unbox(c.time())));
      g.set("surv", Json.numbers(unbox(c.survival())));
      g.set("lower", Json.numbers(unbox(c.lower())));
      g.set("upper", Json.numbers(unbox(c.upper())));
    }
    if (logRank != null) {
      ObjectNode lr = root.putObject("logrank");
      lr.set("chisq", Json.number(logRank.chisq()));
      if (logRank.df().isPresent()) {
        lr.put("df", logRank.df().getAsInt());
      } else {
        lr.putNull("df");
      }
      lr.set("p", Json.number(logRank.p()));
    }
    ObjectNode fu = root.putObject("followup");
    fu.set("median_reverse_km", Json.number(followUp.medianReverseKaplanMeier()));
    fu.set("median_observed", Json.number(followUp.medianObserved()));
    return root;
  }

  private void printSummary(PrintStream out, Frame frame, Rows rows, List<KaplanMeierCurve> curves,
      LogRankTest logRank, FollowUp followUp) {
    int events = curves.stream().mapToInt(KaplanMeierCurve::totalEvents).sum();
    out.printf(Locale.ROOT, "Kaplan-Meier of %s (%s)%s in %s%n", time, resolvedCoding.describe(event),
        by == null ? "" : " by " + by, frame.source());
    out.printf(Locale.ROOT, "%d patients, %d events%s%n", rows.time().length, events,
        rows.excluded() == 0 ? "" : "; " + rows.excluded() + " rows left out (missing time, event"
            + (by == null ? "" : " or group") + ")");
    out.println();
    int width = Math.max(5, curves.stream().mapToInt(c -> c.group().length()).max().orElse(5));
    out.printf(Locale.ROOT, "%-" + width + "s  %6s  %6s  %10s  %23s%n", "group", "n", "events", "median", "95% CI");
    for (KaplanMeierCurve c : curves) {
      SurvivalMedian m = c.median();
      out.printf(Locale.ROOT, "%-" + width + "s  %6d  %6d  %10s  %23s%n", c.group(), c.n(), c.totalEvents(),
          text(m.estimate()), text(m.lower()) + " to " + text(m.upper()));
    }
    out.println("(median: not reached when the curve stays above 0.5; limits: log transform, Greenwood variance)");
    if (logRank != null) {
      out.println();
      if (logRank.computed()) {
        out.printf(Locale.ROOT, "Log-rank test: chi-square %.4f on %d df, p = %.4g%n", logRank.chisq().getAsDouble(),
            logRank.df().getAsInt(), logRank.p().getAsDouble());
      } else {
        out.println("Log-rank test: not computable (" + logRank.notComputable().get() + ")");
      }
    }
    out.println();
    out.printf(Locale.ROOT, "Median follow-up: %s by reverse Kaplan-Meier, %s over observed times%n",
        text(followUp.medianReverseKaplanMeier()), text(followUp.medianObserved()));
    out.flush();
  }

  private static String text(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.6g", v.getAsDouble()).replaceFirst("\\.?0+$", "")
        .replaceFirst("\\.?0+e", "e") : "not reached";
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
