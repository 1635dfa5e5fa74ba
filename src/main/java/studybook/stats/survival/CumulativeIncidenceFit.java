package studybook.stats.survival;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Cumulative incidence curves per group and, with two or more groups, Gray's test.
 *
 * @param curves one per group, in group order
 * @param gray Gray's test of equal incidence of the event of interest; empty with one group
 */
public record CumulativeIncidenceFit(List<CumulativeIncidenceCurve> curves, Optional<GrayTest> gray) {

  public CumulativeIncidenceFit {
    curves = List.copyOf(curves);
    Objects.requireNonNull(gray);
  }

  /**
   * Gray's (1988) k-sample test of equal cumulative incidence of one cause; as
   * {@code cmprsk::cuminc(time, status, group)$Tests} (rho = 0). When the variance matrix is singular
   * (e.g. no event of interest at all) cuminc reports -1; here chi-square, df and p are absent and
   * {@code notComputable} says why.
   *
   * @param chisq the statistic s' V^-1 s
   * @param df the groups with patients, less one
   * @param p the upper-tail chi-square probability
   * @param notComputable why the test is absent, or empty
   */
  public record GrayTest(OptionalDouble chisq, OptionalInt df, OptionalDouble p, Optional<String> notComputable) {
    /** The method in one line, for footnotes. */
    public static final String METHOD = "Gray's test; as cmprsk::cuminc(time, status, group)$Tests";

    public GrayTest {
      if (chisq.isPresent() == notComputable.isPresent()) {
        throw new IllegalArgumentException("Gray's test is either computed or says why not");
      }
    }

    public boolean computed() {
      return chisq.isPresent();
    }
  }
}
