package studybook.cli;

import studybook.report.NumberStyle.Plain;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.data.Frame;
import studybook.stats.survival.CumulativeIncidenceCurve;
import studybook.stats.survival.CumulativeIncidenceFit;
import studybook.tables.CompetingRisks;

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

  @Mixin EngineOptions engine;

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

  @Override
  public void run() {
    boolean spark = engine.spark();
    if (by != null && !data.categorical.contains(by)) {
      // A group column of numbers (sex coded 1/2) is a grouping, never a continuous variable.
      data.categorical.add(by);
    }
    SparkBridge.Cuminc result;
    String source;
    if (spark) {
      // on Spark: each cause and the censorings counted per group and distinct time on the cluster, finished here
      SparkBridge.Source on = data.sparkSource(engine);
      result = engine.bridge().cuminc(on, time, status, event, censor, by);
      source = on.data().toString();
    } else {
      Frame frame = data.load();
      CompetingRisks rows = CompetingRisks.of(frame, time, status, event, censor, by);
      result = new SparkBridge.Cuminc(rows.time().length, rows.excluded(), rows.eventValue(), rows.competing(),
          rows.fit());
      source = frame.source().toString();
    }
    CumulativeIncidenceFit fit = result.fit();
    if (data.json()) {
      Json.print(System.out, Json.withExcluded(json(result.n(), result.eventValue(), result.competing(), fit),
          result.excluded()));
      fit.gray().flatMap(CumulativeIncidenceFit.GrayTest::notComputable).ifPresent(why ->
          System.err.println("studybook: note: Gray's test not computable: " + why));
    } else {
      print(System.out, source, result, fit);
    }
  }

  /** The JSON document of CONTRACT.md, keys in its order ("excluded" is appended after them by Json.withExcluded). */
  static ObjectNode json(int n, String eventValue, List<String> competingValues, CumulativeIncidenceFit fit) {
    ObjectNode root = Json.object();
    root.put("n", n);
    root.put("event", eventValue);
    ArrayNode competing = root.putArray("competing");
    competingValues.forEach(competing::add);
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

  private void print(PrintStream out, String source, SparkBridge.Cuminc rows, CumulativeIncidenceFit fit) {
    out.printf(Locale.ROOT, "Cumulative incidence of %s = %s (competing: %s)%s in %s%n", status, rows.eventValue(),
        rows.competing().isEmpty() ? "none" : String.join(", ", rows.competing()), by == null ? "" : " by " + by,
        source);
    out.printf(Locale.ROOT, "%d patients%s%n", rows.n(), rows.excluded() == 0 ? ""
        : "; " + rows.excluded() + " rows left out (missing time, status" + (by == null ? "" : " or group") + ")");
    out.println();
    int width = Math.max(5, fit.curves().stream().mapToInt(c -> c.group().length()).max().orElse(5));
    out.printf(Locale.ROOT, "%-" + width + "s  %6s  %6s  %9s  %14s  %14s%n", "group", "n", "events", "competing",
        "incidence (end)", "competing (end)");
    for (CumulativeIncidenceCurve c : fit.curves()) {
      double last = c.time().isEmpty() ? 0 : c.time().get(c.time().size() - 1);
      out.printf(Locale.ROOT, "%-" + width + "s  %6d  %6d  %9d  %15s  %15s%n", c.group(), c.n(), c.events(),
          c.competingEvents(), Plain.fixed(c.incidenceAt(last), 4), Plain.fixed(c.competingIncidenceAt(last), 4));
    }
    out.println("(Aalen-Johansen estimate, as survival::survfit with a multi-state status)");
    fit.gray().ifPresent(test -> {
      out.println();
      if (test.computed()) {
        out.printf(Locale.ROOT, "Gray's test: chi-square %s on %d df, p = %s%n", Plain.fixed(test.chisq().getAsDouble(), 4),
            test.df().getAsInt(), Plain.significant(test.p().getAsDouble(), 4));
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
