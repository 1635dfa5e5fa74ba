package studybook.cli;

import studybook.report.NumberStyle.Plain;
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
import studybook.data.SurvivalColumns;
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
    SurvivalColumns columns = SurvivalColumns.readForCommand(frame, time, event, Optional.ofNullable(eventValue));
    columns.coding().censoringNote(event).ifPresent(n -> System.err.println("studybook: note: " + n));
    resolvedCoding = columns.coding();
    int rowCount = frame.rowCount();
    int[] codes = by == null ? new int[rowCount] : frame.codes(by);
    List<String> levels = by == null ? List.of("all") : frame.levels(by);
    boolean[] complete = new boolean[rowCount];
    int n = 0;
    for (int r = 0; r < rowCount; r++) {
      complete[r] = columns.present(r) && codes[r] >= 0;
      n += complete[r] ? 1 : 0;
    }
    columns.requireNonNegative(frame, time, null);
    if (n == 0) {
      throw new DataException(new DataProblem(frame.source(), 0, null, null,
          "no row has a time, an event" + (by == null ? "" : " and a group") + " to analyse", null));
    }
    double[] times = columns.time();
    boolean[] events = columns.event();
    double[] t = new double[n];
    boolean[] e = new boolean[n];
    int[] g = new int[n];
    for (int r = 0, i = 0; r < rowCount; r++) {
      if (complete[r]) {
        t[i] = times[r];
        e[i] = events[r];
        g[i] = codes[r];
        i++;
      }
    }
    return new Rows(t, e, g, levels, rowCount - n);
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
        out.printf(Locale.ROOT, "Log-rank test: chi-square %s on %d df, p = %s%n", Plain.fixed(logRank.chisq().getAsDouble(), 4),
            logRank.df().getAsInt(), Plain.significant(logRank.p().getAsDouble(), 4));
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
    return Plain.significant(v, "not reached");
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
