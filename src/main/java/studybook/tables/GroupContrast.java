package studybook.tables;

import java.util.List;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * A 2x2 comparison as a paper states it ("lesions resected as polyps were more frequent in the
 * non-curative group"): patients with a characteristic versus without, in two groups.
 *
 * @param name the contrast's name, e.g. {@code conventional_emr}
 * @param label for people
 * @param groups the two group names, in column order
 * @param with patients with the characteristic, per group
 * @param without patients without it, per group
 * @param percentWith 100 * with / (with + without), per group
 * @param test the test's contract name ({@code chisq}: Pearson, no continuity correction)
 * @param statistic the chi-square statistic
 * @param df degrees of freedom
 * @param p the p-value
 */
public record GroupContrast(String name, String label, List<String> groups, List<Integer> with,
    List<Integer> without, List<Double> percentWith, String test, double statistic,
    int df, double p) {

  public GroupContrast {
    groups = List.copyOf(groups);
    with = List.copyOf(with);
    without = List.copyOf(without);
    percentWith = List.copyOf(percentWith);
  }

  /**
   * Counts the characteristic in the two groups (rows with either flag missing are left out) and
   * tests it with Pearson's chi-square without continuity correction; as chisq.test(correct = FALSE).
   *
   * @param has per row: 1 with, 0 without, -1 missing
   * @param group per row: 0 first group, 1 second, -1 missing
   */
  public static GroupContrast pearson(String name, String label, List<String> groups, int[] has, int[] group) {
    long[][] counts = new long[2][2];
    for (int r = 0; r < has.length; r++) {
      if (has[r] >= 0 && group[r] >= 0) {
        counts[has[r] == 1 ? 0 : 1][group[r]]++;
      }
    }
    return pearson(name, label, groups, counts);
  }

  /** As {@link #pearson(String, String, List, int[], int[])} from the 2x2 counts: {@code counts[with ? 0 : 1][group]}. */
  public static GroupContrast pearson(String name, String label, List<String> groups, long[][] counts) {
    for (int k = 0; k < 2; k++) {
      if (counts[0][k] + counts[1][k] == 0 || counts[k][0] + counts[k][1] == 0) {
        // commons-statistics would throw its own InferenceException; R's chisq.test gives NA with a warning
        throw new studybook.StudybookException("GroupContrast.pearson(\"" + name + "\"): the 2x2 table has an empty "
            + (counts[0][k] + counts[1][k] == 0 ? "group ('" + groups.get(k) + "': no rows with the characteristic "
            + "known)" : k == 0 ? "row (nobody has the characteristic)" : "row (everybody has the characteristic)")
            + ", so the chi-square test is undefined (R's chisq.test gives NA); counts with/without: "
            + groups.get(0) + " " + counts[0][0] + "/" + counts[1][0] + ", " + groups.get(1) + " " + counts[0][1] + "/"
            + counts[1][1] + "; check the condition and the grouping");
      }
    }
    SignificanceResult result = ChiSquareTest.withDefaults().test(counts);
    List<Integer> with = List.of((int) counts[0][0], (int) counts[0][1]);
    List<Integer> without = List.of((int) counts[1][0], (int) counts[1][1]);
    List<Double> pct = List.of(percent(counts[0][0], counts[1][0]), percent(counts[0][1], counts[1][1]));
    return new GroupContrast(name, label, groups, with, without, pct, "chisq", result.getStatistic(), 1,
        result.getPValue());
  }

  /**
   * As {@link #pearson(String, String, List, int[], int[])}, read by name from a frame: the rows where
   * {@code has} is TRUE against those where it is FALSE (NA rows are left out), in the two levels of
   * {@code by}; e.g. {@code pearson("cemr", "Conventional EMR", data, is("er_method", "conventional_emr"), "group")}.
   */
  public static GroupContrast pearson(String name, String label, studybook.data.Frame data,
      studybook.data.Condition has, String by) {
    List<String> groups = data.countBy(by).levels();
    if (groups.size() != 2) {
      throw new studybook.StudybookException("a 2x2 contrast needs a grouping column with two levels; '" + by
          + "' has " + groups.size() + ": " + String.join(", ", groups));
    }
    // The 2x2 counts are the contrast's sufficient statistics: counted by the frame's engine (here or on Spark).
    return pearson(name, label, groups, data.countTruthBy(has, by));
  }

  private static double percent(long a, long b) {
    return a + b == 0 ? Double.NaN : 100.0 * a / (a + b);
  }
}
