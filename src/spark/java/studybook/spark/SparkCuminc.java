package studybook.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import studybook.cli.SparkBridge;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.stats.survival.CompetingCounts;
import studybook.stats.survival.CumulativeIncidence;
import studybook.stats.survival.CumulativeIncidenceFit;
import studybook.tables.CompetingRisks;

/**
 * Cumulative incidence with competing risks on Spark. One pass counts, per group, distinct time and status
 * value, the rows (integers: exact in any order), with the rows left out for a missing time, status or group and
 * the negative times; on the driver the status is read by the local rule ({@link CompetingRisks.StatusCoding}:
 * the same errors for a mistyped event or censoring value), the counts fold into events of interest, competing
 * events and censorings ({@link CompetingCounts}), and the local engine's own code makes the Aalen-Johansen curves
 * and Gray's test from them ({@link CumulativeIncidence#fit(CompetingCounts)}), so the numbers are its bytes.
 */
final class SparkCuminc {
  private SparkCuminc() {}

  /** One partition's counts keyed by group, time and status (a level's code, or a number), and its rows left out. */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<Integer, Map<Double, Map<Object, long[]>>> byGroup = new HashMap<>();
    /** A numeric status: each value and its text where first met in this partition. */
    final LinkedHashMap<Double, String> numbers = new LinkedHashMap<>();
    long excluded;
    long negative;
    String negativeValue;
  }

  static SparkBridge.Cuminc run(SparkData d, String time, String status, String event, String censor, String by,
      Set<String> categorical, Map<String, List<String>> levels) {
    d.index(time);
    d.index(status);
    if (by != null) {
      d.index(by);
    }
    List<String> names = new ArrayList<>(List.of(time, status));
    if (by != null && !names.contains(by)) {
      names.add(by);
    }
    Map<String, SparkData.Column> typed = d.type(new ArrayList<>(new LinkedHashSet<>(names)), categorical, levels);
    SparkData.Column t = SparkSurvival.time(d, typed, time);
    SparkData.Column s = typed.get(status);
    boolean numeric = !s.categorical();
    Map<String, Integer> statusCodes = numeric ? Map.of() : SparkData.codes(s);
    SparkData.Column g = by == null ? null : typed.get(by);
    Map<String, Integer> groupCodes = g == null ? Map.of() : SparkData.codes(g);
    List<String> groupNames = g == null ? List.of("all") : g.levels();
    int ti = t.index();
    int si = s.index();
    int gi = g == null ? -1 : g.index();
    List<Part> parts = d.job(() -> SparkData.partials(d.rows, it -> {
      Part p = new Part();
      while (it.hasNext()) {
        Row r = it.next();
        double tv = Cells.number(r.get(ti));
        Object key;
        if (numeric) {
          double v = Cells.number(r.get(si));
          key = Double.isNaN(v) ? null : (Object) v;
          if (key != null && !p.numbers.containsKey(v)) {
            p.numbers.put(v, Cells.text(r.get(si)));
          }
        } else {
          int c = SparkData.code(statusCodes, r.get(si));
          key = c < 0 ? null : (Object) c;
        }
        int grp = gi < 0 ? 0 : SparkData.code(groupCodes, r.get(gi));
        if (Double.isNaN(tv) || key == null || grp < 0) {
          p.excluded++;
        } else if (tv < 0) {
          p.negative++;
          if (p.negativeValue == null) {
            p.negativeValue = Cells.text(r.get(ti));
          }
        } else {
          // + 0.0: -0.0 and 0.0 are one time, as the local engine's == takes them
          p.byGroup.computeIfAbsent(grp, k -> new HashMap<>()).computeIfAbsent(tv + 0.0, k -> new HashMap<>())
              .computeIfAbsent(key, k -> new long[1])[0]++;
        }
      }
      return p;
    }));
    // the status values in order, each to its text: levels in level order, numbers ascending (first text met)
    Map<Object, String> values = new LinkedHashMap<>();
    if (numeric) {
      TreeMap<Double, String> sorted = new TreeMap<>();
      parts.forEach(p -> p.numbers.forEach(sorted::putIfAbsent));
      sorted.forEach(values::put);
    } else {
      s.levels().forEach(l -> values.put(l, l));
    }
    CompetingRisks.StatusCoding coding = CompetingRisks.StatusCoding.of(d.file, status, numeric, values, event, censor);
    long excluded = 0;
    long negative = 0;
    String negativeValue = null;
    for (Part p : parts) {
      excluded += p.excluded;
      negative += p.negative;
      negativeValue = negativeValue == null ? p.negativeValue : negativeValue;
    }
    if (negative > 0) {
      throw new DataException(new DataProblem(d.file, 0, time, negativeValue, "negative time (" + negative + " rows)",
          "a follow-up time counts from the start of observation; fix or remove the rows"));
    }
    // status key -> 0 censored, 1 event, 2 competing; counts per group: time -> {events, competing, censored}
    List<TreeMap<Double, long[]>> groups = new ArrayList<>();
    for (int k = 0; k < groupNames.size(); k++) {
      groups.add(new TreeMap<>());
    }
    List<String> levelNames = numeric ? List.of() : s.levels();
    for (Part p : parts) {
      p.byGroup.forEach((grp, times) -> times.forEach((tv, byStatus) -> byStatus.forEach((key, count) -> {
        Object value = numeric ? key : levelNames.get((Integer) key);
        int code = coding.code(value);
        long[] a = groups.get(grp).computeIfAbsent(tv, k -> new long[3]);
        a[code == CumulativeIncidence.EVENT ? 0 : code == CumulativeIncidence.CENSORED ? 2 : 1] += count[0];
      })));
    }
    CompetingCounts counts = counts(groupNames, groups);
    int n = counts.n();
    if (n == 0) {
      throw new DataException(new DataProblem(d.file, 0, null, null,
          "no row has a time, a status" + (by == null ? "" : " and a group") + " to analyse", null));
    }
    CumulativeIncidenceFit fit = CumulativeIncidence.fit(counts);
    return new SparkBridge.Cuminc(n, Math.toIntExact(excluded), coding.eventValue(), coding.competing(), fit);
  }

  /**
   * The tallies of each group (time to events, competing events, censorings) over the distinct times of all groups:
   * SparkSurvival's counts of the events of interest and of the competing events, each against the rest.
   */
  static CompetingCounts counts(List<String> groupNames, List<TreeMap<Double, long[]>> groups) {
    List<TreeMap<Double, long[]>> interest = new ArrayList<>();
    List<TreeMap<Double, long[]>> competing = new ArrayList<>();
    for (TreeMap<Double, long[]> g : groups) {
      TreeMap<Double, long[]> a = new TreeMap<>();
      TreeMap<Double, long[]> b = new TreeMap<>();
      g.forEach((t, c) -> {
        a.put(t, new long[] {c[0], c[1] + c[2]});
        b.put(t, new long[] {c[1], c[0] + c[2]});
      });
      interest.add(a);
      competing.add(b);
    }
    return CompetingCounts.of(SparkSurvival.counts(groupNames, interest), SparkSurvival.counts(groupNames, competing));
  }
}
