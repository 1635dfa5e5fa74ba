package studybook.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MomentsTest {
  /**
   * The rows in any order and their distinct values with counts in any order give the same bits: what makes a
   * Table 1 mean, SD, t or ANOVA on the Spark engine (from distinct values and counts) the local engine's.
   */
  @Test
  void rowsAndDistinctValueCountsGiveTheSameBits() {
    Random r = new Random(26);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + r.nextInt(trial < 150 ? 200 : 20_000);
      int distinct = 1 + r.nextInt(Math.min(n, 400));
      double[] pool = new double[distinct];
      double scale = Math.pow(10, r.nextInt(9) - 3);
      for (int k = 0; k < distinct; k++) {
        pool[k] = r.nextBoolean() ? Math.rint(r.nextGaussian() * 30 + 50) : (r.nextGaussian() + 40) * scale;
      }
      List<Double> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add(pool[r.nextInt(distinct)]);
      }
      TreeMap<Double, Long> counts = new TreeMap<>();
      rows.forEach(v -> counts.merge(v, 1L, Long::sum));
      List<Double> keys = new ArrayList<>(counts.keySet());
      Collections.shuffle(keys, r);
      double[] values = keys.stream().mapToDouble(Double::doubleValue).toArray();
      long[] c = keys.stream().mapToLong(counts::get).toArray();
      Collections.shuffle(rows, r);
      Moments fromRows = Moments.of(rows.stream().mapToDouble(Double::doubleValue).toArray());
      Moments fromCounts = Moments.of(values, c);
      assertEquals(fromRows, fromCounts, "trial " + trial + ", n " + n);
    }
  }

  /** R's mean and sd of the twin's age to the last bit (src/test/r/moments.R). */
  @Test
  void theTwinsAgeIsRsMeanAndSdToTheBit() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("data/rectal_net_twin.csv"));
    int col = List.of(lines.get(0).split(",")).indexOf("age");
    double[] age = lines.stream().skip(1).map(l -> l.split(",", -1)[col]).filter(s -> !s.isEmpty())
        .mapToDouble(Double::parseDouble).toArray();
    Moments m = Moments.of(age);
    assertEquals(322, m.n());
    assertEquals(53.701863354037265, m.mean(), 0.0);
    assertEquals(11.04245261511095, m.sd(), 0.0);
  }

  @Test
  void fewValues() {
    assertEquals(new Moments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN), Moments.of(new double[0]));
    assertEquals(new Moments(1, 3.5, Double.NaN, 3.5, 3.5), Moments.of(new double[] {3.5}));
    assertEquals(new Moments(3, 3.5, 0.0, 3.5, 3.5), Moments.of(new double[] {3.5}, new long[] {3}));
  }
}
