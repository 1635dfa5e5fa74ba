package studybook.stats.survival;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The log-rank test of equal survival across groups, with the observed and expected events per group.
 * When the test cannot be computed (no events, or events in fewer than two groups with patients at
 * risk) chi-square, df and p are absent and {@code notComputable} says why; nothing is NaN.
 *
 * @param groups the group names, in order
 * @param observed the observed events per group
 * @param expected the expected events per group under equal survival
 * @param chisq the chi-square statistic
 * @param df the degrees of freedom: the groups with expected events above 0, less one
 * @param p the upper-tail chi-square probability
 * @param notComputable why the test is absent, or empty when it was computed
 */
public record LogRankTest(
    List<String> groups,
    List<Integer> observed,
    List<Double> expected,
    OptionalDouble chisq,
    OptionalInt df,
    OptionalDouble p,
    Optional<String> notComputable) {

  /** The method in one line, for footnotes. */
  public static final String METHOD = "log-rank test; as survival::survdiff(rho = 0)";

  public LogRankTest {
    groups = List.copyOf(groups);
    observed = List.copyOf(observed);
    expected = List.copyOf(expected);
    Objects.requireNonNull(chisq);
    Objects.requireNonNull(df);
    Objects.requireNonNull(p);
    Objects.requireNonNull(notComputable);
    if (chisq.isPresent() == notComputable.isPresent()) {
      throw new IllegalArgumentException("a log-rank test is either computed or says why not");
    }
  }

  public boolean computed() {
    return chisq.isPresent();
  }

  public String method() {
    return METHOD;
  }
}
