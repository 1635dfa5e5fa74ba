package studybook.stats.survival;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Kaplan-Meier, log-rank and follow-up from counts by distinct time (what the Spark engine aggregates) are the
 * row-taking methods' numbers: the counts here are tallied independently of {@link TimeCounts#of}, in a map.
 */
class TimeCountsTest {
  @Test
  void rowsAreCountedByDistinctTimeWithNegativeAndPositiveZeroAsOne() {
    double[] time = {5, 1, 3, 1, -0.0, 5, 0.0, 2.5};
    boolean[] event = {true, false, true, true, false, false, true, true};
    TimeCounts c = TimeCounts.of(time, event, new int[8], List.of("all"));
    assertArrayEquals(new double[] {-0.0, 1, 2.5, 3, 5}, c.times());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1}, c.events()[0]);
    assertArrayEquals(new int[] {1, 1, 0, 0, 1}, c.censored()[0]);
    assertEquals(8, c.n());
  }

  @Test
  void countsOutOfOrderOrNegativeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TimeCounts(List.of("a"), new double[] {2, 1},
        new int[][] {{1, 1}}, new int[][] {{0, 0}}));
    assertThrows(IllegalArgumentException.class, () -> new TimeCounts(List.of("a"), new double[] {1, 2},
        new int[][] {{1, -1}}, new int[][] {{0, 0}}));
    assertThrows(IllegalArgumentException.class, () -> new TimeCounts(List.of("a"), new double[] {-1},
        new int[][] {{1}}, new int[][] {{0}}));
  }

  @Test
  void curvesTestAndFollowUpFromCountsEqualThoseFromRows() {
    SplittableRandom r = new SplittableRandom(26);
    int n = 5_000;
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    int[] group = new int[n];
    List<String> levels = List.of("a", "b", "c", "empty");
    List<TreeMap<Double, int[]>> tally = List.of(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    TreeMap<Double, Boolean> all = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      time[i] = Math.round(r.nextDouble() * 600) / 10.0;
      event[i] = r.nextDouble() < 0.3;
      group[i] = r.nextInt(3);
      tally.get(group[i]).computeIfAbsent(time[i], t -> new int[2])[event[i] ? 0 : 1]++;
      all.put(time[i], true);
    }
    double[] times = all.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    int[][] events = new int[4][times.length];
    int[][] censored = new int[4][times.length];
    for (int g = 0; g < 4; g++) {
      for (int i = 0; i < times.length; i++) {
        int[] a = tally.get(g).getOrDefault(times[i], new int[2]);
        events[g][i] = a[0];
        censored[g][i] = a[1];
      }
    }
    TimeCounts counts = new TimeCounts(levels, times, events, censored);
    assertEquals(KaplanMeier.withDefaults().fitByGroup(time, event, group, levels),
        KaplanMeier.withDefaults().fit(counts));
    assertEquals(KaplanMeier.withDefaults().fitByGroup(time, event, group, levels).get(3).n(), 0);
    assertEquals(LogRank.test(time, event, group, levels), LogRank.test(counts));
    assertEquals(2, LogRank.test(counts).df().getAsInt());
    assertEquals(FollowUp.of(time, event), FollowUp.of(counts));
  }

  @Test
  void theMedianObservedTimeFromCountsIsRsMedian() {
    // median(c(1, 2, 2, 7)) = 2; median(c(1, 2, 7, 7, 9)) = 7
    assertEquals(2.0, FollowUp.of(TimeCounts.of("all", new double[] {7, 2, 1, 2}, new boolean[4])).medianObserved()
        .getAsDouble());
    assertEquals(7.0, FollowUp.of(TimeCounts.of("all", new double[] {9, 7, 1, 2, 7}, new boolean[5]))
        .medianObserved().getAsDouble());
  }

  @Test
  void oneGroupOfSeveralCountedOnceGivesWhatCountingItAloneGives() {
    SplittableRandom r = new SplittableRandom(2626);
    int n = 3_000;
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      time[i] = Math.round(r.nextDouble() * 300) / 10.0;
      event[i] = r.nextDouble() < 0.4;
      group[i] = r.nextInt(2);
    }
    TimeCounts both = TimeCounts.of(time, event, group, List.of("a", "b"));
    for (int g = 0; g < 2; g++) {
      int gg = g;
      int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> group[i] == gg).toArray();
      double[] t = java.util.Arrays.stream(rows).mapToDouble(i -> time[i]).toArray();
      boolean[] e = new boolean[rows.length];
      for (int i = 0; i < rows.length; i++) {
        e[i] = event[rows[i]];
      }
      String name = List.of("a", "b").get(g);
      assertEquals(KaplanMeier.withDefaults().fit(name, t, e), KaplanMeier.withDefaults().fit(both.group(g)).get(0));
      assertEquals(FollowUp.of(t, e), FollowUp.of(both.group(g)));
      double[] sorted = t.clone();
      java.util.Arrays.sort(sorted);
      assertArrayEquals(sorted, both.group(g).sortedTimes());
    }
    double[] sorted = time.clone();
    java.util.Arrays.sort(sorted);
    assertArrayEquals(sorted, both.sortedTimes());
    assertEquals(FollowUp.of(time, event), FollowUp.of(both));
  }

  @Test
  void manyDistinctTimesAreCountedAsFewAre() {
    // Above 65,536 distinct times the counting sorts every row instead of hashing the distinct ones.
    SplittableRandom r = new SplittableRandom(7);
    for (int n : new int[] {5_000, 150_000}) {
      double[] time = new double[n];
      boolean[] event = new boolean[n];
      int[] group = new int[n];
      TreeMap<Double, int[]> tally = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        time[i] = i % 3 == 0 ? time[i / 2] : Math.round(r.nextDouble() * 1e6) / 8.0;
        event[i] = r.nextBoolean();
        group[i] = r.nextInt(2);
        tally.computeIfAbsent(time[i], t -> new int[4])[group[i] * 2 + (event[i] ? 0 : 1)]++;
      }
      TimeCounts c = TimeCounts.of(time, event, group, List.of("a", "b"));
      assertArrayEquals(tally.keySet().stream().mapToDouble(Double::doubleValue).toArray(), c.times());
      int i = 0;
      for (int[] a : tally.values()) {
        assertEquals(a[0], c.events()[0][i]);
        assertEquals(a[1], c.censored()[0][i]);
        assertEquals(a[2], c.events()[1][i]);
        assertEquals(a[3], c.censored()[1][i]);
        i++;
      }
    }
  }
}
