package studybook.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import studybook.cli.SparkBridge;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.stats.survival.EventCoding;
import studybook.stats.survival.FollowUp;
import studybook.stats.survival.KaplanMeier;
import studybook.stats.survival.KaplanMeierCurve;
import studybook.stats.survival.LogRank;
import studybook.stats.survival.LogRankTest;
import studybook.stats.survival.TimeCounts;

/**
 * Kaplan-Meier, log-rank and follow-up on Spark. The sufficient statistics are the numbers of events and
 * censorings at each distinct time in each group, counted per partition and added on the driver (integers:
 * exact in any order); every risk set, curve, variance and test is then made by the local engine's own code
 * from those counts ({@link TimeCounts} given to KaplanMeier, LogRank and FollowUp), so the numbers are its bytes.
 */
final class SparkSurvival {
  private SparkSurvival() {}

  /** Events and censorings at one time in one group. */
  static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    long events;
    long censored;
  }

  /** One partition's tallies keyed by group, then time; and its rows left out or negative. */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<Integer, Map<Double, Tally>> byGroup = new HashMap<>();
    long excluded;
    long negative;
    String negativeValue;
  }

  /** The survival time's typed column, which must hold numbers (the local engine's error otherwise). */
  static SparkData.Column time(SparkData d, Map<String, SparkData.Column> typed, String time) {
    SparkData.Column t = typed.get(time);
    if (t.categorical()) {
      throw new DataException(new DataProblem(d.file, 1, time, null, "survival time must be numeric",
          "do not name it in --categorical or --levels, and fix a value that is not a number or mark it missing"
              + " (empty or NA)"));
    }
    return t;
  }

  /** A status column read by the local rule: its coding, which of its level codes are events, and the codes. */
  record Status(SparkData.Column column, EventCoding coding, boolean[] isEvent, Map<String, Integer> codes) {}

  static Status status(SparkData d, Map<String, SparkData.Column> typed, String event, String eventValue) {
    SparkData.Column status = typed.get(event);
    EventCoding coding;
    try {
      coding = EventCoding.of(status.levels(), Optional.ofNullable(eventValue));
    } catch (EventCoding.AmbiguousCodingException e) {
      throw new DataException(new DataProblem(d.file, 1, event, e.value(), e.problem(), e.hint()));
    }
    boolean[] isEvent = new boolean[status.levels().size()];
    for (int l = 0; l < isEvent.length; l++) {
      isEvent[l] = coding.isEvent(status.levels().get(l));
    }
    return new Status(status, coding, isEvent, SparkData.codes(status));
  }

  static SparkBridge.Survival run(SparkData d, String time, String event, String eventValue, String by,
      java.util.Set<String> categorical, Map<String, List<String>> levels) {
    d.index(time);
    d.index(event);
    java.util.Set<String> cat = new java.util.LinkedHashSet<>(categorical);
    cat.add(event);
    if (by != null) {
      cat.add(by);
    }
    cat.remove(time);
    List<String> names = new ArrayList<>(List.of(time, event));
    if (by != null) {
      names.add(by);
    }
    Map<String, SparkData.Column> typed = d.type(names, cat, levels);
    SparkData.Column t = time(d, typed, time);
    Status st = status(d, typed, event, eventValue);
    st.coding().censoringNote(event).ifPresent(n -> System.err.println("studybook: note: " + n));
    SparkData.Column status = st.column();
    boolean[] isEvent = st.isEvent();
    Map<String, Integer> statusCodes = st.codes();
    SparkData.Column g = by == null ? null : typed.get(by);
    Map<String, Integer> groupCodes = g == null ? Map.of() : SparkData.codes(g);
    List<String> groupNames = g == null ? List.of("all") : g.levels();
    int ti = t.index();
    int si = status.index();
    int gi = g == null ? -1 : g.index();
    List<Part> parts = d.job(() -> SparkData.partials(d.rows, it -> {
      Part p = new Part();
      while (it.hasNext()) {
        Row r = it.next();
        double tv = Cells.number(r.get(ti));
        int s = SparkData.code(statusCodes, r.get(si));
        int grp = gi < 0 ? 0 : SparkData.code(groupCodes, r.get(gi));
        if (Double.isNaN(tv) || s < 0 || grp < 0) {
          p.excluded++;
        } else if (tv < 0) {
          p.negative++;
          if (p.negativeValue == null) {
            p.negativeValue = Cells.text(r.get(ti));
          }
        } else {
          // + 0.0: -0.0 and 0.0 are one time, as the local engine's == takes them
          Tally c = p.byGroup.computeIfAbsent(grp, k -> new HashMap<>()).computeIfAbsent(tv + 0.0, k -> new Tally());
          if (isEvent[s]) {
            c.events++;
          } else {
            c.censored++;
          }
        }
      }
      return p;
    }));
    long excluded = 0;
    long negative = 0;
    String negativeValue = null;
    List<TreeMap<Double, long[]>> groups = new ArrayList<>();
    for (int k = 0; k < groupNames.size(); k++) {
      groups.add(new TreeMap<>());
    }
    for (Part p : parts) {
      excluded += p.excluded;
      negative += p.negative;
      negativeValue = negativeValue == null ? p.negativeValue : negativeValue;
      p.byGroup.forEach((grp, times) -> times.forEach((tv, c) -> {
        long[] a = groups.get(grp).computeIfAbsent(tv, k -> new long[2]);
        a[0] += c.events;
        a[1] += c.censored;
      }));
    }
    if (negative > 0) {
      throw new DataException(new DataProblem(d.file, 0, time, negativeValue, "negative survival time ("
          + negative + " rows)", "a follow-up time counts from the start of observation; fix or remove the rows"));
    }
    TimeCounts counts = counts(groupNames, groups);
    int n = counts.n();
    if (n == 0) {
      throw new DataException(new DataProblem(d.file, 0, null, null,
          "no row has a time, an event" + (by == null ? "" : " and a group") + " to analyse", null));
    }
    List<KaplanMeierCurve> curves = KaplanMeier.withDefaults().fit(counts);
    LogRankTest logRank = by == null ? null : LogRank.test(counts);
    return new SparkBridge.Survival(n, (int) excluded, curves, logRank, FollowUp.of(counts));
  }

  /** The tallies of each group (time to events, censorings) as counts over the distinct times of all groups. */
  static TimeCounts counts(List<String> groupNames, List<TreeMap<Double, long[]>> groups) {
    TreeMap<Double, Integer> index = new TreeMap<>();
    groups.forEach(m -> m.keySet().forEach(t -> index.put(t, 0)));
    double[] times = new double[index.size()];
    int i = 0;
    for (Map.Entry<Double, Integer> e : index.entrySet()) {
      times[i] = e.getKey();
      e.setValue(i++);
    }
    int k = groupNames.size();
    int[][] events = new int[k][times.length];
    int[][] censored = new int[k][times.length];
    for (int g = 0; g < k; g++) {
      for (Map.Entry<Double, long[]> e : groups.get(g).entrySet()) {
        int at = index.get(e.getKey());
        events[g][at] = Math.toIntExact(e.getValue()[0]);
        censored[g][at] = Math.toIntExact(e.getValue()[1]);
      }
    }
    return new TimeCounts(groupNames, times, events, censored);
  }
}
