package studybook.stats.survival;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The log-rank test's grouping of rows by time: by increasing time, ties together, without a comparator sort. */
class LogRankOrderTest {
  @Test
  void rowsComeGroupedByIncreasingTimeAndInRowOrderWithinATie() {
    double[] time = {5, 1, 3, 1, -0.0, 5, 0.0, 2.5};
    assertArrayEquals(new int[] {4, 6, 1, 3, 7, 2, 0, 5}, LogRank.byTime(time));
  }

  @Test
  void theTestIsTheSameAsOverAComparatorSortedOrder() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 20_000;
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      time[i] = Math.round(r.nextDouble() * 600) / 10.0;
      event[i] = r.nextDouble() < 0.3;
      group[i] = r.nextInt(3);
    }
    int[] order = LogRank.byTime(time);
    Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    java.util.Arrays.sort(boxed, (a, b) -> Double.compare(time[a], time[b]));
    for (int i = 0; i < n; i++) {
      assertEquals(time[boxed[i]], time[order[i]]);
    }
    LogRankTest t = LogRank.test(time, event, group, List.of("a", "b", "c"));
    assertEquals(2, t.df().getAsInt());
  }
}
